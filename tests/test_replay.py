"""The Replayer: any position of a logged game, fast, equal to a fresh replay."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.engine import Phase
from game.log import GameLog, replay
from game.randomplay import play_random_game, with_turns
from game.replay import Replayer
from game.scenario import load_pack

MINI = Path(__file__).parent / "packs" / "mini"


@pytest.fixture(scope="module")
def long_log() -> GameLog:
    # A 6-turn game of the mini pack played by random bots.
    return play_random_game(with_turns(load_pack(MINI), 6), seed=11)


def fresh_hash(log: GameLog, n: int) -> str:
    """The state hash after the first `n` actions, replayed from scratch."""
    return GameLog.from_records(log.header, log.records[:n]).state.state_hash()


def test_seeking_to_fifty_random_points_matches_a_fresh_replay(long_log: GameLog) -> None:
    # Jumping around the timeline in any order shows exactly the state a
    # full replay up to that action would show.
    replayer = Replayer.from_jsonl(long_log.to_jsonl(), every=7)
    rng = random.Random(2024)
    points = [rng.randrange(len(replayer) + 1) for _ in range(50)]
    for n in points:
        assert replayer.seek(n).state_hash() == fresh_hash(long_log, n), n


def test_the_last_position_is_the_logged_final_state(long_log: GameLog) -> None:
    # The end of the timeline is the game's end: phase « fin », same hash as replay().
    replayer = Replayer.from_jsonl(long_log.to_jsonl())
    final = replayer.seek(len(replayer))
    assert final.phase is Phase.FIN
    assert final.state_hash() == replay(long_log.to_jsonl()).state_hash()


def test_stepping_back_then_forward_returns_to_the_same_state(long_log: GameLog) -> None:
    # « Précédent » then « Suivant » lands on the very same state.
    replayer = Replayer.from_jsonl(long_log.to_jsonl())
    before = replayer.seek(40).state_hash()
    replayer.step_back()
    assert replayer.position == 39
    assert replayer.step_forward().state_hash() == before


def test_seeking_is_clamped_to_the_timeline(long_log: GameLog) -> None:
    # Stepping back from the lobby stays in the lobby; past the end stays at the end.
    replayer = Replayer.from_jsonl(long_log.to_jsonl())
    assert replayer.step_back().phase is Phase.LOBBY
    assert replayer.position == 0
    replayer.seek(10_000)
    assert replayer.position == len(replayer) == len(long_log.records)


def test_jumping_to_a_turn_lands_on_its_event_phase(long_log: GameLog) -> None:
    # « Aller au tour 3 » shows turn 3 just as its event is revealed.
    replayer = Replayer.from_jsonl(long_log.to_jsonl())
    index = replayer.turn_start(3)
    assert index is not None
    state = replayer.seek(index)
    assert (state.turn, state.phase) == (3, Phase.EVENEMENT)
    assert replayer.seek(index - 1).turn == 2


def test_jumping_to_a_phase_lands_on_its_first_position(long_log: GameLog) -> None:
    # « Aller à la résolution du tour 2 » shows that phase at its start.
    replayer = Replayer.from_jsonl(long_log.to_jsonl())
    index = replayer.phase_start(2, Phase.RESOLUTION)
    assert index is not None
    assert replayer.seek(index).phase is Phase.RESOLUTION
    assert replayer.seek(index - 1).phase is not Phase.RESOLUTION
    assert replayer.mark_at(index).phase is Phase.RESOLUTION


def test_a_phase_that_never_happened_has_no_position(long_log: GameLog) -> None:
    # There is no turn 7 in a 6-turn game.
    replayer = Replayer.from_jsonl(long_log.to_jsonl())
    assert replayer.turn_start(7) is None
    assert replayer.phase_start(7, Phase.VOTE) is None


def test_each_action_keeps_its_record_and_events(long_log: GameLog) -> None:
    # The viewer can say who did what at each step: the first action seats a player.
    replayer = Replayer.from_jsonl(long_log.to_jsonl())
    assert replayer.record(1)["actor"] == "system"
    assert replayer.action(1).type == "occupy_seat"
    assert replayer.events(1)[0].type == "seat_changed"
