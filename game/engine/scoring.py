"""Final score: weighted gauges (0-100) for the team, plus each role's secret objective."""

from __future__ import annotations

from game.engine.rules import lever_done
from game.engine.state import GameState, ProjectStatus
from game.scenario.models import Condition


def gauge_score(state: GameState) -> float:
    """Weighted average of the gauges, each scaled to 0-100."""
    total = 0.0
    weights = 0.0
    for gauge in state.catalog.pack.scenario.gauges:
        span = gauge.max - gauge.min
        total += gauge.weight * (state.gauges[gauge.id] - gauge.min) * 100 / span
        weights += gauge.weight
    return round(total / weights, 2) if weights else 0.0


def _deployed(state: GameState) -> list[str]:
    return [
        p.card
        for p in state.projects
        if p.kind == "use_case" and p.status is ProjectStatus.DEPLOYED
    ]


def _in_bounds(value: float, cond: Condition) -> bool:
    return (cond.min is None or value >= cond.min) and (cond.max is None or value <= cond.max)


def _count_ok(count: int, cond: Condition) -> bool:
    """A count condition with neither min nor max means « at least one »."""
    if cond.min is None and cond.max is None:
        return count >= 1
    return _in_bounds(count, cond)


def condition_met(state: GameState, cond: Condition) -> bool:
    """True when `cond` holds in `state`."""
    cat = state.catalog
    if cond.gauge is not None:
        return _in_bounds(state.gauges.get(cond.gauge, 0), cond)
    if cond.lever is not None:
        return lever_done(state, cond.lever)
    if cond.use_case is not None:
        return cond.use_case in _deployed(state)
    if cond.axis is not None:
        count = sum(1 for c in _deployed(state) if cat.use_cases[c].axis == cond.axis)
        return _count_ok(count, cond)
    if cond.vector is not None:
        count = sum(
            1
            for p in state.projects
            if p.kind == "use_case"
            and p.status is ProjectStatus.DEPLOYED
            and p.vector == cond.vector
        )
        return _count_ok(count, cond)
    if cond.risk_avoided is not None:
        return all(f.risk != cond.risk_avoided for f in state.risks_fired)
    return _in_bounds(state.budget, cond)


def needs_met(state: GameState) -> dict[str, bool]:
    """Whether each stated need of the collectivité is answered by a use case in service."""
    cat = state.catalog
    answered = {need for card in _deployed(state) for need in cat.use_cases[card].needs}
    return {need.id: need.id in answered for need in cat.pack.scenario.needs}


def team_score(state: GameState) -> float:
    """The gauges' score (0-100) plus the points of every need a use case in service answers."""
    needs = {n.id: n.points for n in state.catalog.pack.scenario.needs}
    bonus = sum(needs[n] for n, ok in needs_met(state).items() if ok)
    return round(gauge_score(state) + bonus, 2)


def objectives(state: GameState) -> dict[str, bool]:
    """Whether each role's secret objective is met now."""
    return {
        role.id: all(condition_met(state, c) for c in role.secret.conditions)
        for role in state.catalog.pack.scenario.roles
    }


def final_scores(state: GameState) -> tuple[float, dict[str, float], dict[str, bool]]:
    """Team score, each role's score (team + objective points) and objectives met."""
    team = team_score(state)
    met = objectives(state)
    roles = state.catalog.roles
    scores = {r: round(team + (roles[r].secret.points if ok else 0), 2) for r, ok in met.items()}
    return team, scores, met
