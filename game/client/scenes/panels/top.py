"""The table's top bar: collectivité and turn, the phase strip and time, budget and capacity."""

from __future__ import annotations

import pygame

from game.client.assets import font
from game.client.palette import ACCENT, INK, LINE, MUTED, PANEL
from game.client.scene import HELP_LABEL
from game.client.scenes.panels.base import Panel, label_width, moved
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.wording import capacity_text, turns_text
from game.engine.phase import PHASE_LABELS, TURN_PHASES, Phase

HEIGHT = 64


def clock_text(remaining: float | None, paused: bool) -> str:
    """« 4:05 restantes », « en pause » or « sans minuteur »."""
    if paused:
        return "EN PAUSE"
    if remaining is None:
        return "sans minuteur"
    secs = max(0, int(remaining))
    return f"{secs // 60}:{secs % 60:02d} restantes"


def _width(text: str, size: int, bold: bool = False) -> int:
    return int(font(size, bold=bold).size(text)[0])


def top_bar(ctx: TableContext, rect: pygame.Rect, clock: str, who: str) -> Panel:
    """The bar, with « Comment jouer (F1) » at its right end."""
    view, texts = ctx.view, ctx.texts
    b = PanelBuilder("top", rect, framed=False)
    b.draw(lambda s, dy: _background(s, rect))
    hw = label_width(HELP_LABEL, "#small")
    help_rect = pygame.Rect(rect.right - hw - 10, rect.y + 16, hw, 32)
    b.fixed_button("help", help_rect, HELP_LABEL, ctx.do.help, object_id="#small")
    room = hw + 12
    turn = f"Tour {view.turn} / {view.turns}" if view.turn else "Avant le premier tour"
    name_size = 20 if _width(texts.collectivite, 20, True) <= 260 else 16
    left_w = max(_width(texts.collectivite, name_size, True), _width(turn, 15)) + 24
    b.text_at(texts.collectivite, (rect.x + 12, 6), name_size, INK, bold=True)
    b.text_at(turn, (rect.x + 12, 36), 15, MUTED)
    right = rect.right - 12 - room
    budget = f"Budget : {view.budget} k€ · {capacity_text(view)}"
    right_w = max(_width(who, 16, True), _width(budget, 15))
    b.text_at(who, (right - _width(who, 16, True), 6), 16, INK, bold=True)
    b.text_at(budget, (right - _width(budget, 15), 36), 15, INK)
    strip = pygame.Rect(rect.x + left_w, 0, right - right_w - 16 - left_w - rect.x, HEIGHT)
    _phase_strip(b, view.phase, strip)
    if view.phase in (Phase.LOBBY, Phase.FIN):
        line = f"Phase : {PHASE_LABELS[view.phase]}"
    else:
        line = f"Temps : {clock}"
        if view.turn:
            line += f" · {turns_text(view.turns - view.turn)} après celui-ci"
    if _width(line, 15, True) > strip.width:
        line = f"Temps : {clock}" if view.phase not in (Phase.LOBBY, Phase.FIN) else line
    b.text_at(line, (strip.x, 40), 15, INK, bold=view.paused, limit=strip.width)
    return b.done()


def _background(surface: pygame.Surface, rect: pygame.Rect) -> None:
    pygame.draw.rect(surface, PANEL, rect)
    pygame.draw.line(surface, LINE, rect.bottomleft, rect.bottomright)


def _phase_strip(b: PanelBuilder, current: Phase, strip: pygame.Rect) -> None:
    """The five phases, the current one highlighted; smaller, then only the current one,
    when the bar is narrow."""
    for size, gap in ((15, 22), (13, 14)):
        total = sum(_width(PHASE_LABELS[p], size, p == current) + gap for p in TURN_PHASES)
        if total <= strip.width:
            break
    else:
        if current in TURN_PHASES:
            n = TURN_PHASES.index(current) + 1
            b.text_at(
                f"Phase {n} / 5 : {PHASE_LABELS[current]}", (strip.x, 10), 15, ACCENT, bold=True
            )
        return
    x = strip.x
    for phase in TURN_PHASES:
        on = phase == current
        w = _width(PHASE_LABELS[phase], size, on)
        box = pygame.Rect(x, 8, w + gap - 6, 26)
        if on:
            b.draw(moved(_current_box, box))
        colour = (255, 255, 255) if on else MUTED
        b.text_at(PHASE_LABELS[phase], (x + (gap - 6) // 2, 11), size, colour, bold=on)
        x = box.right + 6


def _current_box(surface: pygame.Surface, box: pygame.Rect) -> None:
    pygame.draw.rect(surface, ACCENT, box, border_radius=4)
    tip = [
        (box.centerx - 6, box.bottom),
        (box.centerx + 6, box.bottom),
        (box.centerx, box.bottom + 6),
    ]
    pygame.draw.polygon(surface, ACCENT, tip)
