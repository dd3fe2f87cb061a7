"""A bounded pool for the CPU-bound analyses, so the event loop stays free and load is refused
clearly (503 ``busy``) instead of piling up.

The time limit is one clock: the job's deadline is ``timeout_s`` after its worker starts it (the
library's ``Limits.deadline()`` is taken at that moment), and the pool waits that long plus
``grace_s`` for the pipeline to notice the deadline and stop itself (504 ``parse_timeout``, the
worker is free). Only a job still running after the grace is abandoned (504 ``analysis_timeout``,
the worker is still busy).

A slot is taken when a request is admitted and given back only when its worker thread has
really finished: a request whose client was answered with a timeout still holds its slot while
the thread runs on, so a burst of pathological inputs fills the pool and further work is refused
rather than queued without bound.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from coaltext.errors import Busy, ParseTimeout

T = TypeVar("T")

# How long past the deadline the pool waits for the pipeline to stop itself. The pipeline checks
# the deadline between PDF pages and between stages; a page or stage is rarely over a second.
STOP_GRACE_S = 2.0


class AnalysisTimeout(ParseTimeout):
    """The service stopped waiting for an analysis at the time limit (504, like ``parse_timeout``).

    ``parse_timeout`` means the pipeline noticed the deadline and stopped its own work, so the
    worker is free again; ``analysis_timeout`` means the pipeline had not stopped ``grace_s``
    after the deadline, inside a step that does not check it (one long PDF page in pypdf): the
    abandoned work runs on and holds its worker slot until that step ends."""

    code = "analysis_timeout"


class WorkerPool:
    def __init__(self, workers: int, queue: int, timeout_s: float, grace_s: float | None = None) -> None:
        self.workers = workers
        self.capacity = workers + queue
        self.timeout_s = timeout_s
        self.grace_s = STOP_GRACE_S if grace_s is None else grace_s
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="coaltext")
        self._lock = threading.Lock()
        self._admitted = 0

    @property
    def in_flight(self) -> int:
        with self._lock:
            return self._admitted

    def ensure_room(self) -> None:
        """Refuse at once (before an upload is read into memory) when no slot is free."""
        with self._lock:
            if self._admitted >= self.capacity:
                raise self._busy()

    def _busy(self) -> Busy:
        return Busy(
            f"the service is busy ({self._admitted} analyses running or waiting); "
            "retry in a few seconds"
        )

    def _admit(self) -> None:
        with self._lock:
            if self._admitted >= self.capacity:
                raise self._busy()
            self._admitted += 1

    def _release(self, _future: Future | None = None) -> None:
        with self._lock:
            self._admitted -= 1

    async def run(self, fn: Callable[..., T], *args, **kwargs) -> T:
        """Run ``fn`` in a worker thread; 503 ``busy`` if the pool and its queue are full."""
        self._admit()
        loop = asyncio.get_running_loop()
        start_signal = asyncio.Event()
        started: list[float] = []

        def job() -> T:
            started.append(time.monotonic())  # the deadline the job's limits give it counts from here
            loop.call_soon_threadsafe(start_signal.set)
            return fn(*args, **kwargs)

        try:
            future = self._executor.submit(job)
        except RuntimeError:  # executor shut down (service stopping)
            self._release()
            raise Busy("the service is shutting down") from None
        future.add_done_callback(self._release)
        waiting = asyncio.wrap_future(future)
        # An abandoned analysis may still fail later: retrieve its outcome so nothing is logged.
        waiting.add_done_callback(lambda f: f.cancelled() or f.exception())
        try:
            await asyncio.wait_for(start_signal.wait(), timeout=self.timeout_s)
        except TimeoutError:
            if future.cancel():  # never started: nothing will run, the slot is freed now
                raise Busy(f"no worker became free within {self.timeout_s:g} s; retry later") from None
        except asyncio.CancelledError:  # the client went away while queued: drop its job
            future.cancel()
            raise
        # Past the job's deadline, give the pipeline grace_s to stop itself (parse_timeout, worker
        # free) before giving up on it (analysis_timeout, worker busy).
        begun = started[0] if started else time.monotonic()
        wait = max(begun + self.timeout_s + self.grace_s - time.monotonic(), 0)
        try:
            return await asyncio.wait_for(asyncio.shield(waiting), timeout=wait)
        except TimeoutError:
            raise AnalysisTimeout(
                f"the analysis took longer than {self.timeout_s:g} s and did not stop at the limit; "
                "it was abandoned and holds its worker until the step it is in ends"
            ) from None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
