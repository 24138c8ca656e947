"""The table scene, driven by real pygame input events over an in-process session."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pygame
import pytest

from game.client.app import App
from game.client.driver import Driver, autoplay
from game.client.scenes.handover import HandoverScene
from game.client.scenes.table import SEEN_SECONDS, TableScene
from game.client.sessions.local import LocalSession
from game.engine.phase import Phase
from game.scenario import load_pack

MINI = Path(__file__).parent / "packs" / "mini"


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(MINI)


class Clock:
    """The window's clock, moved by hand (Entrée counts only once a phase has been seen)."""

    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(clock: Clock) -> App:
    return App((1280, 800), clock=clock)


def _table(app: App, session: LocalSession) -> Driver:
    app.switch(TableScene(session))
    d = Driver(app)
    d.frames(1)
    return d


def _to_propositions(d: Driver, session: LocalSession) -> None:
    """Every seat clicks « Prêt » (taking the screen at each hand-over) until propositions."""
    while session.state.phase != Phase.PROPOSITIONS:
        if isinstance(d.app.scene, HandoverScene):
            d.click("take")
        else:
            d.click("ready")


def test_ready_button_sends_ready_for_the_seat_on_screen(app, pack):  # type: ignore[no-untyped-def]
    # The DGS sees « Prêt·e » in the lobby; clicking it sends `ready` for the DGS.
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    d.click("ready")
    assert [(a.type, a.seat) for a in session.sent] == [("ready", "dgs")]  # type: ignore[union-attr]


def test_hot_seat_hands_the_screen_to_the_next_role(app, pack):  # type: ignore[no-untyped-def]
    # After the DGS is ready, the screen says « Au tour de : DPO » and hides the DGS's secret.
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    d.click("ready")
    assert isinstance(app.scene, HandoverScene)
    assert app.scene.seat == "dpo"
    d.click("take")
    assert isinstance(app.scene, TableScene)
    assert session.seat == "dpo"


def test_enter_key_is_the_ready_shortcut(app, pack, clock):  # type: ignore[no-untyped-def]
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    clock.t += SEEN_SECONDS
    d.key(pygame.K_RETURN)
    assert [a.type for a in session.sent] == ["ready"]


def test_a_double_enter_cannot_mark_the_next_seat_ready_unseen(app, pack, clock):  # type: ignore[no-untyped-def]
    # The DGS presses Entrée twice: the first marks the DGS ready, the hand-over appears
    # and ignores the second; the DPO's table, just shown, ignores an Entrée too.
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    clock.t += SEEN_SECONDS
    d.key(pygame.K_RETURN)
    assert isinstance(app.scene, HandoverScene)
    d.key(pygame.K_RETURN)
    assert isinstance(app.scene, HandoverScene)
    clock.t += SEEN_SECONDS
    d.key(pygame.K_RETURN)
    assert isinstance(app.scene, TableScene) and session.seat == "dpo"
    d.key(pygame.K_RETURN)
    assert [(a.type, a.seat) for a in session.sent] == [("ready", "dgs")]  # type: ignore[union-attr]
    clock.t += SEEN_SECONDS
    d.key(pygame.K_RETURN)
    assert [(a.type, a.seat) for a in session.sent][-1] == ("ready", "dpo")  # type: ignore[union-attr]


def test_clicking_a_card_then_proposer_sends_the_proposal(app, pack):  # type: ignore[no-untyped-def]
    # The market lists « Agent conversationnel… »; click it, then « Proposer (IA importée) ».
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    _to_propositions(d, session)
    if isinstance(app.scene, HandoverScene):
        d.click("take")
    seat = session.seat
    d.click("card:chatbot-usagers")
    d.click("propose:chatbot-usagers:importee")
    last = session.sent[-1]
    assert (last.type, last.seat, last.card, last.vector) == (  # type: ignore[union-attr]
        "propose",
        seat,
        "chatbot-usagers",
        "importee",
    )


def test_locked_card_is_disabled_with_its_reason(app, pack):  # type: ignore[no-untyped-def]
    # « Analyse comparative de CV » is locked: its « Proposer » button is greyed, the reason shown.
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    _to_propositions(d, session)
    if isinstance(app.scene, HandoverScene):
        d.click("take")
    d.click("card:analyse-cv")
    d.scroll_to("propose:analyse-cv:interne")
    scene = app.scene
    assert isinstance(scene, TableScene)
    button = scene.buttons["propose:analyse-cv:interne"]
    assert not button.is_enabled
    assert scene.reasons["propose:analyse-cv:interne"] != ""


def test_axis_filter_keeps_only_that_axis(app, pack):  # type: ignore[no-untyped-def]
    # « U · Relation usagers » leaves the two use cases facing residents, no lever.
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    _to_propositions(d, session)
    if isinstance(app.scene, HandoverScene):
        d.click("take")
    d.click("filter:relation_usagers")
    cards = sorted(k for k in app.scene.buttons if k.startswith("card:"))  # type: ignore[union-attr]
    assert cards == ["card:chatbot-usagers", "card:tri-courriels"]


def _propose_then_reach_vote(d: Driver, session: LocalSession) -> None:
    _to_propositions(d, session)
    if isinstance(d.app.scene, HandoverScene):
        d.click("take")
    d.click("card:chatbot-usagers")
    d.click("propose:chatbot-usagers:importee")
    while session.state.phase != Phase.VOTE:
        d.click("take") if isinstance(d.app.scene, HandoverScene) else d.click("ready")
    if isinstance(d.app.scene, HandoverScene):
        d.click("take")


def test_vote_carries_the_typed_justification(app, pack):  # type: ignore[no-untyped-def]
    # Type « Utile aux usagers » in the box, click « Pour »: the vote carries that text.
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    _propose_then_reach_vote(d, session)
    scene = app.scene
    assert isinstance(scene, TableScene)
    d.click_at(scene.entries["justification"].rect.center)
    d.type_text("Utile aux usagers, géré par l'équipe")
    d.click("vote:0:pour")
    last = session.sent[-1]
    assert (last.type, last.choice, last.justification) == (  # type: ignore[union-attr]
        "vote",
        "pour",
        "Utile aux usagers, géré par l'équipe",
    )


def test_key_c_votes_contre_on_the_first_open_proposal(app, pack):  # type: ignore[no-untyped-def]
    session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
    d = _table(app, session)
    _propose_then_reach_vote(d, session)
    d.key(pygame.K_c, "c")
    last = session.sent[-1]
    assert (last.type, last.proposal, last.choice) == ("vote", 0, "contre")  # type: ignore[union-attr]


def test_a_whole_hot_seat_game_reaches_the_end_through_clicks(app, pack):  # type: ignore[no-untyped-def]
    # Four people pass one screen around for three turns; the last screen shows the scores.
    session = LocalSession(pack, seed=7, clock=lambda: 1000.0)
    app.switch(HandoverScene(session, session.seats[0]))
    d = Driver(app)
    d.frames(1)
    autoplay(d, session)
    assert session.state.phase == Phase.FIN
    assert session.state.team_score is not None
    kinds = {a.type for a in session.sent}
    assert kinds == {"ready", "propose", "vote", "choose_option"}
