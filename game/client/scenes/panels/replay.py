"""What the replay shows in place of the live panels: every ballot and choice with its
justification, and the facilitator's left column with every secret revealed."""

from __future__ import annotations

import pygame

from game.client.palette import MUTED, VECTORS
from game.client.scenes.panels.base import Panel, mark_at, moved
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.panels.dilemma import expert_text
from game.client.scenes.panels.left import role_panel
from game.client.scenes.wording import ballot_text
from game.client.texts import PackTexts
from game.engine.view_models import PlayerView

STATUS = {"open": "en attente du vote", "funded": "retenue et financée", "rejected": "rejetée"}


def _quote(text: str) -> str:
    return f" — « {text.strip()} »" if text.strip() else ""


def build_vote(ctx: TableContext, b: PanelBuilder) -> None:
    """Each proposal with who proposed it, its outcome, and every ballot with its reason."""
    view, texts = ctx.view, ctx.texts
    if not view.proposals:
        b.wrapped("Aucune proposition ce tour-ci.", 15)
        return
    for p in view.proposals:
        card = texts.card(p.card)
        top = b.y
        label = str(card.step) if card.kind == "lever" else ""
        b.draw(moved(mark_at, pygame.Rect(b.x, top + 2, 20, 20), card.mark, label))
        b.wrapped(texts.title_of(p.card), 15, bold=True, indent=26, gap=1)
        vec = f" · {VECTORS.get(p.vector, p.vector)}" if p.vector else ""
        why = f" : {p.reason}" if p.reason else ""
        status = STATUS.get(p.status, p.status)
        b.wrapped(
            f"proposée par {texts.role_title(p.seat)}{vec} — {status}{why}",
            13,
            italic=True,
            indent=26,
        )
        for role, ballot in p.votes.items():
            said = _quote(ballot.justification)
            b.wrapped(
                f"{texts.role_title(role)} : {ballot_text(ballot.choice)}{said}", 13, indent=26
            )
        if not p.votes:
            b.wrapped("aucun vote pour l'instant", 13, MUTED, italic=True, indent=26)
        b.space(10)


def build_dilemma(ctx: TableContext, b: PanelBuilder) -> None:
    """Every dilemma of the turn: situation, options with their voices, reasons, expert view."""
    view, texts = ctx.view, ctx.texts
    if not view.dilemmas:
        b.wrapped("Aucun dilemme ce tour-ci.", 15)
        return
    for d in view.dilemmas:
        dil = texts.dilemmas.get(d.dilemma, {})
        b.heading(f"{dil.get('titre', d.dilemma)}  (déclenché par : {texts.title_of(d.source)})")
        b.wrapped(str(dil.get("situation", "")), 14)
        for n, opt in enumerate(dil.get("options", ()), start=1):
            voters = [texts.role_title(r) for r, v in d.votes.items() if v.option == opt["id"]]
            kept = " (retenue)" if d.chosen == opt["id"] else ""
            voices = f" — voix : {', '.join(voters)}" if voters else " — aucune voix"
            b.wrapped(
                f"Option {n}{kept} : {opt.get('libelle', opt['id'])}{voices}", 14, bold=bool(kept)
            )
        said = [(r, v) for r, v in d.votes.items() if v.justification.strip()]
        if said:
            b.heading("Justifications")
            for r, v in said:
                b.wrapped(f"{texts.role_title(r)} : « {v.justification.strip()} »", 14)
        if d.chosen is None:
            b.wrapped("En attente : le dilemme n'est pas encore tranché.", 14)
        else:
            b.heading(f"Regard d'expert — {dil.get('titre', d.dilemma)}")
            b.wrapped(expert_text(texts, d), 14)
        b.space(10)


def shown_secrets(view: PlayerView, texts: PackTexts) -> dict[str, str]:
    """The secret objectives this view shows, by role: its own, or all once revealed."""
    if view.secrets:
        return {r: view.secrets[r].text for r in texts.role_order if r in view.secrets}
    if view.seat is not None and view.secret is not None:
        return {view.seat: view.secret.text}
    return {}


def revealed_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """Every secret objective and the shadow-AI inventory (the facilitator's view)."""
    view, texts = ctx.view, ctx.texts
    if view.seat is not None:
        return role_panel(ctx, rect)
    b = PanelBuilder("role", rect, "Objectifs secrets (tout révélé)", scroll=ctx.scroll("role"))
    for role, text in shown_secrets(view, texts).items():
        b.wrapped(f"{texts.role_title(role)} — {' '.join(text.split())}", 12, gap=4)
    shadow = [s.title for s in view.shadow_ai or ()]
    if shadow:
        b.wrapped(f"IA non encadrées ({len(shadow)}) : {', '.join(shadow)}", 12, italic=True)
    return b.done()
