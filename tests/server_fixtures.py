"""A real Cap IA server on 127.0.0.1 (free port, SQLite file in tmp_path) and real clients.

Import what you need in a test module: `from server_fixtures import live_server, ...`.
Nothing here mocks the server: `Player` and `Facilitator` are real
`socketio.AsyncClient`s over websocket; HTTP goes through aiohttp.
"""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import socketio
from aiohttp import web

from game.protocol import (
    CreateWorkshopResponse,
    NoticeMessage,
    SeatView,
    ViewMessage,
    WorkshopSummary,
    decode,
    view_message_seat,
)
from server.app import create_app
from server.credentials import reset_admin_token_at
from server.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
PACK_ROOTS = (ROOT / "tests" / "packs", ROOT / "scenarios")
WAIT = 10.0  # seconds: only a safety net so a broken test fails instead of hanging


@dataclass
class LiveServer:
    """A running server and helpers to talk to it."""

    url: str
    db: Path
    runner: web.AppRunner | None = None
    admin_token: str | None = None  # opens workshops (POST /api/workshops)
    clients: list[socketio.AsyncClient] = field(default_factory=list)

    async def http(
        self, method: str, path: str, *, token: str | None = None, body: Any = None
    ) -> tuple[int, Any]:
        """(status, parsed JSON or text) of one HTTP request."""
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        async with (
            aiohttp.ClientSession() as s,
            s.request(method, self.url + path, json=body, headers=headers) as r,
        ):
            text = await r.text()
            try:
                return r.status, json.loads(text)
            except ValueError:
                return r.status, text

    async def workshop(
        self, scenario: str = "mini", tables: int = 1, seed: int = 7
    ) -> CreateWorkshopResponse:
        """Open a workshop over HTTP."""
        body = {"scenario": scenario, "tables": tables, "seed": seed}
        status, body = await self.http("POST", "/api/workshops", token=self.admin_token, body=body)
        assert status == 201, body
        return CreateWorkshopResponse.model_validate(body)

    async def player(self) -> Player:
        """A connected player client (not yet seated)."""
        p = Player(socketio.AsyncClient(reconnection=False))
        await p.connect(self.url)
        self.clients.append(p.sio)
        return p

    async def facilitator(self, token: str) -> Facilitator:
        """A connected facilitator client."""
        f = Facilitator(socketio.AsyncClient(reconnection=False))
        await f.connect(self.url, token)
        self.clients.append(f.sio)
        return f

    async def close_clients(self) -> None:
        """Disconnect every client this server handed out."""
        for c in self.clients:
            if c.connected:
                await c.disconnect()
        self.clients.clear()


class _Client:
    def __init__(self, sio: socketio.AsyncClient) -> None:
        self.sio = sio
        self.raw: list[str] = []  # every message and ack received, as JSON text
        self.received: list[Any] = []  # the same, as decoded by socket.io
        self.notices: list[NoticeMessage] = []
        self._changed = asyncio.Condition()
        sio.on("notice", self._on_notice)

    def _record(self, data: Any) -> None:
        self.received.append(data)
        self.raw.append(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False))

    async def _on_notice(self, data: Any) -> None:
        self._record(data)
        self.notices.append(decode(NoticeMessage, data))
        await self._notify()

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def wait_for(self, predicate: Any) -> None:
        """Wait until `predicate()` holds (fails after WAIT seconds)."""

        async def _wait() -> None:
            async with self._changed:
                await self._changed.wait_for(predicate)

        await asyncio.wait_for(_wait(), WAIT)

    async def call(self, event: str, data: Any = None) -> dict[str, Any]:
        """Send `event` with `data`, return its ack."""
        args = () if data is None else (data,)
        ack = await self.sio.call(event, *args, timeout=WAIT)
        self._record(ack)
        assert isinstance(ack, dict), ack
        return ack


