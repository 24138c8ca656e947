"""The roadmap the collectivité takes home, as plain text blocks both word processors'
writers lay out the same way (`odt.py`, `word.py`): a title page for the workshop, then
one page per table, by the five steps of the method and, within a step, by turn.

Every string here is plain text (pack titles, names as typed): the writers put it in
text nodes, never in markup, so nothing a player wrote can become a link or a style.
Characters XML cannot hold (NUL, other control characters but tab and new lines, lone
surrogates) are dropped here, once, so that a name typed with one still gives a file.
"""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from game.report.i18n import Messages, messages, number
from game.report.model import STEPS, RoadmapCard, TableReport

T = TypeVar("T")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
COLUMNS = ("turn", "project", "kind", "status", "owner", "cost", "running", "levers")


@dataclass(frozen=True)
class StepSection:
    """One step of the method on a table's page: its heading and one row per project."""

    step: int
    heading: str
    rows: tuple[tuple[str, ...], ...]  # cells in the order of COLUMNS
    empty: str  # what to print when there is no row


@dataclass(frozen=True)
class TablePage:
    """One table's roadmap: the heading, one line of facts, the steps, totals, toolbox."""

    heading: str
    facts: str
    steps: tuple[StepSection, ...]
    totals: str
    toolbox: str


@dataclass(frozen=True)
class RoadmapDocument:
    """The whole document: title page, then a page per table."""

    title: str
    subtitle: str
    meta: str
    intro: tuple[str, ...]
    contents_heading: str
    contents: tuple[str, ...]
    columns: tuple[str, ...]  # the header row of every step's table
    pages: tuple[TablePage, ...]
    lang: str = "fr"


def amount(value: int) -> str:
    """« 1 040 » : thousands apart by a narrow no-break space, as printed French does."""
    return f"{value:,}".replace(",", "\u202f")


def _kind(card: RoadmapCard, t: Messages) -> str:
    if card.kind == "lever":
        return t("kind_lever")
    vector = t(f"vector_{card.vector}") if card.vector else t("none")
    return t("export_kind_use_case", vector=vector)


def _status(card: RoadmapCard, t: Messages) -> str:
    if card.status == "deployed" and card.deployed_turn is not None:
        key = "done_turn" if card.kind == "lever" else "deployed_turn"
        return t(key, n=card.deployed_turn)
    return card.note or t(f"status_{card.status}")  # the note says « suspendu après … »


def _row(card: RoadmapCard, t: Messages) -> tuple[str, ...]:
    owner = t("person", title=card.owner.title, name=card.owner.name) if card.owner else ""
    if card.owner and not card.owner.name:
        owner = card.owner.title
    running = t("export_running", value=amount(card.running_cost)) if card.running_cost else ""
    return (
        str(card.turn),
        card.title,
        _kind(card, t),
        _status(card, t),
        owner or t("none"),
        t("export_cost", value=amount(card.cost)),
        running or t("none"),
        ", ".join(card.prerequisites) or t("none"),
    )


def _score(table: TableReport, t: Messages) -> str:
    return number(table.team_score, t.lang) if table.team_score is not None else t("none")


def table_page(table: TableReport, t: Messages) -> TablePage:
    """The page of one table."""
    steps = tuple(
        StepSection(
            step=step,
            heading=t("export_step_heading", n=step, name=t(f"step_short_{step}")),
            rows=tuple(_row(c, t) for c in table.by_step(step)),
            empty=t("export_step_empty"),
        )
        for step in STEPS
    )
    turns = t("turns_played", played=table.turns_played, total=table.turns_total)
    levers = [t("export_toolbox_item", title=c.title, step=c.step) for c in table.toolbox]
    toolbox = (
        t("export_toolbox", levers=" ; ".join(levers)) if levers else t("export_toolbox_empty")
    )
    return TablePage(
        heading=t("export_table_heading", table=table.name),
        facts=t(
            "export_table_facts",
            collectivite=table.collectivite,
            turns=turns,
            score=_score(table, t),
            budget=amount(table.budget_left),
        ),
        steps=steps,
        totals=t(
            "export_totals",
            cost=amount(sum(c.cost for c in table.roadmap)),
            running=amount(sum(c.running_cost for c in table.roadmap)),
        ),
        toolbox=toolbox,
    )


def _date(tables: Sequence[TableReport]) -> str:
    """The day the workshop's first game was opened, « 14/11/2023 » (local time), or ""."""
    opened = [tb.created_at for tb in tables if tb.created_at > 0]
    return time.strftime("%d/%m/%Y", time.localtime(min(opened))) if opened else ""


def xml_safe(value: T) -> T:
    """`value` (a string, or tuples and dataclasses of them) without the characters XML
    1.0 cannot hold."""
    found: Any = value
    if isinstance(found, str):
        return _NOT_XML.sub("", found)  # type: ignore[return-value]
    if isinstance(found, tuple):
        return tuple(xml_safe(v) for v in found)  # type: ignore[return-value]
    if dataclasses.is_dataclass(found) and not isinstance(found, type):
        changes = {f.name: xml_safe(getattr(found, f.name)) for f in dataclasses.fields(found)}
        return dataclasses.replace(found, **changes)  # type: ignore[return-value]
    return value


def roadmap_document(tables: Sequence[TableReport], *, lang: str = "fr") -> RoadmapDocument:
    """The roadmap document of a workshop's tables (one table: that table's document)."""
    t = messages(lang)
    collectivites = " ; ".join(dict.fromkeys(tb.collectivite for tb in tables))
    scenarios = " ; ".join(dict.fromkeys(tb.scenario for tb in tables))
    date = _date(tables)
    meta = (
        t("export_meta", n=len(tables), date=date)
        if date
        else t("export_meta_undated", n=len(tables))
    )
    contents = tuple(
        t(
            "export_contents_line",
            table=tb.name,
            projects=len(tb.roadmap),
            score=_score(tb, t),
            budget=amount(tb.budget_left),
        )
        for tb in tables
    )
    document = RoadmapDocument(
        title=t("export_title", collectivite=collectivites),
        subtitle=t("export_subtitle", scenario=scenarios),
        meta=meta,
        intro=(t("export_intro"), t("export_editable")),
        contents_heading=t("export_contents"),
        contents=contents,
        columns=tuple(t(f"export_col_{c}") for c in COLUMNS),
        pages=tuple(table_page(tb, t) for tb in tables),
        lang=lang,
    )
    return xml_safe(document)
