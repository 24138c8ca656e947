"""Turn table reports into one self-contained HTML page, or Markdown, with jinja2."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from game.report import charts
from game.report.compare import Comparison, compare
from game.report.i18n import Messages, messages, number
from game.report.method import steps_before
from game.report.model import STEPS, Person, TableReport
from game.report.workshop import summarize, workshop_sentences


@dataclass
class Charts:
    """Every chart of one report, as data URIs, and the marks keyed under each table's."""

    gauges: list[str] = field(default_factory=list)
    marks: list[tuple[charts.Mark, ...]] = field(default_factory=list)
    scores: str = ""
    compare_gauges: str = ""


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


def _html_messages(t: Messages) -> Callable[..., Markup]:
    """`t` for HTML: the catalogue text escaped, each value escaped unless already Markup."""

    def translate(key: str, **values: object) -> Markup:
        return escape(t(key)).format(**values) if values else escape(t(key))

    return translate


class MdText(str):
    """Markdown the report wrote itself (catalogue wording, values escaped): printed as is."""

    __slots__ = ()


#: Every character that can start or close a Markdown construct in CommonMark or in the
#: common extensions (tables, strikethrough, autolinks, maths, emoji, mentions).
_MD_SPECIAL = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>~&:$@=^]")


def md_escape(value: object) -> object:
    """Player or pack text as plain Markdown text: every Markdown character backslash-escaped,
    its lines joined by spaces. The one escaping of the Markdown report: text already
    escaped (`MdText`) is returned as is, so nothing is ever escaped twice."""
    if isinstance(value, MdText) or not isinstance(value, str):
        return "" if value is None else value
    one_line = " ".join(part.strip() for part in value.splitlines() if part.strip())
    return MdText(_MD_SPECIAL.sub(lambda m: "\\" + m.group(), one_line))


def _md_messages(t: Messages) -> Callable[..., MdText]:
    """`t` for Markdown: the catalogue text as is, each value escaped unless already MdText."""

    def translate(key: str, **values: object) -> MdText:
        return MdText(t(key, **{k: md_escape(v) for k, v in values.items()}))

    return translate


def _people(t: Callable[..., str]) -> dict[str, Callable[[Person], str]]:
    """`player(p)`: the name, « sans nom » for a seat taken without one, « siège vide »;
    `person(p)`: « DPO (Dominique) ». Built on `t`, so escaped like any other value."""

    def player(p: Person) -> str:
        if p.name:
            return p.name
        return t("unnamed") if p.present else t("empty_seat")

    def person(p: Person) -> str:
        return t("person", title=p.title, name=player(p))

    return {"player": player, "person": person}


def _environment(kind: str, t: Messages) -> Environment:
    html = kind == "html"
    env = Environment(
        loader=PackageLoader("game.report", "templates"),
        autoescape=html,
        undefined=StrictUndefined,
        finalize=None if html else md_escape,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    translate = _html_messages(t) if html else _md_messages(t)
    env.globals.update(t=translate, steps=STEPS, color=charts.color, **_people(translate))
    env.globals["steps_before"] = lambda steps: steps_before(steps, t)
    env.filters["num"] = lambda v, digits=1: number(float(v), t.lang, digits)
    env.filters["pct"] = lambda p: number(float(p) * 100, t.lang, 0)
    env.filters["signed"] = _signed
    env.filters["factor"] = lambda f: (
        number(float(f), t.lang, 1).removesuffix(",0").removesuffix(".0")
    )
    return env


def _charts(tables: Sequence[TableReport], comparison: Comparison, t: Messages) -> Charts:
    marks = [charts.chart_marks(tb) for tb in tables]
    result = Charts(
        gauges=[charts.gauges_chart(tb, t, m) for tb, m in zip(tables, marks, strict=True)],
        marks=marks,
    )
    if len(tables) > 1:
        result.scores = charts.scores_chart(comparison, t)
        result.compare_gauges = charts.gauges_compare_chart(comparison, t)
    return result


def _scenarios(tables: Sequence[TableReport]) -> str:
    return " ; ".join(dict.fromkeys(tb.scenario for tb in tables))


def render_html(tables: Sequence[TableReport], *, lang: str = "fr") -> str:
    """The whole debrief as one HTML page: no network needed, charts inline."""
    t = messages(lang)
    comparison = compare(tables)
    summaries = [summarize(tb, t) for tb in tables]
    env = _environment("html", t)
    return env.get_template("report.html.j2").render(
        lang=lang,
        tables=tables,
        comparison=comparison,
        summaries=summaries,
        sentences=workshop_sentences(comparison, summaries, t),
        charts=_charts(tables, comparison, t),
        scenario=_scenarios(tables),
        multi_scenario=len({tb.scenario for tb in tables}) > 1,
    )


def render_markdown(tables: Sequence[TableReport], *, lang: str = "fr") -> str:
    """The same debrief as Markdown, for the trainees' notes (no charts)."""
    t = messages(lang)
    env = _environment("md", t)
    comparison = compare(tables)
    summaries = [summarize(tb, t) for tb in tables]
    return env.get_template("report.md.j2").render(
        lang=lang,
        tables=tables,
        comparison=comparison,
        summaries=summaries,
        sentences=workshop_sentences(comparison, summaries, t),
        scenario=_scenarios(tables),
        multi_scenario=len({tb.scenario for tb in tables}) > 1,
    )
