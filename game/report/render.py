"""Turn table reports into one self-contained HTML page, or Markdown, with jinja2."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from game.report import charts
from game.report.compare import compare
from game.report.i18n import Messages, messages, number
from game.report.model import STEPS, Comparison, TableReport


@dataclass
class Charts:
    """Every chart of one report, as data URIs."""

    gauges: list[str] = field(default_factory=list)
    scores: str = ""
    compare_gauges: str = ""
    dilemmas: dict[str, str] = field(default_factory=dict)


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


def _html_messages(t: Messages) -> Callable[..., Markup]:
    """`t` for HTML: the catalogue text escaped, each value escaped unless already Markup."""

    def translate(key: str, **values: object) -> Markup:
        return escape(t(key)).format(**values) if values else escape(t(key))

    return translate


def _environment(kind: str, t: Messages) -> Environment:
    if kind == "html":
        env = Environment(
            loader=PackageLoader("game.report", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    else:
        env = Environment(
            loader=PackageLoader("game.report", "templates"),
            autoescape=False,
            undefined=StrictUndefined,
            finalize=md_escape,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    env.globals.update(
        t=_html_messages(t) if kind == "html" else t, steps=STEPS, color=charts.color
    )
    env.filters["num"] = lambda v, digits=1: number(float(v), t.lang, digits)
    env.filters["pct"] = lambda p: number(float(p) * 100, t.lang, 0)
    env.filters["signed"] = _signed
    return env


def md_escape(value: object) -> object:
    """Make a value safe inside Markdown text and table cells (HTML shows as text)."""
    if not isinstance(value, str):
        return "" if value is None else value
    text = value.replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("|", "\\|").replace("`", "\\`")
    return re.sub(r"\s*\n\s*", " ", text)


def _charts(tables: Sequence[TableReport], comparison: Comparison, t: Messages) -> Charts:
    result = Charts(gauges=[charts.gauges_chart(tb, t) for tb in tables])
    if len(tables) > 1:
        result.scores = charts.scores_chart(comparison, t)
        result.compare_gauges = charts.gauges_compare_chart(comparison, t)
        result.dilemmas = {
            d.dilemma: charts.dilemma_chart(d, t) for d in comparison.dilemmas if d.faced > 1
        }
    return result


def _scenarios(tables: Sequence[TableReport]) -> str:
    return " ; ".join(dict.fromkeys(tb.scenario for tb in tables))


def render_html(tables: Sequence[TableReport], *, lang: str = "fr") -> str:
    """The whole debrief as one HTML page: no network needed, charts inline."""
    t = messages(lang)
    comparison = compare(tables)
    env = _environment("html", t)
    return env.get_template("report.html.j2").render(
        lang=lang,
        tables=tables,
        comparison=comparison,
        charts=_charts(tables, comparison, t),
        scenario=_scenarios(tables),
    )


def render_markdown(tables: Sequence[TableReport], *, lang: str = "fr") -> str:
    """The same debrief as Markdown, for the trainees' notes (no charts)."""
    t = messages(lang)
    env = _environment("md", t)
    return env.get_template("report.md.j2").render(
        lang=lang, tables=tables, comparison=compare(tables), scenario=_scenarios(tables)
    )
