"""The debrief shows the source's example collectivités of the cards a table met, the
glossary of the terms its game used, and the pack's dated legal-freshness sheet."""

from __future__ import annotations

import dataclasses
import html
from pathlib import Path

import pytest

from game.engine.catalog import Catalog
from game.playtest import play_game
from game.report import table_reports
from game.report.notes import examples, french_date
from game.report.render import md_escape, render_html, render_markdown
from game.scenario import load_pack
from game.scenario.examples import card_examples_text

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted(p.parent for p in (ROOT / "scenarios").glob("*/scenario.yaml"))


def _report(folder: Path, tmp_path: Path):
    pack = load_pack(folder)
    play_game(pack, strategy="greedy", seed=3, log_dir=tmp_path)
    text = (tmp_path / "greedy-3.jsonl").read_text(encoding="utf-8")
    return pack, table_reports([text])[0]


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_every_card_with_examples_shows_them_in_the_html_and_markdown(folder, tmp_path):
    pack, report = _report(folder, tmp_path)
    with_examples = [u for u in pack.use_cases if u.examples]
    assert with_examples
    # What the table met: each proposed card with examples is listed.
    proposed = {p.card for p in report.proposals}
    assert {x.card for x in report.examples} == {u.id for u in with_examples if u.id in proposed}
    # Every card of the pack, as if the table had met them all.
    everything = examples(Catalog(pack), [u.id for u in pack.use_cases])
    full = dataclasses.replace(report, examples=everything)
    page = html.unescape(render_html([full]))
    notes = render_markdown([full])
    for card in with_examples:
        line = card_examples_text(card)
        assert line in page, card.id
        assert str(md_escape(line)) in notes, card.id


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_the_glossary_of_the_game_and_the_freshness_sheet_close_the_debrief(folder, tmp_path):
    pack, report = _report(folder, tmp_path)
    assert report.glossary, "a game meets some acronyms"
    terms = {g.term for g in report.glossary}
    assert terms <= {e.term for e in pack.glossary}
    page = html.unescape(render_html([report]))
    notes = render_markdown([report])
    assert "Glossaire des termes de la partie" in page
    assert "Glossaire des termes de la partie" in notes
    for g in report.glossary:
        assert g.definition in page
    oldest = min(c.checked_on for c in pack.freshness)
    assert "Fiche de fraîcheur juridique" in page.split("<footer>")[1]
    assert french_date(oldest) in page.split("<footer>")[1]
    assert "Fiche de fraîcheur juridique" in notes
    for check in pack.freshness:
        assert check.subject in page


def test_french_dates() -> None:
    from datetime import date

    assert french_date(date(2026, 12, 1)) == "1er décembre 2026"
    assert french_date(date(2027, 3, 15)) == "15 mars 2027"
