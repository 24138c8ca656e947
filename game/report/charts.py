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
from contextlib import AbstractContextManager
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from game.report.i18n import Messages
from game.report.model import Comparison, DilemmaComparison, TableReport

PALETTE = (  # matplotlib's tab10, distinct in colour and in grey print
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
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


def _to_uri(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _turn_labels(count: int, t: Messages) -> list[str]:
    return [t("start")] + [t("t_n", n=n) for n in range(1, count)]


def gauges_chart(table: TableReport, t: Messages) -> str:
    """One line per gauge over the turns (start, then after each turn)."""
    with _styled():
        fig = Figure(figsize=(8, 3.6))
        ax = fig.add_subplot()
        count = max((len(g.values) for g in table.gauges), default=1)
        xs = list(range(count))
        for i, g in enumerate(table.gauges):
            marker = MARKERS[i % len(MARKERS)]
            ax.plot(xs[: len(g.values)], g.values, marker=marker, color=color(i), label=g.label)
        ax.set_xticks(xs, _turn_labels(count, t))
        values = [v for g in table.gauges for v in g.values] or [0, 100]
        low = max(min(g.min for g in table.gauges), min(values) - 5)
        high = min(max(g.max for g in table.gauges), max(values) + 5)
        ax.set_ylim(low, high)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        return _to_uri(fig)


def scores_chart(comparison: Comparison, t: Messages) -> str:
    """Horizontal bars: each table's team score."""
    tables = comparison.tables
    with _styled():
        fig = Figure(figsize=(8, 0.45 * len(tables) + 0.9))
        ax = fig.add_subplot()
        names = [tb.name for tb in tables][::-1]
        scores = [tb.team_score or 0.0 for tb in tables][::-1]
        bars = ax.barh(names, scores, color=PALETTE[0])
        ax.bar_label(bars, labels=[f"{s:.1f}".replace(".", ",") for s in scores], padding=3)
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
            ax.set_title(label, fontsize=9)
            for i, table in enumerate(comparison.tables):
                series = next((g for g in table.gauges if g.id == gauge_id), None)
                if series is not None:
                    ys = series.values
                    marker = MARKERS[i % len(MARKERS)]
                    ax.plot(range(len(ys)), ys, color=color(i), label=table.name, marker=marker)
            ax.set_xticks(range(count), _turn_labels(count, t), fontsize=7)
        for k in range(len(gauges), rows * cols):
            axes[k // cols][k % cols].set_visible(False)
        handles, labels = axes[0][0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=min(4, len(labels)), frameon=False)
        fig.subplots_adjust(bottom=0.12 + 0.04 * ((len(labels) - 1) // 4), hspace=0.45)
        return _to_uri(fig)


def dilemma_chart(dilemma: DilemmaComparison, t: Messages) -> str:
    """Compact stacked bars: each table's votes per option (colours as `PALETTE`)."""
    rows = [(c.table, c.counts) for c in dilemma.choices if c.chosen is not None]
    rows.reverse()
    with _styled():
        fig = Figure(figsize=(7, 0.3 * len(rows) + 0.7))
        ax = fig.add_subplot()
        names = [r[0] for r in rows]
        lefts = [0.0] * len(rows)
        for i in range(len(dilemma.options)):
            widths = [float(r[1][i]) for r in rows]
            ax.barh(names, widths, left=lefts, color=color(i), height=0.7)
            lefts = [a + b for a, b in zip(lefts, widths, strict=True)]
        ax.set_xlabel(t("votes"))
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(axis="y", visible=False)
        return _to_uri(fig)


def _short(label: str, width: int = 55) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
