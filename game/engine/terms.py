"""What taking a card means: its cost, capacity, duration, effects, risks, in one object.

A use case is taken with one of its vectors, a lever alone (vector None). `terms_of`
is the one place that knows where each kind of card keeps these figures; everything
else (voting, resolution, the rules, bots, scoring, the report, the market) reads a
`Terms`, through `Catalog.terms(card, vector)`, and never asks which kind of card it
holds to find a cost or an effect.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from game.scenario.models import Exposure, Lever, Mitigation, Requirements, UseCase, VectorType

#: The kinds of card a table can fund (the `kind` of a project and a market card).
CardKind = Literal["use_case", "lever"]
Card = UseCase | Lever


@dataclass(frozen=True, slots=True)
class Terms:
    """The terms of one card taken with one vector (None for a lever)."""

    card: str
    kind: CardKind
    vector: VectorType | None
    cost: int  # k€, once, when funded
    running_cost: int  # k€ per turn once deployed, before anything new is funded
    capacity: int  # team points per turn while in progress
    duration: int  # turns before it deploys
    requirements: Requirements  # what must hold to propose it
    on_deploy: Mapping[str, int]  # effects once, when it deploys
    per_turn: Mapping[str, int]  # effects each résolution while deployed
    exposures: Mapping[str, float]  # risk → probability added per turn while deployed
    mitigations: Mapping[str, float]  # risk → probability removed per turn while deployed
    unlocks: tuple[str, ...] = ()  # cards unlocked when it deploys
    reveals_shadow_ai: bool = False  # deploying it reveals the shadow-AI inventory


def kind_of(card: Card) -> CardKind:
    """The kind of `card`."""
    return "use_case" if isinstance(card, UseCase) else "lever"


def vector_types(card: Card) -> tuple[VectorType | None, ...]:
    """The ways `card` may be taken, in pack order: its vectors' types, or (None,) for a lever."""
    if isinstance(card, UseCase):
        return tuple(v.type for v in card.vectors)
    return (None,)


def _per_risk(entries: tuple[Exposure, ...] | tuple[Mitigation, ...]) -> Mapping[str, float]:
    """Risk → amount, in pack order (a risk listed twice adds up)."""
    out: dict[str, float] = {}
    for e in entries:
        amount = e.exposure if isinstance(e, Exposure) else e.reduction
        out[e.risk] = out[e.risk] + amount if e.risk in out else amount
    return MappingProxyType(out)


def terms_of(card: Card, vector: VectorType | None) -> Terms | None:
    """The terms of `card` taken with `vector`, or None if the card offers no such vector."""
    if isinstance(card, Lever):
        if vector is not None:
            return None
        return Terms(
            card=card.id,
            kind="lever",
            vector=None,
            cost=card.cost,
            running_cost=card.running_cost,
            capacity=card.capacity,
            duration=card.duration,
            requirements=card.requirements,
            on_deploy=MappingProxyType(card.effects),
            per_turn=MappingProxyType(card.per_turn),
            exposures=_per_risk(()),
            mitigations=_per_risk(card.mitigations),
            unlocks=card.unlocks,
            reveals_shadow_ai=card.reveals_shadow_ai,
        )
    v = next((v for v in card.vectors if v.type == vector), None)
    if v is None:
        return None
    return Terms(
        card=card.id,
        kind="use_case",
        vector=v.type,
        cost=v.cost,
        running_cost=v.running_cost,
        capacity=v.capacity,
        duration=v.duration,
        requirements=v.requirements,
        on_deploy=MappingProxyType(v.on_deploy),
        per_turn=MappingProxyType(v.per_turn),
        exposures=_per_risk(v.risks),
        mitigations=_per_risk(v.mitigations),
    )
