"""What the replay adds to the table picture: the current action in French, the header line,
read-only vote and dilemma panels with every justification, and what the facilitator sees."""

from __future__ import annotations

import time
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.client.draw import blit_text, draw_panel, ellipsize, wrap
from game.client.palette import INK, MUTED, VECTORS
from game.client.scenes import table_panels as panels
from game.client.scenes.wording import ballot_text, describe
from game.client.texts import PackTexts
from game.engine.phase import PHASE_LABELS, Phase
from game.engine.view_models import PlayerView

if TYPE_CHECKING:
    from game.client.replay_session import ReplaySession
    from game.client.scenes.table import TableScene

STATUS = {"open": "en attente du vote", "funded": "retenue et financée", "rejected": "rejetée"}
#: consequences worth naming after the action itself
FOLLOW_UPS = {
    "phase_changed",
    "event_revealed",
    "proposal_decided",
    "dilemma_opened",
    "dilemma_decided",
    "card_deployed",
    "risk_fired",
    "use_case_suspended",
    "shadow_ai_revealed",
    "game_ended",
}


def clock_of(at: float, start: float) -> str:
    """« 14:05 » for a real timestamp; « 9 min 20 s de jeu » for a log timed from zero."""
    if at >= 1e8:
        return time.strftime("%H:%M", time.localtime(at))
    secs = max(0, int(at - min(start, at)))
    return f"{secs // 60} min {secs % 60:02d} s de jeu"


def header_text(session: ReplaySession) -> str:
    """« Action 123 / 560 — Tour 3, Vote — 14:05 »."""
    state = session.replayer.state
    if state.phase is Phase.LOBBY:
        where = "Accueil"
    elif state.phase is Phase.FIN:
        where = "Fin de partie"
    else:
        where = f"Tour {state.turn}, {PHASE_LABELS[state.phase]}"
    when = clock_of(session.time_at(session.position), session.time_at(0))
    return f"Action {session.position} / {session.length} — {where} — {when}"


def _quote(text: str) -> str:
    return f" — « {text.strip()} »" if text.strip() else ""


def action_sentence(session: ReplaySession) -> str:
    """Who did what at the cursor, in plain French, with what followed."""
    n = session.position
    if n == 0:
        return "Début du journal : la table est à l'accueil, personne n'a encore agi."
    texts = session.texts
    action = session.replayer.action(n)
    who = texts.role_title(getattr(action, "seat", None))
    state = session.replayer.state
    match action.type:
        case "propose":
            vec = f" ({VECTORS.get(action.vector, action.vector)})" if action.vector else ""
            main = f"{who} propose « {texts.title_of(action.card)} »{vec}"
        case "vote":
            card = next((p.card for p in state.proposals if p.index == action.proposal), "")
            what = f"« {texts.title_of(card)} »" if card else f"la proposition {action.proposal}"
            main = (
                f"{who} vote {ballot_text(action.choice)} sur {what}{_quote(action.justification)}"
            )
        case "choose_option":
            dil = next((d.dilemma for d in state.dilemmas if d.index == action.dilemma), "")
            label = texts.option_label(dil, action.option)
            main = f"{who} choisit « {label} »{_quote(action.justification)}"
        case "ready":
            main = f"{who} se déclare prêt·e"
        case "occupy_seat":
            main = f"{action.name or 'Quelqu’un'} s'installe au siège {who}"
        case "leave_seat":
            main = f"Le siège {who} se libère"
        case "inject_event":
            main = f"L'animation injecte l'événement « {texts.title_of(action.event)} »"
        case "set_timer":
            main = f"L'animation règle le minuteur ({action.seconds // 60} min)"
        case "extend_timer":
            main = f"L'animation ajoute {action.seconds} s au minuteur"
        case "phase_timeout":
            main = "Le temps de la phase est écoulé"
        case _:
            main = {
                "start_game": "L'animation démarre la partie",
                "pause": "L'animation met la partie en pause",
                "resume": "L'animation relance la partie",
                "advance_phase": "L'animation passe à la phase suivante",
                "end_game": "L'animation termine la partie",
            }.get(action.type, action.type)
    after = [describe(e, texts) for e in session.replayer.events(n) if e.type in FOLLOW_UPS]
    lines = [a for a in after if a]
    return f"{main}." + (" Puis : " + " ".join(lines[:4]) if lines else "")


