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
"""

from __future__ import annotations

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
