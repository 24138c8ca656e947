"""The table: what one seat sees and does, phase by phase (hot-seat passes the screen on)."""

from __future__ import annotations

import pygame

from game.client.draw import blit_text
from game.client.palette import INK
from game.client.scene import SceneName
from game.client.scenes.hotseat import log_notes, quit_modal, ready_modal
from game.client.scenes.join_lookup import JoinLookup
from game.client.scenes.overlays import draw_reason, draw_toasts
from game.client.scenes.panel_scene import PanelScene
from game.client.scenes.panels.banner import Banner, table_banners
from game.client.scenes.panels.base import Panel
from game.client.scenes.panels.context import TableContext, TableUi
from game.client.scenes.panels.top import clock_text
from game.client.scenes.table_layout import Layout, TableParts, layout_in, table_panels, top_panel
from game.client.scenes.wording import action_key, unvoted
from game.client.sessions.base import Session
from game.client.texts import PackTexts
from game.engine.actions import MAX_JUSTIFICATION, Action
from game.engine.phase import Phase
from game.engine.view_models import PlayerView
from game.log import revised

TOAST_SECONDS = 6
#: Entrée marks a seat ready only once its phase has been on screen this long: a double
#: Entrée at the hand-over must not mark the next person ready in a phase not yet seen
SEEN_SECONDS = 1.0
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
PARTS = TableParts()
VOTE_KEYS = {pygame.K_p: "pour", pygame.K_c: "contre", pygame.K_a: "abstention"}


