"""The bounded worker pool on its own: admission, queue wait, timeouts, errors."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from api.workers import AnalysisTimeout, WorkerPool
from coaltext.errors import Busy, CorruptFile


def _wait_until(predicate, timeout=5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_workers_queued_job_that_never_starts_is_busy_and_frees_its_slot():
    pool = WorkerPool(workers=1, queue=1, timeout_s=0.2, grace_s=0.2)
    gate = threading.Event()

    async def scenario():
        hung = asyncio.ensure_future(pool.run(gate.wait, 10))
        await asyncio.sleep(0.05)
        with pytest.raises(Busy, match="no worker became free"):
            await pool.run(lambda: "never runs")
        assert pool.in_flight == 1  # only the hung job holds a slot
        with pytest.raises(AnalysisTimeout):
            await hung
        assert pool.in_flight == 1  # still running in its thread
        gate.set()

    try:
        asyncio.run(scenario())
        assert _wait_until(lambda: pool.in_flight == 0)
    finally:
        gate.set()
        pool.shutdown()


def test_workers_errors_from_the_job_reach_the_caller_and_release_the_slot():
    pool = WorkerPool(workers=2, queue=0, timeout_s=5)

    def broken():
        raise CorruptFile("x.pdf: a damaged or truncated PDF")

    async def scenario():
        with pytest.raises(CorruptFile):
            await pool.run(broken)
        assert await pool.run(lambda a, b=0: a + b, 2, b=3) == 5

    try:
        asyncio.run(scenario())
        assert _wait_until(lambda: pool.in_flight == 0)
    finally:
        pool.shutdown()


def test_workers_refuse_when_every_slot_is_taken():
    pool = WorkerPool(workers=1, queue=0, timeout_s=5)
    gate = threading.Event()

    async def scenario():
        running = asyncio.ensure_future(pool.run(gate.wait, 10))
        await asyncio.sleep(0.05)
        with pytest.raises(Busy, match="busy"):
            pool.ensure_room()
        with pytest.raises(Busy, match="busy"):
            await pool.run(lambda: None)
        gate.set()
        assert await running is True

    try:
        asyncio.run(scenario())
    finally:
        gate.set()
        pool.shutdown()
