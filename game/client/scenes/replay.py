"""The replay viewer: the table picture of a logged game at a cursor you move freely.

A header says where the cursor is and what just happened; the table below is
the ordinary `TableScene` drawn from `player_view(state, seat)` through a
read-only `ReplaySession`; the transport bar at the bottom steps, jumps,
plays and scrubs. Keys: ← → one action, PgUp / PgDn one phase, T then a digit
a turn, Début / Fin the ends, espace lecture/pause, + / − the speed, Échap back.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame
import pygame_gui
from pygame_gui.elements import UIDropDownMenu, UIHorizontalSlider

from game.client.scene import Scene
from game.client.scenes import replay_transport as transport
from game.client.scenes.panels import replay as rp
from game.client.scenes.panels.centre import TABLE_BUILDERS
from game.client.scenes.replay_transport import FACILITATOR, HEADER_H, TRANSPORT_H
from game.client.scenes.table import TableScene
from game.client.scenes.table_layout import TableParts
from game.client.sessions.replay import ReplaySession
from game.engine.phase import Phase
from game.engine.view_models import PlayerView

SPEEDS = (1, 2, 4, 8)  # actions per second
KEYS: dict[int, str] = {
    pygame.K_RIGHT: "fwd",
    pygame.K_LEFT: "back",
    pygame.K_PAGEUP: "prev_phase",
    pygame.K_PAGEDOWN: "next_phase",
    pygame.K_SPACE: "play",
    pygame.K_HOME: "home",
    pygame.K_END: "end",
    pygame.K_ESCAPE: "close",
}
BUILDERS = {**TABLE_BUILDERS, Phase.VOTE: rp.build_vote, Phase.DILEMMES: rp.build_dilemma}
#: the facilitator's view widens the left column for every secret objective
FACILITATOR_PARTS = TableParts(
    builders=BUILDERS, role=rp.revealed_panel, left_min=400, ready_button=False
)
SEAT_PARTS = TableParts(builders=BUILDERS, ready_button=False)


class ReplayScene(TableScene):
    """Step, jump, play and scrub through one table's log, seen by any seat or the facilitator."""

    def __init__(self, session: ReplaySession, *, back: Callable[[], Scene] | None = None) -> None:
        super().__init__(session)
        self.replay = session
        self.back = back
        self.playing = False
        self.speed = 1
        self.clock_acc = 0.0
        self.turn_key = False  # « T » was pressed: the next digit picks a turn
        self.target: int | None = None  # slider position asked this frame
        self.slider: UIHorizontalSlider | None = None
        self.seat_menu: UIDropDownMenu | None = None
        self.turn_x = 0  # where « Tour : » is drawn in the transport bar
        self._built_for: tuple[int, int] | None = None
        self._kept: set[int] | None = None  # ids of the transport's widgets

    page_keys = False  # Page préc. / suiv. jump phases here

    # --- table hooks ---------------------------------------------------------
    @property
    def parts(self) -> TableParts:
        return FACILITATOR_PARTS if self.replay.seat is None else SEAT_PARTS

    def table_area(self) -> pygame.Rect:
        w, h = self.app.size
        return pygame.Rect(0, HEADER_H, w, h - HEADER_H - TRANSPORT_H)

    def who_text(self, view: PlayerView) -> str:
        if view.seat is None:
            return "Vue : animation (tout révélé)"
        return f"Vue : {self.texts.role_title(view.seat)}"

    @property
    def shown(self) -> list[str]:
        """The texts of the phase panel on screen (tests read them)."""
        phase = self.panel("phase")
        return phase.texts if phase is not None else []

    def shown_secrets(self) -> dict[str, str]:
        """The secret objectives on screen now, by role."""
        view = self.view
        return rp.shown_secrets(view, self.texts) if view is not None else {}

    # --- widgets: the transport is built once per window size, the table per cursor --------
    def relayout(self) -> None:
        if self._built_for != self.app.size or self._kept is None:
            self.clear()
            transport.build_transport(self)
            self._built_for = self.app.size
            self._kept = {id(e) for e in self.elements}
        else:
            self.stash(keep=self._kept)
        self.build()
        self.drop_spares()
        transport.sync_transport(self)
        self.dirty = True

    def clear(self) -> None:
        """Remove every widget, the transport's too (built again by the next relayout)."""
        super().clear()
        self._built_for, self._kept = None, None

    # --- commands ------------------------------------------------------------
    def seek(self, index: int) -> None:
        """Move the cursor to action `index` (the table redraws next frame)."""
        self.replay.seek(index)

    def step(self, delta: int) -> None:
        self.playing = False
        self.seek(self.replay.position + delta)

    def prev_phase(self) -> None:
        """The start of the current phase, or of the previous one when already there."""
        pos = self.replay.position
        starts = [m.index for m in self.replay.replayer.marks if m.index < pos]
        self.seek(starts[-1] if starts else 0)

    def next_phase(self) -> None:
        pos = self.replay.position
        starts = [m.index for m in self.replay.replayer.marks if m.index > pos]
        self.seek(starts[0] if starts else self.replay.length)

    def jump_turn(self, turn: int) -> None:
        start = self.replay.replayer.turn_start(turn)
        if start is not None:
            self.seek(start)

    def toggle_play(self) -> None:
        if not self.playing and self.replay.position >= self.replay.length:
            self.seek(0)
        self.playing = not self.playing
        self.clock_acc = 0.0
        transport.sync_transport(self)

    def change_speed(self, delta: int) -> None:
        i = SPEEDS.index(self.speed) + delta
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, i))]

    def show_as(self, seat: str | None) -> None:
        """Show the table as `seat` sees it (None: the facilitator)."""
        self.replay.show_as(seat)
        menu = self.seat_menu
        if menu is not None and menu.selected_option[1] != (seat or FACILITATOR):
            self._kept = None  # rebuild the selector so it names the new view

    def close(self) -> None:
        if self.back is not None:
            self.app.switch(self.back())

    # --- frame -----------------------------------------------------------------

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.slider:
            self.playing = False
            self.target = int(event.value)
            return
        if self._seat_chosen(event):
            return
        if event.type == pygame.KEYDOWN and self._key(event):
            return
        super().handle(event)

    def _seat_chosen(self, event: pygame.event.Event) -> bool:
        """« Voir comme » picked an entry (the menu's change, or its list's new selection)."""
        menu = self.seat_menu
        if menu is None:
            return False
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED and event.ui_element is menu:
            seat = event.selected_option_id
        elif event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is (
            getattr(menu.current_state, "options_selection_list", None)
        ):
            titles = {self.texts.role_title(r): r for r in self.replay.roles}
            seat = titles.get(event.text, FACILITATOR)
        else:
            return False
        self.replay.show_as(None if seat == FACILITATOR else seat)
        return True

    def _key(self, event: pygame.event.Event) -> bool:
        """Replay keys; True when the key was one of them."""
        if self.turn_key and pygame.K_0 <= event.key <= pygame.K_9:
            self.turn_key = False
            self.jump_turn(event.key - pygame.K_0)
            return True
        self.turn_key = event.key == pygame.K_t
        if self.turn_key:
            return True
        if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
            self.change_speed(1)
            return True
        if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
            self.change_speed(-1)
            return True
        commands: dict[str, Callable[[], None]] = {
            "fwd": partial(self.step, 1),
            "back": partial(self.step, -1),
            "prev_phase": self.prev_phase,
            "next_phase": self.next_phase,
            "play": self.toggle_play,
            "home": partial(self.seek, 0),
            "end": partial(self.seek, self.replay.length),
            "close": self.close,
        }
        action = commands.get(KEYS.get(event.key, ""))
        if action is None:
            return False
        action()
        return True

    def update(self, dt: float) -> None:
        if self.target is not None:
            self.seek(self.target)
            self.target = None
        if self.playing:
            self.clock_acc += dt * self.speed
            if self.clock_acc >= 1:
                steps, self.clock_acc = int(self.clock_acc), self.clock_acc % 1
                self.seek(self.replay.position + steps)
                if self.replay.position >= self.replay.length:
                    self.playing = False
                    transport.sync_transport(self)
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        w, h = self.app.size
        transport.draw_header(self, surface, pygame.Rect(0, 0, w, HEADER_H))
        transport.draw_transport(self, surface, pygame.Rect(0, h - TRANSPORT_H, w, TRANSPORT_H))


def replay_scene_from_jsonl(
    text: str, *, seat: str | None = None, back: Callable[[], Scene] | None = None
) -> ReplayScene:
    """The replay scene over a JSONL log (a file, or `GET /api/tables/{id}/log`)."""
    return ReplayScene(ReplaySession.from_jsonl(text, seat=seat), back=back)
