"""The risks that fired in a game, as the debrief shows them: what exposed each one, which
cards of the pack attenuate it and whether the table had them in force."""

from __future__ import annotations

from collections.abc import Mapping

from game.engine import GameState
from game.engine.catalog import Catalog
from game.engine.state import RiskFiring
from game.engine.terms import Card, terms_of, vector_types
from game.report.model import Mitigator, RiskRecord, Source
from game.scenario.models import Lever


def _sources(state: GameState, firing: RiskFiring) -> tuple[Source, ...]:
    cat = state.catalog
    shadow = {s.id: s.title for s in cat.pack.scenario.collectivite.shadow_ai}
    found: list[Source] = []
    for src in dict.fromkeys(firing.sources):
        if src in shadow:
            found.append(Source("shadow_ai", shadow[src]))
        elif src in cat.use_cases:
            found.append(Source("use_case", cat.use_cases[src].title))
        elif src == "dilemme":
            for d in state.dilemmas:
                dilemma = cat.dilemmas[d.dilemma]
                option = next((o for o in dilemma.options if o.id == d.chosen), None)
                if option and any(x.risk == firing.risk for x in option.follow_ups.adds_risks):
                    found.append(Source("dilemma", f"{dilemma.title} → {option.label}"))
        else:
            found.append(Source("other", cat.card_title(src)))
    return tuple(found)


def _mitigators(state: GameState, firing: RiskFiring) -> tuple[Mitigator, ...]:
    """Every card of the pack that attenuates the risk (levers, and use cases whose vector
    does once deployed), and whether the table had it in force when the risk fired."""
    found = []
    pack = state.catalog.pack
    cards: list[tuple[str, str, int, float]] = []
    every: tuple[Card, ...] = (*pack.levers, *pack.use_cases)
    for c in every:
        for vector in vector_types(c):
            terms = terms_of(c, vector)
            reduction = terms.mitigations.get(firing.risk, 0.0) if terms else 0.0
            if reduction > 0:
                cards.append((c.id, c.title, c.step if isinstance(c, Lever) else 5, reduction))
    for card, title, step, reduction in dict.fromkeys(cards):
        project = state.project(card)
        done = project.deployed_turn if project else None
        if card in firing.mitigations:
            status = "active"
        else:
            status = "later" if done is not None else "missing"
        found.append(Mitigator(card, title, step, reduction, status, done))
    return tuple(found)


def risk_records(state: GameState) -> tuple[RiskRecord, ...]:
    """Every risk that fired in `state`, in order: what exposed it, what attenuated it."""
    cat = state.catalog
    records = []
    for firing in state.risks_fired:
        risk = cat.risks[firing.risk]
        effects = tuple(
            (cat.gauges[k].label if k in cat.gauges else "", v)
            for k, v in risk.consequences.effects.items()
        )
        records.append(
            RiskRecord(
                turn=firing.turn,
                risk=risk.id,
                title=risk.title,
                description=risk.description,
                probability=firing.probability,
                sources=_sources(state, firing),
                mitigators=_mitigators(state, firing),
                consequences=effects,
                suspended=cat.card_title(firing.suspended) if firing.suspended else None,
                lesson=risk.lesson,
                remedies=risk.remedies,
                gauge_effects=gauge_effects(cat, risk.consequences.effects),
            )
        )
    return tuple(records)


def gauge_effects(cat: Catalog, effects: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """The (gauge id, delta) pairs of `effects` that move a gauge (the budget is left out)."""
    return tuple((k, v) for k, v in effects.items() if k in cat.gauges and v)
