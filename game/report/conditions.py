"""The rules that make conditions and order cost something, as the debrief shows them:
branches of events and risks (« atténué parce que vous aviez … », « aggravé faute de … »),
use cases deployed before steps of the method, running costs, the collectivité's needs.

Read from the log's own events (`BranchTaken`, `CardDeployed.missing_steps`,
`RunningCostsPaid`) and the final state's `needs_met`; titles from the log's pack.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.engine import GameEvent, GameState
from game.engine.catalog import Catalog
from game.engine.events import BranchTaken, CardDeployed, RunningCostsPaid


@dataclass(frozen=True)
class BranchRecord:
    """A `si` branch of an event or a risk that applied (the same one each time it did)."""

    turns: tuple[int, ...]
    source: str  # the event's or risk's title
    kind: str  # "event" | "risk" | "other"
    key: str  # the event's or risk's id, to match it with its card (never printed)
    held: bool  # True: attenuated « parce que vous aviez … »; False: « faute de … »
    text: str
    effects: tuple[tuple[str, int], ...]  # (gauge label, delta); label "" is the budget

    @property
    def size(self) -> int:
        return sum(abs(v) for _k, v in self.effects) * len(self.turns)


@dataclass(frozen=True)
class EarlyDeployment:
    """A use case deployed before levers of the method's `steps` (exposures × `factor`)."""

    turn: int
    title: str
    steps: tuple[int, ...]
    factor: float


@dataclass(frozen=True)
class CostsPaid:
    """Running costs paid at a turn, and the cards suspended for want of money."""

    turn: int
    amount: int
    budget: int
    unpaid: tuple[str, ...] = ()


@dataclass(frozen=True)
class NeedRecord:
    title: str
    description: str
    points: int
    met: bool


def _effects(cat: Catalog, effects: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple((cat.gauges[k].label if k in cat.gauges else "", v) for k, v in effects.items())


def branches(events: Iterable[GameEvent], cat: Catalog) -> tuple[BranchRecord, ...]:
    """Every branch taken, one record per (source, side, text, effects), in order."""
    found: dict[tuple[object, ...], list[BranchTaken]] = {}
    for e in events:
        if isinstance(e, BranchTaken):
            key = (e.source, e.held, e.text, tuple(e.effects.items()))
            found.setdefault(key, []).append(e)
    records = []
    for taken in found.values():
        e = taken[0]
        kind = "event" if e.source in cat.events else "risk" if e.source in cat.risks else "other"
        records.append(
            BranchRecord(
                turns=tuple(dict.fromkeys(x.turn for x in taken)),
                source=cat.card_title(e.source),
                kind=kind,
                key=e.source,
                held=e.held,
                text=e.text,
                effects=_effects(cat, e.effects),
            )
        )
    return tuple(records)


def early_deployments(events: Iterable[GameEvent], cat: Catalog) -> tuple[EarlyDeployment, ...]:
    return tuple(
        EarlyDeployment(e.turn, cat.card_title(e.card), e.missing_steps, e.exposure_factor)
        for e in events
        if isinstance(e, CardDeployed) and e.missing_steps
    )


def step_lessons(cat: Catalog, early: Iterable[EarlyDeployment]) -> tuple[str, ...]:
    """The scenario's explanation of each order rule a deployment broke."""
    missed = {s for d in early for s in d.steps}
    rules = cat.pack.scenario.rules.step_order
    return tuple(r.lesson for r in rules if missed & set(r.steps) and r.lesson.strip())


def running_costs(events: Iterable[GameEvent], cat: Catalog) -> tuple[CostsPaid, ...]:
    return tuple(
        CostsPaid(e.turn, e.amount, e.budget, tuple(cat.card_title(c) for c in e.unpaid))
        for e in events
        if isinstance(e, RunningCostsPaid) and (e.amount or e.unpaid)
    )


def needs(state: GameState, met: dict[str, bool]) -> tuple[NeedRecord, ...]:
    return tuple(
        NeedRecord(n.title, n.description, n.points, met.get(n.id, False))
        for n in state.catalog.pack.scenario.needs
    )
