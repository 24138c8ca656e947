"""The debrief's data: what one table did, and how several tables compare.

Plain frozen dataclasses holding ids, French titles from the log's own pack
snapshot and what the players wrote (raw: escaping is the templates' job).
Labels that are not pack content (steps, vectors, choices) are looked up in
the message catalogue by the templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.terms import CardKind
from game.report.conditions import BranchRecord, CostsPaid, EarlyDeployment, NeedRecord

#: Where use cases sit on the roadmap: the seed's step 5, « déployer ».
USE_CASE_STEP = 5
STEPS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Person:
    """A seat: its role id and title, the name of the player who sat there, and whether
    anyone did (`present`: seated at some point, or acted), named or not."""

    role: str
    title: str
    name: str = ""
    present: bool = False


@dataclass(frozen=True)
class RoadmapCard:
    """A funded card: a use case (with its vector) or a lever."""

    card: str
    title: str
    kind: CardKind
    step: int
    turn: int  # the turn it was funded
    status: str  # "in_progress" | "deployed" | "suspended"
    vector: str | None = None
    deployed_turn: int | None = None
    note: str = ""
    prerequisites: tuple[str, ...] = ()  # titles of the levers it required
    cost: int = 0  # k€ once, when funded (its vector's for a use case)
    running_cost: int = 0  # k€ per turn once deployed (the pack's `cout_par_tour`)
    owner: Person | None = None  # the seat that proposed it (None: funded without a vote)


@dataclass(frozen=True)
class Ballot:
    """One seat's vote: a choice (pour/contre/abstention or an option label) and why."""

    person: Person
    choice: str
    justification: str = ""
    author: bool = False  # the proposer's own implicit « pour »
    at: float = 0.0  # when it was cast (seconds since the epoch; 0: not recorded)


@dataclass(frozen=True)
class ProposalRecord:
    """A card put to the vote, its ballots (the proposer's implicit « pour » first)."""

    turn: int
    index: int
    proposer: Person
    card: str
    title: str
    kind: CardKind
    vector: str | None
    status: str  # "funded" | "rejected" | "open"
    reason: str
    ballots: tuple[Ballot, ...]
    pour: int = 0
    contre: int = 0
    abstention: int = 0

    @property
    def contested(self) -> bool:
        """True when seats voted both « pour » and « contre » (abstaining is not opposing)."""
        return self.pour > 0 and self.contre > 0

    @property
    def minority(self) -> int:
        """How many seats were on the smaller side of « pour » and « contre »."""
        return min(self.pour, self.contre)

    @property
    def written(self) -> tuple[Ballot, ...]:
        """The ballots that carry a written justification."""
        return tuple(b for b in self.ballots if b.justification.strip())


@dataclass(frozen=True)
class OptionResult:
    id: str
    label: str
    votes: int
    chosen: bool


@dataclass(frozen=True)
class DilemmaRecord:
    turn: int
    dilemma: str
    title: str
    situation: str
    source: str  # title of the event or use case that raised it
    options: tuple[OptionResult, ...]
    chosen: str | None  # the winning option's label, None if never decided
    ballots: tuple[Ballot, ...]
    tie_break: str
    expert_view: str

    @property
    def dissent(self) -> int:
        """How many ballots went to another option than the one chosen (all of them when
        nothing was chosen but the votes differ)."""
        if self.chosen is None:
            counts = sorted((o.votes for o in self.options), reverse=True)
            return sum(counts[1:])
        return sum(b.choice != self.chosen for b in self.ballots)

    @property
    def written(self) -> tuple[Ballot, ...]:
        """The ballots that carry a written justification."""
        return tuple(b for b in self.ballots if b.justification.strip())


@dataclass(frozen=True)
class Source:
    """What exposed a risk: kind is "shadow_ai", "use_case" or "dilemma"."""

    kind: str
    title: str


@dataclass(frozen=True)
class Mitigator:
    """A card of the pack that attenuates a risk, and whether the table had it."""

    card: str
    title: str
    step: int
    reduction: float
    state: str  # "active" (done when the risk fired) | "later" | "missing"
    done_turn: int | None = None


@dataclass(frozen=True)
class RiskRecord:
    turn: int
    risk: str
    title: str
    description: str
    probability: float
    sources: tuple[Source, ...]
    mitigators: tuple[Mitigator, ...]
    consequences: tuple[tuple[str, int], ...]  # (gauge label, delta); label "" is the budget
    suspended: str | None
    lesson: str
    remedies: str
    gauge_effects: tuple[tuple[str, int], ...] = ()  # (gauge id, delta), for the charts

    @property
    def missing(self) -> tuple[Mitigator, ...]:
        """The levers that would have attenuated it but were not done in time."""
        return tuple(m for m in self.mitigators if m.state != "active")


@dataclass(frozen=True)
class ObjectiveRecord:
    person: Person
    text: str
    met: bool
    points: int
    score: float | None


