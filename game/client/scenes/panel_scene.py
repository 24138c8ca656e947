"""A scene made of panels: it creates their visible widgets, draws them and scrolls them.

Scrolling: the mouse wheel scrolls the panel under the pointer; ↑ / ↓ (and Page préc. /
suiv. where the scene does not use them) scroll the panel under the pointer, else the
panel with the keyboard focus (Tab moves it, a frame marks it).
"""

from __future__ import annotations

import pygame

from game.client.palette import ACCENT
from game.client.scene import Scene
from game.client.scenes.panels.base import Panel
from game.client.scenes.panels.modal import NAME as MODAL
from game.client.scenes.panels.modal import Modal, modal_panel

STEP = 48  # pixels per wheel notch or arrow key


class PanelScene(Scene):
    """Subclasses return their panels from `build_panels()`; the rest is shared."""

    #: False where Page préc. / suiv. mean something else (the replay's phase jumps)
    page_keys = True

    def __init__(self) -> None:
        super().__init__()
        self.panels: list[Panel] = []
        self.scroll: dict[str, int] = {}
        self.owner: dict[str, str] = {}  # widget key -> panel name
        self.focus_panel: str | None = None
        self.pointer = (0, 0)
        self._relayout_due = False
        #: a question over the screen: while it is open, only its answers can be clicked
        self.modal: Modal | None = None

    def build_panels(self) -> list[Panel]:
        """The panels of the current state (subclasses)."""
        return []

    def relayout(self) -> None:
        """Rebuild, keeping what was typed in each field and which one had the keyboard."""
        typed = {k: e.get_text() for k, e in self.entries.items() if e.alive()}  # type: ignore[no-untyped-call]
        focused = next((k for k, e in self.entries.items() if e.is_focused), None)
        super().relayout()
        for key, text in typed.items():
            entry = self.entries.get(key)
            if entry is not None and entry.get_text() != text:
                entry.set_text(text)
        if focused in self.entries:
            self.entries[focused].focus()  # type: ignore[no-untyped-call]

    def refresh(self) -> None:
        """Rebuild the panels' content for a change that moves no widget (a clock): when
        every widget stays as it is, only the panels whose text changed are redrawn."""
        before = {p.name: p for p in self.panels}
        widgets = self._widget_specs(self.panels)
        panels = self.build_panels()
        if self.modal is not None or self._widget_specs(panels) != widgets:
            self.relayout()
            return
        self.panels = panels
        for p in panels:
            old = before.get(p.name)
            for rect in p.changed_since(old) if old is not None else [p.frame]:
                self.touch(rect)

    @staticmethod
    def _widget_specs(panels: list[Panel]) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = []
        for p in panels:
            out += [(b.key, tuple(b.rect), b.text, b.enabled, b.reason) for b in p.placed_buttons()]
            out += [(e.key, tuple(e.rect)) for e in p.placed_entries()]
        return out

    def ask(self, modal: Modal) -> None:
        """Put a question over the screen."""
        self.modal = modal
        self.relayout()

    def close_modal(self) -> None:
        self.modal = None
        self.relayout()

    def build(self) -> None:
        self.panels = self.build_panels()
        self.owner = {}
        live = self.panels
        if self.modal is not None:
            box = modal_panel(self.modal, self.app.size, self.close_modal)
            self.panels = [*self.panels, box]
            live = [box]
        for p in self.panels:
            self.scroll[p.name] = p.scroll
        for p in live:
            for b in p.placed_buttons():
                self.button(
                    b.key,
                    b.rect,
                    b.text,
                    b.on_click,
                    enabled=b.enabled,
                    reason=b.reason,
                    tooltip=b.tooltip,
                    object_id=b.object_id,
                    hotkey=b.hotkey,
                )
                self.owner[b.key] = p.name
            for e in p.placed_entries():
                self.entry(e.key, e.rect, e.text, e.placeholder)
                self.owner[e.key] = p.name

    def panel(self, name: str) -> Panel | None:
        return next((p for p in self.panels if p.name == name), None)

    def draw_panels(self, surface: pygame.Surface) -> None:
        clip = surface.get_clip()
        for p in self.panels:
            if p.name == MODAL:
                veil = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
                veil.fill((0, 0, 0, 110))
                surface.blit(veil, (0, 0))
            elif not p.frame.colliderect(clip):
                continue  # a partial redraw (the countdown's line) skips the other panels
            p.draw(surface)
            if p.name == self.focus_panel and p.scrollable:
                pygame.draw.rect(surface, ACCENT, p.frame, 2, border_radius=6)

    def draw_panels_over(self, surface: pygame.Surface) -> None:
        shown = set(self.buttons)
        clip = surface.get_clip()
        for p in self.panels:
            if p.frame.colliderect(clip):
                p.draw_over(surface, shown)

    # --- scrolling ---------------------------------------------------------------------
    def scroll_by(self, name: str, delta: int) -> None:
        p = self.panel(name)
        if p is None:
            return
        new = max(0, min(p.max_scroll, p.scroll + delta))
        if new != p.scroll:
            self.scroll[name] = new
            self._relayout_due = True

    def spec(self, key: str) -> tuple[Panel, pygame.Rect] | None:
        """The panel holding button `key` and its rect in content coordinates."""
        for p in self.panels:
            for b in p.buttons:
                if b.key == key:
                    return p, b.rect
        return None

    def all_keys(self) -> list[str]:
        """Every button of every panel, in view or scrolled out of it."""
        return [b.key for p in self.panels for b in (*p.fixed_buttons, *p.buttons)]

    def _target(self) -> Panel | None:
        under = next((p for p in self.panels if p.frame.collidepoint(self.pointer)), None)
        if under is not None and under.scrollable:
            return under
        return self.panel(self.focus_panel) if self.focus_panel else under

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if event.type == pygame.MOUSEMOTION:
            self.pointer = self.app.to_logical(event.pos)
        elif event.type == pygame.MOUSEWHEEL:
            p = self._target()
            if p is not None:
                self.scroll_by(p.name, -int(event.y) * STEP)
        elif event.type == pygame.KEYDOWN and not self.typing():
            self._scroll_key(event.key)

    def _scroll_key(self, key: int) -> None:
        if key == pygame.K_TAB:
            names = [p.name for p in self.panels if p.scrollable]
            if names:
                i = names.index(self.focus_panel) + 1 if self.focus_panel in names else 0
                self.focus_panel = names[i % len(names)]
            return
        p = self._target()
        if p is None:
            return
        page = max(STEP, p.body.height - 2 * STEP)
        moves = {pygame.K_UP: -STEP, pygame.K_DOWN: STEP}
        if self.page_keys:
            moves |= {pygame.K_PAGEUP: -page, pygame.K_PAGEDOWN: page}
        if key in moves:
            self.scroll_by(p.name, moves[key])

    def update(self, dt: float) -> None:
        if self._relayout_due:
            self._relayout_due = False
            self.relayout()
        super().update(dt)

    # --- for the layout test -------------------------------------------------------------
    def widget_rects(self) -> list[tuple[str, str, pygame.Rect]]:
        """(panel, key, rect) of every widget on screen."""
        out = [(self.owner.get(k, ""), k, b.rect) for k, b in self.buttons.items()]
        out += [(self.owner.get(k, ""), k, e.rect) for k, e in self.entries.items()]
        return out
