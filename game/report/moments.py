"""A table's key moments: the votes and dilemmas that split it, the risks that fired.

Each kind of moment has a finder: a function from the `TableReport` to its candidates,
most telling first. `FINDERS` lists them in the order kinds take turns when moments are
picked. A new rule that deserves a moment (running costs, conditional effects...) adds a
moment class with its own `kind`, a finder here, and its lines in the templates
(`_moments.html.j2`, `report.md.j2`, dispatched on `kind`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from game.report.conditions import BranchRecord
from game.report.model import (
    Ballot,
    DilemmaRecord,
    Mitigator,
    ProposalRecord,
    RiskGroup,
    TableReport,
)

MOST = 5


@dataclass(frozen=True)
class VoteMoment:
    """A vote that split the table « pour » against « contre »."""

    vote: ProposalRecord
    quotes: tuple[Ballot, ...]
    kind: Literal["vote"] = "vote"

    @property
    def turn(self) -> int:
        return self.vote.turn


@dataclass(frozen=True)
class DilemmaMoment:
    """A dilemma where some seats chose another option than the one that won."""

    dilemma: DilemmaRecord
    quotes: tuple[Ballot, ...]
    kind: Literal["dilemma"] = "dilemma"

    @property
    def turn(self) -> int:
        return self.dilemma.turn


@dataclass(frozen=True)
class RiskMoment:
    """A risk that fired (once or more), and the levers that would have attenuated it."""

    risk: RiskGroup
    would_have: tuple[Mitigator, ...]
    kind: Literal["risk"] = "risk"

    @property
    def turn(self) -> int:
        return self.risk.first.turn


@dataclass(frozen=True)
class BranchMoment:
    """An event or a risk whose `si` branch applied: attenuated or made worse by what the
    table had (or had not) put in place."""

    branch: BranchRecord
    kind: Literal["branch"] = "branch"

    @property
    def turn(self) -> int:
        return self.branch.turns[0]


KeyMoment = VoteMoment | DilemmaMoment | RiskMoment | BranchMoment


def split_key(p: ProposalRecord) -> tuple[int, int, int, int]:
    """How split a vote was, larger is more: seats in the minority, then how close the
    two sides were, then how many justifications were written, then the earlier turn."""
    return (p.minority, -abs(p.pour - p.contre), len(p.written), -p.turn)


def dissent_key(d: DilemmaRecord) -> tuple[int, int, int, int]:
    """How split a dilemma was: ballots against the winner, options that got a vote,
    justifications written, earlier turn."""
    return (d.dissent, sum(o.votes > 0 for o in d.options), len(d.written), -d.turn)


def _best(ballots: Iterable[Ballot]) -> Ballot | None:
    """The fullest written justification (the first one on ties)."""
    written = [b for b in ballots if b.justification.strip()]
    return max(written, key=lambda b: len(b.justification.strip()), default=None)


Side = Callable[[Ballot], bool]


def _quotes(ballots: Sequence[Ballot], sides: Sequence[Side]) -> tuple[Ballot, ...]:
    """One best justification per side, then a second one from any side when a side has none."""
    picked = [b for side in sides if (b := _best(x for x in ballots if side(x))) is not None]
    if len(picked) < 2:
        extra = _best(b for b in ballots if b not in picked)
        if extra is not None:
            picked.append(extra)
    return tuple(picked)


def vote_moments(table: TableReport) -> list[VoteMoment]:
    """Votes with seats on both sides, most split first; a card put to the vote again
    counts once, by its most split vote."""
    split = sorted((p for p in table.proposals if p.minority > 0), key=split_key, reverse=True)
    firsts: dict[str, ProposalRecord] = {}
    for p in split:
        firsts.setdefault(p.card, p)
    split = list(firsts.values())
    return [
        VoteMoment(
            p,
            _quotes(
                [b for b in p.ballots if not b.author],
                (lambda b: b.choice == "pour", lambda b: b.choice == "contre"),
            ),
        )
        for p in split
    ]


def dilemma_moments(table: TableReport) -> list[DilemmaMoment]:
    """Dilemmas with votes for more than one option, most split first."""
    split = sorted((d for d in table.dilemmas if d.dissent > 0), key=dissent_key, reverse=True)
    return [DilemmaMoment(d, _quotes(d.ballots, _winner_and_others(d.chosen))) for d in split]


def _winner_and_others(chosen: str | None) -> tuple[Side, Side]:
    return (lambda b: b.choice == chosen, lambda b: b.choice != chosen)


def risk_key(group: RiskGroup) -> tuple[int, int, int, int]:
    """How much a risk weighed: times it fired, use cases it suspended, the size of its
    consequences on the gauges, then the earlier turn."""
    size = sum(abs(v) for _k, v in group.first.gauge_effects)
    return (len(group.firings), len(group.suspended), size, -group.first.turn)


def risk_moments(table: TableReport) -> list[RiskMoment]:
    """Risks that fired, heaviest first, with what would have attenuated them."""
    groups = sorted(table.risk_groups, key=risk_key, reverse=True)
    return [
        RiskMoment(g, tuple(sorted(g.first.missing, key=lambda m: -m.reduction)[:3]))
        for g in groups
    ]


def branch_moments(table: TableReport) -> list[BranchMoment]:
    """Branches that applied, those made worse first, the heaviest first."""
    ranked = sorted(table.branches, key=lambda b: (not b.held, b.size, -b.turns[0]), reverse=True)
    return [BranchMoment(b) for b in ranked]


FINDERS: tuple[Callable[[TableReport], Sequence[KeyMoment]], ...] = (
    vote_moments,
    risk_moments,
    dilemma_moments,
    branch_moments,
)


def key_moments(table: TableReport, *, most: int = MOST) -> tuple[KeyMoment, ...]:
    """Up to `most` moments, the best of each kind in turn (so every kind that happened
    is there), shown in the order they happened."""
    queues = [list(find(table)) for find in FINDERS]
    picked: list[KeyMoment] = []
    while len(picked) < most and any(queues):
        for queue in queues:
            if queue and len(picked) < most:
                picked.append(queue.pop(0))
    return tuple(sorted(picked, key=lambda m: m.turn))
