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

from game.client import replay_panels as rp
from game.client.draw import blit_text, blit_wrapped, ellipsize
from game.client.palette import ACCENT, INK, LINE, MUTED, PANEL
from game.client.replay_session import ReplaySession
from game.client.scene import Scene
from game.client.scenes.table import Layout, TableScene
from game.engine.phase import Phase
from game.engine.view_models import PlayerView

HEADER_H = 58
TRANSPORT_H = 78
SPEEDS = (1, 2, 4, 8)  # actions per second
FACILITATOR = "animation"
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
        self._built_for: tuple[int, int] | None = None
        self._kept: tuple[list, dict, dict, dict, dict] | None = None  # type: ignore[type-arg]
        self.shown: list[str] = []

    # --- table hooks ---------------------------------------------------------
    def table_area(self) -> pygame.Rect:
        w, h = self.app.size
        return pygame.Rect(0, HEADER_H, w, h - HEADER_H - TRANSPORT_H)

    def lay(self) -> Layout:
        """The table's layout; the facilitator's view widens the left column for the secrets."""
        lay = super().lay()
        if self.replay.seat is None and lay.left.width < 400:
            extra = 400 - lay.left.width
            lay.left.width += extra
            lay.center.x += extra
            lay.center.width -= extra
        return lay

    def who_text(self, view: PlayerView) -> str:
        if view.seat is None:
            return "Vue : animation (tout révélé)"
        return f"Vue : {self.texts.role_title(view.seat)}"

    def build_phase(self, view: PlayerView, inner: pygame.Rect) -> None:
        if view.phase == Phase.VOTE:
            rp.build_vote(self, view, inner)
        elif view.phase == Phase.DILEMMES:
            rp.build_dilemma(self, view, inner)
        else:
            super().build_phase(view, inner)

    def draw_left(self, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect) -> None:
        if view.seat is not None:
            super().draw_left(surface, view, rect)
            return
        from game.client.scenes import table_draw as td

        y = rect.y + td.draw_gauges(surface, rect, view, self.texts) + 8
        y += (
            rp.draw_revealed(
                surface, pygame.Rect(rect.x, y, rect.width, rect.bottom - y), view, self.texts
            )
            + 8
        )
        td.draw_feed(surface, pygame.Rect(rect.x, y, rect.width, rect.bottom - y), view, self.texts)

    def build(self) -> None:
        self.shown = []  # texts of the read-only panels (tests read them)
        super().build()

    def shown_secrets(self) -> dict[str, str]:
        """The secret objectives on screen now, by role."""
        view = self.view
        return rp.shown_secrets(view, self.texts) if view is not None else {}

    # --- widgets: the transport is built once per window size, the table per cursor --------
    def relayout(self) -> None:
        if self._built_for != self.app.size or self._kept is None:
            self.clear()
            self._build_transport()
            self._built_for = self.app.size
            self._kept = (
                list(self.elements),
                dict(self.buttons),
                dict(self.reasons),
                dict(self._callbacks),
                dict(self._keys),
            )
        else:
            elements, buttons, reasons, callbacks, keys = self._kept
            keep = {id(e) for e in elements}
            for e in self.elements:
                if id(e) not in keep:
                    e.kill()  # type: ignore[no-untyped-call]
            self.elements = list(elements)
            self.buttons, self.reasons = dict(buttons), dict(reasons)
            self._callbacks, self._keys = dict(callbacks), dict(keys)
            self.entries.clear()
        self.build()
        self._sync_transport()

    def exit(self) -> None:
        super().exit()
        self._built_for, self._kept = None, None

    def _build_transport(self) -> None:
        w, h = self.app.size
        roles = [(self.texts.role_title(r), r) for r in self.replay.roles]
        options: list[str | tuple[str, str]] = [("Animation : tout voir", FACILITATOR), *roles]
        current = next(o for o in options if o[1] == (self.replay.seat or FACILITATOR))
        right = w - 12
        if self.back is not None:
            self.button(
                "replay:close", pygame.Rect(right - 170, 12, 170, 34), "Retour (Échap)", self.close
            )
            right -= 178
        self.seat_menu = self.add(
            UIDropDownMenu(
                options, current, pygame.Rect(right - 300, 12, 300, 34), manager=self.app.manager
            )
        )
        y = h - TRANSPORT_H + 5
        self.slider = self.add(
            UIHorizontalSlider(
                pygame.Rect(12, y, w - 24, 24),
                self.replay.position,
                (0, max(1, self.replay.length)),
                manager=self.app.manager,
            )
        )
        y = h - 37
        row: list[tuple[str, str, Callable[[], None], int, str]] = [
            (
                "replay:prev_phase",
                "« Phase",
                self.prev_phase,
                100,
                "Début de la phase (Page préc.)",
            ),
            (
                "replay:back1",
                "‹ Action",
                partial(self.step, -1),
                100,
                "Une action en arrière (flèche gauche)",
            ),
            ("replay:play", "Lecture (espace)", self.toggle_play, 150, "Lecture / pause (espace)"),
            (
                "replay:fwd1",
                "Action ›",
                partial(self.step, 1),
                100,
                "Une action en avant (flèche droite)",
            ),
            ("replay:next_phase", "Phase »", self.next_phase, 100, "Phase suivante (Page suiv.)"),
            ("replay:slower", "−", partial(self.change_speed, -1), 34, "Plus lent (touche −)"),
        ]
        x = 12
        for key, text, cb, bw, tip in row:
            self.button(
                key,
                pygame.Rect(x, y, bw, 32),
                text,
                cb,
                tooltip=tip,
                object_id="#primary" if key == "replay:play" else None,
            )
            x += bw + 6
        x += 44  # the speed « ×2 » is drawn here
        self.button(
            "replay:faster",
            pygame.Rect(x, y, 34, 32),
            "+",
            partial(self.change_speed, 1),
            tooltip="Plus rapide (touche +)",
        )
        x += 34 + 70  # « Tour : »
        self.turn_x = x - 62
        for t in range(1, self.replay.turns + 1):
            start = self.replay.replayer.turn_start(t)
            self.button(
                f"replay:turn:{t}",
                pygame.Rect(x, y, 34, 32),
                str(t),
                partial(self.jump_turn, t),
                enabled=start is not None,
                reason="La partie n'est pas allée jusqu'à ce tour.",
                tooltip=f"Aller au début du tour {t} (T puis {t})",
                object_id="#small",
            )
            x += 38
        self.button(
            "replay:end",
            pygame.Rect(x, y, 50, 32),
            "Fin",
            partial(self.seek, self.replay.length),
            object_id="#small",
        )

    def _sync_transport(self) -> None:
        pos, n = self.replay.position, self.replay.length
        if self.slider is not None and int(self.slider.get_current_value()) != pos:
            self.slider.set_current_value(pos, warn=False)
        play = self.buttons.get("replay:play")
        if play is not None:
            play.set_text("Pause (espace)" if self.playing else "Lecture (espace)")
        for key, ok in (
            ("replay:back1", pos > 0),
            ("replay:prev_phase", pos > 0),
            ("replay:fwd1", pos < n),
            ("replay:next_phase", pos < n),
        ):
            b = self.buttons.get(key)
            if b is not None:
                b.enable() if ok else b.disable()  # type: ignore[no-untyped-call]

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
        self._sync_transport()

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
                    self._sync_transport()
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        w, h = self.app.size
        self._draw_header(surface, pygame.Rect(0, 0, w, HEADER_H))
        self._draw_transport(surface, pygame.Rect(0, h - TRANSPORT_H, w, TRANSPORT_H))

    def _draw_header(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, PANEL, rect)
        pygame.draw.line(surface, ACCENT, rect.bottomleft, rect.bottomright, 2)
        room = rect.width - (500 if self.back is not None else 330)
        head = "Relecture — " + rp.header_text(self.replay)
        blit_text(surface, ellipsize(head, 17, room, True), (12, 4), 17, INK, bold=True)
        text = rp.action_sentence(self.replay)
        blit_wrapped(surface, text, pygame.Rect(12, 26, room, 34), 13, INK, max_lines=2)
        label = "Voir comme :"
        blit_text(
            surface, label, (rect.right - (496 if self.back else 318), 19), 14, MUTED, right=True
        )

    def _draw_transport(self, surface: pygame.Surface, rect: pygame.Rect) -> None:
        pygame.draw.rect(surface, PANEL, rect)
        pygame.draw.line(surface, LINE, rect.topleft, rect.topright)
        self._draw_ticks(surface)
        y = rect.bottom - 37
        x = self.buttons["replay:slower"].rect.right + 6 if "replay:slower" in self.buttons else 0
        blit_text(surface, f"×{self.speed}", (x + 4, y + 5), 16, INK, bold=True)
        blit_text(surface, "Tour :", (self.turn_x, y + 6), 14, MUTED)
        end = self.buttons.get("replay:end")
        room = rect.right - 12 - (end.rect.right + 20 if end is not None else rect.right)
        if room > 240:
            legend = (
                "Touches : flèches gauche / droite, Page préc. / suiv., "
                "T puis un chiffre (tour), espace, + / −"
            )
            x0 = rect.right - 12 - room
            blit_wrapped(surface, legend, pygame.Rect(x0, y - 2, room, 40), 13, MUTED, max_lines=2)

    def _draw_ticks(self, surface: pygame.Surface) -> None:
        """A tick and « T3 » under the slider where each turn begins."""
        s = self.slider
        if s is None or not self.replay.length:
            return
        left = s.rect.x + s.arrow_button_width + s.sliding_button_width // 2
        width = s.scrollable_width
        y = s.rect.bottom
        for m in self.replay.replayer.marks:
            if m.phase is not Phase.EVENEMENT and m.phase is not Phase.FIN:
                continue
            x = left + int(width * m.index / self.replay.length)
            pygame.draw.line(surface, INK, (x, y), (x, y + 6), 2)
            label = "Fin" if m.phase is Phase.FIN else f"T{m.turn}"
            blit_text(surface, label, (x + 3, y), 12, MUTED)


def replay_scene_from_jsonl(
    text: str, *, seat: str | None = None, back: Callable[[], Scene] | None = None
) -> ReplayScene:
    """The replay scene over a JSONL log (a file, or `GET /api/tables/{id}/log`)."""
    return ReplayScene(ReplaySession.from_jsonl(text, seat=seat), back=back)
