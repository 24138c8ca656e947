"""Drawing of the table's read-only parts: top bar, gauges, role, feed, roadmap board, summaries."""

from __future__ import annotations

import pygame

from game.client.draw import (
    blit_text,
    blit_wrapped,
    draw_gauge,
    draw_mark,
    draw_panel,
    ellipsize,
    text_surface,
    wrap,
)
from game.client.palette import ACCENT, HILITE, INK, LINE, MUTED, PANEL, STEPS, WARN_BG
from game.client.scenes.wording import describe, effects_text, risk_level_text
from game.client.texts import PackTexts
from game.engine.phase import PHASE_LABELS, TURN_PHASES, Phase
from game.engine.view_models import PlayerView

STATUS_WORDS = {"in_progress": "en cours", "deployed": "déployé", "suspended": "suspendu"}


def clock_text(remaining: float | None, paused: bool) -> str:
    """« 4:05 restantes », « en pause » or « sans minuteur »."""
    if paused:
        return "EN PAUSE"
    if remaining is None:
        return "sans minuteur"
    secs = max(0, int(remaining))
    return f"{secs // 60}:{secs % 60:02d} restantes"


def draw_top(
    surface: pygame.Surface,
    rect: pygame.Rect,
    view: PlayerView,
    texts: PackTexts,
    clock: str,
    who: str,
) -> None:
    """Collectivité, turn, phase strip, countdown, budget, capacity and whose screen this is."""
    pygame.draw.rect(surface, PANEL, rect)
    pygame.draw.line(surface, LINE, rect.bottomleft, rect.bottomright)
    blit_text(surface, texts.collectivite, (rect.x + 12, rect.y + 6), 20, INK, bold=True)
    turn = f"Tour {view.turn} / {view.turns}" if view.turn else "Avant le premier tour"
    blit_text(surface, turn, (rect.x + 12, rect.y + 36), 15, MUTED)
    x = rect.x + 360
    for phase in TURN_PHASES:
        label = PHASE_LABELS[phase]
        current = phase == view.phase
        surf = text_surface(label, 15, (255, 255, 255) if current else MUTED, current)
        box = pygame.Rect(x, rect.y + 8, surf.get_width() + 16, 26)
        if current:
            pygame.draw.rect(surface, ACCENT, box, border_radius=4)
            pygame.draw.polygon(
                surface,
                ACCENT,
                [
                    (box.centerx - 6, box.bottom),
                    (box.centerx + 6, box.bottom),
                    (box.centerx, box.bottom + 6),
                ],
            )
        surface.blit(surf, (x + 8, rect.y + 11))
        x = box.right + 6
    if view.phase in (Phase.LOBBY, Phase.FIN):
        blit_text(
            surface,
            f"Phase : {PHASE_LABELS[view.phase]}",
            (rect.x + 360, rect.y + 40),
            15,
            INK,
            bold=True,
        )
    else:
        blit_text(
            surface, f"Temps : {clock}", (rect.x + 360, rect.y + 40), 15, INK, bold=view.paused
        )
    r = rect.right - 12
    blit_text(surface, who, (r, rect.y + 6), 16, INK, bold=True, right=True)
    cap = f"{view.capacity_left} / {view.capacity_per_turn}"
    res = f"Budget : {view.budget} k€    Capacité : {cap} pts"
    blit_text(surface, res, (r, rect.y + 36), 15, INK, right=True)


def draw_gauges(
    surface: pygame.Surface, rect: pygame.Rect, view: PlayerView, texts: PackTexts
) -> int:
    """The gauges with their change since last turn; return the panel's height."""
    order = [g for g in texts.gauge_order if g in view.gauges] or list(view.gauges)
    height = 40 + 40 * len(order)
    inner = draw_panel(
        surface, pygame.Rect(rect.x, rect.y, rect.width, height), "Jauges (évolution du tour)"
    )
    for i, gid in enumerate(order):
        row = pygame.Rect(inner.x, inner.y + i * 40, inner.width, 34)
        draw_gauge(
            surface,
            row,
            texts.gauge_label(gid),
            view.gauges[gid],
            texts.gauge_bounds(gid),
            view.gauge_delta.get(gid, 0),
        )
    return height