# --- read-only phase panels ---------------------------------------------------------


def _shown(scene: TableScene, text: str) -> None:
    shown = getattr(scene, "shown", None)
    if shown is not None:
        shown.append(text)


def _pager(scene: TableScene, inner: pygame.Rect, pages: int, what: str) -> None:
    if pages <= 1:
        return
    for key, text, delta, dx in (("page:prev", "Préc.", -1, 0), ("page:next", "Suiv.", 1, 110)):
        scene.button(
            key,
            pygame.Rect(inner.x + dx, inner.bottom - 34, 104, 32),
            text,
            partial(scene.turn_page, delta),
            enabled=0 <= scene.page + delta < pages,
            reason="Pas d'autre page.",
        )
    note = f"{what} {scene.page + 1} / {pages}"
    scene.ops.append(panels.text_op(note, (inner.x + 224, inner.bottom - 28), 14, MUTED))


def _paginate(heights: list[int], room: int) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    used = 0
    for i, h in enumerate(heights):
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0
        pages[-1].append(i)
        used += h
    return pages


def build_vote(scene: TableScene, view: PlayerView, inner: pygame.Rect) -> None:
    """Each proposal with who proposed it, its outcome, and every ballot with its justification."""
    texts, width = scene.texts, inner.width - 26
    if not view.proposals:
        scene.ops.append(panels.text_op("Aucune proposition ce tour-ci.", inner.topleft, 15))
        return
    blocks: list[list[tuple[str, int, bool, bool]]] = []
    for p in view.proposals:
        vec = f" · {VECTORS.get(p.vector, p.vector)}" if p.vector else ""
        why = f" : {p.reason}" if p.reason else ""
        block = [(texts.title_of(p.card), 15, True, False)]
        block.append(
            (
                f"proposée par {texts.role_title(p.seat)}{vec} — {STATUS[p.status]}{why}",
                13,
                False,
                True,
            )
        )
        for role, b in p.votes.items():
            block.append(
                (
                    f"{texts.role_title(role)} : {ballot_text(b.choice)}{_quote(b.justification)}",
                    13,
                    False,
                    False,
                )
            )
        if not p.votes:
            block.append(("aucun vote pour l'instant", 13, False, True))
        blocks.append(block)
    heights = [_block_height(b, width) + 10 for b in blocks]
    pages = _paginate(heights, inner.height - 40)
    scene.page = min(scene.page, len(pages) - 1)
    y = inner.y
    for i in pages[scene.page]:
        scene.ops.append(
            panels.mark_op(texts.card(view.proposals[i].card), pygame.Rect(inner.x, y + 2, 20, 20))
        )
        y = _add_block(scene, blocks[i], inner.x + 26, y, width) + 10
    _pager(scene, inner, len(pages), "page")


def _block_height(block: list[tuple[str, int, bool, bool]], width: int) -> int:
    return sum(
        int(size * 1.4) * len(wrap(text, size, width, bold)) for text, size, bold, _ in block
    )


def _add_block(
    scene: TableScene, block: list[tuple[str, int, bool, bool]], x: int, y: int, width: int
) -> int:
    for text, size, bold, italic in block:
        _shown(scene, text)
        h = int(size * 1.4) * len(wrap(text, size, width, bold))
        rect = pygame.Rect(x, y, width, h + 4)
        scene.ops.append(panels.wrapped_op(text, rect, size, bold=bold, italic=italic))
        y += h
    return y


