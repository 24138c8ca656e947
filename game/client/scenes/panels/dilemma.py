"""The dilemmas of the turn, every one of them: situation, options with their voices, and once
decided the option kept with the expert's view."""

from __future__ import annotations

from functools import partial

import pygame

from game.client.palette import MUTED
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.panels.vote import justification
from game.client.scenes.wording import plural, refusal
from game.client.texts import PackTexts
from game.engine.view_models import DilemmaView

OPTION_W = 110
BUTTON_H = 34


def expert_text(texts: PackTexts, d: DilemmaView) -> str:
    """The « regard d'expert » of a decided dilemma ('' while it is not shown)."""
    if d.chosen is None or d.expert_view is None:  # the view carries it once decided
        return ""
    return d.expert_view


def decided_lines(texts: PackTexts, d: DilemmaView) -> list[tuple[str, bool]]:
    """The outcome of a decided dilemma and the expert's view, as (text, is_heading)."""
    title = texts.title_of(d.dilemma)
    out = [(f"Regard d'expert — {title}", True)]
    if d.chosen is not None:
        out.append((f"Option retenue : {texts.option_label(d.dilemma, d.chosen)}", False))
    expert = expert_text(texts, d)
    if expert:
        out.append((expert, False))
    return out


def build_dilemmas(ctx: TableContext, b: PanelBuilder) -> None:
    view = ctx.view
    if not view.dilemmas:
        b.wrapped("Aucun dilemme ce tour-ci : cliquez « Prêt·e ».", 15)
        return
    pending = [d for d in view.dilemmas if d.chosen is None]
    if len(view.dilemmas) > 1:
        b.wrapped(
            f"{plural(len(view.dilemmas), 'dilemme')} ce tour-ci : chacun se vote.", 14, MUTED
        )
    if pending and not ctx.read_only:
        justification(
            b,
            ctx,
            "Justification (facultative, jointe à votre prochain choix) :",
            "Pourquoi cette option ? (cliquez ici pour écrire)",
        )
    first = pending[0].index if pending else None
    for d in [*pending, *(d for d in view.dilemmas if d.chosen is not None)]:
        _dilemma(ctx, b, d, hotkeys=d.index == first)
        b.space(12)


def _dilemma(ctx: TableContext, b: PanelBuilder, d: DilemmaView, *, hotkeys: bool) -> None:
    texts, view = ctx.texts, ctx.view
    dil = texts.dilemmas.get(d.dilemma, {})
    source = texts.title_of(d.source)
    b.wrapped(f"{dil.get('titre', d.dilemma)} (déclenché par : {source})", 16, bold=True, gap=4)
    b.wrapped(str(dil.get("situation", "")), 14, gap=6)
    mine = d.votes.get(view.seat or "")
    for n, opt in enumerate(dil.get("options", ()), start=1):
        key = f"option:{d.index}:{opt['id']}"
        ok = key in ctx.legal
        chosen = (mine is not None and mine.option == opt["id"]) or d.chosen == opt["id"]
        why = "Vous avez déjà choisi." if mine is not None else refusal(view, "option")
        if d.chosen is not None:
            why = "Le dilemme est tranché."
        voters = [texts.role_title(r) for r, v in d.votes.items() if v.option == opt["id"]]
        label = str(opt.get("libelle", opt["id"]))
        if voters:
            label += f" — voix : {', '.join(voters)}"
        top = b.y
        if ctx.read_only:
            b.wrapped(
                f"Option {n}{' (retenue)' if d.chosen == opt['id'] else ''} : {label}",
                14,
                bold=d.chosen == opt["id"],
            )
            continue
        b.button(
            key,
            pygame.Rect(b.x, top, OPTION_W, BUTTON_H),
            f"Option {n}",
            partial(ctx.do.act, key),
            enabled=ok,
            reason="" if ok else why,
            object_id="#chosen" if chosen else None,
            hotkey=pygame.K_1 + n - 1 if hotkeys else None,
        )
        h = b.wrapped(label, 14, indent=OPTION_W + 10, gap=0)
        b.y = top + max(BUTTON_H, h) + 6
    if d.chosen is not None:
        b.lines(decided_lines(texts, d))
    elif d.votes:
        n = len(d.votes)
        b.wrapped(f"{plural(n, 'voix exprimée', 'voix exprimées')} pour l'instant.", 13, MUTED)
