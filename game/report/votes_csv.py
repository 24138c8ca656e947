"""Every vote and its justification as CSV that French Excel opens as is: `;` between
cells, UTF-8 with a byte order mark, one row per vote (the proposer's implicit « pour »
included, marked in the « Auteur·rice » column), proposals then dilemmas, turn by turn.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
apostrophe, so that a spreadsheet shows what the player typed instead of running it as a
formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator, Sequence

from game.report.i18n import Messages, messages
from game.report.model import Ballot, TableReport

BOM = "\ufeff"
COLUMNS = (
    "table",
    "turn",
    "phase",
    "title",
    "role",
    "player",
    "vote",
    "author",
    "justification",
    "time",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard(value: object) -> object:
    """`value` safe in a spreadsheet cell: text starting like a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _time(at: float) -> str:
    """« 14/11/2023 23:13:20 » (local time), the form French Excel reads as a date; "" if
    the log did not record it."""
    return time.strftime("%d/%m/%Y %H:%M:%S", time.localtime(at)) if at > 0 else ""


def _row(
    table: str, turn: int, phase: str, title: str, ballot: Ballot, vote: str, t: Messages
) -> tuple[object, ...]:
    person = ballot.person
    return (
        table,
        turn,
        phase,
        title,
        person.title,
        person.name,
        vote,
        t("export_csv_yes") if ballot.author else "",
        ballot.justification,
        _time(ballot.at),
    )


def vote_rows(table: TableReport, t: Messages) -> Iterator[tuple[object, ...]]:
    """The rows of one table: each turn's proposals' ballots, then its dilemmas'."""
    for turn in range(1, table.turns_played + 1):
        for p in (p for p in table.proposals if p.turn == turn):
            for b in p.ballots:
                choice = t(f"choice_{b.choice}") if t.has(f"choice_{b.choice}") else b.choice
                yield _row(table.name, turn, t("phase_vote"), p.title, b, choice, t)
        for d in (d for d in table.dilemmas if d.turn == turn):
            for b in d.ballots:
                yield _row(table.name, turn, t("phase_dilemmes"), d.title, b, b.choice, t)


def votes_csv(tables: Sequence[TableReport], *, lang: str = "fr") -> str:
    """The CSV text, byte order mark first: write it encoded as UTF-8."""
    t = messages(lang)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([t(f"export_csv_{c}") for c in COLUMNS])
    for table in tables:
        for row in vote_rows(table, t):
            writer.writerow([guard(v) for v in row])
    return BOM + out.getvalue()


def votes_csv_bytes(tables: Sequence[TableReport], *, lang: str = "fr") -> bytes:
    """The CSV file's bytes (UTF-8 with BOM; a lone surrogate, which UTF-8 cannot hold,
    becomes « ? »)."""
    return votes_csv(tables, lang=lang).encode("utf-8", "replace")
