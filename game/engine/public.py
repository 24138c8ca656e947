<<<<<<< HEAD
"""What every seat may read from the start, and the texts the rules reveal later.

`public_pack` is the pack a seat is handed when it joins: card texts and rules.
What the rules reveal at a moment is left out of it and comes in the seat's view
once revealed (`player_view` builds those entries with the functions below):

- a role's secret objective: its own in `secret`; everyone's in `secrets` at the end;
- the shadow-AI inventory: `shadow_ai`, once mapped;
- the events and the deck's make-up (weights, turns): `event_texts`, each event once
  drawn or injected;
- the dilemmas: `dilemma_texts`, each once opened; its « regard d'expert » in
  `dilemmas[i].expert_view` once decided;
- the risks' lessons: `lessons`, at the end (the debrief).

Exact probabilities are never shown to seats (a risk's base probability, a card's
exposures and mitigations): they see `risk_levels`, a qualitative level.
=======
"""The public view: what a board (the table's shared screen, with no seat) may see.

It is a player's view with everything a seat keeps to itself taken out: no seat,
no secret objective (not even the others', revealed to the seats at the end), no
legal actions, and the market as the table sees it (the cards' own locks, no seat's
quota). The shadow-AI inventory stays masked until the table reveals it in play,
even at the end, when the seats' views show it: a board is a screen in the room.
>>>>>>> browser-seat
"""

from __future__ import annotations

<<<<<<< HEAD
from typing import Any

from game.engine.view_models import DilemmaText, EventText, OptionText
from game.scenario.models import Dilemma, Event, Pack


def _risk_ids(item: dict[str, Any], key: str) -> None:
    """Keep which risks a card exposes or mitigates, not by how much."""
    item[key] = [{"risque": r["risque"]} for r in item.get(key, ())]


def public_pack(pack: Pack) -> dict[str, Any]:
    """The pack as JSON (French keys) with only what every seat may read from the start."""
    data = pack.model_dump(mode="json", by_alias=True)
    scenario = data["scenario"]
    for role in scenario["roles"]:
        role.pop("objectif_secret", None)
    scenario["collectivite"]["ia_fantome"] = []
    for use_case in data["cas_usage"]:
        for vector in use_case["vecteurs"]:
            _risk_ids(vector, "risques")
            _risk_ids(vector, "attenuations")
    for lever in data["leviers"]:
        _risk_ids(lever, "attenuations")
    for risk in data["risques"]:
        risk.pop("probabilite_base", None)
        risk.pop("lecon", None)
    data["dilemmes"] = []
    data["evenements"] = []
    return data


def facilitator_pack(pack: Pack) -> dict[str, Any]:
    """The whole pack as JSON (French keys): what the facilitator and the debrief read."""
    return pack.model_dump(mode="json", by_alias=True)


def event_text(event: Event) -> EventText:
    """What a seat reads of an event once it is revealed."""
    return EventText(id=event.id, title=event.title, text=event.text, effects=event.effects)


def dilemma_text(dilemma: Dilemma) -> DilemmaText:
    """What a seat reads of a dilemma once it is opened (its expert view comes once decided)."""
    options = tuple(OptionText(id=o.id, label=o.label) for o in dilemma.options)
    return DilemmaText(
        id=dilemma.id, title=dilemma.title, situation=dilemma.situation, options=options
    )


def lessons(pack: Pack) -> dict[str, str]:
    """Risk id → the lesson read at the debrief."""
    return {r.id: r.lesson for r in pack.risks}
=======
from game.engine.state import GameState
from game.engine.view import (
    _market_base_of,
    _per_state,
    _seat_market,
    _visible_risks,
    player_view,
)
from game.engine.view_models import MarketCard, PlayerView


def public_market(state: GameState) -> tuple[MarketCard, ...]:
    """Each card's status and reason from the cards' side only (no seat's part)."""
    return _seat_market(state, None, None, _per_state(state, "market", _market_base_of))


def public_view(state: GameState) -> PlayerView:
    """The view of a board: the public state of the table, nothing any seat would hide."""
    view = player_view(state, state.seats[0].role)
    shadow = state.catalog.pack.scenario.collectivite.shadow_ai
    hidden = frozenset(() if state.shadow_revealed else (s.id for s in shadow))
    risks_fired, feed = _visible_risks(state, hidden)
    return view.model_copy(
        update={
            "seat": None,
            "secret": None,
            "secrets": {},
            "legal_actions": (),
            "market": public_market(state),
            "shadow_ai": view.shadow_ai if state.shadow_revealed else None,
            "risks_fired": risks_fired,
            "feed": feed,
        }
    )
>>>>>>> browser-seat
