"""What the source shows on screen: the example cities of each card in the card detail and
the vote panel, and the glossary's entries under the texts that use them."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pygame
import pytest
from layout_checks import shown_texts

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.panels.card import card_panel
from game.client.scenes.panels.terms import term_lines
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession
from game.client.texts import PackTexts
from game.engine import public_pack
from game.engine.actions import AdvancePhase, Propose, StartGame
from game.engine.phase import Phase
from game.engine.view_models import PlayerView
from game.scenario import load_pack
from game.scenario.examples import card_examples_text

PACKS = Path(__file__).resolve().parent.parent / "scenarios"
NAMES = ("decouverte", "ville-moyenne", "intercommunalite")


def _at_propositions(name: str) -> tuple[LocalSession, App, TableScene]:
    pack = load_pack(PACKS / name)
    session = LocalSession(pack, seed=3, clock=lambda: 1000.0, timers=False)
    session.send(StartGame())
    session.send(AdvancePhase())
    assert session.log.state.phase is Phase.PROPOSITIONS
    app = App((1280, 800))
    scene = TableScene(session)
    app.switch(scene)
    Driver(app).frames(1)
    return session, app, scene


@pytest.mark.parametrize("name", NAMES)
def test_every_card_with_examples_shows_them_in_its_detail(name: str) -> None:
    # Every use case and lever of the pack whose `exemples` is set: the card panel,
    # built for that card, prints « Exemples : … » as the pack writes them.
    session, _app, scene = _at_propositions(name)
    pack = session.log.state.catalog.pack
    cards = [c for c in (*pack.use_cases, *pack.levers) if getattr(c, "examples", "")]
    assert cards, "the pack has cards with examples"
    view = session.view
    assert view is not None
    ctx = scene.context(view)
    for card in cards:
        line = card_examples_text(card)
        market = next((m for m in view.market if m.card == card.id), None)
        if market is None:
            continue  # not in this market: its text is still the pack's
        ctx.ui.selected = card.id
        panel = card_panel(ctx, pygame.Rect(0, 0, 340, 4000))
        assert line in panel.texts, (card.id, line)
    assert all(scene.session.texts.card(c.id).examples == card_examples_text(c) for c in cards)


def test_the_vote_panel_shows_the_examples_of_each_proposal() -> None:
    session, app, scene = _at_propositions("ville-moyenne")
    pack = session.log.state.catalog.pack
    with_examples = {c.id for c in pack.use_cases if c.examples}
    view = session.view
    assert view is not None
    action = next(
        a for a in view.legal_actions if isinstance(a, Propose) and a.card in with_examples
    )
    session.send(action)
    card = session.log.state.proposals[0].card
    session.send(AdvancePhase())
    assert session.log.state.phase is Phase.VOTE
    scene = TableScene(session)
    app.switch(scene)
    Driver(app).frames(2)
    texts = shown_texts(scene)
    uc = next(c for c in pack.use_cases if c.id == card)
    assert card_examples_text(uc) in texts


def test_a_card_says_what_its_acronyms_mean() -> None:
    # The pack's glossary, under the card that uses the term: « AIPD (…) : … ».
    pack = load_pack(PACKS / "ville-moyenne")
    texts = PackTexts(public_pack(pack))
    card = next(c for c in pack.levers if "AIPD" in c.title + c.description)
    lines = term_lines(texts, card.title, card.description)
    aipd = next(g for g in pack.glossary if g.term == "AIPD")
    assert any(line.startswith("AIPD") and aipd.definition in line for line in lines)
    assert term_lines(texts, "Un texte sans sigle.") == []


def test_an_event_says_what_its_acronyms_mean() -> None:
    # « AI Act : les pratiques interdites s'appliquent » and its like: the entries of the
    # terms the event's text uses follow it on the événement screen.
    from game.client.scenes.panels.summaries import event_lines

    pack = load_pack(PACKS / "ville-moyenne")
    texts = PackTexts(public_pack(pack))
    event = next(e for e in pack.events if texts.terms(e.title, e.text))
    texts.events[event.id] = {"id": event.id, "titre": event.title, "texte": event.text}
    view = PlayerView.model_validate(
        {"seat": "dgs", "turn": 1, "turns": 6, "phase": "evenement", "paused": False,
         "budget": 0, "capacity_left": 0, "capacity_per_turn": 0, "gauges": {},
         "gauge_delta": {}, "seats": (), "current_events": (event.id,)}
    )  # fmt: skip
    lines = [text for text, _ in event_lines(view, texts)]
    first = texts.terms(event.title, event.text)[0]
    assert any(first.term in line and first.definition in line for line in lines)
