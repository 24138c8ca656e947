"""The table's centre column: the roadmap above the phase panel, or the phase panel alone."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pygame

from game.client.scenes.panels.base import Panel
from game.client.scenes.panels.board import board_panel, build_board
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.panels.dilemma import build_dilemmas
from game.client.scenes.panels.market import build_market
from game.client.scenes.panels.summaries import (
    end_lines,
    event_lines,
    lobby_lines,
    resolution_lines,
)
from game.client.scenes.panels.vote import build_vote
from game.engine.phase import Phase

PhaseBuilder = Callable[[TableContext, PanelBuilder], None]
# Phases whose panel takes the whole column (the roadmap is one key away).
FULL_PANEL_PHASES = (Phase.PROPOSITIONS, Phase.VOTE, Phase.DILEMMES, Phase.RESOLUTION, Phase.FIN)
TITLES = {
    Phase.LOBBY: "Accueil : découvrez votre rôle",
    Phase.EVENEMENT: "Événement du tour",
    Phase.PROPOSITIONS: "Marché des cartes : proposez un projet",
    Phase.VOTE: "Vote sur chaque proposition",
    Phase.DILEMMES: "Dilemmes à trancher",
    Phase.RESOLUTION: "Résolution du tour",
    Phase.FIN: "Fin de partie : scores et objectifs secrets",
}
FOOTER = 36


def _lines(fn: Callable[[TableContext], list[tuple[str, bool]]]) -> PhaseBuilder:
    return lambda ctx, b: b.lines(fn(ctx))


TABLE_BUILDERS: dict[Phase, PhaseBuilder] = {
    Phase.LOBBY: _lines(lambda ctx: lobby_lines(ctx.texts)),
    Phase.EVENEMENT: _lines(lambda ctx: event_lines(ctx.view, ctx.texts)),
    Phase.PROPOSITIONS: build_market,
    Phase.VOTE: build_vote,
    Phase.DILEMMES: build_dilemmas,
    Phase.RESOLUTION: _lines(lambda ctx: resolution_lines(ctx.view, ctx.texts)),
    Phase.FIN: _lines(lambda ctx: end_lines(ctx.view, ctx.texts) + [(n, False) for n in ctx.notes]),
}


def centre_panels(
    ctx: TableContext, rect: pygame.Rect, builders: Mapping[Phase, PhaseBuilder] = TABLE_BUILDERS
) -> list[Panel]:
    """The roadmap and the phase panel (or one of them, with a key to swap)."""
    phase = ctx.view.phase
    if phase not in FULL_PANEL_PHASES:
        split = rect.height * 9 // 20
        board = board_panel(ctx, pygame.Rect(rect.x, rect.y, rect.width, split))
        below = pygame.Rect(rect.x, rect.y + split + 8, rect.width, rect.height - split - 8)
        return [board, _phase_panel(ctx, below, builders, footer=False)]
    if ctx.ui.show_board:
        b = PanelBuilder(
            "board", rect, "Feuille de route", scroll=ctx.scroll("board"), footer=FOOTER
        )
        build_board(ctx, b)
        _toggle(ctx, b, "Revenir à la phase (F)")
        return [b.done()]
    return [_phase_panel(ctx, rect, builders, footer=True)]


def _phase_panel(
    ctx: TableContext, rect: pygame.Rect, builders: Mapping[Phase, PhaseBuilder], *, footer: bool
) -> Panel:
    phase = ctx.view.phase
    b = PanelBuilder(
        "phase",
        rect,
        TITLES.get(phase, ""),
        scroll=ctx.scroll("phase"),
        footer=FOOTER if footer else 0,
    )
    build = builders.get(phase)
    if build is not None:
        build(ctx, b)
    if footer:
        _toggle(ctx, b, "Feuille de route (F)")
    return b.done()


def _toggle(ctx: TableContext, b: PanelBuilder, label: str) -> None:
    foot = b.foot
    b.fixed_button(
        "board",
        pygame.Rect(foot.right - 210, foot.y + 2, 210, 32),
        label,
        ctx.do.toggle_board,
        hotkey=pygame.K_f,
    )
