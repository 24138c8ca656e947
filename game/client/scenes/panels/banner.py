"""Bands across the top of the table that stay until dealt with: the facilitator's message,
a lost connection, a seat taken over by another window."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.client.palette import BAD, INK, WARN_BG
from game.client.scenes.panels.base import Callback, Panel, label_width, moved
from game.client.scenes.panels.builder import PanelBuilder
from game.client.sessions.base import Session

GAP = 6
BUTTON_H = 30


@dataclass(frozen=True)
class Banner:
    key: str
    text: str
    alarm: bool = False  # red (the connection, the seat) rather than pale yellow
    action: str = ""  # the button's label («J'ai lu», « Reprendre ma place ici »)
    on_click: Callback | None = None


def banner_panels(banners: list[Banner], area: pygame.Rect) -> tuple[list[Panel], int]:
    """The bands from the top of `area`; returns them and the height they take."""
    out: list[Panel] = []
    y = area.y
    for banner in banners:
        bw = label_width(banner.action, "#primary") if banner.action else 0
        text_w = area.width - 16 - 24 - (bw + 12 if bw else 0)
        h = max(BUTTON_H + 10, PanelBuilder.label_height(banner.text, text_w, 15, bold=True) + 12)
        frame = pygame.Rect(area.x + 8, y + GAP, area.width - 16, h)
        b = PanelBuilder(f"banner:{banner.key}", frame, framed=False)
        colour = BAD if banner.alarm else WARN_BG
        b.draw(moved(_band, pygame.Rect(0, 0, frame.width, h).move(frame.x, 0), colour))
        ink = (255, 255, 255) if banner.alarm else INK
        b.y = 6
        b.wrapped(banner.text, 15, ink, bold=True, indent=12, width=text_w)
        if banner.action:
            rect = pygame.Rect(frame.right - bw - 8, frame.y + (h - BUTTON_H) // 2, bw, BUTTON_H)
            b.fixed_button(
                f"banner:{banner.key}", rect, banner.action, banner.on_click, object_id="#primary"
            )
        b.y = h
        out.append(b.done())
        y += h + GAP
    return out, y - area.y


def _band(surface: pygame.Surface, rect: pygame.Rect, colour: tuple[int, int, int]) -> None:
    pygame.draw.rect(surface, colour, rect, border_radius=6)
    pygame.draw.rect(surface, INK, rect, 1, border_radius=6)


def table_banners(session: Session, who: str, dismiss: Callback) -> list[Banner]:
    """A seat's bands: its place taken elsewhere, or the connection lost; the latest
    message of the facilitator not yet read."""
    out = []
    if session.seat_lost:
        text = f"Votre place ({who}) est ouverte sur un autre écran : ici, rien n'est envoyé."
        out.append(Banner("seat", text, True, "Reprendre ma place ici", session.take_back))
    elif not session.connected:
        text = "Connexion au serveur perdue — reconnexion en cours. Rien n'est envoyé d'ici là."
        out.append(Banner("net", text, True))
    unread = session.notices[session.notices_read :]
    if unread:
        text = f"Message de l'animation : {unread[-1]}"
        out.append(Banner("notice", text, False, "J'ai lu", dismiss))
    return out
