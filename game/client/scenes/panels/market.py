"""The market (propositions): axis and step filters, then every card with its state."""

from __future__ import annotations

from functools import partial

import pygame

from game.client.draw import blit_text, draw_mark
from game.client.palette import AXES, CARD_STATUS, INK, LEVER, MUTED, STEPS
from game.client.scenes.panels.base import label_width
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.wording import plural
from game.engine.view_models import MarketCard

CHIP_H = 28
BADGE_W = 96
MARK_W = 34
CARD_GAP = 4


def market_cards(ctx: TableContext) -> list[MarketCard]:
    """The market after the axis / step filters."""
    ui, texts = ctx.ui, ctx.texts
    out = []
    for mc in ctx.view.market:
        card = texts.card(mc.card)
        if ui.axis_filter == "lever" and card.kind != "lever":
            continue
        if ui.axis_filter not in (None, "lever"):
            axis = texts.use_cases.get(mc.card, {}).get("axe")
            if card.kind != "use_case" or axis != ui.axis_filter:
                continue
        if ui.step_filter is not None and card.step != ui.step_filter:
            continue
        out.append(mc)
    return out


def _chip_w(text: str) -> int:
    return max(label_width(text, "#chosen"), label_width(text, "#small"))


def _chips(b: PanelBuilder, chips: list[tuple[str, str, bool, object, str]]) -> None:
    """A row of filter buttons that flows onto the next line when full."""
    x = b.x
    for key, text, on, cb, tip in chips:
        w = min(_chip_w(text), b.width)
        if x + w > b.x + b.width and x > b.x:
            x = b.x
            b.space(CHIP_H + 4)
        b.button(
            key,
            pygame.Rect(x, b.y, w, CHIP_H),
            text,
            cb,  # type: ignore[arg-type]
            object_id="#chosen" if on else "#small",
            tooltip=tip,
        )
        x += w + 4
    b.space(CHIP_H + 6)


def build_market(ctx: TableContext, b: PanelBuilder) -> None:
    """Filters, then the cards in one or more columns (the panel scrolls)."""
    ui, do = ctx.ui, ctx.do
    axes: list[tuple[str, str, bool, object, str]] = [
        (
            "filter:all",
            "Tout",
            ui.axis_filter is None,
            partial(do.set_filter, None, ui.step_filter),
            "",
        )
    ]
    for axis, m in AXES.items():
        cb = partial(do.set_filter, axis, ui.step_filter)
        axes.append((f"filter:{axis}", f"{m.letter} · {m.label}", ui.axis_filter == axis, cb, ""))
    cb = partial(do.set_filter, "lever", ui.step_filter)
    axes.append(("filter:lever", f"{LEVER.letter} · Leviers", ui.axis_filter == "lever", cb, ""))
    _chips(b, axes)
    steps: list[tuple[str, str, bool, object, str]] = []
    for s in range(1, 6):
        on = ui.step_filter == s
        cb = partial(do.set_filter, ui.axis_filter, None if on else s)
        tip = "Cliquer à nouveau pour retirer le filtre" if on else "Étape de la démarche"
        steps.append((f"step:{s}", STEPS[s], on, cb, tip))
    _chips(b, steps)
    cards = market_cards(ctx)
    cols = max(1, b.width // 330)
    cell_w = (b.width - (cols - 1) * 6) // cols
    top = b.y
    heights: list[int] = []
    for i, mc in enumerate(cards):
        col = i % cols
        if col == 0 and i:
            b.y += max(heights) + CARD_GAP
            heights = []
        heights.append(_card_row(ctx, b, mc, b.x + col * (cell_w + 6), cell_w))
    if heights:
        b.y += max(heights) + CARD_GAP
    if b.y == top:
        b.wrapped("Aucune carte avec ces filtres.", 14, MUTED, italic=True)
    b.space(4)
    b.wrapped(plural(len(cards), "carte"), 14, MUTED)


def _card_row(ctx: TableContext, b: PanelBuilder, mc: MarketCard, x: int, w: int) -> int:
    """One card: a button whose title is drawn on it (wrapped), a mark, a state badge."""
    card = ctx.texts.card(mc.card)
    word = CARD_STATUS.get(mc.status, mc.status)
    badge = BADGE_W if word else 0
    selected = ctx.ui.selected == mc.card
    available = mc.status == "available"
    text_w = w - badge - MARK_W - 10
    h = max(CHIP_H, PanelBuilder.label_height(card.title, text_w, 14, bold=True) + 8)
    rect = pygame.Rect(x, b.y, w - badge, h)
    key = f"card:{mc.card}"
    oid = "#card_selected" if selected else ("#card" if available else "#card_locked")
    tip = card.title + (f" — {mc.reason}" if mc.reason else "")
    b.button(
        key, rect, "", partial(ctx.do.select, mc.card), object_id=oid, tooltip=tip, reason=mc.reason
    )
    colour = INK if available or selected else (74, 74, 74)
    b.label_on(
        key,
        rect,
        card.title,
        14,
        indent=MARK_W,
        right=6,
        bold=selected,
        italic=not available and not selected,
        colour=colour,
    )
    label = str(card.step) if card.kind == "lever" else ""
    mark = pygame.Rect(x + 6, b.y + h // 2 - 10, 20, 20)
    b.over(key, lambda s, dy: draw_mark(s, card.mark, mark.move(0, dy), label))
    if word:  # drawn with its card's button only (never alone at a scroll's edge)
        box = pygame.Rect(rect.right + 4, b.y + 2, badge - 4, min(h - 4, 24))
        b.over(key, lambda s, dy: _badge(s, box.move(0, dy), word))
        b.texts.append(word)
    return h


def _badge(surface: pygame.Surface, box: pygame.Rect, word: str) -> None:
    pygame.draw.rect(surface, (255, 255, 255), box, border_radius=8)
    pygame.draw.rect(surface, MUTED, box, 1, border_radius=8)
    blit_text(surface, word, (box.x + 8, box.y + 3), 13, INK, italic=True)