def draw_role(
    surface: pygame.Surface, rect: pygame.Rect, view: PlayerView, texts: PackTexts
) -> int:
    """My role, public mission and secret objective; return the height used."""
    if view.seat is None:
        return 0
    inner_w = rect.width - 16
    mission = texts.role_mission(view.seat)
    secret = view.secret.text if view.secret else ""
    from game.client.draw import wrap

    h = (
        34
        + 20 * len(wrap(mission, 14, inner_w))
        + 28
        + 20 * len(wrap(secret, 14, inner_w, False))
        + 8
    )
    panel = pygame.Rect(rect.x, rect.y, rect.width, h)
    inner = draw_panel(surface, panel, f"Mon rôle : {texts.role_title(view.seat)}")
    y = inner.y + blit_wrapped(
        surface, mission, pygame.Rect(inner.x, inner.y, inner.width, 200), 14
    )
    blit_text(
        surface,
        "Objectif secret (vous seul·e le voyez) :",
        (inner.x, y + 4),
        13,
        MUTED,
        italic=True,
    )
    blit_wrapped(
        surface, secret, pygame.Rect(inner.x, y + 24, inner.width, 200), 14, INK, italic=True
    )
    return h


def draw_feed(
    surface: pygame.Surface, rect: pygame.Rect, view: PlayerView, texts: PackTexts
) -> None:
    """The latest things that happened at the table, newest first."""
    if rect.height < 60:
        return
    inner = draw_panel(surface, rect, "Fil de la table")
    y = inner.y
    for event in reversed(view.feed):
        line = describe(event, texts)
        if line is None:
            continue
        if 18 * len(wrap("• " + line, 13, inner.width)) > inner.bottom - y:
            break
        used = blit_wrapped(
            surface,
            "• " + line,
            pygame.Rect(inner.x, y, inner.width, inner.bottom - y),
            13,
            INK,
            max_lines=3,
        )
        y += used + 2
        if y > inner.bottom - 18:
            break


