"""The debrief's first pages: one summary per table, and what the tables did alike and
differently, in a few generated sentences.

Sentences are plain text (titles from the packs, table names as typed): the templates
escape them like any other value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game.report.compare import Comparison
from game.report.i18n import Messages, number
from game.report.method import MethodOrder, method_order, method_sentence
from game.report.model import TableReport
from game.report.moments import KeyMoment, key_moments
from game.report.questions import facilitator_questions

MAX_TITLES = 4


@dataclass(frozen=True)
class TableSummary:
    """What the facilitator reads first about one table."""

    table: TableReport
    moments: tuple[KeyMoment, ...]
    order: MethodOrder
    method: str  # the one sentence on the order of its steps
    questions: tuple[str, ...]


def summarize(table: TableReport, t: Messages) -> TableSummary:
    """The summary page of `table`."""
    moments = key_moments(table)
    order = method_order(table)
    questions = facilitator_questions(table, moments, order, t)
    return TableSummary(table, moments, order, method_sentence(order, t), questions)


def _and(items: Sequence[str], t: Messages) -> str:
    if len(items) <= 1:
        return "".join(items)
    return t("list_and", head=", ".join(items[:-1]), last=items[-1])


def _titles(titles: Sequence[str], t: Messages) -> str:
    quoted = [t("quoted", text=x) for x in titles[:MAX_TITLES]]
    if len(titles) > MAX_TITLES:
        quoted.append(t("n_others", n=len(titles) - MAX_TITLES))
    return _and(quoted, t)


def _scores(tables: Sequence[TableReport], t: Messages) -> list[str]:
    scored = [tb for tb in tables if tb.team_score is not None]
    if len(scored) < 2:
        return []
    low = min(scored, key=lambda tb: tb.team_score or 0.0)
    high = max(scored, key=lambda tb: tb.team_score or 0.0)
    return [
        t(
            "alike_scores",
            low=number(low.team_score or 0.0, t.lang),
            low_table=low.name,
            high=number(high.team_score or 0.0, t.lang),
            high_table=high.name,
        )
    ]


def _funded(tables: Sequence[TableReport], t: Messages) -> list[str]:
    funded = [{c.title for c in tb.roadmap} for tb in tables]
    order = list(dict.fromkeys(c.title for tb in tables for c in tb.roadmap))
    everyone = [x for x in order if all(x in f for f in funded)]
    out = []
    if everyone:
        out.append(t("alike_all_funded", cards=_titles(everyone, t)))
    for tb, own in zip(tables, funded, strict=True):
        alone = [x for x in order if x in own and sum(x in f for f in funded) == 1]
        if alone and len(out) < 3:
            out.append(t("alike_only_one", table=tb.name, cards=_titles(alone, t)))
    return out


def _method(summaries: Sequence[TableSummary], t: Messages) -> list[str]:
    followed = [s.table.name for s in summaries if s.order.followed]
    late = [s.table.name for s in summaries if s.order.verdict == "late"]
    if not followed and not late:
        return []
    if not followed:
        return [t("alike_none_followed", n=len(late), total=len(summaries))]
    if not late:
        return [t("alike_no_late")]
    prepared = t(
        "prepared_one" if len(followed) == 1 else "prepared_many", tables=_and(followed, t)
    )
    first = t(
        "deployed_first_one" if len(late) == 1 else "deployed_first_many", tables=_and(late, t)
    )
    return [t("alike_some_followed", prepared=prepared, deployed=first)]


def _dilemmas(comparison: Comparison, t: Messages) -> list[str]:
    out = []
    for d in comparison.dilemmas:
        if d.faced < 2:
            continue
        if d.divergent:
            picks = [
                t("table_chose", table=c.table, option=c.chosen)
                for c in d.choices
                if c.chosen is not None
            ]
            out.append(t("alike_dilemma_split", title=d.title, picks=" ; ".join(picks)))
        else:
            chosen = next(c.chosen for c in d.choices if c.chosen is not None)
            out.append(t("alike_dilemma_same", title=d.title, n=d.faced, option=chosen))
        if len(out) == 2:
            break
    return out


def _gauges(comparison: Comparison, t: Messages) -> list[str]:
    spreads: list[tuple[int, str, tuple[int, str], tuple[int, str]]] = []
    for gauge, label in comparison.gauge_labels:
        finals = [
            (v, tb.name)
            for tb in comparison.tables
            if (v := comparison.final_gauge(tb, gauge)) is not None
        ]
        if len(finals) > 1:
            lo, hi = min(finals), max(finals)
            spreads.append((hi[0] - lo[0], label, lo, hi))
    if not spreads:
        return []
    spread, label, low, high = max(spreads, key=lambda s: s[0])
    if spread == 0:
        return [t("alike_gauges_equal")]
    named = {"low": low[0], "low_table": low[1], "high": high[0], "high_table": high[1]}
    return [t("alike_gauge", label=label, **named)]


def _risks(tables: Sequence[TableReport], t: Messages) -> list[str]:
    counts: dict[str, int] = {}
    for tb in tables:
        for group in tb.risk_groups:
            counts[group.first.title] = counts.get(group.first.title, 0) + 1
    if not counts:
        return [t("alike_no_risk")]
    title, n = max(counts.items(), key=lambda kv: kv[1])
    if n < 2:
        return []
    return [t("alike_risk", risk=title, n=n, total=len(tables))]


def workshop_sentences(
    comparison: Comparison, summaries: Sequence[TableSummary], t: Messages
) -> tuple[str, ...]:
    """What the tables did alike and differently, a few sentences, most general first."""
    tables = comparison.tables
    if len(tables) < 2:
        return ()
    return tuple(
        [
            *_scores(tables, t),
            *_method(summaries, t),
            *_funded(tables, t),
            *_dilemmas(comparison, t),
            *_gauges(comparison, t),
            *_risks(tables, t),
        ]
    )
