"""Build a `TableReport` by replaying one game log (titles come from the log's pack)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from game.engine import GameEvent, GameState, Phase
from game.engine.catalog import Catalog
from game.engine.events import (
    CardDeployed,
    CardProposed,
    DilemmaDecided,
    DilemmaOpened,
    EventRevealed,
    OptionChosen,
    ProposalDecided,
    RiskFired,
    SeatChanged,
    SeatReady,
    VoteCast,
)
from game.engine.scoring import final_scores, needs_met
from game.engine.state import Project
from game.engine.terms import Card, kind_of
from game.replay import Replayer
from game.report import conditions
from game.report.model import (
    USE_CASE_STEP,
    Ballot,
    DilemmaRecord,
    GaugeSeries,
    ObjectiveRecord,
    OptionResult,
    Person,
    ProposalRecord,
    RevealedEvent,
    RoadmapCard,
    TableReport,
    Threshold,
    TurnSummary,
)
from game.report.risks import gauge_effects, risk_records
from game.scenario.models import Lever


class _People:
    """Seat titles, the last name each seat was taken under, and who was ever there."""

    def __init__(self, catalog: Catalog, seated: Iterable[str] = ()) -> None:
        self.catalog = catalog
        self.names: dict[str, str] = {}
        self.present: set[str] = set(seated)

    def seen(self, event: GameEvent) -> None:
        if isinstance(event, SeatChanged):
            if event.occupied:
                self.present.add(event.seat)
                if event.name:
                    self.names[event.seat] = event.name
        elif isinstance(event, CardProposed | VoteCast | OptionChosen | SeatReady):
            self.present.add(event.seat)

    def __call__(self, role: str) -> Person:
        title = self.catalog.roles[role].title if role in self.catalog.roles else role
        return Person(role, title, self.names.get(role, ""), role in self.present)


Timed = tuple[float, GameEvent]


def _timed_events(replayer: Replayer) -> list[Timed]:
    """Every event of the game, with the time of the action that produced it."""
    return [
        (replayer.action(i).at, e) for i in range(1, len(replayer) + 1) for e in replayer.events(i)
    ]


def _step(card: Card) -> int:
    """Where `card` sits on the roadmap: a lever's own step, use cases at « déployer »."""
    return card.step if isinstance(card, Lever) else USE_CASE_STEP


def _suspension_note(project: Project) -> str:
    """Why a project stands suspended, in French: the one place the report reads it
    (the engine may record the cause as a field rather than a sentence)."""
    return project.suspended_reason


def _roadmap_card(cat: Catalog, project: Project, owner: Person | None) -> RoadmapCard:
    card = cat.card(project.card)
    terms = cat.terms(project.card, project.vector)
    needs = terms.requirements.levers if terms else ()
    return RoadmapCard(
        card=project.card,
        title=cat.card_title(project.card),
        kind=project.kind,
        step=_step(card) if card else USE_CASE_STEP,
        turn=project.started,
        status=project.status.value,
        vector=project.vector.value if project.vector else None,
        deployed_turn=project.deployed_turn,
        note=_suspension_note(project),
        prerequisites=tuple(cat.card_title(lev) for lev in needs),
        cost=terms.cost if terms else 0,
        running_cost=terms.running_cost if terms else 0,
        owner=owner,
    )


def _owners(proposals: Iterable[ProposalRecord]) -> dict[tuple[int, str], Person]:
    """Who proposed each card funded, keyed by (turn funded, card)."""
    return {(p.turn, p.card): p.proposer for p in proposals if p.status == "funded"}


def _proposals(events: Iterable[Timed], cat: Catalog, people: _People) -> list[ProposalRecord]:
    made: dict[tuple[int, int], CardProposed] = {}
    ballots: dict[tuple[int, int], list[Ballot]] = defaultdict(list)
    decided: dict[tuple[int, int], ProposalDecided] = {}
    for at, e in events:
        if isinstance(e, CardProposed):
            made[(e.turn, e.proposal)] = e
            author = Ballot(people(e.seat), "pour", author=True, at=at)
            ballots[(e.turn, e.proposal)].append(author)
        elif isinstance(e, VoteCast):
            ballot = Ballot(people(e.seat), e.choice.value, e.justification, at=at)
            ballots[(e.turn, e.proposal)].append(ballot)
        elif isinstance(e, ProposalDecided):
            decided[(e.turn, e.proposal)] = e
    records = []
    for key, p in made.items():
        d = decided.get(key)
        card = cat.card(p.card)
        cast = ballots[key]
        records.append(
            ProposalRecord(
                turn=p.turn,
                index=p.proposal,
                proposer=people(p.seat),
                card=p.card,
                title=cat.card_title(p.card),
                kind=kind_of(card) if card else "lever",
                vector=p.vector.value if p.vector else None,
                status="open" if d is None else ("funded" if d.accepted else "rejected"),
                reason=d.reason if d else "",
                ballots=tuple(cast),
                pour=sum(b.choice == "pour" for b in cast),
                contre=sum(b.choice == "contre" for b in cast),
                abstention=sum(b.choice == "abstention" for b in cast),
            )
        )
    return records


