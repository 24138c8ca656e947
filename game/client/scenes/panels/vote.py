"""The vote: a justification box, then each proposal with its ballots and three buttons."""

from __future__ import annotations

from functools import partial

import pygame

from game.client.palette import MUTED, VECTORS
from game.client.scenes.panels.base import mark_at, moved
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.wording import ballot_text, refusal

CHOICES = ("pour", "contre", "abstention")
BUTTON_H = 34
TOO_LATE_VOTE = (
    "Trop tard pour aboutir avant la fin de la partie : "
    "retenu, ce projet ne serait pas déployé à temps."
)


def justification(b: PanelBuilder, ctx: TableContext, hint: str, placeholder: str) -> None:
    """The optional justification field, sent with the next vote."""
    b.wrapped(hint, 14, MUTED)
    b.entry("justification", pygame.Rect(b.x, b.y, b.width, 32), ctx.ui.justification, placeholder)
    b.space(40)


def build_vote(ctx: TableContext, b: PanelBuilder) -> None:
    view, texts = ctx.view, ctx.texts
    justification(
        b,
        ctx,
        "Justification (facultative, jointe à votre prochain vote) :",
        "Pourquoi ce vote ? (cliquez ici pour écrire)",
    )
    if not view.proposals:
        b.wrapped("Aucune proposition ce tour-ci : cliquez « Prêt·e ».", 15)
        return
    if not ctx.read_only:
        b.wrapped("Vous pouvez changer votre vote jusqu'à « Prêt·e ».", 13, MUTED)
    bw = min(130, (b.width - 34) // 3)
    for p in view.proposals:
        card = texts.card(p.card)
        top = b.y
        label = str(card.step) if card.kind == "lever" else ""
        b.draw(moved(mark_at, pygame.Rect(b.x, top + 2, 20, 20), card.mark, label))
        b.wrapped(card.title, 15, bold=True, indent=26, gap=1)
        vec = f" · {VECTORS.get(p.vector, p.vector)}" if p.vector else ""
        b.wrapped(f"proposée par {texts.role_title(p.seat)}{vec}", 13, MUTED, indent=26, gap=1)
        if card.examples:
            b.wrapped(card.examples, 13, MUTED, italic=True, indent=26, gap=1)
        if p.too_late:
            b.x, b.width = b.x + 26, b.width - 26
            b.warning(TOO_LATE_VOTE)
            b.x, b.width = b.x - 26, b.width + 26
        ballots = " ; ".join(
            f"{texts.role_title(r)} : {ballot_text(v.choice)}" for r, v in p.votes.items()
        )
        b.wrapped("Votes : " + (ballots or "aucun pour l'instant"), 13, indent=26, gap=4)
        mine = p.votes.get(view.seat or "")
        for i, choice in enumerate(CHOICES):
            key = f"vote:{p.index}:{choice}"
            ok = key in ctx.legal
            chosen = mine is not None and mine.choice == choice
            why = (
                f"C'est votre vote actuel : {ballot_text(mine.choice)}."
                if chosen and mine
                else refusal(view, "vote")
            )
            if ctx.read_only:
                continue
            b.button(
                key,
                pygame.Rect(b.x + 26 + i * (bw + 4), b.y, bw, BUTTON_H),
                ballot_text(choice),
                partial(ctx.do.act, key),
                enabled=ok,
                reason="" if ok else why,
                object_id="#chosen" if chosen else None,
            )
        if not ctx.read_only:
            b.space(BUTTON_H)
        b.space(14)
