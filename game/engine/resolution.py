"""The résolution phase: per-turn effects, projects advance and deploy, risks are drawn."""

from __future__ import annotations

from collections.abc import Iterator

from game.engine.branches import with_branches
from game.engine.effects import apply_effects
from game.engine.events import (
    CardDeployed,
    CardsUnlocked,
    GameEvent,
    ProjectAdvanced,
    RiskFired,
    ShadowAiRevealed,
    UseCaseResumed,
    UseCaseSuspended,
)
from game.engine.rng import draw
from game.engine.rules import lever_done
from game.engine.state import GameState, Project, ProjectStatus, RiskFiring, SuspensionCause

MAX_PROBABILITY = 0.95


def unlock(
    state: GameState, cards: tuple[str, ...], *, by: str, events: list[GameEvent]
) -> GameState:
    """Mark `cards` as unlocked."""
    new = tuple(c for c in cards if c not in state.unlocked)
    if not new:
        return state
    events.append(CardsUnlocked(turn=state.turn, cards=new, by=by))
    return state.model_copy(update={"unlocked": state.unlocked + new})


def _contributions(state: GameState) -> Iterator[tuple[str, float, str]]:
    """Every exposure (+) and mitigation (-) in force this turn: (risk, delta, card or source).

    The one place that says what moves a risk's probability: shadow AI always, deployed
    cards (the exposures and mitigations of their terms), dilemma follow-ups.
    """
    cat = state.catalog
    for shadow in cat.pack.scenario.collectivite.shadow_ai:
        for exp in shadow.risks:
            if exp.exposure > 0:
                yield exp.risk, exp.exposure, shadow.id
    for project in state.projects:
        if project.status is not ProjectStatus.DEPLOYED:
            continue
        terms = cat.terms(project.card, project.vector)
        if terms is None:
            continue
        for risk, exposure in terms.exposures.items():
            if exposure > 0:
                yield risk, exposure * project.exposure_factor, project.card
        for risk, reduction in terms.mitigations.items():
            if reduction > 0:
                yield risk, -reduction, project.card
    for exp in state.extra_exposures:
        if exp.exposure > 0:
            yield exp.risk, exp.exposure, "dilemme"


def _clamp(p: float) -> float:
    return min(MAX_PROBABILITY, max(0.0, round(p, 6)))


def risk_breakdown(state: GameState) -> dict[str, tuple[float, list[str], list[str]]]:
    """Each risk's probability this turn, what exposes it and what mitigates it (pack order)."""
    risks = state.catalog.risks
    p = {risk_id: risk.base_probability for risk_id, risk in risks.items()}
    sources: dict[str, list[str]] = {risk_id: [] for risk_id in risks}
    mitigations: dict[str, list[str]] = {risk_id: [] for risk_id in risks}
    for risk_id, delta, source in _contributions(state):
        if risk_id in p:
            p[risk_id] += delta
            (sources if delta > 0 else mitigations)[risk_id].append(source)
    return {r: (_clamp(p[r]), sources[r], mitigations[r]) for r in risks}


def risk_probability(state: GameState, risk_id: str) -> tuple[float, list[str], list[str]]:
    """This turn's probability of `risk_id`, the exposing sources and mitigating cards."""
    return risk_breakdown(state)[risk_id]


def risk_probabilities(state: GameState) -> dict[str, float]:
    """Every risk's probability this turn, in pack order."""
    return {r: p for r, (p, _, _) in risk_breakdown(state).items()}


def _advance_projects(state: GameState, events: list[GameEvent]) -> GameState:
    cat = state.catalog
    for project in state.projects:
        if project.status is not ProjectStatus.IN_PROGRESS:
            continue
        progress = project.progress + 1
        update: dict[str, object] = {"progress": progress}
        events.append(
            ProjectAdvanced(
                turn=state.turn, card=project.card, progress=progress, duration=project.duration
            )
        )
        missing: tuple[int, ...] = ()
        factor = 1.0
        if progress >= project.duration:
            missing, factor = early_deployment(state, project.card)
            update.update(
                status=ProjectStatus.DEPLOYED,
                deployed_turn=state.turn,
                missing_steps=missing,
                exposure_factor=factor,
            )
        state = _replace_project(state, project.model_copy(update=update))
        if progress < project.duration:
            continue
        events.append(
            CardDeployed(
                turn=state.turn,
                card=project.card,
                vector=project.vector,
                missing_steps=missing,
                exposure_factor=factor,
            )
        )
        terms = cat.terms(project.card, project.vector)
        if terms is None:
            continue
        state = apply_effects(state, terms.on_deploy, source=project.card, events=events)
        state = unlock(state, terms.unlocks, by=project.card, events=events)
        if terms.reveals_shadow_ai and not state.shadow_revealed:
            events.append(ShadowAiRevealed(turn=state.turn, by=project.card))
            state = state.model_copy(update={"shadow_revealed": True})
    return _check_obligations(state, events)


