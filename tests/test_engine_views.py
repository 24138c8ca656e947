"""`player_views` gives every seat exactly the view `player_view` gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
from engine_helpers import MINI, random_game

from game.engine import GameState, Phase, apply, new_game, player_view, player_views
from game.scenario import load_pack

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
