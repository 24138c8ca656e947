"""A table's join URL and its QR code, for the terminal banner, the console and the table
screen: pure functions (no network, no pygame), importable by the client and the server.

`join_qr_png(url)` gives PNG bytes pygame loads as is:
`pygame.image.load(io.BytesIO(join_qr_png(url)), "qr.png")`.
"""

from __future__ import annotations

import io

import segno

#: the path of a table's browser seat under a server's base URL
JOIN_PATH = "/t/{code}"


def join_url(base_url: str, code: str) -> str:
    """`http://<host>:<port>/t/<CODE>`: where a phone scanning the QR code lands."""
    return base_url.rstrip("/") + JOIN_PATH.format(code=code)


def _qr(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m")


def join_qr_png(url: str, *, scale: int = 8, border: int = 4) -> bytes:
    """The QR code of `url` as PNG bytes (black on white, `scale` pixels a module)."""
    out = io.BytesIO()
    _qr(url).save(out, kind="png", scale=scale, border=border)
    return out.getvalue()


def join_qr_svg(url: str, *, scale: int = 8, border: int = 4) -> str:
    """The QR code of `url` as an SVG document (text)."""
    out = io.BytesIO()
    _qr(url).save(out, kind="svg", scale=scale, border=border, title=url)
    return out.getvalue().decode("utf-8")


def join_qr_text(url: str, *, border: int = 2) -> str:
    """The QR code of `url` drawn with block characters for a terminal (two rows a line)."""
    out = io.StringIO()
    _qr(url).terminal(out=out, compact=True, border=border)
    return out.getvalue()
