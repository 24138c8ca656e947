"""HTTP routes of a workshop's day: list and close workshops, join links and their QR
codes, and the debrief in a browser through a signed, expiring link.

The models are in game/workshop_api.py (the console and `capia workshop` read them).
"""

from __future__ import annotations

import asyncio
import html
import time

from aiohttp import web

from game.join_qr import join_qr_png, join_qr_svg, join_url
from game.protocol import ErrorCode
from game.report import build_report_html
from game.workshop_api import (
    CloseAck,
    DebriefLink,
    DebriefLinkRequest,
    ListedTable,
    ListedWorkshop,
    TableAccess,
    WorkshopAccess,
    WorkshopList,
)
from server.credentials import check_debrief_key, debrief_key, new_grant
from server.keys import BASE_URLS_KEY, SETTINGS_KEY
from server.lan import is_loopback
from server.routes import (
    _DENIED,
    _BadBody,
    _body,
    _error,
    _facilitator_workshop,
    _html,
    _hub,
    _ok,
    is_admin,
)


def base_urls(request: web.Request) -> list[str]:
    """The base URLs players open: the public URL, else those `capia serve` found, else the
    address this request came to."""
    settings = request.app[SETTINGS_KEY]
    if settings.public_url:
        return [settings.public_url]
    found = request.app.get(BASE_URLS_KEY)
    return list(found) if found else [f"{request.scheme}://{request.host}"]


def _may_run(request: web.Request, workshop_id: str) -> web.Response | None:
    """None when the request may run this workshop (its facilitator token or the admin
    token), else the refusal to send."""
    if _facilitator_workshop(request) == workshop_id:
        return None
    if not is_admin(request):
        return _error(*_DENIED)
    if _hub(request).workshop(workshop_id) is None:
        return _error(404, ErrorCode.UNKNOWN_WORKSHOP, "Aucun atelier ne porte cet identifiant.")
    return None


async def list_workshops(request: web.Request) -> web.Response:
    """`GET /api/workshops` → WorkshopList: the open workshops and their codes; with the
    admin token also the closed ones and each facilitator token."""
    hub = _hub(request)
    admin = is_admin(request)
    base = base_urls(request)[0]
    listed = []
    for w in hub.workshops():
        closed = hub.closed.get(w.id)
        if closed is not None and not admin:
            continue
        tables = tuple(
            ListedTable(
                table_id=r.id,
                code=r.code,
                name=hub.table_names.get(r.id, ""),
                join_url=join_url(base, r.code),
            )
            for r in hub.table_rows(w.id)
        )
        token = hub.facilitator_token(w.id) if admin else None
        listed.append(
            ListedWorkshop(
                workshop_id=w.id, scenario=w.scenario, created=w.created, closed=closed,
                tables=tables, facilitator_token=token,
            )
        )  # fmt: skip
    return _ok(WorkshopList(workshops=tuple(listed)))


async def workshop_access(request: web.Request) -> web.Response:
    """`GET /api/workshops/{id}/access` (facilitator) → WorkshopAccess: join URLs and QR
    code paths of every table, for the console and the table screens."""
    workshop_id = request.match_info["workshop_id"]
    if (refused := _may_run(request, workshop_id)) is not None:
        return refused
    hub = _hub(request)
    w = hub.workshop(workshop_id)
    assert w is not None
    bases = base_urls(request)
    settings = request.app[SETTINGS_KEY]
    tables = tuple(
        TableAccess(
            table_id=r.id, code=r.code, name=hub.table_names.get(r.id, ""),
            join_url=join_url(bases[0], r.code),
            qr_png=f"/api/join/{r.code}/qr.png", qr_svg=f"/api/join/{r.code}/qr.svg",
        )
        for r in hub.table_rows(workshop_id)
    )  # fmt: skip
    access = WorkshopAccess(
        workshop_id=w.id,
        scenario=w.scenario,
        closed=w.id in hub.closed,
        base_urls=tuple(bases),
        reachable_from_network=bool(settings.public_url) or not is_loopback(settings.host),
        tables=tables,
    )
    return _ok(access)


