"""`player_views` gives every seat exactly the view `player_view` gives it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from engine_helpers import MINI, random_game

import game.engine.view as view_module
from game.engine import (
    GameState,
    Phase,
    apply,
    legal_actions,
    new_game,
    player_view,
    player_views,
)
from game.engine.actions import (
    Action,
    AdvancePhase,
    EndGame,
    ExtendTimer,
    InjectEvent,
    Pause,
    Resume,
    SetTimer,
    StartGame,
)
from game.engine.rules import facilitator_refusal, propose_seat_refusal
from game.engine.state import ProposalStatus
from game.engine.view_models import PlayerView
from game.scenario import load_pack
from game.scenario.models import Exposure

VILLE = Path(__file__).parent.parent / "scenarios" / "ville-moyenne"


def _states(pack_dir: Path, seed: int) -> list[GameState]:
    """Every state of one random game, from the first to the end."""
    pack = load_pack(pack_dir)
    _, played = random_game(pack, seed)
    state = new_game(pack, seed=seed, seats=[r.id for r in pack.scenario.roles])
    states = [state]
    for action in played:
        state, _ = apply(state, action)
        states.append(state)
    return states


@pytest.mark.parametrize(
    ("pack_dir", "seed"),
    [(MINI, 1), (MINI, 2), (MINI, 3), (VILLE, 1), (VILLE, 7)],
)
def test_every_seat_view_is_byte_for_byte_player_view(pack_dir, seed):
    # the server sends these texts: a player must not be able to tell which built them
    states = _states(pack_dir, seed)
    assert states[-1].phase is Phase.FIN  # the whole game, reveal included
    roles = [s.role for s in states[0].seats]
    orders = ([*roles, None], [None, *reversed(roles)])
    for i, state in enumerate(states):
        seats = orders[i % 2]
        views = player_views(state, seats)
        assert list(views) == seats
        for seat in seats:
            assert views[seat].model_dump_json() == player_view(state, seat).model_dump_json()


def test_a_seat_outside_the_game_sees_what_player_view_shows_it():
    # an unknown role has no secret and no action, as in player_view
    state = _states(MINI, 4)[5]
    views = player_views(state, ["dgs", "inconnu"])
    assert views["inconnu"].secret is None
    assert views["inconnu"].legal_actions == ()
    assert views["inconnu"].model_dump_json() == player_view(state, "inconnu").model_dump_json()


def _uncached_json(state: GameState, seat: str | None) -> str:
    """`player_view(state, seat)` JSON computed from nothing remembered."""
    view_module._BY_INPUTS.clear()
    view_module._MEMO.clear()
    view_module._ENTRIES.clear()
    view_module._PROPOSALS.clear()
    return player_view(state, seat).model_dump_json()


@pytest.mark.parametrize(("pack_dir", "seed"), [(MINI, 5), (VILLE, 2), (VILLE, 11)])
def test_views_built_from_earlier_states_equal_views_built_from_nothing(pack_dir, seed):
    # the market's card side is shared between states with the same inputs (a vote
    # changes none): every view of a whole game, built in play order with the caches
    # warm, equals the one built with them empty
    states = _states(pack_dir, seed)
    roles: list[str | None] = [s.role for s in states[0].seats]
    warm: list[dict[str | None, str]] = []
    for state in states:
        views = player_views(state, [*roles, None])
        warm.append({seat: v.model_dump_json() for seat, v in views.items()})
    for state, texts in zip(states, warm, strict=True):
        for seat in [*roles, None]:
            assert texts[seat] == _uncached_json(state, seat)


def _facilitator_reference(state: GameState) -> list[dict[str, object]]:
    """The facilitator's legal actions, each candidate built and checked on its own."""
    candidates: list[Action] = [
        StartGame(),
        Pause(),
        Resume(),
        AdvancePhase(),
        SetTimer(seconds=300),
        ExtendTimer(seconds=60),
        EndGame(),
    ]
    candidates += [
        InjectEvent(event=e) for e in state.catalog.events if e not in state.drawn_events
    ]
    return [a.model_dump() for a in candidates if facilitator_refusal(state, a.type) is None]


def test_facilitator_actions_are_those_of_every_candidate_checked_alone():
    states = _states(VILLE, 3)
    paused = apply(states[40], Pause())[0]
    for state in [*states[::7], states[-1], paused]:
        got = [a.model_dump() for a in legal_actions(state, None)]
        assert got == _facilitator_reference(state)


def test_a_state_differing_in_one_market_input_gets_its_own_market():
    # each input of the market's card side, changed alone on a propositions state whose
    # market is already remembered, changes what the view shows where it should
    seat = "dgs"
    state = next(
        s
        for s in _states(VILLE, 2)
        if s.phase is Phase.PROPOSITIONS
        and s.turn == 2
        and propose_seat_refusal(s, seat) is None
        and any(p.status is ProposalStatus.OPEN for p in s.proposals)
    )
    cat = state.catalog
    variants = {
        "budget": {"budget": 0},
        "capacity_left": {"capacity_left": 0},
        "gauges": {"gauges": dict.fromkeys(state.gauges, 0)},
        "unlocked": {
            "unlocked": (*state.unlocked, *(c for c in cat.use_cases if c not in state.unlocked))
        },
        "projects": {"projects": ()},
        "proposals": {"proposals": ()},
    }
    warm = player_view(state, seat)
    for name, update in variants.items():
        changed = state.model_copy(update=update)
        got = player_view(changed, seat)
        assert got.model_dump_json() == _uncached_json(changed, seat), name
        assert got.market != warm.market, f"{name} changes nothing in the market here"
        player_view(state, seat)  # the original's market remembered again


def test_risk_levels_follow_projects_and_extra_exposures():
    # risk levels are kept per (projects, extra exposures): each changed alone changes
    # them, as computing them from nothing does
    def levels(s: GameState) -> object:
        return json.loads(_uncached_json(s, "dgs"))["risk_levels"]

    # a state whose deployed projects move a risk level (so that removing them shows)
    state = next(
        s
        for s in reversed(_states(VILLE, 2))
        if any(p.status.value == "deployed" for p in s.projects)
        and s.phase is not Phase.FIN
        and levels(s) != levels(s.model_copy(update={"projects": ()}))
    )
    warm = player_view(state, "dgs")
    # a risk not already « élevé », so that more exposure shows
    risk = next(r for r, level in warm.risk_levels.items() if level != "eleve")
    exposure = Exposure.model_validate({"risque": risk, "exposition": 0.5})
    variants = {
        "projects": {"projects": ()},
        "extra_exposures": {"extra_exposures": (*state.extra_exposures, exposure)},
    }
    for name, update in variants.items():
        changed = state.model_copy(update=update)
        got = player_view(changed, "dgs")
        assert got.model_dump_json() == _uncached_json(changed, "dgs"), name
        assert got.risk_levels != warm.risk_levels, name
        player_view(state, "dgs")


@pytest.mark.parametrize(("pack_dir", "seed"), [(MINI, 6), (VILLE, 4), (VILLE, 9)])
def test_views_built_without_validation_are_what_validation_gives(pack_dir, seed):
    # player_view assembles the model without validating it (the values come from the
    # validated state): validating the same fields must change nothing, for every seat
    # and the facilitator at every state of a whole game
    states = _states(pack_dir, seed)
    seats: list[str | None] = [*(s.role for s in states[0].seats), None]
    for state in states:
        for seat in seats:
            view = player_view(state, seat)
            validated = PlayerView(**view.__dict__)
            assert validated == view
            assert validated.model_dump_json() == view.model_dump_json()
            assert validated.model_fields_set == view.model_fields_set
