"""A table's join code, URL and QR code on its own screens: the board (the room's big
screen, where trainees scan it to get their seat) and a networked seat's screen."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pygame

from game.client.assets import font
from game.client.palette import INK, MUTED
from game.client.scenes.panels.base import Panel
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext

QR_SCALE = 8  # pixels a module in join_qr_png's PNG


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


@dataclass(frozen=True)
class JoinCard:
    """What a phone needs to join this table."""

    code: str
    url: str
    #: the QR code, one pixel a module (`codes.qr_surface`)
    qr: pygame.Surface


def join_section(b: PanelBuilder, card: JoinCard, room: int, *, big: bool) -> None:
    """Code, URL and QR code at the builder's cursor, the QR at most `room` pixels high."""
    size = 15 if big else 13
    b.wrapped(f"Code : {card.code}", 22 if big else 15, bold=True, gap=2)
    for line in url_lines(card.url, size, b.width):
        b.text_at(line, (b.x, b.y), size, INK)
        b.space(font(size).get_linesize())
    b.space(4)
    side = card.qr.get_width()
    k = min(b.width, room - 4) // side
    if k < 2:  # too small to scan: say where it is instead
        b.wrapped("Agrandissez la fenêtre pour voir le QR code.", 12, MUTED, italic=True)
        return
    big_qr = pygame.transform.scale(card.qr, (side * k, side * k))
    spot = big_qr.get_rect(midtop=(b.x + b.width // 2, b.y))
    b.draw(lambda s, dy: s.blit(big_qr, spot.move(0, dy)))
    b.space(spot.height + 4)


def _text_height(card: JoinCard, width: int, big: bool) -> int:
    size = 15 if big else 13
    code = font(22 if big else 15, bold=True).get_linesize() + 2
    return code + font(size).get_linesize() * len(url_lines(card.url, size, width)) + 8


def join_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """The board's left panel: « Rejoindre cette table », the QR code as big as fits."""
    b = PanelBuilder("join", rect, "Rejoindre cette table", scroll=ctx.scroll("join"))
    card = ctx.join
    if card is None:
        b.wrapped("Adresse de la table en cours de chargement…", 13, MUTED, italic=True)
        return b.done()
    b.wrapped("Scannez-le pour prendre votre place :", 14, gap=4)
    room = b.body.height - b.y - _text_height(card, b.width, True)
    join_section(b, card, max(room, min(b.width, 3 * card.qr.get_width())), big=True)
    return b.done()
