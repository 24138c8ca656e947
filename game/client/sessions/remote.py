"""One seat at a table on a server (`RemoteSession`); threading as in `net.py`."""

from __future__ import annotations

import asyncio
import time
import uuid
from functools import partial
from typing import Any

import socketio
from pydantic import ValidationError

from game.client.sessions.base import Session
from game.client.sessions.net import (
    CONNECT,
    DISCONNECT,
    OFFLINE_REMINDER,
    RETRY_DELAY,
    NetBase,
    down_text,
    error_of,
)
from game.client.sessions.packs import fetch_pack
from game.client.texts import PackTexts
from game.client.tokens import normalise_code
from game.engine.actions import Action
from game.engine.view_models import PlayerView
from game.protocol import ErrorInfo, EventName, JoinAck, NoticeMessage, SeatView, SyncAck, decode

PACK_UNAVAILABLE = (
    "Les textes du scénario n'ont pas pu être chargés : rejoignez la table à nouveau."
)


class RemoteSession(NetBase, Session):
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
        NetBase.__init__(self, server, retry_delay=retry_delay)
        Session.__init__(self)
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
        self._sio.on(CONNECT, self._on_connect)
        self._sio.on(DISCONNECT, self._on_disconnect)
        self._sio.on(EventName.VIEW, self._on_view)
        self._sio.on(EventName.NOTICE, self._on_notice)

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
        if not self.connected or self.seat_lost:
            # Said at once, not kept to be sent later without anyone knowing.
            why = (
                "votre place est ouverte sur un autre écran" if self.seat_lost else "hors connexion"
            )
            self._messages.append(f"Action non envoyée : {why}.")
            return
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
            ack = await self._call(EventName.JOIN, req)
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
        try:
            pack = await fetch_pack(self.server, joined.pack_url, joined.pack_hash)
        except (OSError, ValueError):  # the table is joined: its view shows ids
            self._post(partial(self._say, PACK_UNAVAILABLE))
            pack = {}
        self._post(partial(self._joined, joined, pack))
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
            ack = await self._call(EventName.SYNC, {})
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
            ack = await self._call(EventName.ACT, {"action": payload, "action_id": action_id})
        except socketio.exceptions.SocketIOError:
            return  # kept in _pending: sent again with the same id after the rejoin
        self._pending.pop(action_id, None)
        if not (isinstance(ack, dict) and ack.get("ok")):
            err = error_of(ack)
            self._post(partial(self._say, f"Action refusée : {err.message}"))

    # --- pygame side (run by poll) ---------------------------------------------------------
    def _joined(self, ack: JoinAck, pack: dict[str, Any]) -> None:
        if not self.texts.data:
            self.texts = PackTexts(pack)
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
            self.seat_lost = True
        else:
            self.notices.append(msg.text)  # a banner until read, then in the feed

    def take_back(self) -> None:
        """Join again with this seat's token: the other window loses it (it is told so)."""
        if not self.seat_lost:
            return
        self.seat_lost = False
        self.status = "reprise de la place…"
        self._net.submit(self._take_back())

    async def _take_back(self) -> None:
        self._lost = False
        await self._join()

    def _down(self, retry_at: float) -> None:
        super()._down(retry_at)
        self.status = down_text(retry_at, time.time())