@dataclass(frozen=True)
class RiskGroup:
    """Every firing of one risk in a game: one card at the debrief, however often it fired."""

    first: RiskRecord
    firings: tuple[RiskRecord, ...]

    @property
    def turns(self) -> tuple[int, ...]:
        return tuple(r.turn for r in self.firings)

    @property
    def suspended(self) -> tuple[str, ...]:
        """The use cases it suspended, each once."""
        return tuple(dict.fromkeys(r.suspended for r in self.firings if r.suspended))


@dataclass(frozen=True)
class Threshold:
    """A bound a secret objective puts on a gauge: `bound` is "min" (at least) or "max";
    `kept`: the gauge's final value is within it."""

    role: str  # the role's title
    bound: str
    value: int
    kept: bool


@dataclass(frozen=True)
class GaugeSeries:
    """A gauge's values: index 0 is the start, index t the value after turn t."""

    id: str
    label: str
    min: int
    max: int
    weight: float
    values: tuple[int, ...]
    thresholds: tuple[Threshold, ...] = ()


@dataclass(frozen=True)
class RevealedEvent:
    title: str
    text: str
    injected: bool
    effects: tuple[tuple[str, int], ...] = ()  # (gauge id, delta), for the charts


@dataclass(frozen=True)
class TurnSummary:
    turn: int
    events: tuple[RevealedEvent, ...] = ()
    funded: tuple[str, ...] = ()
    deployed: tuple[str, ...] = ()
    risks: tuple[str, ...] = ()


@dataclass(frozen=True)
class TableReport:
    """Everything the debrief shows about one table's game."""

    name: str
    scenario: str
    collectivite: str
    seed: int
    turns_played: int
    turns_total: int
    finished: bool
    phase: str
    team_score: float | None
    budget_left: int
    people: tuple[Person, ...]
    roadmap: tuple[RoadmapCard, ...]
    gauges: tuple[GaugeSeries, ...]
    proposals: tuple[ProposalRecord, ...]
    dilemmas: tuple[DilemmaRecord, ...]
    risks: tuple[RiskRecord, ...]
    objectives: tuple[ObjectiveRecord, ...]
    turns: tuple[TurnSummary, ...]
    shadow_ai: tuple[str, ...] = ()  # titles of the shadow-AI uses in the scenario
    shadow_revealed: bool = False
    branches: tuple[BranchRecord, ...] = ()  # `si` branches of events and risks that applied
    early: tuple[EarlyDeployment, ...] = ()  # use cases deployed before steps of the method
    step_lessons: tuple[str, ...] = ()  # the scenario's explanation of each order rule broken
    costs: tuple[CostsPaid, ...] = ()  # running costs paid, turn by turn
    needs: tuple[NeedRecord, ...] = ()  # the collectivité's needs, covered or not
    created_at: float = 0.0  # when the game's log was opened (seconds since the epoch)

    def needs_points(self) -> int:
        """The points the needs covered added to the team score."""
        return sum(n.points for n in self.needs if n.met)

    def branches_of(self, key: str) -> tuple[BranchRecord, ...]:
        """The branches of the event or risk `key` that applied."""
        return tuple(b for b in self.branches if b.key == key)

    @property
    def toolbox(self) -> tuple[RoadmapCard, ...]:
        """The « boîte à outils »: levers funded, by step then turn."""
        levers = [c for c in self.roadmap if c.kind == "lever"]
        return tuple(sorted(levers, key=lambda c: (c.step, c.turn, c.title)))

    def cell(self, step: int, turn: int) -> tuple[RoadmapCard, ...]:
        """The roadmap cards of `step` funded during `turn`."""
        return tuple(c for c in self.roadmap if c.step == step and c.turn == turn)

    def by_step(self, step: int) -> tuple[RoadmapCard, ...]:
        """The roadmap cards of `step`, in the order they were funded."""
        return tuple(sorted((c for c in self.roadmap if c.step == step), key=lambda c: c.turn))

    def deployed_use_cases(self) -> int:
        """How many use cases are live at the end (suspended ones are not)."""
        return sum(1 for c in self.roadmap if c.kind == "use_case" and c.status == "deployed")

    def suspended_use_cases(self) -> int:
        """How many use cases deployed but stand suspended at the end."""
        return sum(1 for c in self.roadmap if c.kind == "use_case" and c.status == "suspended")

    @property
    def risk_groups(self) -> tuple[RiskGroup, ...]:
        """The risks that fired, one group per risk, in order of first firing."""
        groups: dict[str, list[RiskRecord]] = {}
        for r in self.risks:
            groups.setdefault(r.risk, []).append(r)
        return tuple(RiskGroup(rs[0], tuple(rs)) for rs in groups.values())

    def levers_done(self) -> int:
        """How many levers were completed."""
        return sum(1 for c in self.roadmap if c.kind == "lever" and c.status == "deployed")
