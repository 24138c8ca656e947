"""A panel: a framed, titled area whose content (drawings and widget specs) may scroll.

Panels are built by plain functions from a narrow context; they never create widgets
themselves. They return a `Panel` that lists what to draw and which buttons and text
fields the scene should create, in content coordinates; the scene (`PanelScene`) places
them at the panel's scroll offset, creates only the widgets that are wholly visible and
draws « suite plus bas » when the content goes on below the frame.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache

import pygame

from game.client.assets import font, theme
from game.client.draw import blit_text, draw_mark, text_surface
from game.client.palette import INK, LINE, PANEL, WARN_BG, Mark

#: a drawing: (surface, dy) where dy moves content coordinates to the screen
Op = Callable[[pygame.Surface, int], object]
Callback = Callable[[], None]
TITLE_SIZE = 16
BAND = 22  # height of the « suite plus bas » / « plus haut » bands
LINE_GAP = 2


def moved(fn: Callable[..., object], rect: pygame.Rect, *args: object) -> Op:
    """A drawing `fn(surface, rect, *args)` with `rect` in content coordinates."""

    def op(surface: pygame.Surface, dy: int) -> None:
        fn(surface, rect.move(0, dy), *args)

    return op


def mark_at(surface: pygame.Surface, rect: pygame.Rect, mark: Mark, label: str = "") -> None:
    """`draw_mark` with the rect first, for `moved`."""
    draw_mark(surface, mark, rect, label)


@dataclass(frozen=True)
class ButtonSpec:
    """A button the scene will create (rect in content coordinates, unless fixed)."""

    key: str
    rect: pygame.Rect
    text: str
    on_click: Callback | None = None
    enabled: bool = True
    reason: str = ""
    tooltip: str = ""
    object_id: str | None = None
    hotkey: int | None = None


@dataclass(frozen=True)
class EntrySpec:
    key: str
    rect: pygame.Rect
    text: str = ""
    placeholder: str = ""


@cache
def _theme_fonts() -> dict[str, tuple[int, bool, bool, int]]:
    """(size, bold, italic, left padding) of each button style of the theme."""
    data = theme()
    base = data.get("defaults", {}).get("font", {})
    out: dict[str, tuple[int, bool, bool, int]] = {}
    for key, block in data.items():
        f = {**base, **(block.get("font", {}) if isinstance(block, dict) else {})}
        misc = block.get("misc", {}) if isinstance(block, dict) else {}
        pad = int(misc.get("text_horiz_alignment_padding", 0))
        out[key] = (int(f.get("size", 15)), f.get("bold") == "1", f.get("italic") == "1", pad)
    return out


def label_width(text: str, object_id: str | None) -> int:
    """How wide a button's label is drawn, padding and borders included."""
    size, bold, italic, pad = _theme_fonts().get(object_id or "defaults", (15, False, False, 0))
    return font(size, bold=bold, italic=italic).size(text)[0] + max(2 * pad, 12) + 8


def fits(text: str, width: int, object_id: str | None = None) -> bool:
    """True when a button of this width shows `text` whole."""
    return label_width(text, object_id) <= width


