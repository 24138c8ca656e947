"""HTTP routes: open a workshop, read it, fetch a table's log or debrief report,
find a table by its code.

Whatever a request carries (any body, any content type, a wrong method or path), the
answer is an `ErrorAck` with a French message when it is refused, never a 500 for a
body: `_refusals` turns aiohttp's own refusals (404, 405, 413) into French ones, and
`_body` reads a request body as strict JSON of one request model.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TypeVar

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from aiohttp.typedefs import Handler
from pydantic import BaseModel, ValidationError

from game.join_qr import join_url
from game.protocol import (
    CreateWorkshopRequest,
    ErrorCode,
    PublicSeat,
    PublicTable,
)
from game.report import build_report_html
from game.scenario import PackError
from server.auth import bearer_token
from server.credentials import admin_token_ok
from server.errors import error_ack, validation_message
from server.hub import Hub
from server.keys import HUB_KEY, STORE_KEY, request_base_urls
from server.loop import loop_name
from server.packs import add_pack_routes
from server.scenarios import UnknownScenarioError
from server.seat_page import add_seat_routes

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)


def _error(status: int, code: ErrorCode, message: str) -> web.Response:
    return web.json_response(error_ack(code, message), status=status)


def _ok(model: BaseModel, status: int = 200) -> web.Response:
    return web.Response(
        text=model.model_dump_json(), status=status, content_type="application/json"
    )


def _hub(request: web.Request) -> Hub:
    return request.app[HUB_KEY]


def _facilitator_workshop(request: web.Request) -> str | None:
    """The workshop id the request's Bearer token opens, or None."""
    token = bearer_token(request.headers.get("Authorization"))
    workshop = _hub(request).workshop_of_token(token) if token else None
    return workshop.id if workshop else None


def is_admin(request: web.Request) -> bool:
    """Whether the request carries the admin token (`Authorization: Bearer …`)."""
    token = bearer_token(request.headers.get("Authorization"))
    return admin_token_ok(request.app[STORE_KEY], token)


ADMIN_REQUIRED = (
    "Jeton d'administration manquant ou refusé : envoyez-le dans l'en-tête "
    "« Authorization: Bearer JETON » (capia serve l'affiche à son premier démarrage ; "
    "capia admin-token --reset en crée un autre)."
)

_DENIED = (
    403,
    ErrorCode.FORBIDDEN,
    "Jeton d'animation manquant ou sans droit sur cette ressource.",
)


