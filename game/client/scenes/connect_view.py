"""What the connect screen draws around its fields: labels, the message, the seats."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.client.draw import blit_text, blit_wrapped, draw_panel, wrap
from game.client.palette import BAD, INK, MUTED, WARN_BG

if TYPE_CHECKING:
    from game.client.scenes.connect import ConnectScene


def draw(scene: ConnectScene, surface: pygame.Surface) -> None:
    """The form's labels and hints, the message box, and the table's seats."""
    left, right = scene.columns()
    blit_text(surface, "Cap IA — rejoindre votre table", (left.x, 48), 30, INK, bold=True)
    blit_text(
        surface,
        "Le code de table est écrit sur la carte posée devant vous.",
        (left.x, 96),
        16,
        MUTED,
    )
    labels = (
        ("Adresse du serveur", "donnée par l'animation"),
        ("Code de la table", "6 caractères, ex. K7M2QX"),
        ("Votre nom", "visible par les autres joueurs"),
    )
    for i, (text, hint) in enumerate(labels):
        x = left.x + blit_text(surface, text, (left.x, left.y + i * 92), 16, INK, bold=True)
        blit_text(surface, f"  ({hint})", (x, left.y + i * 92 + 1), 15, MUTED)
    _draw_seats(scene, surface, right)
    y = left.y + 352
    if scene.message:
        lines = len(wrap(scene.message, 17, left.width - 24, True))
        box = pygame.Rect(left.x, y, left.width, 20 + 25 * lines)
        pygame.draw.rect(surface, WARN_BG if scene.is_error else (255, 255, 255), box)
        pygame.draw.rect(surface, BAD if scene.is_error else MUTED, box, 2, border_radius=4)
        blit_wrapped(surface, scene.message, box.inflate(-24, -20), 17, INK, bold=True)
        y = box.bottom + 12
    if scene.hover_reason:
        blit_wrapped(surface, scene.hover_reason, pygame.Rect(left.x, y, left.width, 60), 15)


def _draw_seats(scene: ConnectScene, surface: pygame.Surface, right: pygame.Rect) -> None:
    t = scene.table
    title = "Choisissez votre place"
    if t is None:
        blit_text(surface, title, (right.x, right.y), 16, INK, bold=True)
        note = "Les rôles de la table apparaîtront ici dès que le code est reconnu."
        blit_wrapped(surface, note, pygame.Rect(right.x, right.y + 30, right.width, 60), 15)
        return
    blit_text(surface, f"{title} — {t.collectivite}", (right.x, right.y), 16, INK, bold=True)
    blit_text(surface, t.scenario_title, (right.x, right.y + 26), 15, MUTED)
    seat = next((s for s in t.seats if s.role == scene.selected), None)
    y = right.y + 62 + 46 * len(t.seats) + 8
    box = pygame.Rect(right.x, y, right.width, max(60, right.bottom - y))
    if seat is None:
        hint = "Cliquez sur un rôle libre (sinon : la première place libre)."
        blit_wrapped(surface, hint, box, 15, MUTED)
        return
    inner = draw_panel(surface, box.clip(pygame.Rect(box.x, box.y, box.width, 150)), seat.title)
    blit_wrapped(surface, f"Mission : {seat.mission}", inner, 15, INK)