async def close_workshop(request: web.Request) -> web.Response:
    """`POST /api/workshops/{id}/close` (facilitator) → CloseAck."""
    workshop_id = request.match_info["workshop_id"]
    if (refused := _may_run(request, workshop_id)) is not None:
        return refused
    closed = _hub(request).close_workshop(workshop_id)
    return _ok(CloseAck(workshop_id=workshop_id, closed=closed))


async def join_qr(request: web.Request) -> web.Response:
    """`GET /api/join/{code}/qr.png|svg` (public) → the QR code of the table's join URL."""
    host = _hub(request).host_by_code(request.match_info["code"])
    if host is None:
        return _error(404, ErrorCode.UNKNOWN_TABLE, "Aucune table ne porte ce code.")
    url = join_url(base_urls(request)[0], host.code)
    if request.match_info["kind"] == "png":
        return web.Response(body=join_qr_png(url), content_type="image/png")
    return web.Response(text=join_qr_svg(url), content_type="image/svg+xml")


async def debrief_link(request: web.Request) -> web.Response:
    """`POST /api/workshops/{id}/debrief-link` (facilitator) [{table_id?, days?}]
    → DebriefLink: a URL anyone can open in a browser until it expires."""
    workshop_id = request.match_info["workshop_id"]
    if (refused := _may_run(request, workshop_id)) is not None:
        return refused
    try:
        req = await _body(request, DebriefLinkRequest) if request.can_read_body else None
    except _BadBody as bad:
        return _error(bad.status, ErrorCode.BAD_REQUEST, bad.message)
    req = req or DebriefLinkRequest()
    hub = _hub(request)
    path = f"/debrief/{workshop_id}"
    if req.table_id is not None:
        if req.table_id not in hub.table_ids(workshop_id):
            return _error(404, ErrorCode.UNKNOWN_TABLE, "Aucune table de cet atelier n'a cet id.")
        path += f"/{req.table_id}"
    grant = new_grant(workshop_id, req.table_id, req.days)
    url = f"{base_urls(request)[0]}{path}?k={debrief_key(hub.secret, grant)}"
    return _ok(DebriefLink(url=url, expires=round(grant.expires)))


def _refused_page(reason: str) -> web.Response:
    page = (
        '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
        "<title>Lien de débriefing refusé</title></head><body>"
        f"<h1>Lien de débriefing refusé</h1><p>{html.escape(reason)}</p></body></html>"
    )
    return web.Response(text=page, status=403, content_type="text/html", charset="utf-8")


async def debrief_page(request: web.Request) -> web.Response:
    """`GET /debrief/{workshop_id}[/{table_id}]?k=…` → the HTML debrief of the workshop
    (every table and their comparison) or of one table; 403 page in French otherwise."""
    workshop_id = request.match_info["workshop_id"]
    table_id = request.match_info.get("table_id")
    hub = _hub(request)
    key = request.query.get("k", "")
    reason = check_debrief_key(hub.secret, key, workshop_id, table_id, time.time())
    ids = hub.table_ids(workshop_id)
    if reason is None and table_id is not None and table_id not in ids:
        reason = "Ce lien de débriefing ouvre une table qui n'existe pas."
    if reason is not None:
        return _refused_page(reason)
    hosts = [h for h in map(hub.host, [table_id] if table_id else ids) if h is not None]
    logs = [h.log.to_jsonl() for h in hosts]
    names = [hub.table_label(h.id, h.code) for h in hosts]
    page = await asyncio.to_thread(build_report_html, logs, names=names)
    return _html(page)


def add_workshop_routes(app: web.Application) -> None:
    """Register the routes of this module."""
    app.router.add_get("/api/workshops", list_workshops)
    app.router.add_get("/api/workshops/{workshop_id}/access", workshop_access)
    app.router.add_post("/api/workshops/{workshop_id}/close", close_workshop)
    app.router.add_post("/api/workshops/{workshop_id}/debrief-link", debrief_link)
    app.router.add_get("/api/join/{code}/qr.{kind:png|svg}", join_qr)
    app.router.add_get("/debrief/{workshop_id}", debrief_page)
    app.router.add_get("/debrief/{workshop_id}/{table_id}", debrief_page)