class _BadBody(Exception):
    """A request body refused: the HTTP status and the French message to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


async def _body(request: web.Request, model: type[M]) -> M:
    """The request's body as `model`: JSON (UTF-8, nested at most a few hundred levels),
    validated strictly. Raises _BadBody (415, 413 or 400) with a French message."""
    if request.content_type != "application/json":
        raise _BadBody(415, "Corps de requête JSON attendu (Content-Type: application/json).")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        limit = request.client_max_size
        raise _BadBody(413, f"Corps de requête trop volumineux (au plus {limit} octets).") from None
    except (web.RequestPayloadError, HttpProcessingError, ConnectionError):
        raise _BadBody(400, "Corps de requête illisible (incomplet ou mal encodé).") from None
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        if exc.errors()[0]["type"] == "json_invalid":
            raise _BadBody(400, "Corps de requête JSON invalide (UTF-8 attendu).") from None
        raise _BadBody(400, validation_message(exc)) from None


async def healthz(request: web.Request) -> web.Response:
    """`GET /healthz`: the server answers, with a few counts and its event loop."""
    loop = loop_name(asyncio.get_running_loop())
    return web.json_response({"ok": True, **_hub(request).counts(), "event_loop": loop})


async def create_workshop(request: web.Request) -> web.Response:
    """`POST /api/workshops` {scenario, tables, seed?} (Bearer admin token)
    → CreateWorkshopResponse (201)."""
    if not is_admin(request):
        return _error(401, ErrorCode.UNAUTHORIZED, ADMIN_REQUIRED)
    try:
        req = await _body(request, CreateWorkshopRequest)
    except _BadBody as bad:
        code = ErrorCode.PAYLOAD_TOO_LARGE if bad.status == 413 else ErrorCode.BAD_REQUEST
        return _error(bad.status, code, bad.message)
    try:
        created = await _hub(request).create_workshop(req.scenario, req.tables, req.seed, req.names)
    except UnknownScenarioError:
        return _error(404, ErrorCode.UNKNOWN_SCENARIO, f"Scénario inconnu : « {req.scenario} ».")
    except PackError:
        msg = f"Le scénario « {req.scenario} » contient des erreurs : lancez capia validate."
        return _error(422, ErrorCode.UNKNOWN_SCENARIO, msg)
    return _ok(created, status=201)


async def get_workshop(request: web.Request) -> web.Response:
    """`GET /api/workshops/{id}` (Bearer facilitator token) → WorkshopSummary."""
    workshop_id = request.match_info["workshop_id"]
    if _facilitator_workshop(request) != workshop_id:
        return _error(*_DENIED)
    return _ok(_hub(request).workshop_summary(workshop_id))


async def table_log(request: web.Request) -> web.Response:
    """`GET /api/tables/{id}/log` (Bearer facilitator token) → the JSONL game log."""
    host = _hub(request).host(request.match_info["table_id"])
    workshop_id = _facilitator_workshop(request)
    if host is None or workshop_id is None or host.workshop_id != workshop_id:
        return _error(*_DENIED)
    return web.Response(
        text=host.log.to_jsonl(),
        content_type="application/x-ndjson",
        headers={"Content-Disposition": f'attachment; filename="{host.id}.jsonl"'},
    )


def _html(text: str) -> web.Response:
    return web.Response(text=text, content_type="text/html", charset="utf-8")


async def table_report(request: web.Request) -> web.Response:
    """`GET /api/tables/{id}/report` (Bearer facilitator token) → the HTML debrief of a table."""
    host = _hub(request).host(request.match_info["table_id"])
    workshop_id = _facilitator_workshop(request)
    if host is None or workshop_id is None or host.workshop_id != workshop_id:
        return _error(*_DENIED)
    # Building charts takes a few hundred ms of CPU: keep it off the event loop.
    names = [_hub(request).table_label(host.id, host.code)]
    html = await asyncio.to_thread(build_report_html, [host.log.to_jsonl()], names=names)
    return _html(html)


async def workshop_report(request: web.Request) -> web.Response:
    """`GET /api/workshops/{id}/report` (Bearer facilitator token) → every table and their
    comparison in one HTML file."""
    workshop_id = request.match_info["workshop_id"]
    if _facilitator_workshop(request) != workshop_id:
        return _error(*_DENIED)
    hub = _hub(request)
    hosts = [h for h in (hub.host(t) for t in hub.table_ids(workshop_id)) if h is not None]
    logs = [h.log.to_jsonl() for h in hosts]
    names = [hub.table_label(h.id, h.code) for h in hosts]
    html = await asyncio.to_thread(build_report_html, logs, names=names)
    return _html(html)


async def workshop_pack(request: web.Request) -> web.Response:
    """`GET /api/workshops/{id}/pack` (Bearer facilitator token) → the full pack the workshop's
    tables play (from their logs' snapshot), so the console prints card texts."""
    workshop_id = request.match_info["workshop_id"]
    if _facilitator_workshop(request) != workshop_id:
        return _error(*_DENIED)
    hub = _hub(request)
    host = next((h for h in map(hub.host, hub.table_ids(workshop_id)) if h is not None), None)
    if host is None:
        return _error(404, ErrorCode.UNKNOWN_WORKSHOP, "Cet atelier n'a aucune table.")
    pack = host.state.catalog.pack
    return web.Response(text=pack.model_dump_json(by_alias=True), content_type="application/json")


async def table_by_code(request: web.Request) -> web.Response:
    """`GET /api/tables/by-code/{code}` (public) → PublicTable: what the connect screen shows."""
    host = _hub(request).host_by_code(request.match_info["code"])
    if host is None:
        return _error(404, ErrorCode.UNKNOWN_TABLE, "Aucune table ne porte ce code.")
    state = host.state
    scenario = state.catalog.pack.scenario
    roles = state.catalog.roles
    seats = tuple(
        PublicSeat(
            role=s.role,
            title=roles[s.role].title,
            mission=roles[s.role].mission,
            occupied=s.occupied or host.has_token(s.role),
            name=s.name,
        )
        for s in state.seats
    )
    table = PublicTable(
        table_id=host.id,
        code=host.code,
        scenario_title=scenario.title,
        collectivite=scenario.collectivite.name,
        phase=state.phase,
        seats=seats,
        join_url=join_url(request_base_urls(request)[0], host.code),
    )
    return _ok(table)


_HTTP_REFUSALS = {
    400: (ErrorCode.BAD_REQUEST, "Requête mal formée."),
    404: (ErrorCode.BAD_REQUEST, "Aucune ressource à cette adresse."),
    405: (ErrorCode.BAD_REQUEST, "Méthode non permise à cette adresse."),
    413: (ErrorCode.PAYLOAD_TOO_LARGE, "Corps de requête trop volumineux."),
}


@web.middleware
async def _refusals(request: web.Request, handler: Handler) -> web.StreamResponse:
    """aiohttp's own refusals (no such route, wrong method, body too large) in French, and
    any failure of a route as a French 500 (logged), never aiohttp's English page."""
    if request.path.startswith("/socket.io/"):
        return await handler(request)  # the transport answers for itself
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400:
            raise
        code, message = _HTTP_REFUSALS.get(exc.status, (ErrorCode.BAD_REQUEST, "Requête refusée."))
        response = _error(exc.status, code, message)
        if exc.status == 405 and "Allow" in exc.headers:
            response.headers["Allow"] = exc.headers["Allow"]
        return response
    except Exception:
        log.exception("HTTP %s %s failed", request.method, request.path)
        return _error(500, ErrorCode.INTERNAL, "Erreur interne du serveur : réessayez.")


def add_routes(app: web.Application) -> None:
    """Register every HTTP route on `app` (and the middleware that answers refusals in
    French)."""
    app.middlewares.append(_refusals)
    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/workshops", create_workshop)
    app.router.add_get("/api/workshops/{workshop_id}", get_workshop)
    app.router.add_get("/api/tables/by-code/{code}", table_by_code)
    app.router.add_get("/api/tables/{table_id}/log", table_log)
    app.router.add_get("/api/tables/{table_id}/report", table_report)
    app.router.add_get("/api/workshops/{workshop_id}/report", workshop_report)
    app.router.add_get("/api/workshops/{workshop_id}/pack", workshop_pack)
    add_seat_routes(app)
    add_pack_routes(app)
