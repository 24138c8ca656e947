"""The facilitator console over the network: every table of one workshop, by its token.

Connects with socket.io auth `{facilitator_token}`; `sync_all` then one
`table_view` per table fill the tiles; each `summary` message fetches again the
views of the tables whose version moved. Threading as in `net.py`.
"""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import socketio

from game.client.sessions.base import FacilitatorSession, TableSummary
from game.client.sessions.net import (
    CONNECT,
    DISCONNECT,
    RETRY_DELAY,
    NetBase,
    down_text,
    error_of,
)
from game.client.texts import PackTexts
from game.engine.actions import Action
from game.engine.view_models import PlayerView
from game.protocol import EventName, SyncAck, SyncAllAck, WorkshopSummary, decode
from game.scenario.bundled import bundled_root


def default_pack_roots() -> tuple[Path, ...]:
    """Where the console looks for the workshop's pack texts by scenario name."""
    return (Path.cwd() / "scenarios", bundled_root())


def pack_texts(scenario: str, summary: WorkshopSummary, roots: Sequence[Path]) -> PackTexts:
    """The pack's texts from a local copy of scenario `scenario`, else what the summary
    tells (role titles, gauge ids): the console then shows ids for cards and events."""
    from game.engine import facilitator_pack
    from game.scenario import PackError, load_pack

    for root in roots:
        folder = root / scenario
        if (folder / "scenario.yaml").is_file():
            try:
                return PackTexts(facilitator_pack(load_pack(folder)))
            except PackError:
                continue
    first = summary.tables[0] if summary.tables else None
    roles = [{"id": s.role, "titre": s.title} for s in (first.seats if first else ())]
    gauges = [{"id": g, "libelle": g} for g in (first.gauges if first else {})]
    return PackTexts({"scenario": {"titre": scenario, "roles": roles, "jauges": gauges}})