class TableScene(PanelScene):
    """One seat's screen; rebuilds its widgets whenever the session's view changes."""

    @property
    def parts(self) -> TableParts:
        """What this table shows in its panels (the replay changes some)."""
        return PARTS

    @property
    def texts(self) -> PackTexts:
        """The session's texts: read each time, as a networked session may replace them
        once the pack has come (a scene opened before it shows titles, not ids, after)."""
        return self.session.texts

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        #: a read-only session (replay): no « Prêt·e », no vote or option buttons
        self.read_only = session.read_only
        self.ui = TableUi(scroll=self.scroll)
        self.legal: dict[str, Action] = {}
        self.toasts: list[tuple[str, float]] = []
        self.clock = ""
        self._top: tuple[str, str] = ("", "")
        self._seen: tuple[object, ...] = ()
        self._where: tuple[int, Phase] | None = None
        self._handed: tuple[object, ...] = ()
        self._shown: tuple[int, Phase, str | None] | None = None
        self._shown_at = 0.0
        #: where phones join this table (a networked screen only)
        self.join = JoinLookup(session)
        self._decided = 0

    # --- state -----------------------------------------------------------
    @property
    def view(self) -> PlayerView | None:
        return self.session.view

    @property
    def selected(self) -> str | None:
        return self.ui.selected

    def act(self, key: str) -> None:
        """Send the legal action behind button `key` (with the justification when it takes one)."""
        action = self.legal.get(key)
        if action is None:
            return
        text = self._justification_text()
        if action.type in ("vote", "choose_option") and text:
            action = revised(action, justification=text[:MAX_JUSTIFICATION])
            self.ui.justification = ""
            if "justification" in self.entries:
                self.entries["justification"].set_text("")
        self.session.send(action)

    def ready(self) -> None:
        """« Prêt·e », after a question when this seat has not voted on everything."""
        view = self.view
        if view is None or "ready" not in self.legal:
            return
        missing = unvoted(view)
        if not missing:
            self.act("ready")
            return
        self.ask(ready_modal(missing, lambda: self.act("ready")))

    def request_quit(self) -> bool:
        """A hot-seat game in progress asks before closing (the log is kept either way)."""
        view = self.view
        if not self.session.hot_seat or view is None or view.phase == Phase.FIN:
            return True
        self.ask(quit_modal(self.session, lambda: setattr(self.app, "running", False)))
        return False

    def _justification_text(self) -> str:
        entry = self.entries.get("justification")
        if entry is not None and entry.alive():  # type: ignore[no-untyped-call]
            self.ui.justification = entry.get_text()
        return self.ui.justification.strip()

    def set_filter(self, axis: str | None, step: int | None) -> None:
        self.ui.axis_filter, self.ui.step_filter = axis, step
        self.relayout()

    def select(self, card: str) -> None:
        self.ui.selected = card
        self.scroll["card"] = 0
        self.relayout()

    def toggle_board(self) -> None:
        self.ui.show_board, self.ui.show_history = not self.ui.show_board, False
        self.relayout()

    def toggle_history(self) -> None:
        self.ui.show_history, self.ui.show_board = not self.ui.show_history, False
        self.scroll["history"] = 0
        self.relayout()

    # --- hooks for host scenes (replay) -----------------------------------
    def table_area(self) -> pygame.Rect:
        """Where the table is drawn: the whole window here."""
        return pygame.Rect(0, 0, *self.app.size)

    def lay(self) -> Layout:
        return layout_in(self.table_area(), left_min=self.parts.left_min)

    def who_text(self, view: PlayerView) -> str:
        """Whose screen this is (top bar, right)."""
        text = f"Écran de : {self.texts.role_title(view.seat)}"
        status = self.session.status
        # A networked screen says so while it is not connected (« reconnexion… »).
        return f"{text} · {status}" if status and status != "connecté" else text

    def context(self, view: PlayerView) -> TableContext:
        return TableContext(
            view,
            self.texts,
            self.legal,
            self.ui,
            self,
            self.read_only,
            log_notes(self.session),
            tuple(self.session.notices),
            self.join.card,
        )

    def banners(self, view: PlayerView) -> list[Banner]:
        """What stays across the screen until dealt with."""
        return table_banners(self.session, self.texts.role_title(view.seat), self.dismiss)

    def dismiss(self) -> None:
        """The facilitator's message was read: the band goes, the feed keeps it."""
        self.session.notices_read = len(self.session.notices)
        self.relayout()

    def _state(self) -> tuple[object, ...]:
        """What the screen is built from: the game's version and what the bands show."""
        s = self.session
        return (s.version, s.seat, s.connected, s.seat_lost, len(s.notices), s.notices_read)

    # --- build -----------------------------------------------------------
    def relayout(self) -> None:
        focused = "justification" in self.entries and self.entries["justification"].is_focused
        self._justification_text()
        super().relayout()
        if focused and "justification" in self.entries:
            self.entries["justification"].focus()  # type: ignore[no-untyped-call]

    def build_panels(self) -> list[Panel]:
        view = self.view
        self._seen = self._state()
        if view is None:
            return []
        shown = (view.turn, view.phase, view.seat)
        if shown != self._shown:
            self._shown, self._shown_at = shown, self.app.now()
        where = (view.turn, view.phase)
        if where != self._where:  # a new phase starts at the top of every panel
            self._where = where
            self.scroll.clear()
            self.ui.show_history = False
        decided = sum(1 for d in view.dilemmas if d.turn == view.turn and d.chosen is not None)
        if decided != self._decided:  # a dilemma just decided: its expert view, at the top
            self._decided = decided
            self.scroll.pop("phase", None)
            self.ui.show_board = self.ui.show_history = False
        self.legal = {action_key(a): a for a in view.legal_actions}
        self.clock = self._clock(view)
        self._top = (self.clock, self.who_text(view))
        return table_panels(
            self.context(view),
            self.table_area(),
            clock=self.clock,
            who=self._top[1],
            parts=self.parts,
            banners=self.banners(view),
        )

    def _refresh_top(self, view: PlayerView) -> None:
        """Redraw the top bar only: the countdown's second, the connection's state."""
        self.clock = self._top[0]
        top = top_panel(
            self.context(view),
            self.table_area(),
            clock=self.clock,
            who=self._top[1],
            parts=self.parts,
        )
        old = next((p for p in self.panels if p.name == "top"), None)
        self.panels = [top if p.name == "top" else p for p in self.panels]
        for rect in top.changed_since(old) if old is not None else [top.frame]:
            self.touch(rect)

    def _clock(self, view: PlayerView) -> str:
        now = self.session.now()
        remaining = view.remaining if view.deadline is None else view.deadline - now
        return clock_text(remaining, view.paused)

    # --- frame -----------------------------------------------------------
    def update(self, dt: float) -> None:
        now = self.session.now()
        before = len(self.toasts)
        for msg in self.session.poll():
            self.toasts.append((msg, now + TOAST_SECONDS))
        self.toasts = [(m, t) for m, t in self.toasts if t > now]
        if len(self.toasts) != before:
            self.dirty = True
        view = self.view
        if self.join.poll() or self._state() != self._seen:
            self.relayout()
        elif view is not None:
            top = (self._clock(view), self.who_text(view))
            if top != self._top:
                self._top = top
                self._refresh_top(view)
        super().update(dt)
        self._maybe_hand_over()

    def _maybe_hand_over(self) -> None:
        next_seat = getattr(self.session, "next_seat", None)
        if not self.session.hot_seat or next_seat is None or self._handed == self._seen:
            return
        self._handed = self._seen  # asked once per version of the game
        seat = next_seat()
        if seat is not None and seat != self.session.seat:
            self.app.open(SceneName.HANDOVER, session=self.session, seat=seat)

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in ENTER_KEYS and self._fresh():
            return  # the phase has just appeared: this Entrée was meant for the hand-over
        super().handle(event)
        if event.type == pygame.KEYDOWN and not self.typing() and self.modal is None:
            self._vote_key(event.key)

    def _fresh(self) -> bool:
        """True while this seat's phase has been on screen less than SEEN_SECONDS."""
        return self.app.now() - self._shown_at < SEEN_SECONDS

    def _vote_key(self, key: int) -> None:
        """P / C / A vote on the first proposal this seat has not voted on yet."""
        view = self.view
        choice = VOTE_KEYS.get(key)
        if view is None or view.phase != Phase.VOTE or choice is None:
            return
        for p in view.proposals:
            k = f"vote:{p.index}:{choice}"
            if k in self.legal and view.seat not in p.votes:
                self.act(k)
                return

    def draw(self, surface: pygame.Surface) -> None:
        if self.view is None:
            blit_text(surface, "Connexion à la table…", (40, 40), 20, INK, bold=True)
            return
        self.draw_panels(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        if self.view is None:
            return
        self.draw_panels_over(surface)
        if self.hover_reason:
            pointer = self.app.manager.get_mouse_position()
            draw_reason(surface, self.hover_reason, pointer, self.app.size)
        draw_toasts(surface, [m for m, _ in self.toasts], self.table_area())
