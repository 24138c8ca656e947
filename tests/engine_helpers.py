"""Small helpers to put a game of the mini pack where a rule test needs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.bots import random_bot
from game.driver import OneSeat
from game.driver import play as play_to_the_end
from game.engine import Action, GameState, Phase, apply, new_game
from game.engine.actions import Ready, StartGame
from game.scenario import load_pack
from game.scenario.models import Pack

MINI = Path(__file__).parent / "packs" / "mini"
ROLES = ("dgs", "dpo", "elu", "drh")


def mini_pack() -> Pack:
    return load_pack(MINI)


def quiet_pack(**scenario_rules: Any) -> Pack:
    """The mini pack with no event deck (so turns start the same whatever the seed)."""
    pack = mini_pack()
    if scenario_rules:
        rules = pack.scenario.rules.model_copy(update=scenario_rules)
        pack = pack.model_copy(
            update={"scenario": pack.scenario.model_copy(update={"rules": rules})}
        )
    return pack.model_copy(update={"events": ()})


def replace_card(pack: Pack, deck: str, card_id: str, **update: Any) -> Pack:
    """A copy of `pack` where card `card_id` of `deck` (e.g. "risks") is updated."""
    cards = tuple(
        c.model_copy(update=update) if c.id == card_id else c for c in getattr(pack, deck)
    )
    return pack.model_copy(update={deck: cards})


def play(state: GameState, *actions: Action) -> GameState:
    for action in actions:
        state, _ = apply(state, action)
    return state


def all_ready(state: GameState) -> GameState:
    """Every occupied seat says « prêt » (the phase ends)."""
    for seat in state.seats:
        if seat.occupied and not seat.ready:
            state, _ = apply(state, Ready(seat=seat.role))
    return state


def started(
    pack: Pack | None = None, *, seats: tuple[str, ...] = ROLES, seed: int = 1
) -> GameState:
    """A game of turn 1 in the propositions phase."""
    state = new_game(pack or quiet_pack(), seed=seed, seats=seats)
    state = play(state, StartGame(at=0))  # lobby → événement
    state = all_ready(state)
    assert state.phase is Phase.PROPOSITIONS
    return state


def random_game(pack: Pack, seed: int, max_steps: int = 20_000) -> tuple[GameState, list[Action]]:
    """Every seat plays random legal actions until the end; returns the state and actions."""
    played: list[Action] = []
    log = play_to_the_end(
        pack, OneSeat(random_bot), seed, max_steps=max_steps, watch=lambda a, *_: played.append(a)
    )
    return log.state, played
