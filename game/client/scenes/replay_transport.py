"""The replay's header and transport bar: step, jump, play, scrub, and « Voir comme »."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame
from pygame_gui.elements import UIDropDownMenu, UIHorizontalSlider

from game.client.draw import blit_text, blit_wrapped, ellipsize
from game.client.palette import ACCENT, INK, LINE, MUTED, PANEL
from game.client.scenes import replay_text as rt
from game.engine.phase import Phase

if TYPE_CHECKING:
    from game.client.scenes.replay import ReplayScene

HEADER_H = 58
TRANSPORT_H = 78
FACILITATOR = "animation"


def build_transport(scene: ReplayScene) -> None:
    w, h = scene.app.size
    roles = [(scene.texts.role_title(r), r) for r in scene.replay.roles]
    options: list[str | tuple[str, str]] = [("Animation : tout voir", FACILITATOR), *roles]
    current = next(o for o in options if o[1] == (scene.replay.seat or FACILITATOR))
    right = w - 12
    if scene.back is not None:
        scene.button(
            "replay:close", pygame.Rect(right - 170, 12, 170, 34), "Retour (Échap)", scene.close
        )
        right -= 178
    scene.seat_menu = scene.add(
        UIDropDownMenu(
            options, current, pygame.Rect(right - 300, 12, 300, 34), manager=scene.app.manager
        )
    )
    y = h - TRANSPORT_H + 5
    scene.slider = scene.add(
        UIHorizontalSlider(
            pygame.Rect(12, y, w - 24, 24),
            scene.replay.position,
            (0, max(1, scene.replay.length)),
            manager=scene.app.manager,
        )
    )
    y = h - 37
    row: list[tuple[str, str, Callable[[], None], int, str]] = [
        (
            "replay:prev_phase",
            "« Phase",
            scene.prev_phase,
            100,
            "Début de la phase (Page préc.)",
        ),
        (
            "replay:back1",
            "‹ Action",
            partial(scene.step, -1),
            100,
            "Une action en arrière (flèche gauche)",
        ),
        ("replay:play", "Lecture (espace)", scene.toggle_play, 150, "Lecture / pause (espace)"),
        (
            "replay:fwd1",
            "Action ›",
            partial(scene.step, 1),
            100,
            "Une action en avant (flèche droite)",
        ),
        ("replay:next_phase", "Phase »", scene.next_phase, 100, "Phase suivante (Page suiv.)"),
        ("replay:slower", "−", partial(scene.change_speed, -1), 34, "Plus lent (touche −)"),
    ]
    x = 12
    for key, text, cb, bw, tip in row:
        scene.button(
            key,
            pygame.Rect(x, y, bw, 32),
            text,
            cb,
            tooltip=tip,
            object_id="#primary" if key == "replay:play" else None,
        )
        x += bw + 6
    x += 44  # the speed « ×2 » is drawn here
    scene.button(
        "replay:faster",
        pygame.Rect(x, y, 34, 32),
        "+",
        partial(scene.change_speed, 1),
        tooltip="Plus rapide (touche +)",
    )
    x += 34 + 70  # « Tour : »
    scene.turn_x = x - 62
    for t in range(1, scene.replay.turns + 1):
        start = scene.replay.replayer.turn_start(t)
        scene.button(
            f"replay:turn:{t}",
            pygame.Rect(x, y, 34, 32),
            str(t),
            partial(scene.jump_turn, t),
            enabled=start is not None,
            reason="La partie n'est pas allée jusqu'à ce tour.",
            tooltip=f"Aller au début du tour {t} (T puis {t})",
            object_id="#small",
        )
        x += 38
    scene.button(
        "replay:end",
        pygame.Rect(x, y, 50, 32),
        "Fin",
        partial(scene.seek, scene.replay.length),
        object_id="#small",
    )


def sync_transport(scene: ReplayScene) -> None:
    pos, n = scene.replay.position, scene.replay.length
    if scene.slider is not None and int(scene.slider.get_current_value()) != pos:
        scene.slider.set_current_value(pos, warn=False)
    play = scene.buttons.get("replay:play")
    if play is not None:
        play.set_text("Pause (espace)" if scene.playing else "Lecture (espace)")
    for key, ok in (
        ("replay:back1", pos > 0),
        ("replay:prev_phase", pos > 0),
        ("replay:fwd1", pos < n),
        ("replay:next_phase", pos < n),
    ):
        b = scene.buttons.get(key)
        if b is not None:
            b.enable() if ok else b.disable()  # type: ignore[no-untyped-call]


def draw_header(scene: ReplayScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, PANEL, rect)
    pygame.draw.line(surface, ACCENT, rect.bottomleft, rect.bottomright, 2)
    room = rect.width - (500 if scene.back is not None else 330)
    head = "Relecture — " + rt.header_text(scene.replay)
    blit_text(surface, ellipsize(head, 17, room, True), (12, 4), 17, INK, bold=True)
    text = rt.action_sentence(scene.replay)
    blit_wrapped(surface, text, pygame.Rect(12, 26, room, 34), 13, INK, max_lines=2)
    label = "Voir comme :"
    blit_text(
        surface, label, (rect.right - (496 if scene.back else 318), 19), 14, MUTED, right=True
    )


def draw_transport(scene: ReplayScene, surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, PANEL, rect)
    pygame.draw.line(surface, LINE, rect.topleft, rect.topright)
    draw_ticks(scene, surface)
    y = rect.bottom - 37
    x = scene.buttons["replay:slower"].rect.right + 6 if "replay:slower" in scene.buttons else 0
    blit_text(surface, f"×{scene.speed}", (x + 4, y + 5), 16, INK, bold=True)
    blit_text(surface, "Tour :", (scene.turn_x, y + 6), 14, MUTED)
    end = scene.buttons.get("replay:end")
    room = rect.right - 12 - (end.rect.right + 20 if end is not None else rect.right)
    if room > 240:
        legend = (
            "Touches : flèches gauche / droite, Page préc. / suiv., "
            "T puis un chiffre (tour), espace, + / −"
        )
        x0 = rect.right - 12 - room
        blit_wrapped(surface, legend, pygame.Rect(x0, y - 2, room, 40), 13, MUTED, max_lines=2)


def draw_ticks(scene: ReplayScene, surface: pygame.Surface) -> None:
    """A tick and « T3 » under the slider where each turn begins."""
    s = scene.slider
    if s is None or not scene.replay.length:
        return
    left = s.rect.x + s.arrow_button_width + s.sliding_button_width // 2
    width = s.scrollable_width
    y = s.rect.bottom
    for m in scene.replay.replayer.marks:
        if m.phase is not Phase.EVENEMENT and m.phase is not Phase.FIN:
            continue
        x = left + int(width * m.index / scene.replay.length)
        pygame.draw.line(surface, INK, (x, y), (x, y + 6), 2)
        label = "Fin" if m.phase is Phase.FIN else f"T{m.turn}"
        blit_text(surface, label, (x + 3, y), 12, MUTED)
