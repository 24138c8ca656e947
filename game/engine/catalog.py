"""Look-ups over a pack, built once per game and shared by every state of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from game.scenario.models import Dilemma, Event, Gauge, Lever, Pack, Risk, Role, UseCase


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

    def card_title(self, card: str) -> str:
        """The French title of any card id (the id itself if unknown)."""
        for table in (self.use_cases, self.levers, self.risks, self.dilemmas, self.events):
            if card in table:
                return table[card].title
        return card
