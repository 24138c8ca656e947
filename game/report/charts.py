"""Charts of the report, drawn with matplotlib as SVG data URIs.

Figures are built directly (no pyplot, no GUI backend, no global state), so
this is safe inside the server and next to the pygame client.

Text is drawn as paths, so a chart looks the same on any machine and the
report needs no font and no network; each chart is an `<img>` of its own, so
SVG ids never clash between charts.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from game.report.compare import Comparison
from game.report.i18n import Messages, number
from game.report.model import GaugeSeries, TableReport

#: Okabe–Ito, safe for the common colour-vision deficiencies; yellow last (weak on white).
#: Series also differ by marker and line style, and are named in text: never colour alone.
PALETTE = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#000000",  # black
    "#F0E442",  # yellow
)
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", "-.", ":")
STYLE: dict[str, Any] = {
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "svg.hashsalt": "capia",
    "svg.fonttype": "path",
    # table names and labels are drawn as typed: `$…$` in a name is not maths to render
    # (a name like « $\\frac{1}{$ » would otherwise make the whole report fail)
    "text.parse_math": False,
}


def _styled() -> AbstractContextManager[None]:
    """The report's chart style, for the duration of a `with` block."""
    return matplotlib.rc_context(STYLE)  # type: ignore[arg-type]


def color(i: int) -> str:
    """The colour of series `i` (options, gauges, tables), shared with the HTML swatches."""
    return PALETTE[i % len(PALETTE)]


