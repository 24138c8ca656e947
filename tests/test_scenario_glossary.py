"""The pack's glossary, its legal-freshness sheet and its calendar: what `capia validate`
says about them, and the pure functions the client and the debrief call."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from engine_helpers import started

from game.engine import player_view
from game.scenario import check_pack, load_pack
from game.scenario.checks import months_before
from game.scenario.examples import card_examples_text
from game.scenario.glossary import acronyms, terms_in, unexplained

MINI = Path(__file__).parent / "packs" / "mini"
ROOT = Path(__file__).parent.parent
BUNDLED = sorted(p.parent for p in (ROOT / "scenarios").glob("*/scenario.yaml"))
NNBSP = "\u202f"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(MINI, target)
    return target


def edit(pack: Path, name: str, old: str, new: str) -> None:
    text = (pack / name).read_text(encoding="utf-8")
    assert old in text
    (pack / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def lines(pack: Path, today: date | None = None) -> list[str]:
    return [str(p).removeprefix(f"{pack}/") for p in check_pack(pack, today=today)[1]]


def test_acronyms_are_capital_words_not_roman_numerals_or_article_numbers() -> None:
    text = "La FRIA (annexe III) et l'AIPD du RGPD ; CRPA L311-3-1 ; NIS 2 ; l'IA, l'UE."
    assert acronyms(text) == ["FRIA", "AIPD", "RGPD", "CRPA", "NIS", "IA", "UE"]


def test_terms_in_finds_terms_and_variants_as_whole_words() -> None:
    mini = load_pack(MINI)
    found = [e.term for e in terms_in(mini, "Une analyse d'impact, puis l'IA ; pas « IAS ».")]
    assert found == ["IA", "AIPD"]
    assert terms_in(mini, "rien ici") == []
    assert [e.term for e in terms_in(mini, "Le règlement AI Act")] == ["AI Act"]


def test_an_acronym_with_no_glossary_entry_is_a_warning_at_its_first_use(pack: Path) -> None:
    edit(pack, "cas_usage.yaml", "description: ", "description: Avec une FRIA. ")
    found = lines(pack)
    assert len(found) == 1
    assert found[0].startswith("cas_usage.yaml:")
    assert "attention : sigle « FRIA » sans entrée dans glossaire.yaml" in found[0]
    assert check_pack(pack)[0] is not None  # a warning, not an error


def test_every_acronym_of_the_bundled_packs_has_a_glossary_entry() -> None:
    for folder in BUNDLED:
        loaded = load_pack(folder)
        assert loaded.glossary, folder.name
        assert unexplained(loaded) == [], folder.name


def test_a_glossary_term_written_twice_is_an_error(pack: Path) -> None:
    edit(pack, "glossaire.yaml", "- terme: RH\n", "- terme: DPO\n")
    assert any("« DPO » est déjà utilisé" in line for line in lines(pack))


def test_freshness_older_than_six_months_warns_with_the_oldest_check(pack: Path) -> None:
    assert lines(pack, date(2027, 6, 1)) == []  # checked 2026-12-01: six months exactly
    found = lines(pack, date(2027, 6, 2))
    assert len(found) == 1
    assert found[0].startswith("fraicheur.yaml:4:")
    assert "fiche de fraîcheur juridique périmée" in found[0]
    assert "2026-12-01" in found[0]


def test_months_before_keeps_the_day_or_the_months_last_day() -> None:
    assert months_before(date(2027, 6, 2), 6) == date(2026, 12, 2)
    assert months_before(date(2027, 8, 31), 6) == date(2027, 2, 28)


def test_a_freshness_date_that_is_not_a_date_is_an_error(pack: Path) -> None:
    edit(pack, "fraicheur.yaml", "verifie_le: '2026-12-01'", "verifie_le: bientôt")
    assert any("fraicheur[1].verifie_le" in line for line in lines(pack))


def test_the_bundled_packs_are_fresh_on_their_release_day() -> None:
    for folder in BUNDLED:
        loaded, problems = check_pack(folder, today=date(2026, 12, 2))
        assert loaded is not None and loaded.freshness, folder.name
        assert problems == [], folder.name
        sources = {c.source for c in loaded.freshness}
        assert {"EUR-Lex", "Légifrance", "CNIL"} <= sources, folder.name


def test_a_calendar_needs_one_date_per_turn(pack: Path) -> None:
    edit(pack, "scenario.yaml", "calendrier: [S1 2027, S2 2027, S1 2028]", "calendrier: [S1 2027]")
    found = lines(pack)
    assert any("1 dates pour 3 tours" in line for line in found)
    assert check_pack(pack)[0] is None


def test_the_view_carries_the_turns_date() -> None:
    mini = load_pack(MINI)
    state = started(mini)
    assert mini.scenario.rules.turn_label(1) == "S1 2027"
    assert mini.scenario.rules.turn_label(9) == "tour 9"
    view = player_view(state, mini.scenario.roles[0].id)
    assert (view.turn, view.turn_label) == (1, "S1 2027")


def test_card_examples_text_is_one_french_line() -> None:
    vm = load_pack(ROOT / "scenarios" / "ville-moyenne")
    with_examples = [u for u in vm.use_cases if u.examples]
    assert with_examples
    for card in with_examples:
        text = card_examples_text(card)
        assert text.startswith(("Exemples" + NNBSP + ": ", "Exemple" + NNBSP + ": "))
        assert text.endswith(card.examples)
    assert card_examples_text(vm.levers[0]) == ""
    one = with_examples[0].model_copy(update={"examples": "Toulouse, Metz"})
    assert card_examples_text(one) == f"Exemples{NNBSP}: Toulouse, Metz"
    one = with_examples[0].model_copy(update={"examples": "Plaisir"})
    assert card_examples_text(one) == f"Exemple{NNBSP}: Plaisir"
