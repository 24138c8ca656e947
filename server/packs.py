"""The public pack texts, sent once by HTTP and named by their content's hash.

A seat needs the pack's public texts (`public_pack`, ~106 KB) to show its view. The
join ack carried them every time a seat joined or reconnected; it now carries only
their hash and URL (`pack_hash`, `pack_url`), and `GET /api/packs/{hash}` answers the
texts with that hash as ETag. The content never changes under a hash, so clients keep
it by hash (the browser's cache: `immutable`; the pygame client: a file per hash)
and a revalidation with `If-None-Match` is a bodiless 304.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from aiohttp import web

from game.engine import public_pack
from game.protocol import ErrorCode
from game.scenario.models import Pack
from server.errors import error_ack


@dataclass(frozen=True, slots=True)
class PublicPack:
    """One pack's public texts as served: the JSON body, its hash and its URL."""

    hash: str  # sha256 of `body`, hex
    body: bytes  # compact UTF-8 JSON of public_pack(pack)
    url: str  # path on this server


#: By the identity of the (shared, immutable) Pack: (the pack, its public texts).
_BY_PACK: dict[int, tuple[Pack, PublicPack]] = {}
#: Every pack served by this process, by hash (the route's look-up).
_BY_HASH: dict[str, PublicPack] = {}


def public_pack_of(pack: Pack) -> PublicPack:
    """The public texts of `pack`, built once per pack and registered for the route."""
    hit = _BY_PACK.get(id(pack))
    if hit is not None and hit[0] is pack:
        return hit[1]
    body = json.dumps(public_pack(pack), ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(body).hexdigest()
    served = _BY_HASH.setdefault(digest, PublicPack(digest, body, f"/api/packs/{digest}"))
    _BY_PACK[id(pack)] = (pack, served)
    return served


async def pack_texts(request: web.Request) -> web.Response:
    """`GET /api/packs/{hash}`: a pack's public texts (304 when the client holds them)."""
    served = _BY_HASH.get(request.match_info["hash"])
    if served is None:
        message = "Aucun pack n'a cette empreinte : rejoignez la table pour obtenir la bonne."
        return web.json_response(error_ack(ErrorCode.UNKNOWN_SCENARIO, message), status=404)
    etag = f'"{served.hash}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=31536000, immutable"}
    if etag in (t.strip() for t in request.headers.get("If-None-Match", "").split(",")):
        return web.Response(status=304, headers=headers)
    return web.Response(
        body=served.body, content_type="application/json", charset="utf-8", headers=headers
    )


def add_pack_routes(app: web.Application) -> None:
    """Register `GET /api/packs/{hash}` on `app`."""
    app.router.add_get("/api/packs/{hash}", pack_texts)
