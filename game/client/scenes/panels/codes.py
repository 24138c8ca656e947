"""« Codes et QR »: each table's name, join code, join URL and QR code, big enough to be
projected in the room and scanned from the back; one table alone from its tile."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

import pygame

from game.client.assets import font
from game.client.palette import INK, MUTED
from game.client.scenes.panels.base import Panel, label_width
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.join import QR_SCALE, qr_surface, url_lines
from game.client.sessions.workshop_tools import Access, JoinEntry

HEAD_H = 56


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


def _blit_qr(surface: pygame.Surface, rect: pygame.Rect, qr: pygame.Surface) -> None:
    side = qr.get_width()
    k = max(1, rect.width // side)
    big = pygame.transform.scale(qr, (side * k, side * k))
    surface.blit(big, big.get_rect(center=rect.center))


def _qr_side(qr: pygame.Surface, most: int) -> int:
    """The largest whole number of pixels a module that fits `most`."""
    side = qr.get_width()
    return side * max(1, most // side)


def _card(ctx: CodesContext, entry: JoinEntry, frame: pygame.Rect) -> Panel:
    b = PanelBuilder(f"code:{entry.table_id}", frame, framed=True)
    name_size, code_size, url_size = _sizes(b.width)
    b.wrapped(entry.title, name_size, bold=True, gap=2)
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


def _sizes(width: int) -> tuple[int, int, int]:
    """(name, code, URL) text sizes of a card this wide: read from the back of the room."""
    if width >= 900:
        return 30, 40, 20
    return (24, 34, 17) if width >= 440 else (20, 28, 14)


def _text_h(entry: JoinEntry, width: int) -> int:
    """How tall a card's texts are at this inner width."""
    name, code, url = _sizes(width)
    h = PanelBuilder.label_height(entry.title, width, name, bold=True) + 2
    h += PanelBuilder.label_height(f"Code : {entry.code}", width, code, bold=True) + 2
    return h + font(url).get_linesize() * len(url_lines(entry.url, url, width)) + 6


def _grid(entries: Sequence[JoinEntry], modules: int, area: pygame.Rect) -> list[pygame.Rect]:
    """A cell per table, the columns chosen so that the QR codes are as big as can be."""
    n, gap = len(entries), 8
    best, best_k = 1, -1
    for cols in range(1, n + 1):
        rows = -(-n // cols)
        cw, ch = (area.width - gap * (cols - 1)) // cols, (area.height - gap * (rows - 1)) // rows
        texts = max(_text_h(e, cw - 16) for e in entries)
        k = min(cw - 16, ch - 12 - texts) // modules
        if k > best_k:
            best, best_k = cols, k
    cols = best
    rows = -(-n // cols)
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
    modules = max((q.get_width() for q in ctx.qr.values()), default=29)
    for entry, frame in zip(entries, _grid(entries, modules, area), strict=True):
        out.append(_card(ctx, entry, frame))
    return out


__all__ = ["QR_SCALE", "CodesContext", "codes_panels", "qr_surface", "url_lines"]
