"""« Codes et QR »: each table's name, join code, join URL and QR code, big enough to be
projected in the room and scanned from the back; one table alone from its tile."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

import pygame

from game.client.assets import font
from game.client.palette import INK, MUTED
from game.client.scenes.panels.base import Panel, label_width
from game.client.scenes.panels.builder import PanelBuilder
from game.client.sessions.workshop_tools import Access, JoinEntry

HEAD_H = 56
QR_SCALE = 8  # pixels a module in join_qr_png's PNG


class CodesControls(Protocol):
    def back(self) -> None: ...
    def show_codes(self, table_id: str | None) -> None: ...


@dataclass(frozen=True)
class CodesContext:
    size: tuple[int, int]
    access: Access | None
    #: the QR code of each table, as loaded from its PNG (by table id)
    qr: Mapping[str, pygame.Surface]
    focus: str | None
    message: str
    do: CodesControls


def qr_surface(png: bytes) -> pygame.Surface:
    """The PNG of `join_qr_png` as a surface of one pixel a module (scaled when drawn)."""
    image = pygame.image.load(io.BytesIO(png), "qr.png")
    side = image.get_width() // QR_SCALE
    return pygame.transform.scale(image, (side, side))


def url_lines(url: str, size: int, width: int, bold: bool = False) -> list[str]:
    """`url` cut into lines of at most `width` pixels (after a « / » when possible)."""
    f = font(size, bold=bold)
    lines, line = [], ""
    for ch in url:
        if line and f.size(line + ch)[0] > width:
            cut = line.rfind("/") + 1
            if 0 < cut < len(line) and cut > len(line) // 2:
                lines.append(line[:cut])
                line = line[cut:]
            else:
                lines.append(line)
                line = ""
        line += ch
    return [*lines, line] if line else lines


def _blit_qr(surface: pygame.Surface, rect: pygame.Rect, qr: pygame.Surface) -> None:
    side = qr.get_width()
    k = max(1, rect.width // side)
    big = pygame.transform.scale(qr, (side * k, side * k))
    surface.blit(big, big.get_rect(center=rect.center))


def _qr_side(qr: pygame.Surface, most: int) -> int:
    """The largest whole number of pixels a module that fits `most`."""
    side = qr.get_width()
    return side * max(1, most // side)


def _card(ctx: CodesContext, entry: JoinEntry, frame: pygame.Rect, big: bool) -> Panel:
    b = PanelBuilder(f"code:{entry.table_id}", frame, framed=True)
    name_size, code_size, url_size = (30, 40, 18) if big else (20, 28, 14)
    b.wrapped(entry.name, name_size, bold=True, gap=2)
    b.wrapped(f"Code : {entry.code}", code_size, bold=True, gap=2)
    for line in url_lines(entry.url, url_size, b.width):
        b.text_at(line, (b.x, b.y), url_size, INK)
        b.space(font(url_size).get_linesize())
    b.space(6)
    qr = ctx.qr.get(entry.table_id)
    room = min(b.width, b.body.height - b.y)
    if qr is not None and room >= qr.get_width():
        side = _qr_side(qr, room)
        spot = pygame.Rect(b.x + (b.width - side) // 2, b.y, side, side)
        b.draw(lambda s, dy: _blit_qr(s, spot.move(0, dy), qr))
        b.space(side)
    elif qr is not None:
        b.wrapped("Fenêtre trop petite pour le QR code : agrandissez-la.", 13, MUTED, italic=True)
    return b.done()


def _grid(n: int, area: pygame.Rect, gap: int = 8) -> list[pygame.Rect]:
    """`n` cells as square as possible filling `area`."""
    best: tuple[int, int] = (1, n)
    best_side = 0
    for cols in range(1, n + 1):
        rows = -(-n // cols)
        cw, ch = (area.width - gap * (cols - 1)) // cols, (area.height - gap * (rows - 1)) // rows
        side = min(cw - 16, ch - 150)  # room for the QR under the texts
        if side > best_side:
            best, best_side = (cols, rows), side
    cols, rows = best
    cw, ch = (area.width - gap * (cols - 1)) // cols, (area.height - gap * (rows - 1)) // rows
    return [
        pygame.Rect(area.x + (i % cols) * (cw + gap), area.y + (i // cols) * (ch + gap), cw, ch)
        for i in range(n)
    ]


def _head(ctx: CodesContext, w: int) -> Panel:
    b = PanelBuilder("codes-head", pygame.Rect(0, 0, w, HEAD_H - 4), framed=False)
    back = "Retour à la console (Échap)"
    bw = label_width(back, "#primary")
    buttons: list[tuple[str, str, Callable[[], None], str | None]] = [
        ("codes:back", back, ctx.do.back, "#primary")
    ]
    if ctx.focus is not None:
        buttons.append(("codes:all", "Toutes les tables", partial(ctx.do.show_codes, None), None))
    x = w - 12
    for key, text, cb, oid in buttons:
        width = bw if key == "codes:back" else label_width(text, oid)
        x -= width
        hotkey = pygame.K_ESCAPE if key == "codes:back" else None
        b.fixed_button(key, pygame.Rect(x, 10, width, 36), text, cb, object_id=oid, hotkey=hotkey)
        x -= 8
    title = "Rejoindre la partie : scannez le QR code de votre table"
    size = 24 if font(24, bold=True).size(title)[0] < x - 24 else 18
    if font(size, bold=True).size(title)[0] >= x - 24:
        title = "Scannez le QR code de votre table"
    b.text_at(title, (12, 14), size, INK, bold=True, limit=x - 24)
    return b.done()


def codes_panels(ctx: CodesContext) -> list[Panel]:
    """The whole window: a header, then one card per table (or the focused one)."""
    w, h = ctx.size
    out = [_head(ctx, w)]
    area = pygame.Rect(8, HEAD_H, w - 16, h - HEAD_H - 8)
    access = ctx.access
    if access is None or not access.tables:
        b = PanelBuilder("codes-note", area, "Codes et QR codes")
        b.wrapped(ctx.message or "Chargement des codes…", 18, bold=True)
        return [*out, b.done()]
    if access.note:
        note_h = 20 + PanelBuilder.label_height(access.note, area.width - 32, 15, bold=True)
        nb = PanelBuilder("codes-note", pygame.Rect(area.x, area.y, area.width, note_h))
        nb.wrapped(access.note, 15, bold=True)
        out.append(nb.done())
        area = pygame.Rect(area.x, area.y + note_h + 8, area.width, area.height - note_h - 8)
    chosen: Sequence[JoinEntry] = [t for t in access.tables if t.table_id == ctx.focus]
    entries = chosen or access.tables
    for entry, frame in zip(entries, _grid(len(entries), area), strict=True):
        out.append(_card(ctx, entry, frame, big=len(entries) == 1))
    return out
