"""HTTP downloads of what the collectivité takes home, for the facilitator console:

- `GET /api/workshops/{id}/report.odt|.docx` — the roadmap, a title page then a page per
  table; `…/report.csv` — every vote and its justification (French Excel);
- `GET /api/tables/{id}/report.odt|.docx|.csv` — the same for one table.

Each needs the workshop's facilitator token (`Authorization: Bearer …`), like the other
facilitator routes. Files are attachments named after the collectivité and the day the
workshop opened: an ASCII `filename` for old clients and the exact name in `filename*`.
"""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata
from urllib.parse import quote

from aiohttp import web

from game.protocol import ErrorCode
from game.report import build_export
from game.report.exports import EXPORTS
from server.auth import bearer_token
from server.errors import error_ack
from server.hub import Hub
from server.keys import HUB_KEY
from server.tables import TableHost

FORMAT = "{fmt:odt|docx|csv}"
_DASHES = str.maketrans({"—": "-", "–": "-", "’": "'", "\u202f": " ", "\u00a0": " "})
#: What each download is called, before « — collectivité — date ».
KINDS = {"odt": "Feuille de route", "docx": "Feuille de route", "csv": "Votes"}


def _denied() -> web.Response:
    message = "Jeton d'animation manquant ou sans droit sur cette ressource."
    return web.json_response(error_ack(ErrorCode.FORBIDDEN, message), status=403)


def _facilitator_workshop(request: web.Request) -> str | None:
    """The workshop id the request's Bearer facilitator token opens, or None."""
    token = bearer_token(request.headers.get("Authorization"))
    workshop = request.app[HUB_KEY].workshop_of_token(token) if token else None
    return workshop.id if workshop else None


def ascii_filename(name: str) -> str:
    """`name` with accents dropped, dashes made `-`, and anything but letters, digits,
    spaces and `.` `-` `_` `'` `(` `)` turned into `-`: safe inside `filename="…"`."""
    plain = unicodedata.normalize("NFKD", name.translate(_DASHES))
    plain = plain.encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9._ '()-]+", "-", plain)
    plain = re.sub(r"-{2,}", "-", re.sub(r" {2,}", " ", plain))
    return plain.strip(" -") or "capia"


def content_disposition(name: str) -> str:
    """`attachment` with both an ASCII `filename` and the UTF-8 `filename*` (RFC 6266)."""
    return f"attachment; filename=\"{ascii_filename(name)}\"; filename*=UTF-8''{quote(name)}"


def _filename(fmt: str, hosts: list[TableHost], opened: float, table: str = "") -> str:
    """« Feuille de route — Ville de Vaubrézy — 14-11-2023[ — Table K7MPQX].odt »."""
    parts = [KINDS[fmt]]
    if hosts:
        parts.append(hosts[0].state.catalog.pack.scenario.collectivite.name)
    parts.append(time.strftime("%d-%m-%Y", time.localtime(opened)))
    if table:
        parts.append(table)
    return " — ".join(parts) + "." + EXPORTS[fmt][0]


def table_name(hub: Hub, host: TableHost) -> str:
    """How the files name a table: its given name, else « Table CODE », as the debrief does."""
    return hub.table_label(host.id, host.code)


async def _download(fmt: str, hub: Hub, hosts: list[TableHost], name: str) -> web.Response:
    logs = [h.log.to_jsonl() for h in hosts]
    names = [table_name(hub, h) for h in hosts]
    # Replaying the logs and zipping the document is CPU work: keep it off the event loop.
    body = await asyncio.to_thread(build_export, logs, fmt, names=names)
    headers = {
        "Content-Type": EXPORTS[fmt][1],
        "Content-Disposition": content_disposition(name),
        "Cache-Control": "no-store",
    }
    return web.Response(body=body, headers=headers)


def _hosts(hub: Hub, workshop_id: str) -> list[TableHost]:
    return [h for h in (hub.host(t) for t in hub.table_ids(workshop_id)) if h is not None]


async def workshop_export(request: web.Request) -> web.Response:
    """`GET /api/workshops/{id}/report.{odt,docx,csv}` (Bearer facilitator token)."""
    workshop_id = request.match_info["workshop_id"]
    if _facilitator_workshop(request) != workshop_id:
        return _denied()
    hub = request.app[HUB_KEY]
    workshop = hub.workshop(workshop_id)
    assert workshop is not None  # its token opened it
    fmt = request.match_info["fmt"]
    hosts = _hosts(hub, workshop_id)
    return await _download(fmt, hub, hosts, _filename(fmt, hosts, workshop.created))


async def table_export(request: web.Request) -> web.Response:
    """`GET /api/tables/{id}/report.{odt,docx,csv}` (Bearer facilitator token)."""
    hub = request.app[HUB_KEY]
    host = hub.host(request.match_info["table_id"])
    workshop_id = _facilitator_workshop(request)
    if host is None or workshop_id is None or host.workshop_id != workshop_id:
        return _denied()
    workshop = hub.workshop(workshop_id)
    opened = workshop.created if workshop else time.time()
    fmt = request.match_info["fmt"]
    name = _filename(fmt, [host], opened, table=table_name(hub, host))
    return await _download(fmt, hub, [host], name)


def add_export_routes(app: web.Application) -> None:
    """Register the download routes on `app`."""
    app.router.add_get(f"/api/workshops/{{workshop_id}}/report.{FORMAT}", workshop_export)
    app.router.add_get(f"/api/tables/{{table_id}}/report.{FORMAT}", table_export)
