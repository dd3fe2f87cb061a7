"""The time limit told one way: the pipeline stops itself at the deadline (504 parse_timeout, the
worker is free); only work that has not stopped a grace period later is abandoned (504
analysis_timeout, the worker stays busy). Messages quote the service's limit, never the remainder
a read was cut to."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

from api.workers import AnalysisTimeout, WorkerPool
from api_fakes import FakeLibrary, make_client, pdf_bytes
from coaltext import pipeline
from coaltext.errors import ParseTimeout
from coaltext.ingest import Limits


def _cooperative(timeout_s: float, step_s: float):
    """A job that behaves as the pipeline does: its deadline is taken when it starts, and it
    notices the deadline only at its next page or stage boundary (every ``step_s``)."""

    def job() -> str:
        deadline = time.monotonic() + timeout_s
        while True:
            time.sleep(step_s)
            if time.monotonic() > deadline:
                raise ParseTimeout("reading the PDF took longer than the limit (stopped at page 3 of 9)")

    return job


def test_timeouts_pool_waits_a_grace_for_the_pipeline_to_stop_itself():
    # The job notices its deadline only 0.1-0.2 s after it passes, as the pipeline does at a page
    # boundary: the pool must not have answered analysis_timeout before that.
    pool = WorkerPool(workers=1, queue=0, timeout_s=0.3, grace_s=1.0)

    async def scenario():
        with pytest.raises(ParseTimeout) as caught:
            await pool.run(_cooperative(0.3, 0.2))
        assert not isinstance(caught.value, AnalysisTimeout)
        assert pool.in_flight == 0  # the worker is free at once

    try:
        asyncio.run(scenario())
    finally:
        pool.shutdown()


def test_timeouts_pool_abandons_work_that_does_not_stop_within_the_grace():
    pool = WorkerPool(workers=1, queue=0, timeout_s=0.3, grace_s=0.4)
    gate = threading.Event()  # one long PDF page: no deadline check until it ends

    async def scenario():
        t0 = time.monotonic()
        with pytest.raises(AnalysisTimeout, match="holds its worker"):
            await pool.run(gate.wait, 10)
        assert time.monotonic() - t0 >= 0.3 + 0.4 - 0.05  # the limit and the grace both passed
        assert pool.in_flight == 1  # still busy
        gate.set()

    try:
        asyncio.run(scenario())
        deadline = time.monotonic() + 5
        while pool.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pool.in_flight == 0
    finally:
        gate.set()
        pool.shutdown()


class _StopsItself(FakeLibrary):
    """Stops at the deadline its limits give it, a page boundary at a time."""

    def minutes(self, data, *, name, limits):
        if name == "slow.txt":
            _cooperative(limits.timeout_s, 0.2)()  # notices at 0.4 s, past the 0.3 s limit
        return super().minutes(data, name=name, limits=limits)


def test_timeouts_http_parse_timeout_means_the_worker_is_free(monkeypatch):
    monkeypatch.setattr("api.workers.STOP_GRACE_S", 1.0, raising=False)
    with make_client(_StopsItself(), timeout_s=0.3, workers=1, queue=0) as c:
        r = c.post("/v1/minutes", files={"file": ("slow.txt", b"Decision: go.")})
        assert r.status_code == 504, r.text
        err = r.json()["error"]
        assert err["code"] == "parse_timeout" and "0.3 s (COALTEXT_TIMEOUT_S)" in err["message"]
        # the only worker is free: the next request is served, not refused as busy
        assert c.post("/v1/minutes", files={"file": ("next.txt", b"Decision: go.")}).status_code == 200


def test_timeouts_read_quotes_the_callers_limit_not_the_time_left():
    # Four pages and a deadline 0.1 ms away: the reader is given the remainder and stops at a page
    # boundary (or the pipeline stops before it starts); either way the message says 60 s.
    data = pdf_bytes([f"{i}. Clause {i}. The parties agree to cooperate." for i in range(1, 5)])
    with pytest.raises(ParseTimeout) as caught:
        pipeline.read(data, name="long.pdf", limits=Limits(timeout_s=60), deadline=time.monotonic() + 1e-4)
    message = caught.value.message
    assert "60 s" in message, message
    assert "0.001" not in message and "0.0001" not in message and "e-0" not in message


def test_timeouts_read_with_a_cut_limit_keeps_the_readers_detail(monkeypatch):
    def slow_reader(source, *, name, media_type, limits):
        raise ParseTimeout(f"{name}: reading the PDF took longer than {limits.timeout_s:g} s (stopped at page 7 of 9)")

    monkeypatch.setattr(pipeline, "_read", slow_reader)
    with pytest.raises(ParseTimeout) as caught:
        pipeline.read(b"%PDF", name="a.pdf", limits=Limits(timeout_s=60), deadline=time.monotonic() + 0.5)
    assert caught.value.message == "a.pdf: reading the PDF took longer than 60 s (stopped at page 7 of 9)"
    with pytest.raises(ParseTimeout) as caught:
        pipeline.read(b"%PDF", name="a.pdf", deadline=time.monotonic() + 0.5)
    assert "longer than the deadline allowed (stopped at page 7 of 9)" in caught.value.message


def test_timeouts_align_does_not_read_the_draft_past_the_deadline(monkeypatch):
    read_names = []
    real_read = pipeline._read

    def slow_first_read(source, *, name, media_type, limits):
        read_names.append(name)
        doc = real_read(source, name=name, media_type=media_type, limits=limits)
        time.sleep(0.1)  # the minutes take all the time there was
        return doc

    monkeypatch.setattr(pipeline, "_read", slow_first_read)
    with pytest.raises(ParseTimeout, match="reading of draft.txt ran past the time limit of 0.05 s"):
        pipeline.align(
            b"Decision: share the lab results.\n",
            name="minutes.txt",
            agreement=b"1. Term. Two years.\n",
            agreement_name="draft.txt",
            limits=Limits(timeout_s=0.05),
            deadline=time.monotonic() + 0.05,
        )
    assert read_names == ["minutes.txt"]