class RemoteFacilitatorSession(NetBase, FacilitatorSession):
    """Every table of the workshop that `token` opens, on server `server`."""

    def __init__(
        self,
        server: str,
        token: str,
        *,
        workshop: str | None = None,
        pack_roots: Sequence[Path] | None = None,
        retry_delay: float = RETRY_DELAY,
    ) -> None:
        NetBase.__init__(self, server, retry_delay=retry_delay)
        self.token = token
        self.workshop = workshop
        self.pack_roots = tuple(pack_roots) if pack_roots is not None else default_pack_roots()
        self.texts = PackTexts({})
        self.status = "connexion…"
        #: the server refused the token (or it opens another workshop than `workshop`)
        self.refusal = ""
        self.summary: WorkshopSummary | None = None
        self._pack: dict[str, Any] | None = None  # fetched once, on the network thread
        self._views: dict[str, tuple[int, PlayerView]] = {}
        self._version = 0
        self._cache: tuple[TableSummary, ...] | None = None
        self._net_versions: dict[str, int] = {}
        self._sio.on(CONNECT, self._on_connect)
        self._sio.on(DISCONNECT, self._on_disconnect)
        self._sio.on(EventName.SUMMARY, self._on_summary)

    def start(self) -> RemoteFacilitatorSession:
        """Connect in the background; follow it with `poll()`."""
        self._net.submit(self._connect_loop({"facilitator_token": self.token}))
        return self

    @property
    def ready(self) -> bool:
        """True once every table's view has arrived (the console can open)."""
        s = self.summary
        return s is not None and all(t.table_id in self._views for t in s.tables)

    # --- FacilitatorSession ----------------------------------------------------------------
    @property
    def tables(self) -> tuple[TableSummary, ...]:
        if self._cache is None:
            rows = self.summary.tables if self.summary else ()
            self._cache = tuple(
                TableSummary(t.table_id, t.code, self._views[t.table_id][1], i + 1, t.name)
                for i, t in enumerate(rows)
                if t.table_id in self._views
            )
        return self._cache

    @property
    def version(self) -> int:
        return self._version

    def control(self, table_id: str, action: Action) -> None:
        payload = {
            "table_id": table_id,
            "action": action.model_dump(mode="json"),
            "action_id": uuid.uuid4().hex,
        }
        self._net.submit(self._send(EventName.CONTROL, payload, f"{self._label(table_id)} : ", ""))

    def _label(self, table_id: str) -> str:
        """« Table 2 · K7M2QX » for a table of the workshop (its id when unknown)."""
        rows = self.summary.tables if self.summary else ()
        for i, t in enumerate(rows):
            if t.table_id == table_id:
                return f"Table {i + 1} · {t.code}"
        return table_id

    def notice(self, text: str, table_id: str | None = None) -> None:
        payload = {"table_id": table_id, "text": text[:500]}
        self._net.submit(self._send(EventName.NOTICE, payload, "", "Message envoyé."))

    def poll(self) -> list[str]:
        self._drain()
        out, self._messages = self._messages, []
        return out

    def log_text(self, table_id: str) -> str | None:
        """One table's JSONL log over HTTP (None when the server does not give it)."""
        req = urllib.request.Request(
            f"{self.server}/api/tables/{table_id}/log",
            headers={"Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                text: str = resp.read().decode("utf-8")
                return text
        except (urllib.error.URLError, OSError, ValueError):
            return None

    def pack_data(self, workshop_id: str) -> dict[str, Any] | None:
        """The workshop's full pack (French keys) over HTTP, or None."""
        req = urllib.request.Request(
            f"{self.server}/api/workshops/{workshop_id}/pack",
            headers={"Authorization": f"Bearer {self.token}"},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                data = json.loads(resp.read().decode("utf-8"))
        except (urllib.error.URLError, OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    # --- network thread -----------------------------------------------------------------
    async def _on_connect(self) -> None:
        self._net.spawn(self._refresh_all())

    async def _on_disconnect(self, reason: Any = None) -> None:
        self._post(self._offline)

    async def _refresh_all(self) -> None:
        try:
            ack = await self._call(EventName.SYNC_ALL, {})
        except socketio.exceptions.SocketIOError:
            return
        if not (isinstance(ack, dict) and ack.get("ok")):
            err = error_of(ack)
            self._post(partial(self._say, err.message))
            return
        self._net_versions.clear()
        await self._take_summary(decode(SyncAllAck, ack).summary)

    async def _on_summary(self, data: Any) -> None:
        await self._take_summary(decode(WorkshopSummary, data))

    async def _take_summary(self, summary: WorkshopSummary) -> None:
        if self._pack is None:
            # The server's copy of the pack: the card texts the tables really play.
            self._pack = await asyncio.to_thread(self.pack_data, summary.workshop_id) or {}
        self._post(partial(self._summary, summary, self._pack))
        for t in summary.tables:
            if self._net_versions.get(t.table_id) != t.version:
                self._net_versions[t.table_id] = t.version
                await self._fetch_view(t.table_id)

    async def _fetch_view(self, table_id: str) -> None:
        try:
            ack = await self._call(EventName.TABLE_VIEW, {"table_id": table_id})
        except socketio.exceptions.SocketIOError:
            return
        if isinstance(ack, dict) and ack.get("ok"):
            synced = decode(SyncAck, ack)
            self._post(partial(self._table_view, synced.table_id, synced.version, synced.view))

    async def _send(
        self, event: EventName, payload: dict[str, Any], prefix: str, done: str
    ) -> None:
        if not self._sio.connected:
            self._post(partial(self._say, "Hors connexion : rien n'a été envoyé."))
            return
        try:
            ack = await self._call(event, payload)
        except socketio.exceptions.SocketIOError:
            self._post(partial(self._say, "Le serveur n'a pas répondu à temps."))
            return
        if isinstance(ack, dict) and ack.get("ok"):
            if done:
                self._post(partial(self._say, done))
            return
        err = error_of(ack)
        self._post(partial(self._say, prefix + err.message))

    # --- pygame side ---------------------------------------------------------------------
    def _summary(self, summary: WorkshopSummary, pack: dict[str, Any]) -> None:
        if self.workshop is not None and summary.workshop_id != self.workshop:
            self.refusal = f"Ce jeton ouvre l'atelier {summary.workshop_id}, pas {self.workshop}."
            return
        if not self.texts.data:
            self.texts = (
                PackTexts(pack) if pack else pack_texts(summary.scenario, summary, self.pack_roots)
            )
        self.summary = summary
        self.status = f"connecté · atelier {summary.workshop_id}"
        self.connected, self.retry_at = True, None
        self._changed()

    def _table_view(self, table_id: str, version: int, view: PlayerView) -> None:
        known = self._views.get(table_id)
        if known is None or version >= known[0]:
            self._views[table_id] = (version, view)
            self._changed()

    def _changed(self) -> None:
        self._cache = None
        self._version += 1

    def _offline(self) -> None:
        self.connected = False
        self.status = "reconnexion…"
        self._messages.append("Connexion au serveur perdue — reconnexion en cours…")

    def _refused(self, text: str) -> None:
        self.refusal = text
        self.status = text

    def _down(self, retry_at: float) -> None:
        super()._down(retry_at)
        self.status = down_text(retry_at, time.time())
