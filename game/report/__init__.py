"""The debrief report: what each table did, and how tables compare, from game logs.

`build_report_html(logs)` is the one call the server needs: it takes the JSONL
texts of one or more game logs and returns one self-contained HTML page.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.report.extract import table_report_from_jsonl
from game.report.i18n import messages
from game.report.model import TableReport


def table_reports(
    logs: Sequence[str], *, names: Sequence[str] | None = None, lang: str = "fr"
) -> list[TableReport]:
    """One `TableReport` per JSONL log text; `names` default to « Table 1 », « Table 2 »…"""
    t = messages(lang)
    reports = []
    for i, text in enumerate(logs):
        name = names[i] if names and i < len(names) else t("table_default_name", n=i + 1)
        reports.append(table_report_from_jsonl(text, name=name))
    return reports


def build_report_html(
    logs: list[str], lang: str = "fr", *, names: Sequence[str] | None = None
) -> str:
    """The debrief of the games whose JSONL log texts are `logs`, as one HTML page."""
    from game.report.render import render_html

    return render_html(table_reports(logs, names=names, lang=lang), lang=lang)


def build_report_markdown(
    logs: list[str], lang: str = "fr", *, names: Sequence[str] | None = None
) -> str:
    """The same debrief as Markdown (no charts), for the trainees' notes."""
    from game.report.render import render_markdown

    return render_markdown(table_reports(logs, names=names, lang=lang), lang=lang)


def build_export(
    logs: list[str], fmt: str, lang: str = "fr", *, names: Sequence[str] | None = None
) -> bytes:
    """What the collectivité takes home from these games: the roadmap as an editable
    document (`fmt` "odt" or "docx", a page per table) or the votes as CSV ("csv")."""
    from game.report.exports import export_bytes

    return export_bytes(table_reports(logs, names=names, lang=lang), fmt, lang=lang)


__all__ = ["build_export", "build_report_html", "build_report_markdown", "table_reports"]
