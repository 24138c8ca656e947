"""Slow work (HTTP, building a document) off the pygame thread: `Jobs.run(work, done)`
runs `work()` on a daemon worker thread; `poll()`, called each frame, hands its result
(or the French message of its failure) to `done` on the pygame thread."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from game.workshop_client import WorkshopApiError


class JobError(Exception):
    """A job's failure with a French `message` for the screen."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Done = Callable[[Any, str], None]  # (result or None, French error or "")


def failure_text(exc: BaseException) -> str:
    """What to tell the facilitator about `exc`."""
    if isinstance(exc, JobError | WorkshopApiError):
        return exc.message
    return f"Échec inattendu : {exc}"


class Jobs:
    """One worker thread per job (few, seconds each); results come back through `poll()`."""

    def __init__(self) -> None:
        self._done: queue.Queue[tuple[str, Done, Any, str]] = queue.Queue()
        self.running: set[str] = set()

    def run(self, key: str, work: Callable[[], Any], done: Done) -> bool:
        """Start `work` unless a job of the same `key` is still running (False then)."""
        if key in self.running:
            return False
        self.running.add(key)

        def body() -> None:
            try:
                result, error = work(), ""
            except Exception as exc:  # every failure is shown, none kills the UI
                result, error = None, failure_text(exc)
            self._done.put((key, done, result, error))

        threading.Thread(target=body, name=f"capia-job-{key}", daemon=True).start()
        return True

    def poll(self) -> int:
        """Hand every finished job's result to its `done`; return how many finished."""
        n = 0
        while True:
            try:
                key, done, result, error = self._done.get_nowait()
            except queue.Empty:
                return n
            self.running.discard(key)
            done(result, error)
            n += 1

    @property
    def busy(self) -> bool:
        return bool(self.running)
