"""The one loop that plays a game to the end: `play(pack, policy, seed)`.

A policy says what the table does next (which seat acts, with which action, at what
time, or that the phase timer runs out); `play` applies it and logs it until the
game ends. The engine stays pure: chance here comes from the seeded `random.Random`
the driver hands the policy, time from the clock the policy keeps.

Policies of whole tables of bots (each seat plays a `game.bots` strategy):

- `BotRounds`: rounds in a shuffled seat order, each seat acting on the latest
  state; a round where nobody acts lets the phase timer run out (`capia playtest`).
- `BotPick`: every seat's bot picks a move, one of them at random is played; none:
  the phase timer runs out (the server tests, one move at a time).
- `OneSeat`: one seat at random plays its bot's move, or nothing this step.

`game.randomplay.RandomTable` plays like people at a table, for realistic logs.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from typing import Protocol

from game.bots import Bot
from game.engine import Action, GameEvent, GameState, Phase
from game.engine.actions import PhaseTimeout
from game.log import GameLog, UnrecordedGame, revised
from game.scenario.models import Pack

MAX_STEPS = 20_000

#: Called after each applied action with the action, the new state and what happened.
Watch = Callable[[Action, GameState, tuple[GameEvent, ...]], None]


class Policy(Protocol):
    """What a table does next: an action stamped with its time, or None (nothing this step)."""

    def __call__(self, state: GameState, rng: random.Random) -> Action | None: ...


def play(
    pack: Pack,
    policy: Policy,
    seed: int,
    *,
    seats: Iterable[str] | None = None,
    created_at: float = 0.0,
    max_steps: int = MAX_STEPS,
    watch: Watch | None = None,
    record: bool = True,
) -> GameLog:
    """Play a game of `pack` seeded `seed`, `policy` choosing every action, until it ends
    or `max_steps` steps have passed; return its log.

    `seats` are occupied from the start (None: every role). The policy draws from one
    `random.Random(seed)`, so a seed and a policy always play the same game. Without
    `record`, the same game is played but not logged (an `UnrecordedGame`: the final
    state and the number of actions only).
    """
    roles = [r.id for r in pack.scenario.roles] if seats is None else list(seats)
    log = (
        GameLog.new(pack, seed=seed, seats=roles, created_at=created_at)
        if record
        else UnrecordedGame.start(pack, seed=seed, seats=roles)
    )
    rng = random.Random(seed)
    for _ in range(max_steps):
        if log.state.phase is Phase.FIN:
            break
        action = policy(log.state, rng)
        if action is None:
            continue
        state, events = log.append(action)
        if watch is not None:
            watch(action, state, events)
    return log


def _timeout(state: GameState, clock: float) -> PhaseTimeout:
    """The phase timer running out, at its deadline (or `clock` if later or none)."""
    return PhaseTimeout(at=max(clock, state.timer.deadline or clock))


class BotRounds:
    """Every occupied seat plays `bot`, in rounds of a shuffled seat order; a round where
    nobody acts lets the phase timer run out. One second passes per action."""

    def __init__(self, bot: Bot, *, clock: float = 0.0) -> None:
        self.bot = bot
        self.clock = clock
        self._order: list[str] | None = None  # the seats left in this round
        self._acted = False

    def __call__(self, state: GameState, rng: random.Random) -> Action:
        while True:
            if self._order is None:
                self._order = [s.role for s in state.seats if s.occupied]
                rng.shuffle(self._order)
                self._acted = False
            if not self._order:
                self._order = None
                if not self._acted:
                    timeout = _timeout(state, self.clock)
                    self.clock = timeout.at
                    return timeout
                continue
            action = self.bot(state, self._order.pop(0), rng)
            if action is not None:
                self.clock += 1.0
                self._acted = True
                return revised(action, at=self.clock)


class BotPick:
    """Every seat's `bot` picks a move and one of them, at random, is played; when none
    can move, the phase timer runs out. One second passes per step."""

    def __init__(self, bot: Bot, *, clock: float = 0.0) -> None:
        self.bot = bot
        self.clock = clock

    def __call__(self, state: GameState, rng: random.Random) -> Action:
        moves = [a for s in state.seats if (a := self.bot(state, s.role, rng)) is not None]
        self.clock += 1.0
        if moves:
            return revised(rng.choice(moves), at=self.clock)
        timeout = _timeout(state, self.clock)
        self.clock = timeout.at
        return timeout


class OneSeat:
    """One occupied seat, at random, plays `bot`'s move (None when it has none). The
    actions are not stamped: time stands still."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def __call__(self, state: GameState, rng: random.Random) -> Action | None:
        seat = rng.choice([s.role for s in state.seats if s.occupied])
        return self.bot(state, seat, rng)