def _dilemmas(events: Iterable[Timed], cat: Catalog, people: _People) -> list[DilemmaRecord]:
    opened: dict[int, DilemmaOpened] = {}
    chosen: dict[int, list[tuple[float, OptionChosen]]] = defaultdict(list)
    decided: dict[int, DilemmaDecided] = {}
    for at, e in events:
        if isinstance(e, DilemmaOpened):
            opened[e.index] = e
        elif isinstance(e, OptionChosen):
            chosen[e.index].append((at, e))
        elif isinstance(e, DilemmaDecided):
            decided[e.index] = e
    records = []
    for index, o in opened.items():
        dilemma = cat.dilemmas[o.dilemma]
        labels = {opt.id: opt.label for opt in dilemma.options}
        d = decided.get(index)
        votes = chosen[index]
        options = tuple(
            OptionResult(
                id=opt.id,
                label=opt.label,
                votes=sum(v.option == opt.id for _, v in votes),
                chosen=d is not None and d.option == opt.id,
            )
            for opt in dilemma.options
        )
        records.append(
            DilemmaRecord(
                turn=o.turn,
                dilemma=o.dilemma,
                title=dilemma.title,
                situation=dilemma.situation,
                source=cat.card_title(o.source),
                options=options,
                chosen=labels[d.option] if d else None,
                ballots=tuple(
                    Ballot(people(v.seat), labels.get(v.option, v.option), v.justification, at=at)
                    for at, v in votes
                ),
                tie_break=d.tie_break if d else "",
                expert_view=dilemma.expert_view,
            )
        )
    return records


def _objectives(state: GameState, people: _People) -> list[ObjectiveRecord]:
    if state.phase is Phase.FIN:
        scores, met = state.scores, state.objectives_met
    else:
        _team, scores, met = final_scores(state)
    return [
        ObjectiveRecord(
            person=people(role.id),
            text=role.secret.text,
            met=met.get(role.id, False),
            points=role.secret.points,
            score=scores.get(role.id),
        )
        for role in state.catalog.pack.scenario.roles
    ]


def _turns(events: Iterable[GameEvent], cat: Catalog, turns: int) -> list[TurnSummary]:
    revealed: dict[int, list[RevealedEvent]] = defaultdict(list)
    funded: dict[int, list[str]] = defaultdict(list)
    deployed: dict[int, list[str]] = defaultdict(list)
    risks: dict[int, list[str]] = defaultdict(list)
    for e in events:
        if isinstance(e, EventRevealed):
            card = cat.events[e.event]
            effects = gauge_effects(cat, card.effects)
            revealed[e.turn].append(RevealedEvent(card.title, card.text, e.injected, effects))
        elif isinstance(e, ProposalDecided) and e.accepted:
            funded[e.turn].append(cat.card_title(e.card))
        elif isinstance(e, CardDeployed):
            deployed[e.turn].append(cat.card_title(e.card))
        elif isinstance(e, RiskFired):
            risks[e.turn].append(cat.card_title(e.risk))
    return [
        TurnSummary(t, tuple(revealed[t]), tuple(funded[t]), tuple(deployed[t]), tuple(risks[t]))
        for t in range(1, turns + 1)
    ]


def _thresholds(state: GameState, gauge: str) -> list[Threshold]:
    """The bounds the roles' secret objectives put on `gauge`, and whether the gauge's
    final value keeps each one."""
    found = []
    final = state.gauges.get(gauge, 0)
    for role in state.catalog.pack.scenario.roles:
        for cond in role.secret.conditions:
            if cond.gauge != gauge:
                continue
            if cond.min is not None:
                found.append(Threshold(role.title, "min", cond.min, final >= cond.min))
            if cond.max is not None:
                found.append(Threshold(role.title, "max", cond.max, final <= cond.max))
    return found


def _gauges(state: GameState) -> list[GaugeSeries]:
    return [
        GaugeSeries(
            id=g.id,
            label=g.label,
            min=g.min,
            max=g.max,
            weight=g.weight,
            values=tuple(h.get(g.id, g.start) for h in state.gauge_history),
            thresholds=tuple(_thresholds(state, g.id)),
        )
        for g in state.catalog.pack.scenario.gauges
    ]


def table_report(replayer: Replayer, *, name: str) -> TableReport:
    """What the table whose log `replayer` holds did, for the debrief."""
    state = replayer.final
    cat = state.catalog
    scenario = cat.pack.scenario
    timed = _timed_events(replayer)
    events = [e for _, e in timed]
    people = _People(cat, replayer.header.get("seats") or ())
    for e in events:
        people.seen(e)
    finished = state.phase is Phase.FIN
    early = conditions.early_deployments(events, cat)
    proposals = _proposals(timed, cat, people)
    owners = _owners(proposals)
    return TableReport(
        name=name,
        scenario=scenario.title,
        collectivite=scenario.collectivite.name,
        seed=int(replayer.header.get("seed", 0)),
        turns_played=state.turn,
        turns_total=scenario.rules.turns,
        finished=finished,
        phase=state.phase.value,
        team_score=state.team_score if finished else final_scores(state)[0],
        budget_left=state.budget,
        people=tuple(people(r.id) for r in scenario.roles),
        roadmap=tuple(
            _roadmap_card(cat, p, owners.get((p.started, p.card))) for p in state.projects
        ),
        gauges=tuple(_gauges(state)),
        proposals=tuple(proposals),
        dilemmas=tuple(_dilemmas(timed, cat, people)),
        risks=risk_records(state),
        objectives=tuple(_objectives(state, people)),
        turns=tuple(_turns(events, cat, state.turn)),
        shadow_ai=tuple(s.title for s in scenario.collectivite.shadow_ai),
        shadow_revealed=state.shadow_revealed,
        branches=conditions.branches(events, cat),
        early=early,
        step_lessons=conditions.step_lessons(cat, early),
        costs=conditions.running_costs(events, cat),
        needs=conditions.needs(state, state.needs_met if finished else needs_met(state)),
        created_at=float(replayer.header.get("created_at") or 0.0),
    )


def table_report_from_jsonl(text: str, *, name: str) -> TableReport:
    """The `TableReport` of one JSONL game log."""
    return table_report(Replayer.from_jsonl(text), name=name)
