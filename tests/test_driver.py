"""`play(pack, policy, seed)`: the one loop that plays a game to the end."""

from __future__ import annotations

import random

from engine_helpers import ROLES, mini_pack

from game.bots import BOTS, random_bot
from game.driver import BotPick, BotRounds, OneSeat, play
from game.engine import Action, GameState, Phase, apply, new_game
from game.engine.actions import PhaseTimeout, StartGame
from game.randomplay import RandomTable


def test_a_table_of_bots_plays_to_the_end_and_the_same_seed_plays_the_same_game():
    pack = mini_pack()
    one = play(pack, BotRounds(BOTS["greedy"]), 4)
    two = play(pack, BotRounds(BOTS["greedy"]), 4)
    assert one.state.phase is Phase.FIN and one.state.turn == pack.scenario.rules.turns
    assert one.to_jsonl() == two.to_jsonl()
    assert one.header["seats"] == list(ROLES)  # every role sits from the start
    ats = [r["at"] for r in one.records]
    assert ats == sorted(ats)  # the policy's clock only goes forward


def test_watch_sees_every_applied_action_and_the_state_it_gave():
    seen: list[tuple[Action, GameState]] = []
    log = play(
        mini_pack(), BotRounds(BOTS["cautious"]), 2, watch=lambda a, s, _e: seen.append((a, s))
    )
    assert len(seen) == len(log.records)
    state = new_game(mini_pack(), seed=2, seats=ROLES)
    for action, after in seen:
        state, _ = apply(state, action)
        assert state.state_hash() == after.state_hash()


def test_max_steps_bounds_the_game_and_a_step_may_do_nothing():
    def idle(state: GameState, rng: random.Random) -> Action | None:
        return None

    log = play(mini_pack(), idle, 1, max_steps=5)
    assert log.records == [] and log.state.phase is Phase.LOBBY
    log = play(mini_pack(), OneSeat(random_bot), 1, max_steps=30)
    assert 0 < len(log.records) <= 30 and log.state.phase is not Phase.FIN


def _never(state: GameState, seat: str, rng: random.Random) -> Action | None:
    return None


def test_when_no_bot_acts_the_phase_timer_runs_out_at_its_deadline():
    state, _ = apply(new_game(mini_pack(), seed=1, seats=ROLES), StartGame(at=10.0))
    deadline = state.timer.deadline
    assert deadline is not None
    rng = random.Random(1)
    for policy in (BotRounds(_never, clock=12.0), BotPick(_never, clock=12.0)):
        assert policy(state, rng) == PhaseTimeout(at=deadline)
        assert policy.clock == deadline
    late = BotRounds(_never, clock=deadline + 50)
    assert late(state, rng) == PhaseTimeout(at=deadline + 50)  # the clock never goes back


def test_the_random_table_seats_its_players_then_plays():
    pack = mini_pack()
    log = play(pack, RandomTable(ROLES[:2], clock=100.0), 9, seats=(), created_at=100.0)
    assert log.header["seats"] == []
    assert [r["action"]["type"] for r in log.records[:2]] == ["occupy_seat", "occupy_seat"]
    assert [r["at"] for r in log.records[:2]] == [105.0, 110.0]
    assert log.state.phase is Phase.FIN
    assert {r["actor"] for r in log.records} <= {"dgs", "dpo", "system", "facilitator"}
