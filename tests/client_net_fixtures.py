"""A real server in a background thread, for tests whose client side is synchronous (pygame).

The remote sessions run their own network thread, and the scenes are driven frame
by frame on the test's thread: the server therefore cannot share the test's event
loop. `ThreadedServer` runs `server_fixtures.start_server` on a loop of its own.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from aiohttp import web
from server_fixtures import PACK_ROOTS, LiveServer, stop_server

from game.client.sessions.net import cancel_tasks
from game.client.sessions.remote import RemoteSession
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.protocol import CreateWorkshopResponse
from server.app import create_app
from server.credentials import reset_admin_token_at
from server.settings import Settings

T = TypeVar("T")
WAIT = 10.0  # seconds: only a safety net so a broken test fails instead of hanging


class ThreadedServer:
    """A live Cap IA server whose loop runs in a daemon thread; it can stop and start again
    on the same port and SQLite file, like a restarted server process."""

    def __init__(self, db: Path, *, port: int = 0) -> None:
        self.db = db
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.live = LiveServer(url="", db=db, admin_token=reset_admin_token_at(db))
        self.run(self._start(port))
        self.url = self.live.url

    async def _start(self, port: int) -> None:
        app = create_app(Settings(db=self.db, scenario_roots=PACK_ROOTS))
        # A short shutdown timeout: connected websockets must not hold a stop for a minute.
        runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.5)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        host, real_port = runner.addresses[0][:2]
        self.live.runner, self.live.url = runner, f"http://{host}:{real_port}"

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        """Run `coro` on the server's loop and return its result."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(WAIT)

    def workshop(self, scenario: str = "mini", tables: int = 1) -> CreateWorkshopResponse:
        """Open a workshop over HTTP."""
        return self.run(self.live.workshop(scenario, tables))

    def stop(self) -> None:
        """Stop the server (the SQLite file stays)."""
        if self.live.runner is not None:
            self.run(stop_server(self.live))
            self.live.runner = None

    def restart(self) -> None:
        """Start the server again on the same port and the same SQLite file."""
        self.run(self._start(int(self.url.rsplit(":", 1)[1])))

    def close(self) -> None:
        self.stop()
        self.run(cancel_tasks())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(WAIT)


@pytest.fixture
def threaded_server(tmp_path: Path) -> Iterator[ThreadedServer]:
    """A real server on a free port, running in its own thread."""
    server = ThreadedServer(tmp_path / "capia.sqlite3")
    try:
        yield server
    finally:
        server.close()


#: the networked sessions a test opens (seats and consoles)
Opened = list[RemoteSession | RemoteFacilitatorSession]


@pytest.fixture
def opened() -> Iterator[Opened]:
    """Sessions a test opens; all closed at the end."""
    sessions: Opened = []
    yield sessions
    for s in sessions:
        s.close()


@pytest.fixture(autouse=True)
def token_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Remembered tokens go to a file of this test only."""
    path = tmp_path / "tokens.json"
    monkeypatch.setenv("CAPIA_TOKEN_FILE", str(path))
    return path


def until(predicate: Callable[[], bool], step: Callable[[], Any] | None = None) -> None:
    """Run `step` (or sleep) until `predicate()` holds; fail after WAIT seconds."""
    deadline = time.monotonic() + WAIT
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached within the safety delay")
        if step is not None:
            step()
        time.sleep(0.005)
