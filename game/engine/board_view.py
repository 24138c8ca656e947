"""The public view: what a board (the table's shared screen, with no seat) may see.

It is a player's view with everything a seat keeps to itself taken out: no seat,
no secret objective (not even the others', revealed to the seats at the end), no
legal actions, and the market as the table sees it (the cards' own locks, no seat's
quota). The shadow-AI inventory stays masked until the table reveals it in play,
even at the end, when the seats' views show it: a board is a screen in the room.
"""

from __future__ import annotations

from game.engine.state import GameState
from game.engine.view import (
    _market_base_of,
    _per_state,
    _seat_market,
    _visible_risks,
    player_view,
)
from game.engine.view_models import MarketCard, PlayerView


def public_market(state: GameState) -> tuple[MarketCard, ...]:
    """Each card's status and reason from the cards' side only (no seat's part)."""
    return _seat_market(state, None, None, _per_state(state, "market", _market_base_of))


def public_view(state: GameState) -> PlayerView:
    """The view of a board: the public state of the table, nothing any seat would hide."""
    view = player_view(state, state.seats[0].role)
    shadow = state.catalog.pack.scenario.collectivite.shadow_ai
    hidden = frozenset(() if state.shadow_revealed else (s.id for s in shadow))
    risks_fired, feed = _visible_risks(state, hidden)
    return view.model_copy(
        update={
            "seat": None,
            "secret": None,
            "secrets": {},
            "legal_actions": (),
            "market": public_market(state),
            "shadow_ai": view.shadow_ai if state.shadow_revealed else None,
            "risks_fired": risks_fired,
            "feed": feed,
        }
    )
