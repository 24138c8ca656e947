"""The pure rules of Cap IA: `new_game`, `apply`, `legal_actions`, `player_view`.

The engine reads no clock and draws no global random: time comes in on
actions, chance from the seed and position kept in the state.
"""

from game.engine.actions import ACTION_ADAPTER, Action, parse_action
from game.engine.errors import IllegalAction, RefusalCode
from game.engine.events import EVENT_ADAPTER, GameEvent
from game.engine.moves import apply, new_game
from game.engine.phase import PHASE_LABELS, Phase
from game.engine.public import facilitator_pack, public_pack
from game.engine.state import GameState
from game.engine.view import legal_actions, player_view, player_views
from game.engine.view_models import PlayerView

ENGINE_VERSION = "3"

__all__ = [
    "ACTION_ADAPTER",
    "ENGINE_VERSION",
    "EVENT_ADAPTER",
    "PHASE_LABELS",
    "Action",
    "GameEvent",
    "GameState",
    "IllegalAction",
    "Phase",
    "PlayerView",
    "RefusalCode",
    "apply",
    "facilitator_pack",
    "legal_actions",
    "new_game",
    "parse_action",
    "player_view",
    "player_views",
    "public_pack",
]
