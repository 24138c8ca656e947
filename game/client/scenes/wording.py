"""French sentences for what happened (feed, résolution summary) and why an action is refused."""

from __future__ import annotations

from collections.abc import Iterable

from game.client.palette import RISK_LEVELS, VOTES
from game.client.texts import PackTexts
from game.engine.actions import Action
from game.engine.events import GameEvent
from game.engine.phase import PHASE_LABELS, Phase
from game.engine.view_models import PlayerView


def effects_text(effects: dict[str, int], texts: PackTexts) -> str:
    """« Performance +4, Budget −10 k€ »."""
    parts = []
    for key, value in effects.items():
        sign = "+" if value >= 0 else "−"
        if key == "budget":
            parts.append(f"Budget {sign}{abs(value)} k€")
        else:
            parts.append(f"{texts.gauge_label(key)} {sign}{abs(value)}")
    return ", ".join(parts)


STEP_NAMES = {
    1: "la cartographie (étape 1)",
    2: "l'outillage (étape 2)",
    3: "l'expérimentation et l'organisation des données (étape 3)",
    4: "le cadre d'usage (étape 4)",
    5: "le déploiement (étape 5)",
}


def early_text(missing: tuple[int, ...]) -> str:
    """« Mis en service avant la cartographie (étape 1) : risques accrus. » or ""."""
    if not missing:
        return ""
    steps = " et ".join(STEP_NAMES[s] for s in missing)
    return f" Mis en service avant {steps} : ses risques sont accrus."


def branch_text(
    source: str, held: bool, text: str, effects: dict[str, int], texts: PackTexts
) -> str:
    """« Fuite de données : atténué parce que vous aviez … (Confiance +3). »"""
    what = effects_text(effects, texts)
    tail = f" ({what})" if what else ""
    if held:
        return f"{source} : atténué parce que vous aviez {text}{tail}."
    return f"{source} : aggravé faute de {text}{tail}."


def describe(event: GameEvent, texts: PackTexts) -> str | None:
    """One feed line for a domain event (None for the ones not worth a line)."""
    line = _describe(event, texts)
    return sentence(line) if line is not None else None


def sentence(text: str) -> str:
    """`text` with one final full stop: « Faut-il publier ? » takes none (no « ?. »)."""
    if text.endswith((("?."), "!.", "….", "..")):
        return text[:-1]
    return text


def _describe(event: GameEvent, texts: PackTexts) -> str | None:
    t, who = texts.title_of, texts.role_title
    match event.type:
        case "game_started":
            return "La partie commence."
        case "phase_changed":
            return f"Tour {event.turn} : phase {PHASE_LABELS[event.phase]}."
        case "budget_granted":
            return f"Budget accordé : +{event.amount} k€ (total {event.budget} k€)."
        case "event_revealed":
            how = " (injecté par l'animation)" if event.injected else ""
            return f"Événement{how} : {t(event.event)}."
        case "card_proposed":
            vec = f" ({texts.vector_label(event.vector)})" if event.vector else ""
            return f"{who(event.seat)} propose « {t(event.card)} »{vec}."
        case "vote_cast":
            return f"{who(event.seat)} a voté."
        case "proposal_decided":
            verdict = "retenue" if event.accepted else "rejetée"
            why = f" : {event.reason}" if event.reason else ""
            return (
                f"« {t(event.card)} » {verdict} ({event.pour} pour, {event.contre} contre, "
                f"{event.abstention} abst.){why}"
            )
        case "dilemma_opened":
            return f"Dilemme ouvert : {t(event.dilemma)}."
        case "option_chosen":
            return f"{who(event.seat)} a choisi une option."
        case "dilemma_decided":
            return f"Dilemme tranché : {texts.option_label(event.dilemma, event.option)}."
        case "card_deployed":
            return f"Déployé : {t(event.card)}.{early_text(event.missing_steps)}"
        case "branch_taken":
            return branch_text(t(event.source), event.held, event.text, event.effects, texts)
        case "running_costs_paid":
            unpaid = ", ".join(t(c) for c in event.unpaid)
            short = f" ; faute de budget : {unpaid}" if unpaid else ""
            return (
                f"Coûts de fonctionnement payés : −{event.amount} k€ "
                f"(reste {event.budget} k€){short}."
            )
        case "risk_fired":
            return f"Risque survenu : {t(event.risk)}."
        case "use_case_suspended":
            return f"Suspendu : {t(event.card)} ({event.reason})."
        case "use_case_resumed":
            return f"Reprise : {t(event.card)}."
        case "seat_changed":
            state = "a rejoint la table" if event.occupied else "a quitté la table"
            return f"{who(event.seat)} {state}."
        case "seat_ready":
            return f"{who(event.seat)} est prêt·e."
        case "paused":
            return "Partie en pause." if event.paused else "Reprise de la partie."
        case "game_ended":
            return f"Fin de partie : score d'équipe {event.team_score:.0f}."
        case "cards_unlocked":
            return "Débloqué : " + ", ".join(t(c) for c in event.cards) + "."
        case "shadow_ai_revealed":
            return "L'inventaire des usages d'IA non encadrés est révélé."
    return None


