"""The browser seat: `GET /t/{CODE}` (and `/` with a code field) serves the page a trainee
plays from on a phone or a laptop, and `/static/seat/` its script and style sheet.

The page speaks the same socket.io events as the pygame client (`join`, `act`, `sync`);
nothing here knows which client a seat uses. `seat.js` is built from `web/` by esbuild
(`make web`, needs Node and npm) and shipped inside the package; the page loads nothing
from another origin, so it works on a venue network without internet.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from server.board import add_board_routes

STATIC = Path(__file__).resolve().parent / "static" / "seat"
BUNDLE = STATIC / "seat.js"

#: Same origin only, no inline script or style; the socket goes back to the page's host.
_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self' ws://{host} wss://{host}; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_MISSING = (
    "La page des joueurs n'a pas été construite sur ce serveur : lancez « make web » "
    "(Node.js 18 ou plus récent et npm sont nécessaires)."
)


def _headers(request: web.Request) -> dict[str, str]:
    return {
        "Content-Security-Policy": _CSP.format(host=request.host),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }


async def seat_page(request: web.Request) -> web.StreamResponse:
    """`GET /` and `GET /t/{code}`: the seat page (the script reads the code from the URL)."""
    if not BUNDLE.exists():
        return web.Response(status=503, text=_MISSING, charset="utf-8")
    return web.FileResponse(STATIC / "index.html", headers=_headers(request))


async def seat_asset(request: web.Request) -> web.StreamResponse:
    """`GET /static/seat/{name}`: the page's script, style sheet and their licence notes."""
    name = request.match_info["name"]
    path = STATIC / name
    if name not in {p.name for p in STATIC.iterdir()} or path.suffix not in _TYPES:
        raise web.HTTPNotFound()
    headers = {**_headers(request), "Content-Type": _TYPES[path.suffix]}
    return web.FileResponse(path, headers=headers)


_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def add_seat_routes(app: web.Application) -> None:
    """Register the seat page, its static files and the boards' public view on `app`."""
    app.router.add_get("/", seat_page)
    app.router.add_get("/t/{code}", seat_page)
    app.router.add_get("/static/seat/{name}", seat_asset)
    add_board_routes(app)
