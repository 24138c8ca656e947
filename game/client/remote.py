"""Networked sessions: one seat (`RemoteSession`) or the facilitator (`RemoteFacilitatorSession`).

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
import uuid
from collections.abc import Callable, Coroutine
from functools import partial
from typing import Any

import socketio
from pydantic import ValidationError

from game.client.session import Session
from game.client.texts import PackTexts
from game.client.tokens import normalise_code, normalise_server
from game.engine.actions import Action
from game.engine.view_models import PlayerView
from game.protocol import (
    ErrorAck,
    ErrorCode,
    ErrorInfo,
    JoinAck,
    NoticeMessage,
    SeatView,
    SyncAck,
    decode,
)

RETRY_DELAY = 3.0  # seconds between two attempts to reach a server that does not answer
CALL_TIMEOUT = 10.0
OFFLINE_REMINDER = 6.0  # seconds between two « connexion perdue » toasts while offline
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


class _Net:
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
        self._sio.on("connect_error", self._on_connect_error)
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

    async def _call(self, event: str, data: Any) -> Any:
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


class RemoteSession(_Net, Session):
    """One seat at a table on a server, joined by the table's code (and the seat's token)."""

    def __init__(
        self,
        server: str,
        code: str,
        *,
        name: str = "",
        seat: str | None = None,
        token: str | None = None,
        retry_delay: float = RETRY_DELAY,
    ) -> None:
        _Net.__init__(self, server, retry_delay=retry_delay)
        self.code = normalise_code(code)
        self.name = name
        self.wanted_seat = seat
        self.token = token
        self.texts = PackTexts({})
        self.status = "connexion…"
        self.table_id: str | None = None
        #: why the server refused to seat us (wrong code, seat taken, bad token...)
        self.refusal: ErrorInfo | None = None
        self.server_version = -1
        self._view: PlayerView | None = None
        self._offline_since: float | None = None
        self._reminded = 0.0
        # network-thread state
        self._net_token = token
        self._seat_view = SeatView()  # the view as patched by `view` messages
        self._joined_once = False
        self._lost = False
        self._pending: dict[str, dict[str, Any]] = {}
        self._sio.on("connect", self._on_connect)
        self._sio.on("disconnect", self._on_disconnect)
        self._sio.on("view", self._on_view)
        self._sio.on("notice", self._on_notice)

    def start(self) -> RemoteSession:
        """Connect and join in the background; follow it with `poll()`."""
        self._net.submit(self._connect_loop())
        return self

    # --- Session ------------------------------------------------------------------------
    @property
    def view(self) -> PlayerView | None:
        return self._view

    @property
    def version(self) -> int:
        return self.server_version

    def send(self, action: Action) -> None:
        payload = action.model_dump(mode="json")
        self._net.submit(self._act(uuid.uuid4().hex, payload))

    def poll(self) -> list[str]:
        self._drain()
        now = time.time()
        if self._offline_since is not None and now - self._reminded >= OFFLINE_REMINDER:
            self._reminded = now
            self._messages.append("Connexion au serveur perdue — reconnexion en cours…")
        out, self._messages = self._messages, []
        return out

    # --- network thread -----------------------------------------------------------------
    async def _on_connect(self) -> None:
        self._net.spawn(self._join())

    async def _join(self) -> None:
        if self._lost:
            return
        req: dict[str, Any] = {"code": self.code, "name": self.name}
        if self._net_token:
            req["token"] = self._net_token
        elif self.wanted_seat:
            req["seat"] = self.wanted_seat
        try:
            ack = await self._call("join", req)
        except socketio.exceptions.SocketIOError:
            if self._sio.connected:  # no answer in time: try again (a drop rejoins by itself)
                await asyncio.sleep(self.retry_delay)
                self._net.spawn(self._join())
            return
        if not (isinstance(ack, dict) and ack.get("ok")):
            err = error_of(ack)
            self._post(partial(self._join_refused, err))
            if not self._joined_once:
                self._give_up = True
                await self._sio.disconnect()
            return
        joined = decode(JoinAck, ack)
        self._joined_once = True
        self._net_token = joined.token
        self._seat_view.reset(joined.version, ack["view"], joined.table_id)
        self._post(partial(self._joined, joined))
        for action_id, payload in list(self._pending.items()):
            await self._act(action_id, payload)

    async def _on_disconnect(self, reason: Any = None) -> None:
        self._post(self._offline)

    async def _on_view(self, data: Any) -> None:
        held = self._seat_view
        taken = held.take(data)
        if taken == "gap":  # a patch of a view we do not hold: ask for the whole view
            self._net.spawn(self._sync())
        if taken != "new" or held.view is None:
            return
        try:
            view = PlayerView.model_validate(held.view)
        except ValidationError:
            held.view, held.version = None, -1
            self._net.spawn(self._sync())
            return
        self._post(partial(self._take_view, held.version, view))

    async def _sync(self) -> None:
        try:
            ack = await self._call("sync", {})
        except socketio.exceptions.SocketIOError:
            return
        if isinstance(ack, dict) and ack.get("ok"):
            synced = decode(SyncAck, ack)
            self._seat_view.reset(synced.version, ack["view"], synced.table_id)
            self._post(partial(self._take_view, synced.version, synced.view))

    async def _on_notice(self, data: Any) -> None:
        msg = decode(NoticeMessage, data)
        if msg.kind == "seat_taken":
            self._lost = True  # do not take it back on the next reconnect: no tug of war
        self._post(partial(self._notice, msg))

    async def _act(self, action_id: str, payload: dict[str, Any]) -> None:
        self._pending[action_id] = payload
        if not self._sio.connected:
            return  # sent again after the rejoin
        try:
            ack = await self._call("act", {"action": payload, "action_id": action_id})
        except socketio.exceptions.SocketIOError:
            return  # kept in _pending: sent again with the same id after the rejoin
        self._pending.pop(action_id, None)
        if not (isinstance(ack, dict) and ack.get("ok")):
            err = error_of(ack)
            self._post(partial(self._say, f"Action refusée : {err.message}"))

    # --- pygame side (run by poll) ---------------------------------------------------------
    def _joined(self, ack: JoinAck) -> None:
        if not self.texts.data:
            self.texts = PackTexts(ack.pack)
        if self._offline_since is not None:
            self._messages.append("Reconnecté·e : la table est à jour.")
        self.token, self.seat, self.table_id = ack.token, ack.seat, ack.table_id
        self.seats = (ack.seat,)
        self.status = "connecté"
        self.retry_at = None
        self.connected = True
        self._offline_since = None
        self._take_view(ack.version, ack.view)

    def _join_refused(self, err: ErrorInfo) -> None:
        self.refusal = err
        self.status = err.message
        self._messages.append(err.message)

    def _offline(self) -> None:
        self.connected = False
        if self._view is not None and not self._lost:
            self.status = "reconnexion…"
            self._offline_since = self._reminded = time.time()
            self._messages.append("Connexion au serveur perdue — reconnexion en cours…")

    def _take_view(self, version: int, view: PlayerView) -> None:
        if version >= self.server_version:
            self.server_version, self._view = version, view
            self.texts.reveal(view)

    def _notice(self, msg: NoticeMessage) -> None:
        if msg.kind == "seat_taken":
            self.status = "place reprise ailleurs"
        self._messages.append(msg.text)

    def _down(self, retry_at: float) -> None:
        super()._down(retry_at)
        self.status = down_text(retry_at, time.time())