def refusal(view: PlayerView, kind: str) -> str:
    """Why an action of `kind` is not possible for this seat now (French)."""
    if view.paused:
        return "La partie est en pause (animation)."
    if view.phase == Phase.FIN:
        return "La partie est terminée."
    me = next((s for s in view.seats if s.role == view.seat), None)
    if kind == "ready":
        if me is not None and me.ready:
            return "Vous êtes prêt·e : on attend les autres sièges."
        return "Rien à valider pour l'instant."
    if kind == "propose":
        if view.phase != Phase.PROPOSITIONS:
            return "On propose des cartes pendant la phase Propositions."
        if me is not None and me.ready:
            return "Vous avez déclaré être prêt·e : plus de proposition ce tour-ci."
        if me is not None and me.proposals_left <= 0:
            return "Vous avez utilisé toutes vos propositions de ce tour."
        return "Carte non disponible."
    if kind == "vote":
        if view.phase != Phase.VOTE:
            return "Le vote a lieu pendant la phase Vote."
        return "Vote déjà exprimé ou clos."
    if kind == "option":
        if view.phase != Phase.DILEMMES:
            return "Les dilemmes se tranchent pendant la phase Dilemmes."
        return "Vous avez déjà choisi une option."
    return "Action impossible maintenant."


def ballot_text(choice: str) -> str:
    return VOTES.get(choice, choice)


def risk_level_text(level: str) -> str:
    return RISK_LEVELS.get(level, level)


def action_key(action: Action) -> str:
    """A stable button key for a legal action (tests click by these keys)."""
    match action.type:
        case "propose":
            return f"propose:{action.card}:{action.vector or ''}"
        case "vote":
            return f"vote:{action.proposal}:{action.choice}"
        case "choose_option":
            return f"option:{action.dilemma}:{action.option}"
    return action.type


def plural(n: int, one: str, many: str | None = None) -> str:
    """« 1 tour », « 2 tours », « 0 tour » (French: 0 and 1 take the singular)."""
    word = one if abs(n) < 2 else (many or one + "s")
    return f"{n} {word}"


def turns_text(n: int) -> str:
    """« 1 tour », « 3 tours »."""
    return plural(n, "tour")


def capacity_text(view: PlayerView) -> str:
    """« Capacité : 5 pts restants sur 8 » (team time left this turn)."""
    left, per = view.capacity_left, view.capacity_per_turn
    return f"Capacité : {plural(left, 'pt restant', 'pts restants')} sur {per}"


def arrows(value: int) -> str:
    """↑ for a small rise, ↑↑ for a large one (5 and more); ↓ / ↓↓ for a fall."""
    mark = "↑" if value > 0 else "↓"
    return mark * (2 if abs(value) >= 5 else 1)


def effects_arrows(effects: dict[str, int], texts: PackTexts) -> str:
    """« Performance ↑, Confiance ↓↓, budget +5 k€ »: gauges in words and arrows, money in k€."""
    parts = [
        f"{texts.gauge_label(k)} {arrows(v)}" for k, v in effects.items() if k != "budget" and v
    ]
    money = effects.get("budget", 0)
    if money:
        parts.append(f"budget {'+' if money > 0 else '−'}{abs(money)} k€")
    return ", ".join(parts)


def unvoted(legal: Iterable[str]) -> str:
    """« 2 propositions et 1 dilemme » this seat can still vote on, from its legal keys."""
    props = {k.split(":")[1] for k in legal if k.startswith("vote:")}
    dils = {k.split(":")[1] for k in legal if k.startswith("option:")}
    parts = [plural(len(props), "proposition")] if props else []
    parts += [plural(len(dils), "dilemme")] if dils else []
    return " et ".join(parts)
