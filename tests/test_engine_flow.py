"""The phase table of game/engine/flow.py: one row per phase, and the flow it gives."""

from __future__ import annotations

from engine_helpers import all_ready, quiet_pack, started

from game.engine import Phase
from game.engine.flow import PHASES
from game.scenario.models import Timers


def test_every_phase_has_one_row_and_only_the_end_has_no_successor():
    assert set(PHASES) == set(Phase)
    for phase, row in PHASES.items():
        assert all(p in PHASES for p in row.then)
        if phase is Phase.FIN:
            assert row.then == ()
        else:  # some successor is always entered, so the flow never stalls
            assert row.then
            assert any(PHASES[p].when.__name__ == "_always" for p in row.then[-1:])


def test_each_phase_timer_comes_from_the_pack_timers():
    timers = Timers(evenement=1, propositions=2, vote=3, dilemmes=4, resolution=5)
    seconds = {phase: row.timer(timers) for phase, row in PHASES.items()}
    assert seconds == {
        Phase.LOBBY: 0,
        Phase.EVENEMENT: 1,
        Phase.PROPOSITIONS: 2,
        Phase.VOTE: 3,
        Phase.DILEMMES: 4,
        Phase.RESOLUTION: 5,
        Phase.FIN: 0,
    }


def test_a_turn_without_proposals_nor_dilemmas_goes_straight_to_resolution_then_on():
    state = all_ready(started())  # nobody proposed anything
    assert (state.turn, state.phase) == (1, Phase.RESOLUTION)
    state = all_ready(state)
    assert (state.turn, state.phase) == (2, Phase.EVENEMENT)


def test_after_the_last_resolution_comes_the_end():
    state = all_ready(all_ready(started(quiet_pack(turns=1))))
    assert state.phase is Phase.FIN
    assert state.team_score is not None
