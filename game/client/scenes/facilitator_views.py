"""What the console draws: a seat's state in a tile, the wall projection of the dilemmas."""

from __future__ import annotations

import pygame

from game.client.draw import blit_text, blit_wrapped, draw_panel
from game.client.palette import ACCENT, INK, MUTED, WARN_BG
from game.client.sessions.base import TableSummary
from game.client.texts import PackTexts
from game.engine.phase import Phase
from game.engine.view_models import PlayerView


def ready_word(view: PlayerView, role: str) -> str:
    seat = next(s for s in view.seats if s.role == role)
    if not seat.occupied:
        return "vide"
    if view.phase == Phase.VOTE:
        voted = sum(1 for p in view.proposals if role in p.votes)
        done = "prêt·e" if seat.ready else "en cours"
        return f"{voted}/{len(view.proposals)} votes, {done}"
    if view.phase == Phase.DILEMMES:
        chose = any(role in d.votes for d in view.dilemmas if d.chosen is None)
        return "a choisi" if chose else ("prêt·e" if seat.ready else "n'a pas choisi")
    return "prêt·e" if seat.ready else "en attente"


def draw_projection(
    surface: pygame.Surface, rect: pygame.Rect, tables: tuple[TableSummary, ...], texts: PackTexts
) -> None:
    """For the wall: each table's current dilemma and its votes, option by option."""
    inner = draw_panel(surface, rect, "Dilemme en cours : les votes de chaque table")
    col_w = inner.width // max(1, len(tables))
    for i, t in enumerate(tables):
        x = inner.x + i * col_w
        dil = next((d for d in reversed(t.view.dilemmas)), None)
        blit_text(surface, t.table_id, (x, inner.y), 22, INK, bold=True)
        if dil is None:
            blit_text(surface, "pas de dilemme ouvert", (x, inner.y + 34), 18, MUTED, italic=True)
            continue
        d = texts.dilemmas.get(dil.dilemma, {})
        used = blit_wrapped(
            surface,
            d.get("titre", dil.dilemma),
            pygame.Rect(x, inner.y + 34, col_w - 20, 80),
            18,
            INK,
            bold=True,
        )
        y = inner.y + 44 + used
        total = max(1, len(dil.votes))
        for n, opt in enumerate(d.get("options", ()), start=1):
            count = sum(1 for vote in dil.votes.values() if vote.option == opt["id"])
            mark = "  (retenue)" if dil.chosen == opt["id"] else ""
            used = blit_wrapped(
                surface,
                f"{n}. {opt.get('libelle', opt['id'])}{mark}",
                pygame.Rect(x, y, col_w - 20, 60),
                16,
                INK,
                bold=bool(mark),
            )
            bar = pygame.Rect(x, y + used + 2, col_w - 80, 22)
            pygame.draw.rect(surface, WARN_BG, bar)
            fill = bar.copy()
            fill.width = bar.width * count // total
            pygame.draw.rect(surface, ACCENT, fill)
            pygame.draw.rect(surface, INK, bar, 1)
            blit_text(surface, f"{count} voix", (bar.right + 8, bar.y), 16, INK, bold=True)
            y += used + 34
