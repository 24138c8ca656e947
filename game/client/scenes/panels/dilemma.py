"""The dilemmas of the turn, every one of them: situation, options with their voices, and once
decided the option kept with the expert's view."""

from __future__ import annotations

from functools import partial

import pygame

from game.client.palette import ACCENT, HILITE, MUTED
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.panels.terms import terms_block
from game.client.scenes.panels.vote import justification
from game.client.scenes.wording import plural, refusal, tie_break_text
from game.client.texts import PackTexts
from game.engine.view_models import DilemmaView, PlayerView

OPTION_W = 110
BUTTON_H = 34


def expert_text(texts: PackTexts, d: DilemmaView) -> str:
    """The « regard d'expert » of a decided dilemma ('' while it is not shown)."""
    if d.chosen is None or d.expert_view is None:  # the view carries it once decided
        return ""
    return d.expert_view


def outcome_text(d: DilemmaView) -> str:
    """« 3 voix sur 4 » and how a tie was broken, for a decided dilemma."""
    if d.chosen is None:
        return ""
    how = tie_break_text(d.tie_break, len(d.votes))
    if not d.votes:
        return how
    mine = sum(1 for v in d.votes.values() if v.option == d.chosen)
    votes = f"{plural(mine, 'voix', 'voix')} sur {len(d.votes)}"
    return f"{votes} ; {how}" if how else votes


def decided_lines(texts: PackTexts, d: DilemmaView) -> list[tuple[str, bool]]:
    """The outcome of a decided dilemma and the expert's view, as (text, is_heading)."""
    title = texts.title_of(d.dilemma)
    out = [(f"Regard d'expert — {title}", True)]
    if d.chosen is not None:
        how = outcome_text(d)
        option = texts.option_label(d.dilemma, d.chosen)
        out.append((f"Option retenue : {option}{f' ({how})' if how else ''}", False))
    expert = expert_text(texts, d)
    if expert:
        out.append((expert, False))
    return out


def this_turn(view: PlayerView) -> tuple[list[DilemmaView], list[DilemmaView]]:
    """This turn's dilemmas: (decided, still open). Earlier turns' go to the history."""
    mine = [d for d in view.dilemmas if d.turn == view.turn]
    return [d for d in mine if d.chosen is not None], [d for d in mine if d.chosen is None]


def earlier(view: PlayerView) -> list[DilemmaView]:
    """Dilemmas decided in earlier turns, the latest first (the history panel)."""
    return [d for d in reversed(view.dilemmas) if d.turn < view.turn and d.chosen is not None]


def expert_box(b: PanelBuilder, texts: PackTexts, d: DilemmaView) -> None:
    """A decided dilemma's outcome and expert view on a tinted band across the panel."""
    at, top = len(b.ops), b.y
    b.space(6)
    b.x, b.width = b.x + 10, b.width - 20
    b.lines(decided_lines(texts, d))
    b.x, b.width = b.x - 10, b.width + 20
    box = pygame.Rect(b.x, top, b.width, b.y - top + 4)

    def band(s: pygame.Surface, dy: int) -> None:
        pygame.draw.rect(s, HILITE, box.move(0, dy), border_radius=6)
        pygame.draw.rect(s, ACCENT, box.move(0, dy), 1, border_radius=6)

    b.ops.insert(at, band)
    b.y = box.bottom + 10


def history_lines(view: PlayerView, texts: PackTexts) -> list[tuple[str, bool]]:
    """Every earlier turn's decided dilemma, its outcome and expert view (latest first)."""
    lines: list[tuple[str, bool]] = []
    for d in earlier(view):
        lines.append((f"Tour {d.turn}", True))
        lines += decided_lines(texts, d)
    return lines or [("Aucun regard d'expert lors des tours précédents.", False)]


def build_dilemmas(ctx: TableContext, b: PanelBuilder) -> None:
    view = ctx.view
    decided, pending = this_turn(view)
    if not decided and not pending:
        b.wrapped("Aucun dilemme ce tour-ci : cliquez « Prêt·e ».", 15)
        return
    for d in decided:  # the teaching payoff first, readable until the table moves on
        expert_box(b, ctx.texts, d)
    if decided and not pending:
        b.wrapped(
            "Lisez le regard d'expert ensemble, puis cliquez « Prêt·e » pour passer à la "
            "résolution.",
            14,
            MUTED,
        )
    if len(decided) + len(pending) > 1:
        n = len(decided) + len(pending)
        b.wrapped(f"{plural(n, 'dilemme')} ce tour-ci : chacun se vote.", 14, MUTED)
    if pending and not ctx.read_only:
        b.wrapped(
            "Chaque dilemme est tranché dès que tous les sièges ont voté ; vous pouvez "
            "changer d'option jusque-là (ou jusqu'à « Prêt·e »).",
            13,
            MUTED,
        )
        justification(
            b,
            ctx,
            "Justification (facultative, jointe à votre prochain choix) :",
            "Pourquoi cette option ? (cliquez ici pour écrire)",
        )
    first = pending[0].index if pending else None
    for d in pending:
        _dilemma(ctx, b, d, hotkeys=d.index == first)
        b.space(12)
    for d in decided:  # the options and who chose what, below the outcome
        _dilemma(ctx, b, d, hotkeys=False)
        b.space(12)


def _dilemma(ctx: TableContext, b: PanelBuilder, d: DilemmaView, *, hotkeys: bool) -> None:
    texts, view = ctx.texts, ctx.view
    dil = texts.dilemmas.get(d.dilemma, {})
    source = texts.title_of(d.source)
    b.wrapped(f"{dil.get('titre', d.dilemma)} (déclenché par : {source})", 16, bold=True, gap=4)
    b.wrapped(str(dil.get("situation", "")), 14, gap=6)
    labels = [str(o.get("libelle", "")) for o in dil.get("options", ())]
    terms_block(b, ctx.texts, str(dil.get("situation", "")), *labels)
    mine = d.votes.get(view.seat or "")
    for n, opt in enumerate(dil.get("options", ()), start=1):
        key = f"option:{d.index}:{opt['id']}"
        ok = key in ctx.legal
        chosen = (mine is not None and mine.option == opt["id"]) or d.chosen == opt["id"]
        why = (
            "C'est votre choix actuel." if mine is not None and chosen else refusal(view, "option")
        )
        if d.chosen is not None:
            why = "Le dilemme est tranché."
        voters = [texts.role_title(r) for r, v in d.votes.items() if v.option == opt["id"]]
        label = str(opt.get("libelle", opt["id"]))
        if voters:
            label += f" — voix : {', '.join(voters)}"
        top = b.y
        if ctx.read_only or d.chosen is not None:  # decided: the options as text
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
    if d.chosen is None and d.votes:
        n = len(d.votes)
        b.wrapped(f"{plural(n, 'voix exprimée', 'voix exprimées')} pour l'instant.", 13, MUTED)
