"""Applying gauge and budget effects, clamped to the gauges' bounds."""

from __future__ import annotations

from collections.abc import Mapping

from game.engine.events import EffectsApplied, GameEvent
from game.engine.state import GameState

BUDGET = "budget"


def apply_effects(
    state: GameState, effects: Mapping[str, int], *, source: str, events: list[GameEvent]
) -> GameState:
    """Add `effects` to the gauges (clamped) and budget (never below 0); record them."""
    if not effects:
        return state
    gauges = dict(state.gauges)
    budget = state.budget
    applied: dict[str, int] = {}
    for key, delta in effects.items():
        if key == BUDGET:
            new_budget = max(0, budget + delta)
            applied[key] = new_budget - budget
            budget = new_budget
            continue
        gauge = state.catalog.gauges.get(key)
        if gauge is None:
            continue
        value = min(gauge.max, max(gauge.min, gauges[key] + delta))
        applied[key] = value - gauges[key]
        gauges[key] = value
    events.append(EffectsApplied(turn=state.turn, source=source, effects=applied))
    return state.model_copy(update={"gauges": gauges, "budget": budget})
