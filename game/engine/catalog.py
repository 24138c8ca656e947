"""Look-ups over a pack, built once per pack (`game.engine.moves.catalog_of`) and shared by
every state of its games."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.terms import Card, Terms, terms_of, vector_types
from game.scenario.models import (
    Dilemma,
    Event,
    Gauge,
    Lever,
    Pack,
    Risk,
    Role,
    UseCase,
    VectorType,
)


@dataclass(frozen=True, eq=False)
class Catalog:
    """A pack and its cards by id; never serialised with the state."""

    pack: Pack
    use_cases: dict[str, UseCase] = field(init=False)
    levers: dict[str, Lever] = field(init=False)
    risks: dict[str, Risk] = field(init=False)
    dilemmas: dict[str, Dilemma] = field(init=False)
    events: dict[str, Event] = field(init=False)
    roles: dict[str, Role] = field(init=False)
    gauges: dict[str, Gauge] = field(init=False)
    arbiter: str | None = field(init=False)
    _terms: dict[tuple[str, VectorType | None], Terms] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        p = self.pack
        setattr_ = object.__setattr__
        setattr_(self, "use_cases", {c.id: c for c in p.use_cases})
        setattr_(self, "levers", {c.id: c for c in p.levers})
        setattr_(self, "risks", {c.id: c for c in p.risks})
        setattr_(self, "dilemmas", {c.id: c for c in p.dilemmas})
        setattr_(self, "events", {c.id: c for c in p.events})
        setattr_(self, "roles", {r.id: r for r in p.scenario.roles})
        setattr_(self, "gauges", {g.id: g for g in p.scenario.gauges})
        setattr_(self, "arbiter", next((r.id for r in p.scenario.roles if r.arbiter), None))
        terms: dict[tuple[str, VectorType | None], Terms] = {}
        for card_id in {**self.levers, **self.use_cases}:
            card = self.card(card_id)
            assert card is not None
            for vector in vector_types(card):
                found = terms_of(card, vector)
                if found is not None:
                    terms.setdefault((card_id, vector), found)
        setattr_(self, "_terms", terms)

    def card(self, card: str) -> Card | None:
        """The use case or lever with id `card` (the use case if both share it), or None."""
        return self.use_cases.get(card) or self.levers.get(card)

    def terms(self, card: str, vector: VectorType | None) -> Terms | None:
        """The terms of card `card` taken with `vector` (None for a lever), or None if the
        card is unknown or offers no such vector."""
        return self._terms.get((card, vector))

    def card_title(self, card: str) -> str:
        """The French title of any card id (the id itself if unknown)."""
        for table in (self.use_cases, self.levers, self.risks, self.dilemmas, self.events):
            if card in table:
                return table[card].title
        return card
