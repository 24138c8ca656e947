"""A game played without its log (`capia playtest` without `--log-dir`) is the same game."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bots import BOTS
from game.driver import BotRounds, play
from game.engine import apply, new_game, parse_action
from game.engine.catalog import Catalog
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


def test_games_are_played_with_fewer_collections_and_the_threshold_is_restored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from game import playtest

    seen: list[tuple[int, int, int]] = []
    real = playtest.play_game

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        return real(*args, **kwargs)

    monkeypatch.setattr(playtest, "play_game", spy)
    before = gc.get_threshold()
    playtest.run_playtest(load_pack(PACKS / "decouverte"), games=2, seed=1)
    assert gc.get_threshold() == before
    assert [t[0] for t in seen] == [max(before[0], playtest.YOUNG_GC_THRESHOLD)] * 2
    assert all(t[1:] == before[1:] for t in seen)


def test_games_of_one_pack_share_its_catalog_and_play_as_with_their_own() -> None:
    pack = load_pack(PACKS / "decouverte")
    other = load_pack(PACKS / "decouverte")  # an equal pack, another object
    assert new_game(pack, seed=1).catalog is new_game(pack, seed=2).catalog
    assert new_game(other, seed=1).catalog is not new_game(pack, seed=1).catalog
    assert new_game(other, seed=1).catalog.pack is other
    # the actions of a game played on the shared catalog, folded from a state on a
    # catalog of its own, give the same game
    seats = table_seats(pack, 2)
    shared = play(pack, BotRounds(BOTS["roles"]), 2, seats=seats)
    state = new_game(pack, seed=2, seats=seats).model_copy(update={"catalog": Catalog(pack)})
    for record in shared.records:
        state, _ = apply(state, parse_action(record["action"]))
    assert state.catalog is not shared.state.catalog
    assert state.state_hash() == shared.state.state_hash()
