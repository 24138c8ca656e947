"""What the debrief adds from the pack itself: the source's examples of the cards a table
met, the glossary of the terms its game used, and the pack's legal-freshness sheet."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from game.engine import GameEvent
from game.engine.catalog import Catalog
from game.engine.events import (
    CardProposed,
    DilemmaOpened,
    EventRevealed,
    RiskFired,
)
from game.engine.terms import kind_of
from game.report.model import CardExample, FreshnessLine, GlossaryLine
from game.scenario.examples import card_examples_text
from game.scenario.glossary import terms_in_texts
from game.scenario.models import Pack


def met_cards(events: Iterable[GameEvent]) -> list[str]:
    """Ids of the cards a table met (proposed, events revealed, dilemmas opened, risks
    fired), in the order first met, each once."""
    seen: dict[str, None] = {}
    for e in events:
        if isinstance(e, CardProposed):
            seen.setdefault(e.card, None)
        elif isinstance(e, EventRevealed):
            seen.setdefault(e.event, None)
        elif isinstance(e, DilemmaOpened):
            seen.setdefault(e.dilemma, None)
        elif isinstance(e, RiskFired):
            seen.setdefault(e.risk, None)
    return list(seen)


def examples(cat: Catalog, cards: Iterable[str]) -> tuple[CardExample, ...]:
    """The source's example collectivités of each card in `cards` that has some."""
    out = []
    for card_id in cards:
        card = cat.card(card_id)
        text = card_examples_text(card) if card is not None else ""
        if card is not None and text:
            out.append(CardExample(card_id, card.title, kind_of(card), text))
    return tuple(out)


def _texts(cat: Catalog, cards: Iterable[str]) -> Iterable[str]:
    scenario = cat.pack.scenario
    yield scenario.collectivite.description
    for role in scenario.roles:
        yield from (role.title, role.mission, role.secret.text)
    for card_id in cards:
        card = (
            cat.card(card_id)
            or cat.events.get(card_id)
            or cat.dilemmas.get(card_id)
            or cat.risks.get(card_id)
        )
        if card is None:
            continue
        for attr in ("title", "description", "situation", "text", "lesson", "expert_view"):
            value = getattr(card, attr, "")
            if isinstance(value, str):
                yield value
        for option in getattr(card, "options", ()):
            yield option.label


def glossary(cat: Catalog, cards: Iterable[str]) -> tuple[GlossaryLine, ...]:
    """The glossary entries the texts of this game used (roles and the cards met)."""
    entries = terms_in_texts(cat.pack, _texts(cat, cards))
    return tuple(GlossaryLine(e.term, e.expansion, e.definition) for e in entries)


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def french_date(day: date) -> str:
    """« 2 décembre 2026 » (« 1er » for the first of the month)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def freshness(pack: Pack) -> tuple[FreshnessLine, ...]:
    """The pack's dated legal checks, oldest first, dates in French."""
    checks = sorted(pack.freshness, key=lambda c: c.checked_on)
    return tuple(
        FreshnessLine(c.subject, c.text, c.source, french_date(c.checked_on)) for c in checks
    )
