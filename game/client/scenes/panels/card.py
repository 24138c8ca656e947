"""The chosen card (propositions): its texts, why it is locked, each vector with what it
costs against the budget left, what it changes (↑ / ↓ per gauge) and its « Proposer »."""

from __future__ import annotations

from functools import partial

import pygame

from game.client.palette import MUTED, VECTORS
from game.client.scenes.panels.base import Panel
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.panels.terms import terms_block
from game.client.scenes.wording import effects_arrows, plural, refusal, turns_text
from game.client.texts import PackTexts, VectorText

BUTTON_H = 34
#: a project funded now would not deploy before the last résolution
TOO_LATE = (
    "Trop tard pour aboutir avant la fin de la partie : "
    "financé maintenant, ce projet ne serait pas déployé à temps."
)


def card_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    view, texts = ctx.view, ctx.texts
    mc = next((m for m in view.market if m.card == ctx.ui.selected), None)
    b = PanelBuilder("card", rect, "Carte choisie", scroll=ctx.scroll("card"))
    if mc is None:
        b.wrapped("Cliquez une carte du marché pour la lire et la proposer.", 14)
        return b.done()
    card = texts.card(mc.card)
    b.wrapped(card.title, 16, bold=True, gap=4)
    b.wrapped(card.detail, 13, MUTED, gap=4)
    b.wrapped(card.description, 14, gap=6)
    if card.examples:
        b.wrapped(card.examples, 13, italic=True, gap=6)
    if mc.reason:
        why = f"Pourquoi c'est verrouillé : {mc.reason}" if mc.status == "locked" else mc.reason
        b.warning(why)
    terms_block(b, texts, card.title, card.description)
    if card.kind == "lever":
        _vector(ctx, b, mc.card, None, card.vectors[0], mc.reason, late=mc.too_late)
    else:
        vectors = {v.type: v for v in card.vectors}
        offered = [(str(mv.type), mv.reason, mv.too_late) for mv in mc.vectors]
        if not offered:
            offered = [(v.type, mc.reason, mc.too_late) for v in card.vectors]
        for vtype, why, late in offered:
            vt = vectors.get(vtype)
            if vt is not None:
                _vector(ctx, b, mc.card, vtype, vt, why, late=late)
    me = ctx.me
    if me is not None and not ctx.read_only:
        left = plural(me.proposals_left, "proposition")
        b.wrapped(f"Il vous reste {left} ce tour-ci.", 13, MUTED, italic=True)
    return b.done()


def cost_lines(vt: VectorText, budget: int, texts: PackTexts) -> list[str]:
    """What a vector costs and changes, in words (no internal number but money and time)."""
    after = budget - vt.cost
    money = (
        f"Coût : {vt.cost} k€ une fois (il resterait {after} k€)"
        if after >= 0
        else (f"Coût : {vt.cost} k€ une fois (budget insuffisant : {budget} k€)")
    )
    if vt.running_cost:
        money += f", puis {vt.running_cost} k€ par tour une fois en service"
    team = plural(vt.capacity, "pt")
    lines = [money, f"Temps d'équipe : {team} par tour · durée : {turns_text(vt.duration)}"]
    once = effects_arrows(vt.on_deploy, texts)
    each = effects_arrows(vt.per_turn, texts)
    if once:
        lines.append(f"Une fois déployé : {once}")
    if each:
        lines.append(f"Puis chaque tour : {each}")
    return lines


def _vector(
    ctx: TableContext,
    b: PanelBuilder,
    card: str,
    vector: str | None,
    vt: VectorText,
    reason: str,
    *,
    late: bool = False,
) -> None:
    """A vector's name, costs and effects, then its « Proposer » button (and why not)."""
    key = f"propose:{card}:{vector or ''}"
    ok = key in ctx.legal
    name = VECTORS.get(vector or "", "Levier")
    b.space(4)
    b.wrapped(name, 14, bold=True)
    for line in cost_lines(vt, ctx.view.budget, ctx.texts):
        b.wrapped(line, 13, indent=8)
    if late:
        b.warning(TOO_LATE)
    why = reason or refusal(ctx.view, "propose")
    if ctx.read_only:
        seen = "Possible pour ce siège à ce moment." if ok else why
        b.wrapped(seen, 13, italic=True)
        return
    label = f"Proposer ({name})" if vector else "Proposer ce levier"
    b.button(
        key,
        pygame.Rect(b.x, b.y + 2, b.width, BUTTON_H),
        label,
        partial(ctx.do.act, key),
        enabled=ok,
        reason="" if ok else why,
        object_id="#primary" if ok else "#small",
    )
    b.space(BUTTON_H + 6)
    if not ok:
        b.wrapped(why, 13, italic=True)
