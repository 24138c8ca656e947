"""What floats over a screen: the hovered button's reason, the passing messages."""

from __future__ import annotations

import pygame

from game.client.draw import blit_wrapped, wrap
from game.client.palette import INK, MUTED, WARN_BG


def _box(surface: pygame.Surface, box: pygame.Rect, text: str) -> None:
    pygame.draw.rect(surface, WARN_BG, box, border_radius=6)
    pygame.draw.rect(surface, MUTED, box, 1, border_radius=6)
    blit_wrapped(surface, text, box.inflate(-20, -10), 14, INK)


def draw_reason(
    surface: pygame.Surface, text: str, pointer: tuple[int, int], size: tuple[int, int]
) -> None:
    """Why the hovered button cannot be used, in a box by the pointer (pygame_gui shows no
    tooltip on a disabled button); never under the pointer itself."""
    w = min(420, size[0] - 20)
    h = 12 + 20 * len(wrap(text, 14, w - 20))
    x, y = pointer
    box = pygame.Rect(x + 14, y + 20, w, h)
    box.clamp_ip(pygame.Rect(0, 0, *size))
    if box.collidepoint(x, y):
        box.bottom = y - 8
    _box(surface, box, text)


def draw_toasts(surface: pygame.Surface, lines: list[str], area: pygame.Rect) -> None:
    """The last three passing messages (a refusal, a reconnection), at the bottom."""
    if not lines:
        return
    w = min(720, area.width - 40)
    text = "\n".join(lines[-3:])
    h = 14 + 20 * len(wrap(text, 14, w - 20))
    _box(surface, pygame.Rect(area.centerx - w // 2, area.bottom - h - 10, w, h), text)
