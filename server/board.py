"""`GET /api/tables/by-code/{code}/board`: the public view of a table, for its board.

A board (`capia play --server URL --code CODE --board`, the big screen a team looks
at while each member plays from a phone) holds no seat: it reads this view, which
carries nothing a seat would hide (`game.engine.board_view.public_view`). It asks again
about once a second with `If-None-Match`; while the table has not changed the answer
is a bodiless 304. `?pack=1` adds the pack's public texts (first request).
"""

from __future__ import annotations

import json

from aiohttp import web

from game.engine.board_view import public_view
from game.protocol import ErrorCode
from server.errors import error_ack
from server.hub import Hub
from server.keys import HUB_KEY

#: table id → (version, the JSON text of {table_id, version, view}) last built
BUILT_KEY = web.AppKey("board_views", dict[str, tuple[int, str]])


async def board_view(request: web.Request) -> web.StreamResponse:
    """The table's public view (304 while unchanged since the ETag the board holds)."""
    hub: Hub = request.app[HUB_KEY]
    host = hub.host_by_code(request.match_info["code"])
    if host is None:
        return web.json_response(
            error_ack(ErrorCode.UNKNOWN_TABLE, "Aucune table ne porte ce code."), status=404
        )
    etag = f'"{host.id}:{host.version}"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    want_pack = request.query.get("pack") == "1"
    if not want_pack and request.headers.get("If-None-Match") == etag:
        return web.Response(status=304, headers=headers)
    cache = request.app[BUILT_KEY]
    built = cache.get(host.id)
    if built is None or built[0] != host.version:
        view = public_view(host.state).model_dump_json()
        text = f'{{"table_id":{json.dumps(host.id)},"version":{host.version},"view":{view}'
        built = cache[host.id] = (host.version, text)
    body = built[1]
    if want_pack:
        body += ',"pack":' + json.dumps(host.public_pack(), ensure_ascii=False)
    return web.Response(
        text=body + "}", content_type="application/json", charset="utf-8", headers=headers
    )


def add_board_routes(app: web.Application) -> None:
    """Register the boards' public view on `app`."""
    app[BUILT_KEY] = {}
    app.router.add_get("/api/tables/by-code/{code}/board", board_view)
