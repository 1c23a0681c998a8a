"""The server's ticker: a background thread that applies each time-driven change when it
falls due on the wall clock, so a client that only polls sees timeouts and delayed fulfillments
on time."""

from __future__ import annotations

import logging
import threading
from typing import Callable, Optional

from ..backend import clock
from ..backend.state import Backend

# The longest the ticker sleeps without looking again (a safety net for a moved wall clock).
MAX_SLEEP = 1.0
_log = logging.getLogger("gl_placement_mock")


class Ticker:
    """A daemon thread that sleeps until the backend's next due time, then advances it."""

    def __init__(
        self, backend: Callable[[], Backend], deliver: Callable[[], None] = lambda: None
    ) -> None:
        self._backend = backend
        self._deliver = deliver
        self._wake = threading.Event()
        self._stopping = False
        self._planned = float("inf")  # when the thread means to wake next
        self._thread: Optional[threading.Thread] = None

    def start(self) -> None:
        self._stopping = False
        self._thread = threading.Thread(
            target=self._loop, name="gl_placement_mock ticker", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def poke(self) -> None:
        """Look again if the backend now has a change due before the planned wake-up (cheap:
        call it after every request)."""
        due = self._backend().next_due()
        if due is not None and due < self._planned:
            self._wake.set()

    def _loop(self) -> None:
        while not self._stopping:
            backend = self._backend()
            due = backend.next_due()
            now = clock.now()
            if due is not None and due <= now:
                try:
                    try:
                        backend.run(_nothing)  # brings time up to date: every change due by now
                    finally:
                        self._deliver()
                except Exception as error:  # a subscriber's: kept for stop(); the ticker goes on
                    _log.error("gl_placement_mock ticker: %s while advancing", type(error).__name__)
                continue
            wait = MAX_SLEEP if due is None else min(MAX_SLEEP, due - now)
            self._planned = now + wait
            self._wake.wait(wait)
            self._wake.clear()
            self._planned = float("inf")


def _nothing() -> None:
    return None
