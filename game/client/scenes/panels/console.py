"""The facilitator console's panels: a tile per table, the tools, the wall projection."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

import pygame

from game.client.palette import ACCENT, BAD, INK, MUTED, WARN_BG
from game.client.scenes.panels.base import Panel, label_width, moved
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.top import clock_text
from game.client.scenes.wording import plural
from game.client.sessions.base import TableSummary
from game.client.texts import PackTexts
from game.engine.actions import Action, AdvancePhase, ExtendTimer, Pause, Resume, StartGame
from game.engine.phase import PHASE_LABELS, Phase
from game.engine.view_models import PlayerView

BUTTON_H = 30
STATUS = {"open": "au vote", "funded": "retenue", "rejected": "rejetée"}
ROW: list[tuple[str, str, Callable[[], Action], str]] = [
    ("start", "Démarrer", StartGame, "start_game"),
    ("advance", "Suivante", AdvancePhase, "advance_phase"),
    ("pause", "Pause", Pause, "pause"),
    ("resume", "Reprise", Resume, "resume"),
    ("extend", "+1 min", lambda: ExtendTimer(seconds=60), "extend_timer"),
]


class ConsoleControls(Protocol):
    def control(self, table_id: str | None, action: Action) -> None: ...
    def choose_target(self, table_id: str | None) -> None: ...
    def open_replay(self, table_id: str) -> None: ...
    def show_codes(self, table_id: str | None = None) -> None: ...


@dataclass(frozen=True)
class ConsoleContext:
    texts: PackTexts
    tables: Sequence[TableSummary]
    now: float
    target: str | None
    do: ConsoleControls
    scroll: dict[str, int]


def tile_clock(view: PlayerView, now: float) -> str:
    """« 3:05 restantes », « EN PAUSE », or '' before and after the game."""
    if view.phase in (Phase.LOBBY, Phase.FIN):
        return ""
    remaining = view.remaining if view.deadline is None else view.deadline - now
    return clock_text(remaining, view.paused)


def seat_line(view: PlayerView, role: str, texts: PackTexts) -> str:
    """« DPO : a voté 2 / 3, prêt·e »: who has voted and who is ready."""
    seat = next(s for s in view.seats if s.role == role)
    who = texts.role_title(role)
    if not seat.occupied:
        return f"{who} : place vide"
    ready = "prêt·e" if seat.ready else "pas encore prêt·e"
    if view.phase == Phase.VOTE and view.proposals:
        voted = sum(1 for p in view.proposals if role in p.votes)
        return f"{who} : a voté {voted} / {len(view.proposals)}, {ready}"
    if view.phase == Phase.DILEMMES:
        open_ = [d for d in view.dilemmas if d.chosen is None]
        chose = sum(1 for d in open_ if role in d.votes)
        return f"{who} : a choisi {chose} / {len(open_)}, {ready}" if open_ else f"{who} : {ready}"
    return f"{who} : {ready}"


def _tile_buttons(
    ctx: ConsoleContext, t: TableSummary
) -> list[tuple[str, str, Callable[[], None], dict[str, object]]]:
    """(key, label, callback, options) of a tile's buttons, in reading order."""
    legal = {a.type for a in t.view.legal_actions}
    out: list[tuple[str, str, Callable[[], None], dict[str, object]]] = []
    for key, text, make, kind in ROW:
        ok = kind in legal
        why = "" if ok else "Pas possible à ce moment de la partie."
        cb = partial(_send, ctx.do, t.table_id, make)
        out.append((f"{t.table_id}:{key}", text, cb, {"enabled": ok, "reason": why}))
    tip = "Revoir cette table action par action (relecture)"
    out.append(
        (
            f"{t.table_id}:replay",
            "Rejouer",
            partial(ctx.do.open_replay, t.table_id),
            {"tooltip": tip},
        )
    )
    tip = "Le code, l'adresse et le QR code de cette table, en grand"
    qr = partial(ctx.do.show_codes, t.table_id)
    out.append((f"{t.table_id}:qr", "QR", qr, {"tooltip": tip}))
    chosen = ctx.target == t.table_id
    tip = "Les événements et messages iront à cette table seulement"
    opts: dict[str, object] = {"tooltip": tip, "object_id": "#chosen" if chosen else "#small"}
    label = "Cible choisie" if chosen else "Cibler"
    out.append((f"{t.table_id}:target", label, partial(ctx.do.choose_target, t.table_id), opts))
    return out


def _flow(labels: list[str], width: int) -> list[list[int]]:
    """Rows of button indices, each row as many buttons as their labels allow."""
    rows: list[list[int]] = [[]]
    used = 0
    for i, text in enumerate(labels):
        w = label_width(text, "#chosen") + 4
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0
        rows[-1].append(i)
        used += w
    return rows