def early_deployment(state: GameState, card: str) -> tuple[tuple[int, ...], float]:
    """The steps of the method a use case deployed now comes before, and its exposure factor.

    Each of the scenario's step-order rules that concerns `card` adds its `majoration`
    once per listed step with no lever done yet (the factor stays for the whole game).
    """
    use_case = state.catalog.use_cases.get(card)
    if use_case is None:
        return (), 1.0
    done = {
        state.catalog.levers[p.card].step
        for p in state.projects
        if p.kind == "lever" and p.status is ProjectStatus.DEPLOYED
    }
    missing: list[int] = []
    factor = 1.0
    for rule in state.catalog.pack.scenario.rules.step_order:
        if rule.generative_only and not use_case.generative:
            continue
        for step in rule.steps:
            if step not in done:
                factor += rule.increase
                if step not in missing:
                    missing.append(step)
    return tuple(sorted(missing)), round(factor, 6)


def _check_obligations(state: GameState, events: list[GameEvent]) -> GameState:
    """Suspend deployed use cases whose required levers are missing; resume the others."""
    for card, levers in state.obligations.items():
        project = state.project(card)
        if project is None or project.status is ProjectStatus.IN_PROGRESS:
            continue
        missing = [lev for lev in levers if not lever_done(state, lev)]
        if missing and project.status is ProjectStatus.DEPLOYED:
            reason = "en attente du levier « " + state.catalog.card_title(missing[0]) + " »"
            events.append(UseCaseSuspended(turn=state.turn, card=card, reason=reason))
            state = _suspend(state, project, SuspensionCause.OBLIGATION, reason)
        elif (
            not missing
            and project.status is ProjectStatus.SUSPENDED
            and project.suspended_by is SuspensionCause.OBLIGATION
        ):
            events.append(UseCaseResumed(turn=state.turn, card=card))
            upd = {"status": ProjectStatus.DEPLOYED, "suspended_reason": "", "suspended_by": None}
            state = _replace_project(state, project.model_copy(update=upd))
    return state


def _suspend(state: GameState, project: Project, cause: SuspensionCause, reason: str) -> GameState:
    upd = {"status": ProjectStatus.SUSPENDED, "suspended_reason": reason, "suspended_by": cause}
    return _replace_project(state, project.model_copy(update=upd))


def _replace_project(state: GameState, new: Project) -> GameState:
    projects = tuple(new if p.card == new.card else p for p in state.projects)
    return state.model_copy(update={"projects": projects})


def _per_turn_effects(state: GameState, events: list[GameEvent]) -> GameState:
    cat = state.catalog
    for project in state.projects:
        if project.status is not ProjectStatus.DEPLOYED:
            continue
        terms = cat.terms(project.card, project.vector)
        if terms is not None:
            state = apply_effects(state, terms.per_turn, source=project.card, events=events)
    return state


def _draw_risks(state: GameState, events: list[GameEvent]) -> GameState:
    cat = state.catalog
    breakdown = risk_breakdown(state)
    for risk in cat.pack.risks:
        p, sources, mitigations = breakdown[risk.id]
        value, rng = draw(state.rng)
        state = state.model_copy(update={"rng": rng})
        if value >= p:
            continue
        suspended = _most_exposed(state, risk.id) if risk.consequences.suspends_use_case else None
        firing = RiskFiring(
            turn=state.turn,
            risk=risk.id,
            probability=p,
            sources=tuple(sources),
            mitigations=tuple(mitigations),
            suspended=suspended,
        )
        events.append(RiskFired(**firing.model_dump()))
        state = state.model_copy(update={"risks_fired": (*state.risks_fired, firing)})
        effects = with_branches(
            state,
            risk.consequences.effects,
            risk.consequences.branches,
            source=risk.id,
            events=events,
        )
        state = apply_effects(state, effects, source=risk.id, events=events)
        if suspended is not None:
            project = state.project(suspended)
            assert project is not None
            reason = f"suspendu après « {risk.title} »"
            events.append(UseCaseSuspended(turn=state.turn, card=suspended, reason=reason))
            state = _suspend(state, project, SuspensionCause.RISK, reason)
    return state


def _most_exposed(state: GameState, risk_id: str) -> str | None:
    """The deployed card most exposed to `risk_id` (first in funding order on ties)."""
    best: tuple[float, str] | None = None
    for project in state.projects:
        if project.status is not ProjectStatus.DEPLOYED:
            continue
        terms = state.catalog.terms(project.card, project.vector)
        exposure = terms.exposures.get(risk_id, 0.0) * project.exposure_factor if terms else 0.0
        if exposure > 0 and (best is None or exposure > best[0]):
            best = (exposure, project.card)
    return best[1] if best else None


def resolve_turn(state: GameState, events: list[GameEvent]) -> GameState:
    """Run the résolution: per-turn effects, projects advance, risks drawn, gauges recorded."""
    state = _per_turn_effects(state, events)
    state = _advance_projects(state, events)
    state = _draw_risks(state, events)
    return state.model_copy(update={"gauge_history": (*state.gauge_history, dict(state.gauges))})
