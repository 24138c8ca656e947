"""Compare several tables: scores, gauges side by side, choices on the same dilemmas."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from game.report.model import TableReport


@dataclass(frozen=True)
class TableChoice:
    """What one table did on a dilemma (chosen is None when it never faced it)."""

    table: str
    chosen: str | None
    counts: tuple[int, ...]  # votes per option, in the dilemma's option order


@dataclass(frozen=True)
class DilemmaComparison:
    dilemma: str
    title: str
    options: tuple[str, ...]
    choices: tuple[TableChoice, ...]

    @property
    def totals(self) -> tuple[int, ...]:
        """Votes per option over every table."""
        return tuple(sum(c.counts[i] for c in self.choices) for i in range(len(self.options)))

    @property
    def faced(self) -> int:
        """How many tables decided it."""
        return sum(1 for c in self.choices if c.chosen is not None)

    @property
    def divergent(self) -> bool:
        """True when the tables that faced it did not all choose the same option."""
        return len({c.chosen for c in self.choices if c.chosen is not None}) > 1


@dataclass(frozen=True)
class Comparison:
    tables: tuple[TableReport, ...]
    gauge_labels: tuple[tuple[str, str], ...]  # (id, label) in the first table's order
    dilemmas: tuple[DilemmaComparison, ...] = field(default=())

    def final_gauge(self, table: TableReport, gauge: str) -> int | None:
        """`table`'s last value of `gauge`, None if its scenario has no such gauge."""
        series = next((g for g in table.gauges if g.id == gauge), None)
        return series.values[-1] if series else None


def _dilemma(dilemma: str, tables: Sequence[TableReport]) -> DilemmaComparison | None:
    faced = [(t, d) for t in tables for d in t.dilemmas if d.dilemma == dilemma]
    if not faced:
        return None
    first = faced[0][1]
    options = tuple(o.label for o in first.options)
    ids = [o.id for o in first.options]
    choices = []
    for table in tables:
        record = next((d for d in table.dilemmas if d.dilemma == dilemma), None)
        if record is None:
            choices.append(TableChoice(table.name, None, tuple(0 for _ in ids)))
            continue
        votes = {o.id: o.votes for o in record.options}
        choices.append(TableChoice(table.name, record.chosen, tuple(votes.get(i, 0) for i in ids)))
    return DilemmaComparison(dilemma, first.title, options, tuple(choices))


def compare(tables: Sequence[TableReport]) -> Comparison:
    """The comparison page's data: tables in the order given, divergent dilemmas first."""
    gauges: dict[str, str] = {}
    for table in tables:
        for g in table.gauges:
            gauges.setdefault(g.id, g.label)
    order: dict[str, None] = {}
    for table in tables:
        for d in table.dilemmas:
            order.setdefault(d.dilemma, None)
    dilemmas = [c for d in order if (c := _dilemma(d, tables)) is not None]
    dilemmas.sort(key=lambda d: (not d.divergent, -d.faced))  # debate material first
    return Comparison(tuple(tables), tuple(gauges.items()), tuple(dilemmas))
