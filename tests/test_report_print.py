"""The debrief printed: Chromium's print-to-PDF, pages counted and read back with pypdf.

Targets (issue 19): one table's summary page and its roadmap fit on 2 A4 pages (the
roadmap in landscape), and the whole single-table report, details folded, on 12 at most.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from headless_chromium import BROWSER, run_headless
from pypdf import PdfReader
from report_helpers import bot_game

from game.report import build_report_html, table_reports
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
VILLE = ROOT / "scenarios" / "ville-moyenne"
MAX_PAGES = 12

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None, reason="chromium absent : `apt-get install chromium`"),
]


def print_pdf(page: Path, out: Path) -> None:
    """Print the HTML file `page` to the PDF `out` as Chromium does (no header or footer)."""
    run_headless(page, "--no-pdf-header-footer", f"--print-to-pdf={out}")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, PdfReader]]:
    # Three 6-turn games of the full scenario, seats playing greedy, cautious and random
    # bots, two votes in three justified: more written than real tables usually write.
    pack = load_pack(VILLE if VILLE.exists() else ROOT / "tests" / "packs" / "mini")
    folder = tmp_path_factory.mktemp("print")
    out = []
    for seed in (1, 2, 3):
        log = bot_game(pack, seed=seed).to_jsonl()
        html = folder / f"table-{seed}.html"
        html.write_text(build_report_html([log], names=[f"Table {seed}"]), encoding="utf-8")
        pdf = folder / f"table-{seed}.pdf"
        print_pdf(html, pdf)
        out.append((log, PdfReader(pdf)))
    return out


def plain(value: str) -> str:
    """`value` on one line, ligatures (« ﬁ ») and special spaces as plain characters."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def text(reader: PdfReader, index: int) -> str:
    return plain(reader.pages[index].extract_text() or "")


def landscape(reader: PdfReader, index: int) -> bool:
    box = reader.pages[index].mediabox
    return float(box.width) > float(box.height)


def test_the_whole_single_table_report_prints_on_at_most_12_pages(
    printed: list[tuple[str, PdfReader]],
) -> None:
    counts = [len(reader.pages) for _log, reader in printed]
    assert max(counts) <= MAX_PAGES, counts


def test_the_summary_is_page_1_and_the_roadmap_page_2_in_landscape(
    printed: list[tuple[str, PdfReader]],
) -> None:
    # Page 1: scores, the order of the steps, key moments, questions and every secret
    # objective down to the last role; page 2: the roadmap, landscape; page 3: details.
    for log, reader in printed:
        report = table_reports([log])[0]
        first = text(reader, 0)
        for heading in ("L'ordre de la démarche", "Moments clés", "Trois questions"):
            assert heading in first
        assert "Objectifs secrets" in first
        assert plain(report.objectives[-1].text)[:40] in first
        assert not landscape(reader, 0)
        assert text(reader, 1).startswith("Feuille de route")
        assert landscape(reader, 1)
        assert text(reader, 2).startswith("Le détail de la partie")
        assert not landscape(reader, 2)


def test_folded_ballot_lists_are_not_printed(printed: list[tuple[str, PdfReader]]) -> None:
    # « Tous les bulletins » is the folded list: on screen one click away, never on paper.
    for _log, reader in printed:
        everything = " ".join(text(reader, i) for i in range(len(reader.pages)))
        assert "Tous les bulletins" not in everything
        assert "(sans justification)" not in everything
