"""Custom drawing helpers: cached text, word wrap, category marks, gauges. Pure drawing."""

from __future__ import annotations

import re
from functools import lru_cache

import pygame

from game.client.assets import fallback_font, font, in_font
from game.client.palette import INK, LINE, PANEL, Mark

Colour = tuple[int, int, int]


@lru_cache(maxsize=4096)
def text_surface(
    text: str, size: int, colour: Colour = INK, bold: bool = False, italic: bool = False
) -> pygame.Surface:
    """A rendered (and cached) line of text; signs Noto Sans lacks (→ ≥ ↑) come from the
    fallback font, on the same baseline."""
    main = font(size, bold=bold, italic=italic)
    if all(in_font(c) for c in text):
        return main.render(text, True, colour)
    runs: list[tuple[pygame.font.Font, str]] = []
    for c in text:
        f = main if in_font(c) else fallback_font(size, bold=bold)
        if runs and runs[-1][0] is f:
            runs[-1] = (f, runs[-1][1] + c)
        else:
            runs.append((f, c))
    parts = [(f, f.render(t, True, colour)) for f, t in runs]
    ascent = max(f.get_ascent() for f, _ in parts)
    height = max(ascent - f.get_ascent() + s.get_height() for f, s in parts)
    out = pygame.Surface((sum(s.get_width() for _, s in parts), height), pygame.SRCALPHA)
    x = 0
    for f, surf in parts:
        out.blit(surf, (x, ascent - f.get_ascent()))
        x += surf.get_width()
    return out


#: words for the signs Noto Sans lacks, in pygame_gui's widgets (they have no fallback font)
WIDGET_WORDS = {"≥": "au moins", "≤": "au plus", "→": "—", "←": "—", "↑": "+", "↓": "−"}


def widget_text(text: str) -> str:
    """`text` for a pygame_gui label or tooltip: every sign in the bundled font."""
    if all(in_font(c) for c in text):
        return text
    return "".join(c if in_font(c) else WIDGET_WORDS.get(c, "") for c in text)


def text_width(text: str, size: int, bold: bool = False, italic: bool = False) -> int:
    """How wide `text` is drawn (fallback signs included)."""
    if all(in_font(c) for c in text):
        return int(font(size, bold=bold, italic=italic).size(text)[0])
    return int(text_surface(text, size, INK, bold, italic).get_width())


#: Where a line may break: plain spaces and tabs, never the no-break spaces
#: (U+00A0, U+202F) that French typography puts before « ; : ! ? » and inside « ».
_BREAKS = re.compile(r"[ \t]+")


@lru_cache(maxsize=2048)
def wrap(text: str, size: int, width: int, bold: bool = False) -> tuple[str, ...]:
    """`text` cut into lines that fit `width` pixels (words never split unless too long)."""
    f = font(size, bold=bold)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in _BREAKS.split(para):
            if not word:
                continue
            cand = f"{line} {word}" if line else word
            if f.size(cand)[0] <= width or not line:
                line = cand
            else:
                lines.append(line)
                line = word
        lines.append(line)
    return tuple(lines)


def ellipsize(text: str, size: int, width: int, bold: bool = False) -> str:
    """`text`, shortened with « … » if it is wider than `width`."""
    f = font(size, bold=bold)
    if f.size(text)[0] <= width:
        return text
    while text and f.size(text + "…")[0] > width:
        text = text[:-1]
    return text.rstrip() + "…"


def blit_text(
    surface: pygame.Surface,
    text: str,
    pos: tuple[int, int],
    size: int = 15,
    colour: Colour = INK,
    *,
    bold: bool = False,
    italic: bool = False,
    right: bool = False,
) -> int:
    """Draw one line at `pos` (its top-left, or top-right if `right`); return its width."""
    surf = text_surface(text, size, colour, bold, italic)
    x = pos[0] - surf.get_width() if right else pos[0]
    surface.blit(surf, (x, pos[1]))
    return surf.get_width()


def blit_wrapped(
    surface: pygame.Surface,
    text: str,
    rect: pygame.Rect,
    size: int = 15,
    colour: Colour = INK,
    *,
    bold: bool = False,
    italic: bool = False,
    max_lines: int | None = None,
) -> int:
    """Draw `text` wrapped inside `rect`; return the height used."""
    lines = list(wrap(text, size, rect.width, bold))
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = ellipsize(lines[-1] + " …", size, rect.width, bold)
    step = font(size, bold=bold).get_linesize()
    y = rect.y
    for line in lines:
        if y + step > rect.bottom + 2:
            break
        surface.blit(text_surface(line, size, colour, bold, italic), (rect.x, y))
        y += step
    return y - rect.y


def draw_mark(surface: pygame.Surface, mark: Mark, rect: pygame.Rect, text: str = "") -> None:
    """Draw a category's shape in its colour with its letter (or `text`) on top."""
    c = rect.center
    r = min(rect.width, rect.height) // 2
    if mark.shape == "circle":
        pygame.draw.circle(surface, mark.colour, c, r)
    elif mark.shape == "triangle":
        pts = [(c[0], c[1] - r), (c[0] + r, c[1] + r - 2), (c[0] - r, c[1] + r - 2)]
        pygame.draw.polygon(surface, mark.colour, pts)
    elif mark.shape == "diamond":
        pts = [(c[0], c[1] - r), (c[0] + r, c[1]), (c[0], c[1] + r), (c[0] - r, c[1])]
        pygame.draw.polygon(surface, mark.colour, pts)
    else:
        pygame.draw.rect(surface, mark.colour, rect.inflate(-2, -2), border_radius=2)
    label = text or mark.letter
    surf = text_surface(label, max(10, r), (0, 0, 0), True)
    dy = 3 if mark.shape == "triangle" else 0
    surface.blit(surf, surf.get_rect(center=(c[0], c[1] + dy)))


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, title: str = "") -> pygame.Rect:
    """A white panel with an optional title; return the inner rect below the title."""
    pygame.draw.rect(surface, PANEL, rect, border_radius=6)
    pygame.draw.rect(surface, LINE, rect, 1, border_radius=6)
    inner = rect.inflate(-16, -12)
    if title:
        blit_text(surface, title, (inner.x, inner.y), 16, INK, bold=True)
        inner.y += 26
        inner.height -= 26
    return inner


def draw_bar(
    surface: pygame.Surface, bar: pygame.Rect, value: int, bounds: tuple[int, int], delta: int
) -> None:
    """A gauge's bar, the part that changed this turn hatched (it reads without colour)."""
    lo, hi = bounds
    pygame.draw.rect(surface, (230, 227, 220), bar, border_radius=3)
    frac = 0.0 if hi == lo else (value - lo) / (hi - lo)
    fill = bar.copy()
    fill.width = int(bar.width * max(0.0, min(1.0, frac)))
    pygame.draw.rect(surface, (86, 180, 233), fill, border_radius=3)
    if delta:
        prev = (value - delta - lo) / (hi - lo) if hi != lo else 0
        x0 = bar.x + int(bar.width * max(0.0, min(1.0, min(prev, frac))))
        x1 = bar.x + int(bar.width * max(0.0, min(1.0, max(prev, frac))))
        for x in range(x0, x1, 4):
            pygame.draw.line(surface, INK, (x, bar.bottom - 1), (min(x + 4, x1), bar.top), 1)
    pygame.draw.rect(surface, (120, 120, 120), bar, 1, border_radius=3)
