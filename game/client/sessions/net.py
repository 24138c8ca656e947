"""What both networked sessions share: the socket.io client in a thread of its own.

The socket.io client runs in a daemon thread with its own asyncio loop (`NetLoop`).
That thread never touches pygame nor the scene-facing attributes: it posts
closures to an inbox that `poll()` runs on the pygame thread, once per frame.

python-socketio has no connection-state recovery: after a drop, the `connect`
handler joins again with the seat's token; the join ack carries the current
view and version, which is the resync. A `view` whose version skips one calls
`sync`. Actions keep their `action_id` until acknowledged and are sent again
after a rejoin (the server applies an id once).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import queue
import threading
import time
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

import socketio

from game.client.tokens import normalise_server
from game.protocol import ErrorAck, ErrorCode, ErrorInfo, EventName, decode

RETRY_DELAY = 3.0  # seconds between two attempts to reach a server that does not answer
CALL_TIMEOUT = 10.0
OFFLINE_REMINDER = 6.0  # seconds between two « connexion perdue » toasts while offline
#: socket.io's own events (not part of the Cap IA protocol of `EventName`)
CONNECT, DISCONNECT, CONNECT_ERROR = "connect", "disconnect", "connect_error"
DOWN_TEXT = "Le serveur ne répond pas — nouvel essai dans {n} s…"


def down_text(retry_at: float, now: float) -> str:
    """« Le serveur ne répond pas — nouvel essai dans 3 s… » counting down to `retry_at`."""
    return DOWN_TEXT.format(n=max(1, round(retry_at - now)))


class NetLoop:
    """An asyncio loop in a daemon thread; coroutines are submitted from the pygame thread."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="capia-net", daemon=True)
        self.thread.start()
        self.tasks: set[asyncio.Task[Any]] = set()

    def submit(self, coro: Coroutine[Any, Any, Any]) -> concurrent.futures.Future[Any]:
        """Run `coro` on the loop (thread-safe)."""
        return asyncio.run_coroutine_threadsafe(coro, self.loop)

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> None:
        """Start `coro` as a task from inside the loop, keeping a reference until it ends."""
        task = self.loop.create_task(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    def stop(self, last: Coroutine[Any, Any, Any] | None = None, timeout: float = 3.0) -> None:
        """Run `last` (e.g. a disconnect), then stop the loop and its thread."""
        if last is not None:
            with contextlib.suppress(Exception):  # closing: nothing left to tell anyone
                self.submit(last).result(timeout)
        with contextlib.suppress(Exception):
            self.submit(cancel_tasks()).result(timeout)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout)
        if not self.thread.is_alive():
            self.loop.close()


async def cancel_tasks() -> None:
    """Cancel every other task of the running loop and wait for them to end."""
    current = asyncio.current_task()
    tasks = [t for t in asyncio.all_tasks() if t is not current]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def error_of(ack: Any) -> ErrorInfo:
    """The error of a refused ack (a generic French one when the ack is not understood)."""
    try:
        return decode(ErrorAck, ack).error
    except ValueError:
        return ErrorInfo(code=ErrorCode.INTERNAL, message="Réponse du serveur incompréhensible.")


class NetBase:
    """What both sessions share: the loop, the client, the inbox of closures for `poll()`."""

    def __init__(self, server: str, *, retry_delay: float) -> None:
        self.server = normalise_server(server)
        self.retry_delay = retry_delay
        #: when the next attempt to reach the server happens (None: not waiting)
        self.retry_at: float | None = None
        self.connected = False
        self._inbox: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._messages: list[str] = []
        self._net = NetLoop()
        self._sio = socketio.AsyncClient(
            reconnection=True, reconnection_delay=1, reconnection_delay_max=RETRY_DELAY
        )
        self._closing = False
        self._give_up = False  # stop trying to connect (refused, or closing)
        self._refused_connect = ""

    def _post(self, fn: Callable[[], None]) -> None:
        self._inbox.put(fn)

    def _drain(self) -> None:
        while True:
            try:
                fn = self._inbox.get_nowait()
            except queue.Empty:
                return
            fn()

    async def _connect_loop(self, auth: dict[str, str] | None = None) -> None:
        """Connect, retrying every `retry_delay` while the server does not answer."""
        self._sio.on(CONNECT_ERROR, self._on_connect_error)
        while not (self._closing or self._give_up):
            self._refused_connect = ""
            try:
                await self._sio.connect(
                    self.server, auth=auth, transports=["websocket"], wait_timeout=5
                )
                return
            except (socketio.exceptions.ConnectionError, ValueError):
                if self._refused_connect:
                    text = self._refused_connect
                    self._post(partial(self._refused, text))
                    return
            retry_at = time.time() + self.retry_delay
            self._post(partial(self._down, retry_at))
            await asyncio.sleep(self.retry_delay)

    async def _on_connect_error(self, data: Any) -> None:
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            self._refused_connect = data["message"]  # the server refused us (not: did not answer)

    async def _call(self, event: EventName, data: Any) -> Any:
        return await self._sio.call(event, data, timeout=CALL_TIMEOUT)

    # --- pygame side -----------------------------------------------------------------
    def _say(self, text: str) -> None:
        self._messages.append(text)

    def _down(self, retry_at: float) -> None:
        self.retry_at = retry_at

    def _refused(self, text: str) -> None:
        self._messages.append(text)

    def close(self) -> None:
        """Disconnect and stop the network thread (idempotent)."""
        if self._closing:
            return
        self._closing = True
        self._net.stop(self._sio.shutdown())
