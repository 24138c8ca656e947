"""A game played without its log (`capia playtest` without `--log-dir`) is the same game."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots import BOTS
from game.driver import BotRounds, play
from game.log import UnrecordedGame
from game.playtest import play_game, table_seats
from game.scenario import load_pack

PACKS = Path(__file__).parent.parent / "scenarios"


@pytest.mark.parametrize("strategy", list(BOTS))
def test_an_unrecorded_game_ends_in_the_logged_game_state(strategy: str) -> None:
    pack = load_pack(PACKS / "ville-moyenne")
    seats = table_seats(pack, 3)
    logged = play(pack, BotRounds(BOTS[strategy]), 3, seats=seats)
    bare = play(pack, BotRounds(BOTS[strategy]), 3, seats=seats, record=False)
    assert isinstance(bare, UnrecordedGame)
    assert bare.applied == len(logged.records) == logged.applied
    assert bare.records == []
    assert bare.state.state_hash() == logged.state.state_hash()
    with pytest.raises(TypeError):
        bare.to_jsonl()


@pytest.mark.parametrize("pack", ["decouverte", "intercommunalite"])
def test_the_playtest_result_is_the_same_with_or_without_a_log_dir(
    pack: str, tmp_path: Path
) -> None:
    loaded = load_pack(PACKS / pack)
    for strategy in BOTS:
        kept = play_game(loaded, strategy=strategy, seed=4, log_dir=tmp_path)
        assert play_game(loaded, strategy=strategy, seed=4) == kept
        assert kept.actions > 0
