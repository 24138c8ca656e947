"""The right column's list of this turn's proposals, and the « who is ready » box."""

from __future__ import annotations

import pygame

from game.client.palette import MUTED, VECTORS
from game.client.scenes.panels.base import Panel
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.wording import plural
from game.engine.phase import Phase

STATUS_WORDS = {
    "open": "en attente du vote",
    "funded": "retenue et financée",
    "rejected": "rejetée",
}


def proposals_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    texts = ctx.texts
    b = PanelBuilder("proposals", rect, "Propositions du tour", scroll=ctx.scroll("proposals"))
    for p in ctx.view.proposals:
        vec = f" ({VECTORS.get(p.vector, p.vector)})" if p.vector else ""
        b.wrapped(f"{texts.title_of(p.card)}{vec}", 14, bold=True, gap=1)
        status = STATUS_WORDS.get(p.status, p.status)
        why = f" : {p.reason}" if p.reason else ""
        votes = plural(len(p.votes), "vote")
        b.wrapped(f"par {texts.role_title(p.seat)} — {status}{why} — {votes}", 13, gap=6)
    if not ctx.view.proposals:
        b.wrapped("Aucune proposition pour l'instant.", 14, MUTED, italic=True)
    return b.done()


def ready_lines(ctx: TableContext) -> str:
    view, t = ctx.view, ctx.texts
    if view.phase == Phase.FIN:
        return "Partie terminée."
    ready = [t.role_title(s.role) for s in view.seats if s.occupied and s.ready]
    waiting = [t.role_title(s.role) for s in view.seats if s.occupied and not s.ready]
    return (
        f"Prêt·es : {', '.join(ready) or 'personne'} — "
        f"en attente : {', '.join(waiting) or 'personne'}"
    )


def ready_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """Who is ready and who is still expected."""
    b = PanelBuilder("ready", rect, scroll=ctx.scroll("ready"))
    b.wrapped(ready_lines(ctx), 13)
    return b.done()
