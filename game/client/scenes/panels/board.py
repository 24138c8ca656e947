"""The roadmap: the five steps as columns, the turns as rows, each funded card with its state.

Card titles are wrapped, never cut: a row is as tall as its longest cell and the panel
scrolls. Where columns would be too narrow for a word, the roadmap becomes a list.
"""

from __future__ import annotations

import pygame

from game.client.assets import font
from game.client.draw import draw_mark, wrap
from game.client.palette import HILITE, INK, LINE, MUTED, PANEL, STEPS
from game.client.scenes.panels.base import Panel, moved
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.engine.view_models import PlayerView

LABEL_W = 62
MIN_COL = 104
CHIP_SIZE = 12
STATUS_WORDS = {"in_progress": "en cours", "deployed": "déployé", "suspended": "suspendu"}


def status_text(status: str, progress: int, duration: int) -> str:
    if status == "in_progress":
        return f"en cours {progress} / {duration}"
    return STATUS_WORDS.get(status, status)


def _cells(view: PlayerView, ctx: TableContext) -> dict[tuple[int, int], list[tuple[str, str]]]:
    cells: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for p in view.projects:
        card = ctx.texts.card(p.card)
        cells.setdefault((p.started, card.step), []).append(
            (p.card, status_text(p.status, p.progress, p.duration))
        )
    return cells


def board_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """The roadmap panel."""
    b = PanelBuilder("board", rect, "Feuille de route", scroll=ctx.scroll("board"))
    build_board(ctx, b)
    return b.done()


def build_board(ctx: TableContext, b: PanelBuilder) -> None:
    """The roadmap in `b`: a grid when wide enough, else a list by turn."""
    col_w = (b.width - LABEL_W) // 5
    words = {w for p in ctx.view.projects for w in ctx.texts.card(p.card).title.split()}
    longest = max((font(CHIP_SIZE).size(w)[0] for w in words), default=0)
    if col_w < MIN_COL or longest > col_w - 30:
        _as_list(b, ctx)
    else:
        _as_grid(b, ctx, col_w)


def _as_list(b: PanelBuilder, ctx: TableContext) -> None:
    view, cells = ctx.view, _cells(ctx.view, ctx)
    for t in range(1, max(1, view.turns) + 1):
        here = sorted(
            (step, cid, st)
            for (turn, step), chips in cells.items()
            if turn == t
            for cid, st in chips
        )
        bold = t == view.turn
        b.wrapped(f"Tour {t}" + (" (en cours)" if bold else ""), 14, bold=True, gap=2)
        for step, cid, st in here:
            b.wrapped(f"• {STEPS[step]} : {ctx.texts.card(cid).title} — {st}", 13, indent=8)
        if not here:
            b.wrapped("—", 13, MUTED, indent=8)


def _as_grid(b: PanelBuilder, ctx: TableContext, col_w: int) -> None:
    view, cells = ctx.view, _cells(ctx.view, ctx)
    for s in range(1, 6):
        x = b.x + LABEL_W + (s - 1) * col_w
        for i, line in enumerate(wrap(STEPS[s], CHIP_SIZE, col_w - 8)):
            b.text_at(line, (x + 4, 2 + 16 * i), CHIP_SIZE, INK, limit=col_w - 6)
    header = 2 + 16 * max(len(wrap(STEPS[s], CHIP_SIZE, col_w - 8)) for s in range(1, 6)) + 4
    y = header
    line_h = font(CHIP_SIZE).get_linesize()
    for t in range(1, max(1, view.turns) + 1):
        heights = [
            sum(
                line_h * (len(wrap(ctx.texts.card(cid).title, CHIP_SIZE, col_w - 30)) + 1) + 6
                for cid, _ in cells.get((t, s), [])
            )
            for s in range(1, 6)
        ]
        row_h = max(26, max(heights) + 4)
        row = pygame.Rect(b.x, y, b.width, row_h)
        b.draw(moved(_row, row, col_w, t == view.turn))
        b.text_at(f"Tour {t}", (b.x + 2, y + 4), 13, INK, bold=t == view.turn)
        for s in range(1, 6):
            cy = y + 3
            for cid, status in cells.get((t, s), []):
                cy = _chip(
                    b,
                    ctx,
                    pygame.Rect(b.x + LABEL_W + (s - 1) * col_w + 3, cy, col_w - 6, 0),
                    cid,
                    status,
                )
        y += row_h
    b.y = y


def _row(surface: pygame.Surface, row: pygame.Rect, col_w: int, current: bool) -> None:
    if current:
        pygame.draw.rect(surface, HILITE, row)
    pygame.draw.line(surface, LINE, row.topleft, row.topright)
    for s in range(5):
        x = row.x + LABEL_W + s * col_w
        pygame.draw.line(surface, LINE, (x, row.y), (x, row.bottom))


def _chip(b: PanelBuilder, ctx: TableContext, at: pygame.Rect, cid: str, status: str) -> int:
    """One funded card in a cell; returns the y below it."""
    card = ctx.texts.card(cid)
    lines = wrap(card.title, CHIP_SIZE, at.width - 24)
    line_h = font(CHIP_SIZE).get_linesize()
    chip = pygame.Rect(at.x, at.y, at.width, line_h * (len(lines) + 1) + 2)
    deployed = status == "déployé"

    def op(s: pygame.Surface, dy: int) -> None:
        r = chip.move(0, dy)
        pygame.draw.rect(s, PANEL, r, border_radius=3)
        pygame.draw.rect(s, INK if deployed else MUTED, r, 2 if deployed else 1, border_radius=3)
        label = str(card.step) if card.kind == "lever" else ""
        draw_mark(s, card.mark, pygame.Rect(r.x + 2, r.y + 2, 16, 16), label)

    b.draw(op)
    for i, line in enumerate(lines):
        b.text_at(
            line, (chip.x + 21, chip.y + 1 + i * line_h), CHIP_SIZE, INK, limit=chip.width - 22
        )
    b.text_at(
        status,
        (chip.x + 21, chip.y + 1 + len(lines) * line_h),
        CHIP_SIZE,
        INK,
        bold=deployed,
        italic=not deployed,
        limit=chip.width - 22,
    )
    return chip.bottom + 4