@dataclass
class Panel:
    """What one panel shows, ready to be placed at its scroll offset."""

    name: str
    frame: pygame.Rect
    body: pygame.Rect
    title_lines: tuple[str, ...]
    ops: list[Op]
    buttons: list[ButtonSpec]
    entries: list[EntrySpec]
    content: int
    scroll: int = 0
    framed: bool = True
    fixed_ops: list[Op] = field(default_factory=list)
    over_ops: list[tuple[str | None, Op]] = field(default_factory=list)
    fixed_buttons: list[ButtonSpec] = field(default_factory=list)
    fixed_entries: list[EntrySpec] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    text_rects: list[pygame.Rect] = field(default_factory=list)
    fixed_text_rects: list[pygame.Rect] = field(default_factory=list)
    #: (text, rect in content coordinates) of each scrolled text, to redraw only what changed
    drawn: list[tuple[str, tuple[int, int, int, int]]] = field(default_factory=list)
    overflow: list[str] = field(default_factory=list)

    @property
    def scrollable(self) -> bool:
        return self.content > self.body.height

    @property
    def max_scroll(self) -> int:
        return max(0, self.content - self.body.height + BAND) if self.scrollable else 0

    @property
    def more_above(self) -> bool:
        return self.scroll > 0

    @property
    def more_below(self) -> bool:
        return self.scroll < self.max_scroll

    @property
    def view(self) -> pygame.Rect:
        """The part of `body` where content shows (between the scroll bands)."""
        top = BAND if self.more_above else 0
        bottom = BAND if self.more_below else 0
        b = self.body
        return pygame.Rect(b.x, b.y + top, b.width, b.height - top - bottom)

    @property
    def dy(self) -> int:
        return self.body.y - self.scroll

    def placed_buttons(self) -> list[ButtonSpec]:
        """The buttons on screen now: fixed ones, and scrolled ones wholly in view."""
        view, dy = self.view, self.dy
        out = list(self.fixed_buttons)
        for b in self.buttons:
            rect = b.rect.move(0, dy)
            if view.contains(rect):
                out.append(replace(b, rect=rect))
        return out

    def placed_entries(self) -> list[EntrySpec]:
        view, dy = self.view, self.dy
        return list(self.fixed_entries) + [
            EntrySpec(e.key, e.rect.move(0, dy), e.text, e.placeholder)
            for e in self.entries
            if view.contains(e.rect.move(0, dy))
        ]

    def changed_since(self, old: Panel) -> list[pygame.Rect]:
        """Where this panel's text differs from `old`'s, on screen (the whole frame when the
        difference is elsewhere than in its scrolled texts)."""
        if (old.texts, old.scroll, old.frame) == (self.texts, self.scroll, self.frame):
            return []
        if old.scroll != self.scroll or old.frame != self.frame or old.fixed_text_rects:
            return [self.frame]
        before, now = set(old.drawn), set(self.drawn)
        rects = [pygame.Rect(r) for _, r in before ^ now]
        out = [r.move(0, self.dy).clip(self.view).inflate(4, 2) for r in rects]
        return [r for r in out if r.width > 4] or [self.frame]

    def visible_text_rects(self) -> list[pygame.Rect]:
        """Where text is drawn on screen now (clipped to the view)."""
        view, dy = self.view, self.dy
        moved = [r.move(0, dy).clip(view) for r in self.text_rects]
        return [r for r in moved if r.width and r.height] + list(self.fixed_text_rects)

    def draw(self, surface: pygame.Surface) -> None:
        """Frame, title, content clipped to the view, then the scroll bands."""
        if self.framed:
            pygame.draw.rect(surface, PANEL, self.frame, border_radius=6)
            pygame.draw.rect(surface, LINE, self.frame, 1, border_radius=6)
            y = self.frame.y + 6
            for line in self.title_lines:
                blit_text(surface, line, (self.body.x, y), TITLE_SIZE, INK, bold=True)
                y += font(TITLE_SIZE, bold=True).get_linesize()
        clip = surface.get_clip()
        surface.set_clip(self.view.clip(clip))
        for op in self.ops:
            op(surface, self.dy)
        surface.set_clip(clip)
        for op in self.fixed_ops:
            op(surface, 0)
        self._bands(surface)

    def draw_over(self, surface: pygame.Surface, shown: set[str]) -> None:
        """What goes over the widgets (labels and marks on buttons that are in `shown`)."""
        if not self.over_ops:
            return
        clip = surface.get_clip()
        surface.set_clip(self.view.clip(clip))
        for key, op in self.over_ops:
            if key is None or key in shown:
                op(surface, self.dy)
        surface.set_clip(clip)

    def _bands(self, surface: pygame.Surface) -> None:
        if self.more_above:
            _band(surface, pygame.Rect(self.body.x, self.body.y, self.body.width, BAND), up=True)
        if self.more_below:
            bottom = pygame.Rect(self.body.x, self.body.bottom - BAND, self.body.width, BAND)
            _band(surface, bottom, up=False)


def _band(surface: pygame.Surface, rect: pygame.Rect, *, up: bool) -> None:
    """« ▲ plus haut » / « ▼ suite plus bas (molette ou flèches) »: a drawn arrow and words."""
    pygame.draw.rect(surface, WARN_BG, rect, border_radius=4)
    cx, cy = rect.x + 12, rect.centery
    pts = (
        [(cx - 6, cy + 3), (cx + 6, cy + 3), (cx, cy - 4)]
        if up
        else [
            (cx - 6, cy - 3),
            (cx + 6, cy - 3),
            (cx, cy + 4),
        ]
    )
    pygame.draw.polygon(surface, INK, pts)
    text = "plus haut" if up else "suite plus bas (molette ou flèches)"
    if text_surface(text, 13).get_width() > rect.width - 30:
        text = "plus haut" if up else "suite plus bas"
    blit_text(surface, text, (rect.x + 24, rect.y + 2), 13, INK, italic=True)