def draw_board(
    surface: pygame.Surface, rect: pygame.Rect, view: PlayerView, texts: PackTexts
) -> None:
    """The roadmap: the 5 steps as columns, turns as rows, funded cards with their progress."""
    inner = draw_panel(surface, rect, "Feuille de route")
    label_w = 60
    col_w = (inner.width - label_w) // 5
    for s in range(1, 6):
        x = inner.x + label_w + (s - 1) * col_w
        blit_text(surface, ellipsize(STEPS[s], 12, col_w - 6), (x + 4, inner.y + 2), 12, INK)
    top = inner.y + 22
    rows = max(1, view.turns)
    row_h = max(22, (inner.bottom - top) // rows)
    cells: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for p in view.projects:
        card = texts.card(p.card)
        if p.status == "in_progress":
            status = f"en cours {p.progress}/{p.duration}"
        else:
            status = STATUS_WORDS.get(p.status, p.status)
        cells.setdefault((p.started, card.step), []).append((p.card, status))
    for t in range(1, rows + 1):
        y = top + (t - 1) * row_h
        row = pygame.Rect(inner.x, y, inner.width, row_h)
        if t == view.turn:
            pygame.draw.rect(surface, HILITE, row)
        pygame.draw.line(surface, LINE, (inner.x, y), (inner.right, y))
        blit_text(surface, f"Tour {t}", (inner.x + 2, y + 4), 13, INK, bold=t == view.turn)
        for s in range(1, 6):
            x = inner.x + label_w + (s - 1) * col_w
            pygame.draw.line(surface, LINE, (x, y), (x, y + row_h))
            chips = cells.get((t, s), [])
            fit = max(1, (row_h - 4) // 36)
            for i, (cid, status) in enumerate(chips[:fit]):
                chip = pygame.Rect(x + 3, y + 3 + i * 36, col_w - 6, 34)
                if i == fit - 1 and len(chips) > fit:
                    blit_text(
                        surface, f"+ {len(chips) - i} cartes", (chip.x + 4, chip.y), 12, MUTED
                    )
                    break
                _chip(surface, chip, texts, cid, status)


def _chip(
    surface: pygame.Surface, chip: pygame.Rect, texts: PackTexts, cid: str, status: str
) -> None:
    card = texts.card(cid)
    deployed = status in ("déployé",)
    pygame.draw.rect(surface, PANEL, chip, border_radius=3)
    pygame.draw.rect(
        surface, INK if deployed else MUTED, chip, 2 if deployed else 1, border_radius=3
    )
    draw_mark(surface, card.mark, pygame.Rect(chip.x + 2, chip.y + 1, 16, 16))
    blit_text(
        surface, ellipsize(card.title, 12, chip.width - 24), (chip.x + 21, chip.y + 1), 12, INK
    )
    blit_text(
        surface, status, (chip.x + 21, chip.y + 17), 12, INK, bold=deployed, italic=not deployed
    )


def event_lines(view: PlayerView, texts: PackTexts) -> list[tuple[str, str, str]]:
    """(title, text, effects) of the events revealed this turn."""
    out = []
    for eid in view.current_events:
        ev = texts.events.get(eid, {})
        eff = effects_text(ev.get("effets", {}) or {}, texts)
        out.append((ev.get("titre", eid), ev.get("texte", ""), f"Effets : {eff}" if eff else ""))
    return out


def resolution_lines(view: PlayerView, texts: PackTexts) -> list[tuple[str, bool]]:
    """The turn's summary as (line, is_heading): deployed cards, risks fired and why, levels."""
    t = texts.title_of
    this_turn = [e for e in view.feed if e.turn == view.turn]
    lines: list[tuple[str, bool]] = [("Déployé ou achevé ce tour", True)]
    deployed = [e for e in this_turn if e.type == "card_deployed"]
    lines += [(f"• {t(e.card)}", False) for e in deployed] or [("• rien ce tour-ci", False)]
    adv = [e for e in this_turn if e.type == "project_advanced" and e.progress < e.duration]
    if adv:
        lines.append(("Projets en cours", True))
        lines += [(f"• {t(e.card)} : {e.progress} / {e.duration} tours", False) for e in adv]
    lines.append(("Risques survenus", True))
    fired = [r for r in view.risks_fired if r.turn == view.turn]
    for r in fired:
        why = f"exposé par {', '.join(t(s) for s in r.sources)}" if r.sources else "risque de fond"
        mit = f" ; atténué par {', '.join(t(m) for m in r.mitigations)}" if r.mitigations else ""
        sus = f" ; suspendu : {t(r.suspended)}" if r.suspended else ""
        lines.append((f"• {t(r.risk)} (probabilité {r.probability:.0%}) : {why}{mit}{sus}", False))
    if not fired:
        lines.append(("• aucun risque n'est survenu ce tour-ci", False))
    if view.risk_levels:
        lines.append(("Niveau des risques pour le prochain tour", True))
        lv = ", ".join(f"{t(k)} : {risk_level_text(v)}" for k, v in view.risk_levels.items())
        lines.append((lv, False))
    return lines


def draw_lines(surface: pygame.Surface, rect: pygame.Rect, lines: list[tuple[str, bool]]) -> None:
    """Headings and wrapped lines top to bottom inside `rect`."""
    y = rect.y
    for text, heading in lines:
        if y > rect.bottom - 18:
            break
        used = blit_wrapped(
            surface,
            text,
            pygame.Rect(rect.x, y + (6 if heading else 0), rect.width, rect.bottom - y),
            15 if heading else 14,
            INK,
            bold=heading,
        )
        y += used + (8 if heading else 2)


def draw_warning(surface: pygame.Surface, rect: pygame.Rect, text: str) -> int:
    """A pale-yellow box with a text (reasons, notices); return its height."""
    from game.client.draw import wrap

    h = 10 + 19 * len(wrap(text, 14, rect.width - 16))
    box = pygame.Rect(rect.x, rect.y, rect.width, h)
    pygame.draw.rect(surface, WARN_BG, box, border_radius=4)
    pygame.draw.rect(surface, MUTED, box, 1, border_radius=4)
    blit_wrapped(surface, text, box.inflate(-16, -8), 14, INK)
    return h
