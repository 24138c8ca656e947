"""Bundled packs and assets are package data: found by name from any folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.scenario.bundled import PackNotFoundError, bundled_names, bundled_root, pack_folder

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run the test from an empty folder outside the checkout."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_bundled_packs_are_the_scenarios_folders() -> None:
    assert bundled_names() == ["decouverte", "intercommunalite", "ville-moyenne"]
    assert (bundled_root() / "ville-moyenne" / "scenario.yaml").is_file()


def test_a_pack_name_finds_the_bundled_pack_from_any_folder(elsewhere: Path) -> None:
    assert pack_folder("decouverte") == bundled_root() / "decouverte"


def test_an_existing_path_wins_over_a_bundled_name(elsewhere: Path) -> None:
    # A facilitator's own copy named like a bundled pack, in the current folder.
    (elsewhere / "decouverte").mkdir()
    assert pack_folder("decouverte") == Path("decouverte")
    assert pack_folder(ROOT / "tests" / "packs" / "mini") == ROOT / "tests" / "packs" / "mini"


def test_an_unknown_pack_is_refused_in_french_with_the_bundled_names(elsewhere: Path) -> None:
    with pytest.raises(PackNotFoundError) as caught:
        pack_folder("nulle-part")
    assert str(caught.value) == (
        "Pack introuvable : « nulle-part » n'est ni un dossier existant ni un pack fourni "
        "(packs fournis : decouverte, intercommunalite, ville-moyenne)."
    )


def test_capia_validate_takes_a_bundled_pack_s_name(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "decouverte"]) == 0
    assert capsys.readouterr().out.startswith("decouverte : 4 rôles")


def test_capia_play_local_says_which_packs_exist(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["play", "--local", "nulle-part"]) == 1
    assert "packs fournis : decouverte, intercommunalite, ville-moyenne" in capsys.readouterr().err


def test_capia_playtest_takes_a_bundled_pack_s_name(
    elsewhere: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["playtest", "decouverte", "--games", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["games"] == 2


def test_the_theme_s_fonts_and_their_licence_are_found_from_any_folder(elsewhere: Path) -> None:
    from game.client.assets import FONTS, theme

    paths = [
        Path(v)
        for block in theme().values()
        if isinstance(block, dict) and isinstance(block.get("font"), dict)
        for k, v in block["font"].items()
        if k.endswith("_path")
    ]
    assert paths and all(p.is_absolute() and p.is_file() for p in paths)
    assert (FONTS / "OFL.txt").is_file()
