"""Three questions for the facilitator to put to the room, drawn from what the table did.

Each asker looks at one thing the table did and returns its question, or None when the
table gives it nothing to ask about; `ASKERS` is their order of priority. A new rule adds
its asker here (and its wording to the catalogue).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from game.report.i18n import Messages
from game.report.method import MethodOrder, order_sentence
from game.report.model import TableReport
from game.report.moments import DilemmaMoment, KeyMoment, RiskMoment, VoteMoment

QUESTIONS = 3


@dataclass(frozen=True)
class Facts:
    """What the askers read: the table, its key moments and the order of its steps."""

    table: TableReport
    moments: Sequence[KeyMoment]
    order: MethodOrder


Asker = Callable[[Facts, Messages], str | None]


def _about_order(facts: Facts, t: Messages) -> str | None:
    if facts.order.verdict not in ("late", "reordered"):
        return None
    return t("question_order", sentence=order_sentence(facts.order, t).rstrip("."))


def _about_vote(facts: Facts, t: Messages) -> str | None:
    vote = next((m.vote for m in facts.moments if isinstance(m, VoteMoment)), None)
    if vote is None:
        return None
    return t("question_vote", title=vote.title, pour=vote.pour, contre=vote.contre)


def _about_risk(facts: Facts, t: Messages) -> str | None:
    moment = next((m for m in facts.moments if isinstance(m, RiskMoment) and m.would_have), None)
    if moment is None:
        return None
    lever = moment.would_have[0]
    return t("question_risk", risk=moment.risk.first.title, turn=moment.turn, lever=lever.title)


def _about_dilemma(facts: Facts, t: Messages) -> str | None:
    moment = next((m for m in facts.moments if isinstance(m, DilemmaMoment)), None)
    if moment is None or moment.dilemma.chosen is None:
        return None
    d = moment.dilemma
    key = "question_dilemma_one" if d.dissent == 1 else "question_dilemma"
    return t(key, title=d.title, n=d.dissent, chosen=d.chosen)


def _about_objectives(facts: Facts, t: Messages) -> str | None:
    missed = [o.person.title for o in facts.table.objectives if not o.met]
    if not missed or len(missed) == len(facts.table.objectives):
        return None
    return t("question_objective", role=missed[0])


def _about_shadow_ai(facts: Facts, t: Messages) -> str | None:
    if facts.table.shadow_revealed or not facts.table.shadow_ai:
        return None
    return t("question_shadow_ai", uses=" ; ".join(facts.table.shadow_ai[:2]))


def _about_method_followed(facts: Facts, t: Messages) -> str | None:
    return t("question_followed") if facts.order.followed else None


def _anything(facts: Facts, t: Messages) -> str | None:
    return t("question_again")


def _first_step(facts: Facts, t: Messages) -> str | None:
    return t("question_first_step")


ASKERS: tuple[Asker, ...] = (
    _about_order,
    _about_vote,
    _about_risk,
    _about_dilemma,
    _about_objectives,
    _about_shadow_ai,
    _about_method_followed,
    _anything,
    _first_step,
)


def facilitator_questions(
    table: TableReport, moments: Sequence[KeyMoment], order: MethodOrder, t: Messages
) -> tuple[str, ...]:
    """The first `QUESTIONS` questions the table's game gives to ask."""
    facts = Facts(table, moments, order)
    found = [q for ask in ASKERS if (q := ask(facts, t)) is not None]
    return tuple(found[:QUESTIONS])
