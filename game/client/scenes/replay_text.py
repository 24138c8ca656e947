"""The replay's words: where the cursor is (header line) and who did what there, in French."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from game.client.palette import VECTORS
from game.client.scenes.wording import ballot_text, describe
from game.engine.phase import PHASE_LABELS, Phase

if TYPE_CHECKING:
    from game.client.sessions.replay import ReplaySession

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
