"""Time to build the debrief of a whole workshop: 8 tables of bot games.

Prints one JSON line per figure: {"name", "value", "unit", ...}. The 8 logs are bot
games of the richest pack that loads (`capia playtest`'s own games, strategies random,
greedy and cautious in turn). Figures: reading the logs (replay + extraction), the
summaries (key moments, method order, questions, workshop sentences), the charts, the
whole HTML and Markdown reports; without `--quick`, also the page count and time of
Chromium's print-to-PDF of one table and of the 8 (when Chromium is installed).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from game.playtest import play_game
from game.report import build_report_html, build_report_markdown, table_reports
from game.report.compare import compare
from game.report.i18n import messages
from game.report.render import _charts
from game.report.workshop import summarize, workshop_sentences
from game.scenario import Pack, load_pack

ROOT = Path(__file__).resolve().parent.parent
PACKS = ("scenarios/ville-moyenne", "scenarios/decouverte", "tests/packs/mini")
STRATEGIES = ("random", "greedy", "cautious")
TABLES = 8


def _pack() -> tuple[str, Pack]:
    for name in PACKS:
        try:
            return name, load_pack(ROOT / name)
        except Exception:  # a pack being written may not load yet
            continue
    raise SystemExit("aucun pack chargeable")


def emit(name: str, value: float, unit: str, **details: object) -> None:
    row = {"name": name, "value": round(value, 3), "unit": unit, **details}
    print(json.dumps(row, ensure_ascii=False), flush=True)


def median_time(work: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bot_logs(pack: Pack, folder: Path) -> list[str]:
    for seed in range(1, TABLES + 1):
        play_game(pack, strategy=STRATEGIES[seed % len(STRATEGIES)], seed=seed, log_dir=folder)
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.jsonl"))]


def print_pdf(html: str, folder: Path, name: str) -> tuple[float, int] | None:
    """Seconds Chromium takes to print `html` to PDF, and the page count; None without it."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        return None
    from pypdf import PdfReader

    page, pdf = folder / f"{name}.html", folder / f"{name}.pdf"
    page.write_text(html, encoding="utf-8")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             f"--user-data-dir={profile}", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", page.as_uri()],
            check=True, capture_output=True, timeout=300,
        )  # fmt: skip
    return time.perf_counter() - start, len(PdfReader(pdf).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run of each, no PDF")
    parser.add_argument("--runs", type=int, default=5, help="repeats per figure (median)")
    args = parser.parse_args()
    repeats = 1 if args.quick else max(1, args.runs)
    name, pack = _pack()
    t = messages()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        logs = bot_logs(pack, folder)
        actions = sum(len(text.splitlines()) - 1 for text in logs)
        print(f"pack : {name} ; {len(logs)} tables, {actions} actions", file=sys.stderr)
        common = {"runs": repeats, "tables": len(logs), "actions": actions}
        read = median_time(lambda: table_reports(logs), repeats)
        emit("debrief.read_logs_8", read, "s", **common)
        tables = table_reports(logs)
        comparison = compare(tables)

        def summaries() -> object:
            found = [summarize(tb, t) for tb in tables]
            return workshop_sentences(comparison, found, t)

        emit("debrief.summaries_8", median_time(summaries, repeats) * 1000, "ms", **common)
        charts = median_time(lambda: _charts(tables, comparison, t), repeats)
        emit("debrief.charts_8", charts, "s", **common)
        html_time = median_time(lambda: build_report_html(logs), repeats)
        html = build_report_html(logs)
        emit("debrief.html_8", html_time, "s", size_kib=round(len(html.encode()) / 1024), **common)
        emit("debrief.md_8", median_time(lambda: build_report_markdown(logs), repeats), "s")
        emit("debrief.html_1", median_time(lambda: build_report_html(logs[:1]), repeats), "s")
        if args.quick:
            return
        for label, page in (("1", build_report_html(logs[:1])), ("8", html)):
            printed = print_pdf(page, folder, f"debrief-{label}")
            if printed is None:
                print("chromium absent : pas de mesure d'impression", file=sys.stderr)
                return
            seconds, pages = printed
            emit(f"debrief.print_pdf_{label}", seconds, "s", pages=pages)
            emit(f"debrief.pages_{label}", pages, "pages")


if __name__ == "__main__":
    main()