def _to_uri(fig: Figure, *, tight: bool = True) -> str:
    """The figure as an SVG data URI; `tight` crops it to its content (one more draw)."""
    buffer = io.BytesIO()
    crop = "tight" if tight else None
    fig.savefig(buffer, format="svg", bbox_inches=crop, metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _turn_labels(count: int, t: Messages) -> list[str]:
    return [t("start")] + [t("t_n", n=n) for n in range(1, count)]


@dataclass(frozen=True)
class Mark:
    """A risk that fired (R1, R2…) or an event that moved gauges (E1, E2…), on the charts
    and in the key printed under them."""

    code: str
    kind: str  # "risk" | "event"
    title: str
    turns: tuple[int, ...]
    gauges: frozenset[str]


def chart_marks(table: TableReport) -> tuple[Mark, ...]:
    """The risks that fired, one code per risk, then the events that touched a gauge."""
    marks = [
        Mark(
            f"R{i}",
            "risk",
            g.first.title,
            g.turns,
            frozenset(k for k, _v in g.first.gauge_effects),
        )
        for i, g in enumerate(table.risk_groups, start=1)
    ]
    events = [(s.turn, e) for s in table.turns for e in s.events if e.effects]
    marks += [
        Mark(f"E{i}", "event", e.title, (turn,), frozenset(k for k, _v in e.effects))
        for i, (turn, e) in enumerate(events, start=1)
    ]
    return tuple(marks)


def _panel(ax: Any, series: GaugeSeries, i: int, marks: Sequence[Mark], t: Messages) -> None:
    """One gauge: its line, the objectives' thresholds, the risks and events that hit it."""
    xs = list(range(len(series.values)))
    ax.plot(
        xs,
        series.values,
        color=color(i),
        marker=MARKERS[i % len(MARKERS)],
        linestyle=LINESTYLES[i % len(LINESTYLES)],
        linewidth=1.8,
        markersize=4,
    )
    # a plain text, not set_title: titles are re-placed at every draw, costly here
    ax.text(0, 1.04, series.label, transform=ax.transAxes, fontsize=8.5, va="bottom")
    for th in series.thresholds:
        ax.axhline(th.value, color="#444444", linewidth=1, linestyle="--" if th.kept else ":")
        key = "threshold_min" if th.bound == "min" else "threshold_max"
        ax.annotate(
            t(key, role=th.role, value=th.value),
            xy=(1, th.value),
            xycoords=("axes fraction", "data"),
            xytext=(-2, 2),
            textcoords="offset points",
            ha="right",
            va="bottom",
            fontsize=6.5,
            color="#222222",
        )
    values = list(series.values) + [th.value for th in series.thresholds]
    low, high = max(series.min, min(values) - 6), min(series.max, max(values) + 8)
    ax.set_ylim(low, high)
    for mark in marks:
        if series.id not in mark.gauges:
            continue
        for turn in mark.turns:
            if turn >= len(series.values):
                continue
            y = series.values[turn]
            ax.plot(
                [turn],
                [y],
                marker="v" if mark.kind == "risk" else "D",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor="#000000",
                linestyle="none",
            )
            ax.annotate(
                mark.code,
                xy=(turn, y),
                xytext=(0, -11 if mark.kind == "risk" else 7),
                textcoords="offset points",
                ha="center",
                fontsize=6.5,
                fontweight="bold",
            )


def gauges_chart(table: TableReport, t: Messages, marks: Sequence[Mark] = ()) -> str:
    """Small multiples: one panel per gauge over the turns (start, then after each turn),
    with the objectives' thresholds and the risks and events that hit each gauge."""
    gauges = table.gauges
    cols = 3 if len(gauges) > 4 else max(1, len(gauges))
    rows = max(1, (len(gauges) + cols - 1) // cols)
    with _styled():
        fig = Figure(figsize=(9, 2.2 * rows + 0.2))
        axes = fig.subplots(rows, cols, squeeze=False, sharex=True)
        count = max((len(g.values) for g in gauges), default=1)
        for k, series in enumerate(gauges):
            ax = axes[k // cols][k % cols]
            _panel(ax, series, k, marks, t)
            ax.set_xticks(range(count), _turn_labels(count, t), fontsize=7)
            ax.tick_params(axis="y", labelsize=7)
        for k in range(len(gauges), rows * cols):
            axes[k // cols][k % cols].set_visible(False)
        fig.subplots_adjust(
            left=0.05,
            right=0.99,
            top=1 - 0.35 / fig.get_figheight(),
            bottom=0.35 / fig.get_figheight(),
            hspace=0.5,
            wspace=0.22,
        )
        return _to_uri(fig, tight=False)


def scores_chart(comparison: Comparison, t: Messages) -> str:
    """Horizontal bars: each table's team score."""
    tables = comparison.tables
    with _styled():
        fig = Figure(figsize=(8, 0.45 * len(tables) + 0.9))
        ax = fig.add_subplot()
        names = [tb.name for tb in tables][::-1]
        scores = [tb.team_score or 0.0 for tb in tables][::-1]
        bars = ax.barh(names, scores, color=PALETTE[0])
        ax.bar_label(bars, labels=[number(s, t.lang) for s in scores], padding=3)
        ax.set_xlim(0, 100)
        ax.set_xlabel(t("team_score"))
        ax.grid(axis="y", visible=False)
        return _to_uri(fig)


def gauges_compare_chart(comparison: Comparison, t: Messages) -> str:
    """Small multiples: one panel per gauge, one line per table over the turns."""
    gauges = comparison.gauge_labels
    cols = 3
    rows = (len(gauges) + cols - 1) // cols
    with _styled():
        fig = Figure(figsize=(9, 2.4 * rows + 0.6))
        axes = fig.subplots(rows, cols, squeeze=False, sharex=True)
        count = max((len(g.values) for tb in comparison.tables for g in tb.gauges), default=1)
        for k, (gauge_id, label) in enumerate(gauges):
            ax = axes[k // cols][k % cols]
            ax.text(0, 1.04, label, transform=ax.transAxes, fontsize=9, va="bottom")
            for i, table in enumerate(comparison.tables):
                series = next((g for g in table.gauges if g.id == gauge_id), None)
                if series is not None:
                    ys = series.values
                    marker = MARKERS[i % len(MARKERS)]
                    style = LINESTYLES[i % len(LINESTYLES)]
                    ax.plot(
                        range(len(ys)),
                        ys,
                        color=color(i),
                        label=table.name,
                        marker=marker,
                        linestyle=style,
                    )
            ax.set_xticks(range(count), _turn_labels(count, t), fontsize=7)
        for k in range(len(gauges), rows * cols):
            axes[k // cols][k % cols].set_visible(False)
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=min(4, len(labels)), frameon=False)
        fig.subplots_adjust(bottom=0.12 + 0.04 * ((len(labels) - 1) // 4), hspace=0.45)
        return _to_uri(fig)