def tile_panel(ctx: ConsoleContext, t: TableSummary, rect: pygame.Rect) -> Panel:
    """One table: phase, time, budget, proposals, seats (voted, ready), the open dilemma."""
    v, texts = t.view, ctx.texts
    name = f"tile:{t.table_id}"
    buttons = _tile_buttons(ctx, t)
    rows = _flow([label for _, label, _, _ in buttons], rect.width - 16)
    footer = len(rows) * (BUTTON_H + 4) + 4
    b = PanelBuilder(name, rect, t.label, scroll=ctx.scroll.get(name, 0), footer=footer)
    if t.name:
        b.wrapped(f"« {t.name} »", 14, bold=True, gap=2)
    clock = tile_clock(v, ctx.now)
    head = f"Tour {v.turn} / {v.turns} · {PHASE_LABELS[v.phase]}" + (f" · {clock}" if clock else "")
    b.wrapped(head, 14, bold=True, gap=2)
    left, per = v.capacity_left, v.capacity_per_turn
    b.wrapped(f"Budget : {v.budget} k€ · capacité : {left} / {per} pts restants", 13)
    open_ = [d for d in v.dilemmas if d.chosen is None]
    for d in open_:
        voices = plural(len(d.votes), "voix", "voix")
        b.wrapped(f"Dilemme ouvert : {texts.title_of(d.dilemma)} ({voices})", 13, BAD, bold=True)
    if v.proposals:
        b.wrapped(f"Propositions ({len(v.proposals)})", 13, bold=True, gap=1)
        for p in v.proposals:
            status = f"{STATUS.get(p.status, p.status)}, {plural(len(p.votes), 'vote')}"
            b.wrapped(f"• {texts.title_of(p.card)} — {status}", 12, indent=6, gap=1)
    elif v.phase in (Phase.PROPOSITIONS, Phase.VOTE):
        b.wrapped("Aucune proposition pour l'instant.", 12, MUTED, italic=True)
    b.space(4)
    for s in v.seats:
        b.wrapped(seat_line(v, s.role, texts), 12, gap=1)
    b.space(4)
    gauges = [f"{texts.gauge_label(g)} {v.gauges[g]}" for g in texts.gauge_order if g in v.gauges]
    b.wrapped(" · ".join(gauges), 12, MUTED)
    y = b.foot.y + 2
    for row in rows:
        # each button as wide as its label, the row's spare room shared out evenly
        wants = [label_width(buttons[i][1], "#chosen") + 4 for i in row]
        spare = max(0, b.foot.width - 4 * (len(row) - 1) - sum(wants)) // len(row)
        x = b.foot.x
        for want, i in zip(wants, row, strict=True):
            key, label, cb, opts = buttons[i]
            opts = {"object_id": "#small", **opts}
            rect_b = pygame.Rect(x, y, want + spare, BUTTON_H)
            b.fixed_button(key, rect_b, label, cb, **opts)
            x += want + spare + 4
        y += BUTTON_H + 4
    return b.done()


def _send(do: ConsoleControls, table_id: str | None, make: Callable[[], Action]) -> None:
    do.control(table_id, make())


def projection_panels(ctx: ConsoleContext, rect: pygame.Rect) -> list[Panel]:
    """For the wall: each table's current dilemma and its votes, option by option."""
    n = max(1, len(ctx.tables))
    cols = min(n, max(1, rect.width // 300))
    rows = -(-n // cols)
    col_w = (rect.width - (cols - 1) * 8) // cols
    row_h = (rect.height - (rows - 1) * 8) // rows
    out = []
    for i, t in enumerate(ctx.tables):
        x, y = rect.x + (i % cols) * (col_w + 8), rect.y + (i // cols) * (row_h + 8)
        frame = pygame.Rect(x, y, col_w, row_h)
        name = f"wall:{t.table_id}"
        b = PanelBuilder(name, frame, t.label, scroll=ctx.scroll.get(name, 0))
        dil = next(iter(reversed(t.view.dilemmas)), None)
        if dil is None:
            b.wrapped("Pas de dilemme ouvert.", 18, MUTED, italic=True)
            out.append(b.done())
            continue
        d = ctx.texts.dilemmas.get(dil.dilemma, {})
        b.wrapped(str(d.get("titre", dil.dilemma)), 18, bold=True, gap=8)
        total = max(1, len(dil.votes))
        for n_opt, opt in enumerate(d.get("options", ()), start=1):
            count = sum(1 for vote in dil.votes.values() if vote.option == opt["id"])
            kept = dil.chosen == opt["id"]
            label = f"{n_opt}. {opt.get('libelle', opt['id'])}" + (" (retenue)" if kept else "")
            b.wrapped(label, 16, bold=kept)
            bar = pygame.Rect(b.x, b.y + 2, max(40, b.width - 90), 22)
            b.draw(moved(_bar, bar, count, total))
            b.text_at(plural(count, "voix", "voix"), (bar.right + 8, b.y + 2), 16, INK, bold=True)
            b.space(32)
        out.append(b.done())
    return out


def _bar(surface: pygame.Surface, bar: pygame.Rect, count: int, total: int) -> None:
    pygame.draw.rect(surface, WARN_BG, bar)
    fill = bar.copy()
    fill.width = bar.width * count // total
    pygame.draw.rect(surface, ACCENT, fill)
    pygame.draw.rect(surface, INK, bar, 1)


def chip_width(text: str) -> int:
    return label_width(text, "#small") + 4
