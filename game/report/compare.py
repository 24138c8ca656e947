"""Compare several tables: scores, gauges side by side, choices on the same dilemmas."""

from __future__ import annotations

from collections.abc import Sequence

from game.report.model import Comparison, DilemmaComparison, TableChoice, TableReport


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
