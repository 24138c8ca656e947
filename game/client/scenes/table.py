"""The table: what one seat sees and does, phase by phase (hot-seat passes the screen on)."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.client.draw import blit_text, blit_wrapped, draw_panel
from game.client.palette import INK, MUTED, WARN_BG
from game.client.scene import Scene
from game.client.scenes import table_draw as td
from game.client.scenes import table_panels as panels
from game.client.scenes.table_panels import Op
from game.client.scenes.wording import action_key, refusal
from game.client.session import Session
from game.client.texts import CardText
from game.engine.actions import MAX_JUSTIFICATION, Action
from game.engine.phase import Phase
from game.engine.view_models import PlayerView
from game.log import revised


@dataclass(frozen=True)
class Layout:
    top: pygame.Rect
    left: pygame.Rect
    center: pygame.Rect
    right: pygame.Rect


def layout(size: tuple[int, int]) -> Layout:
    """Split the window into top bar, left column, centre and right column."""
    return layout_in(pygame.Rect(0, 0, *size))


def layout_in(area: pygame.Rect) -> Layout:
    """Split `area` (the whole window, or what a host scene leaves) like `layout`."""
    x, y, w, h = area
    side = 300 if w < 1600 else 380
    right = 340 if w < 1600 else 440
    return Layout(
        pygame.Rect(x, y, w, 64),
        pygame.Rect(x + 8, y + 72, side, h - 80),
        pygame.Rect(x + side + 16, y + 72, w - side - right - 32, h - 80),
        pygame.Rect(x + w - right - 8, y + 72, right, h - 80),
    )


class TableScene(Scene):
    """One seat's screen; rebuilds its widgets whenever the session's view changes."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.texts = session.texts
        #: a read-only session (replay): no « Prêt·e », no vote or option buttons
        self.read_only = session.read_only
        self.selected: str | None = None
        self.axis_filter: str | None = None
        self.step_filter: int | None = None
        self.page = 0
        self.show_board = False
        self.justification = ""
        self.legal: dict[str, Action] = {}
        self.toasts: list[tuple[str, float]] = []
        self.clock = ""
        self._seen: tuple[int, str | None] = (-1, None)
        self.ops: list[Op] = []
        self.right_ops: list[Op] = []
        self.cells: list[tuple[pygame.Rect, CardText, str]] = []

    # --- state -----------------------------------------------------------
    @property
    def view(self) -> PlayerView | None:
        return self.session.view

    def act(self, key: str) -> None:
        """Send the legal action behind button `key` (with the justification when it takes one)."""
        action = self.legal.get(key)
        if action is None:
            return
        text = self._justification_text()
        if action.type in ("vote", "choose_option") and text:
            action = revised(action, justification=text[:MAX_JUSTIFICATION])
            self.justification = ""
            if "justification" in self.entries:
                self.entries["justification"].set_text("")
        self.session.send(action)

    def _justification_text(self) -> str:
        entry = self.entries.get("justification")
        if entry is not None and entry.alive():  # type: ignore[no-untyped-call]
            self.justification = entry.get_text()
        return self.justification.strip()

    def set_filter(self, axis: str | None, step: int | None) -> None:
        self.axis_filter, self.step_filter, self.page = axis, step, 0
        self.relayout()

    def select(self, card: str) -> None:
        self.selected = card
        self.relayout()

    def turn_page(self, delta: int) -> None:
        self.page = max(0, self.page + delta)
        self.relayout()

    def toggle_board(self) -> None:
        self.show_board = not self.show_board
        self.relayout()

    # --- hooks for host scenes (replay) -----------------------------------
    def table_area(self) -> pygame.Rect:
        """Where the table is drawn: the whole window here."""
        return pygame.Rect(0, 0, *self.app.size)

    def lay(self) -> Layout:
        return layout_in(self.table_area())

    def right_rect(self, lay: Layout) -> pygame.Rect:
        """The right column above the footer (and the « Prêt·e » button when playing)."""
        below = 68 if self.read_only else 120
        return pygame.Rect(lay.right.x, lay.right.y, lay.right.width, lay.right.height - below)

    def who_text(self, view: PlayerView) -> str:
        """Whose screen this is (top bar, right)."""
        text = f"Écran de : {self.texts.role_title(view.seat)}"
        status = self.session.status
        # A networked screen says so while it is not connected (« reconnexion… »).
        return f"{text} · {status}" if status and status != "connecté" else text

    def build_phase(self, view: PlayerView, inner: pygame.Rect) -> None:
        """The centre's widgets for the current phase (market, vote, dilemma)."""
        panels.build_phase(self, view, inner)

    # --- build -----------------------------------------------------------
    def relayout(self) -> None:
        focused = "justification" in self.entries and self.entries["justification"].is_focused
        self._justification_text()
        super().relayout()
        if focused and "justification" in self.entries:
            self.entries["justification"].focus()  # type: ignore[no-untyped-call]

    def build(self) -> None:
        view = self.view
        self._seen = (self.session.version, self.session.seat)
        if view is None:
            return
        self.legal = {action_key(a): a for a in view.legal_actions}
        lay = self.lay()
        if not self.read_only:
            self._build_ready(view, lay.right)
        panels.build_center(self, view, lay.center)
        panels.build_right(self, view, self.right_rect(lay))

    def _build_ready(self, view: PlayerView, right: pygame.Rect) -> None:
        ok = "ready" in self.legal
        rect = pygame.Rect(right.x, right.bottom - 48, right.width, 48)
        text = "Prêt·e — j'ai fini cette phase (Entrée)" if ok else "Prêt·e"
        self.button(
            "ready",
            rect,
            text,
            lambda: self.act("ready"),
            enabled=ok,
            reason="" if ok else refusal(view, "ready"),
            object_id="#primary" if ok else None,
            hotkey=pygame.K_RETURN,
        )

    # --- frame -----------------------------------------------------------
    def update(self, dt: float) -> None:
        now = self.session.now()
        for msg in self.session.poll():
            self.toasts.append((msg, now + 6))
        self.toasts = [(m, t) for m, t in self.toasts if t > now]
        if (self.session.version, self.session.seat) != self._seen:
            self.relayout()
        view = self.view
        if view is not None:
            remaining = view.remaining if view.deadline is None else view.deadline - now
            self.clock = td.clock_text(remaining, view.paused)
        super().update(dt)
        self._maybe_hand_over()

    def _maybe_hand_over(self) -> None:
        next_seat = getattr(self.session, "next_seat", None)
        if not self.session.hot_seat or next_seat is None:
            return
        seat = next_seat()
        if seat is not None and seat != self.session.seat:
            from game.client.scenes.handover import HandoverScene

            self.app.switch(HandoverScene(self.session, seat))

    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if event.type == pygame.KEYDOWN and not self.typing():
            panels.handle_key(self, event.key)

    def draw(self, surface: pygame.Surface) -> None:
        view = self.view
        lay = self.lay()
        if view is None:
            blit_text(surface, "Connexion à la table…", (40, 40), 20, INK, bold=True)
            return
        td.draw_top(surface, lay.top, view, self.texts, self.clock, self.who_text(view))
        self.draw_left(surface, view, lay.left)
        panels.draw_center(self, surface, view, lay.center)
        panels.draw_right(self, surface, view, self.right_rect(lay))
        self._draw_footer(surface, view, lay.right)

    def draw_left(self, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect) -> None:
        """Gauges, this seat's role and secret, then the feed."""
        y = rect.y
        y += td.draw_gauges(surface, rect, view, self.texts) + 8
        y += td.draw_role(surface, pygame.Rect(rect.x, y, rect.width, 0), view, self.texts) + 8
        td.draw_feed(surface, pygame.Rect(rect.x, y, rect.width, rect.bottom - y), view, self.texts)

    def _draw_footer(self, surface: pygame.Surface, view: PlayerView, right: pygame.Rect) -> None:
        bottom = right.bottom if self.read_only else right.bottom - 52
        box = pygame.Rect(right.x, bottom - 60, right.width, 60)
        inner = draw_panel(surface, box)
        ready = [self.texts.role_title(s.role) for s in view.seats if s.occupied and s.ready]
        waiting = [self.texts.role_title(s.role) for s in view.seats if s.occupied and not s.ready]
        if view.phase == Phase.FIN:
            line = "Partie terminée."
        else:
            line = (
                f"Prêts : {', '.join(ready) or 'personne'} — "
                f"en attente : {', '.join(waiting) or 'personne'}"
            )
        blit_wrapped(surface, line, inner, 13, INK, max_lines=3)

    def draw_over(self, surface: pygame.Surface) -> None:
        view = self.view
        if view is None:
            return
        area = self.table_area()
        panels.draw_over(self, surface, view, self.lay().center)
        lines = [m for m, _ in self.toasts]
        if self.hover_reason:
            lines.insert(0, self.hover_reason)
        if lines:
            w = min(720, self.app.size[0] - 40)
            text = "\n".join(lines[:3])
            from game.client.draw import wrap

            h = 14 + 20 * len(wrap(text, 14, w - 20))
            box = pygame.Rect(area.centerx - w // 2, area.bottom - h - 10, w, h)
            pygame.draw.rect(surface, WARN_BG, box, border_radius=6)
            pygame.draw.rect(surface, MUTED, box, 1, border_radius=6)
            blit_wrapped(surface, text, box.inflate(-20, -10), 14, INK)
