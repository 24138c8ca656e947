"""The one test every scenario pack passes: load, validate, play to the end with each
bot, replay the log, get the same final state."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots import BOTS
from game.engine import Phase
from game.log import replay
from game.playtest import play_game
from game.scenario import load_pack

ROOT = Path(__file__).parent.parent


def all_packs() -> list[Path]:
    """Every pack folder under scenarios/ and tests/packs/ (bad packs excluded)."""
    found = [p.parent for p in (ROOT / "scenarios").glob("*/scenario.yaml")]
    found += [p.parent for p in (ROOT / "tests" / "packs").glob("*/scenario.yaml")]
    return sorted(found)


def test_the_default_packs_are_found():
    names = {p.name for p in all_packs()}
    assert "mini" in names


@pytest.mark.parametrize("strategy", sorted(BOTS))
@pytest.mark.parametrize("pack_dir", all_packs(), ids=lambda p: p.name)
def test_pack_plays_to_the_end_and_replays_identically(pack_dir, strategy, tmp_path):
    pack = load_pack(pack_dir)
    play_game(pack, strategy=strategy, seed=11, log_dir=tmp_path)
    text = (tmp_path / f"{strategy}-11.jsonl").read_text(encoding="utf-8")
    final = replay(text)
    assert final.phase is Phase.FIN
    again = replay(text)
    assert final.state_hash() == again.state_hash()
    assert final.turn == pack.scenario.rules.turns


def test_replay_uses_the_pack_in_the_log_not_the_pack_on_disk(tmp_path):
    import shutil

    pack_dir = tmp_path / "pack"
    shutil.copytree(ROOT / "tests" / "packs" / "mini", pack_dir)
    pack = load_pack(pack_dir)
    play_game(pack, strategy="greedy", seed=5, log_dir=tmp_path)
    text = (tmp_path / "greedy-5.jsonl").read_text(encoding="utf-8")
    before = replay(text).state_hash()
    shutil.rmtree(pack_dir)  # the pack on disk is gone
    assert replay(text).state_hash() == before