def build_dilemma(scene: TableScene, view: PlayerView, inner: pygame.Rect) -> None:
    """One dilemma per page: situation, options with their voices, justifications, expert view."""
    if not view.dilemmas:
        scene.ops.append(panels.text_op("Aucun dilemme ce tour-ci.", inner.topleft, 15))
        return
    scene.page = min(scene.page, len(view.dilemmas) - 1)
    d = view.dilemmas[scene.page]
    texts = scene.texts
    dil = texts.dilemmas.get(d.dilemma, {})
    lines: list[tuple[str, bool]] = [
        (f"{dil.get('titre', d.dilemma)}  (déclenché par : {texts.title_of(d.source)})", True),
        (str(dil.get("situation", "")), False),
    ]
    for n, opt in enumerate(dil.get("options", ()), start=1):
        voters = [texts.role_title(r) for r, v in d.votes.items() if v.option == opt["id"]]
        kept = " (retenue)" if d.chosen == opt["id"] else ""
        voices = f" — voix : {', '.join(voters)}" if voters else " — aucune voix"
        lines.append((f"Option {n}{kept} : {opt.get('libelle', opt['id'])}{voices}", bool(kept)))
    said = [(r, v) for r, v in d.votes.items() if v.justification.strip()]
    if said:
        lines.append(("Justifications", True))
        lines += [
            (f"{texts.role_title(r)} : « {v.justification.strip()} »", False) for r, v in said
        ]
    if d.chosen is None:
        lines.append(("En attente : le dilemme n'est pas encore tranché.", False))
    else:
        lines.append((f"Regard d'expert — {dil.get('titre', d.dilemma)}", True))
        lines.append((d.expert_view or "", False))
    room = pygame.Rect(
        inner.x, inner.y, inner.width, inner.height - (40 if len(view.dilemmas) > 1 else 0)
    )
    for text, _ in lines:
        _shown(scene, text)
    scene.ops.append(panels.lines_op(room, lines))
    _pager(scene, inner, len(view.dilemmas), "dilemme")


# --- what the facilitator sees ------------------------------------------------------


def shown_secrets(view: PlayerView, texts: PackTexts) -> dict[str, str]:
    """The secret objectives this view shows, by role: its own, or all once revealed."""
    if view.secrets:
        return {r: view.secrets[r].text for r in texts.role_order if r in view.secrets}
    if view.seat is not None and view.secret is not None:
        return {view.seat: view.secret.text}
    return {}


def draw_revealed(
    surface: pygame.Surface, rect: pygame.Rect, view: PlayerView, texts: PackTexts
) -> int:
    """Every secret objective and the shadow-AI inventory (facilitator view); return the height."""
    size, step = 12, 16
    lines: list[tuple[str, bool, int]] = []
    for role, text in shown_secrets(view, texts).items():
        lines.append((f"{texts.role_title(role)} — {' '.join(text.split())}", False, 4))
    shadow = [s.title for s in view.shadow_ai or ()]
    if shadow:
        lines.append((f"IA non encadrées ({len(shadow)}) : {', '.join(shadow)}", True, 1))
    width = rect.width - 16
    need = 38 + sum(step * min(cap, len(wrap(t, size, width))) + 3 for t, _, cap in lines)
    h = min(need, rect.height)
    title = "Objectifs secrets (tout révélé)"
    inner = draw_panel(surface, pygame.Rect(rect.x, rect.y, rect.width, h), title)
    y = inner.y
    for text, italic, cap in lines:
        rows = list(wrap(text, size, width))
        if len(rows) > cap:
            rows = [*rows[: cap - 1], ellipsize(" ".join(rows[cap - 1 :]), size, width)]
        for row in rows:
            if y + step > inner.bottom + 4:
                return h
            blit_text(surface, row, (inner.x, y), size, INK, italic=italic)
            y += step
        y += 3
    return h