class Player(_Client):
    """A player: joins a seat, keeps its latest view per seat."""

    def __init__(self, sio: socketio.AsyncClient) -> None:
        super().__init__(sio)
        self.views: dict[str, ViewMessage] = {}
        self.held: dict[str, SeatView] = {}  # seat → its view as patched by `view` messages
        self.gaps = 0  # patches that did not apply to the view held
        self.token: str | None = None
        self.seat: str | None = None
        sio.on("view", self._on_view)

    async def connect(self, url: str) -> None:
        await self.sio.connect(url, transports=["websocket"], wait_timeout=WAIT)

    async def _on_view(self, data: Any) -> None:
        # A seat's views come whole or as patches of the last one (SeatView applies them);
        # every view held is validated, so a patch that breaks a view fails the test.
        self._record(data)
        msg, seat = view_message_seat(data)
        seat = seat or ""
        held = self.held.setdefault(seat, SeatView())
        taken = held.take_message(msg) if msg else "gap"
        self.gaps += taken == "gap"
        if taken == "new" and held.view is not None:
            table = held.table_id or ""
            self.views[seat] = ViewMessage(table_id=table, version=held.version, view=held.view)
        await self._notify()

    async def join(
        self, code: str, name: str = "", seat: str | None = None, token: str | None = None
    ) -> dict[str, Any]:
        """Join a table; on success remember the seat, token and view."""
        data: dict[str, Any] = {"code": code, "name": name}
        if seat is not None:
            data["seat"] = seat
        if token is not None:
            data["token"] = token
        ack = await self.call("join", data)
        if ack["ok"]:
            self.token, self.seat = ack["token"], ack["seat"]
            msg = ViewMessage(table_id=ack["table_id"], version=ack["version"], view=ack["view"])
            held = self.held.setdefault(ack["seat"], SeatView())
            if held.reset(msg.version, ack["view"], ack["table_id"]):
                self.views[ack["seat"]] = msg
        return ack

    async def act(self, action: Any, action_id: str | None = None) -> dict[str, Any]:
        """Send one action (a model or a dict) with a fresh or given action id."""
        payload = action.model_dump(mode="json") if hasattr(action, "model_dump") else action
        return await self.call("act", {"action": payload, "action_id": action_id or _uid()})

    @property
    def view(self) -> ViewMessage:
        """The latest view of this player's seat."""
        assert self.seat is not None
        return self.views[self.seat]

    async def wait_version(self, version: int) -> None:
        """Wait until this player's seat view is at least `version`."""
        await self.wait_for(lambda: self.seat in self.views and self.view.version >= version)

    def random_action(self, rng: random.Random) -> Any | None:
        """A random element of the legal actions in the latest view, or None."""
        actions = self.view.view.legal_actions
        return rng.choice(actions) if actions else None


class Facilitator(_Client):
    """A facilitator: keeps the latest workshop summary."""

    def __init__(self, sio: socketio.AsyncClient) -> None:
        super().__init__(sio)
        self.summary: WorkshopSummary | None = None
        sio.on("summary", self._on_summary)

    async def connect(self, url: str, token: str) -> None:
        await self.sio.connect(
            url, transports=["websocket"], auth={"facilitator_token": token}, wait_timeout=WAIT
        )

    async def _on_summary(self, data: Any) -> None:
        self._record(data)
        self.summary = decode(WorkshopSummary, data)
        await self._notify()

    async def control(self, table_id: str, action: dict[str, Any]) -> dict[str, Any]:
        """Send a facilitator action to a table."""
        return await self.call(
            "control", {"table_id": table_id, "action": action, "action_id": _uid()}
        )


def _uid() -> str:
    return uuid.uuid4().hex


async def start_server(db: Path, *, admin: bool = True, **settings: Any) -> LiveServer:
    """Start the app on 127.0.0.1 on a free port, storing in `db` (other `Settings` as given),
    with a known admin token unless `admin` is False (the server then makes its own)."""
    token = reset_admin_token_at(db) if admin else None
    app = create_app(Settings(db=db, scenario_roots=PACK_ROOTS, **settings))
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    return LiveServer(url=f"http://{host}:{port}", db=db, runner=runner, admin_token=token)


async def stop_server(server: LiveServer) -> None:
    """Disconnect its clients and stop the app (closing the store)."""
    await server.close_clients()
    if server.runner is not None:
        await server.runner.cleanup()


@pytest.fixture
async def live_server(tmp_path: Path) -> AsyncIterator[LiveServer]:
    """A real server on a free port with a fresh SQLite file."""
    server = await start_server(tmp_path / "capia.sqlite3")
    try:
        yield server
    finally:
        await stop_server(server)


async def seated_table(
    server: LiveServer, roles: tuple[str, ...] = ("dgs", "dpo", "elu", "drh")
) -> tuple[CreateWorkshopResponse, list[Player]]:
    """A one-table mini workshop with one connected player per role, in role order."""
    ws = await server.workshop()
    players = []
    for role in roles:
        p = await server.player()
        ack = await p.join(ws.tables[0].code, name=f"Joueur {role}", seat=role)
        assert ack["ok"], ack
        players.append(p)
    version = max(p.view.version for p in players)
    for p in players:
        await p.wait_version(version)
    return ws, players
