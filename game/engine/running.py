"""Running costs: what deployed cards cost each turn, paid before anything new is funded."""

from __future__ import annotations

from game.engine.events import GameEvent, RunningCostsPaid, UseCaseResumed, UseCaseSuspended
from game.engine.state import GameState, ProjectStatus, SuspensionCause

UNPAID_REASON = "suspendu faute de budget pour son fonctionnement"


def running_cost(state: GameState) -> int:
    """k€ the deployed cards (and those stopped only for want of money) cost per turn."""
    total = 0
    for project in state.projects:
        if _runs(project.status, project.suspended_by):
            terms = state.catalog.terms(project.card, project.vector)
            total += terms.running_cost if terms else 0
    return total


def _runs(status: ProjectStatus, cause: SuspensionCause | None) -> bool:
    return status is ProjectStatus.DEPLOYED or (
        status is ProjectStatus.SUSPENDED and cause is SuspensionCause.UNPAID
    )


def pay_running_costs(state: GameState, events: list[GameEvent]) -> GameState:
    """Pay each running card in funding order; one the budget cannot pay is suspended.

    A card suspended for want of money resumes the first turn its cost can be paid.
    """
    budget = state.budget
    paid = 0
    unpaid: list[str] = []
    projects = []
    for project in state.projects:
        terms = state.catalog.terms(project.card, project.vector)
        cost = terms.running_cost if terms else 0
        if not cost or not _runs(project.status, project.suspended_by):
            projects.append(project)
            continue
        if cost <= budget:
            budget -= cost
            paid += cost
            if project.status is ProjectStatus.SUSPENDED:
                events.append(UseCaseResumed(turn=state.turn, card=project.card))
                project = project.model_copy(
                    update={
                        "status": ProjectStatus.DEPLOYED,
                        "suspended_reason": "",
                        "suspended_by": None,
                    }
                )
        elif project.status is ProjectStatus.DEPLOYED:
            unpaid.append(project.card)
            events.append(
                UseCaseSuspended(turn=state.turn, card=project.card, reason=UNPAID_REASON)
            )
            project = project.model_copy(
                update={
                    "status": ProjectStatus.SUSPENDED,
                    "suspended_reason": UNPAID_REASON,
                    "suspended_by": SuspensionCause.UNPAID,
                }
            )
        else:
            unpaid.append(project.card)
        projects.append(project)
    if not paid and not unpaid:
        return state
    events.append(
        RunningCostsPaid(turn=state.turn, amount=paid, budget=budget, unpaid=tuple(unpaid))
    )
    return state.model_copy(update={"budget": budget, "projects": tuple(projects)})
