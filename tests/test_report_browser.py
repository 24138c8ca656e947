"""The report as a facilitator sees it: opened in headless Chromium, screenshot taken."""

from __future__ import annotations

from pathlib import Path

import pytest
from headless_chromium import BROWSER, run_headless

from game.randomplay import play_random_game
from game.report import build_report_html
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "scenarios" / "decouverte"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def screenshot(page: Path, out: Path, *, height: int = 2000) -> None:
    """Render `page` in headless Chromium into the PNG `out` (1280 px wide)."""
    run_headless(page, f"--screenshot={out}", f"--window-size=1280,{height}")


@pytest.mark.slow
@pytest.mark.skipif(BROWSER is None, reason="chromium absent : `apt-get install chromium`")
def test_the_report_renders_in_a_browser(tmp_path: Path) -> None:
    # Two tables' report opens offline in Chromium and gives a full-width screenshot.
    pack = load_pack(PACK if PACK.exists() else ROOT / "tests" / "packs" / "mini")
    logs = [
        play_random_game(pack, seed=s, extra_justifications=["<b>gras</b>"]).to_jsonl()
        for s in (1, 2)
    ]
    page = tmp_path / "rapport.html"
    page.write_text(build_report_html(logs), encoding="utf-8")
    out = tmp_path / "rapport.png"
    screenshot(page, out)
    data = out.read_bytes()
    assert data.startswith(PNG_MAGIC)
    width = int.from_bytes(data[16:20], "big")
    assert width == 1280
    assert len(data) > 50_000  # a blank page compresses to a few kB
