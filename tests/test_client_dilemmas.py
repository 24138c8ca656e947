"""The table screen for rules 3, through real clicks on real pygame surfaces: a decided
dilemma's outcome and this turn's expert view come first and stay until the table moves
on, earlier turns' go to a history panel; votes change until « Prêt·e »; a project too
late to finish says so before the vote; « Prêt·e » with a vote missing asks first."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pytest

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.table import TableScene
from game.client.scenes.wording import describe
from game.client.sessions.local import LocalSession
from game.engine.actions import ChooseOption, Propose, Ready, StartGame, Vote, VoteChoice
from game.engine.phase import Phase
from game.scenario import load_pack

MINI = Path(__file__).parent / "packs" / "mini"
SHOTS = Path(__file__).parent / "screenshots"
SEATS = ("dgs", "dpo")


@pytest.fixture(scope="module")
def pack():  # type: ignore[no-untyped-def]
    return load_pack(MINI)


def _ready_all(session: LocalSession) -> None:
    for seat in SEATS:
        if not session.state.seat(seat).ready:
            session.send(Ready(seat=seat))


def _to(session: LocalSession, phase: Phase) -> None:
    while session.state.phase != phase:
        _ready_all(session)


def _screen(pack, size=(1280, 800)):  # type: ignore[no-untyped-def]
    session = LocalSession(pack, seed=1, seats=SEATS, clock=lambda: 1000.0, timers=False)
    session.send(StartGame())
    _to(session, Phase.PROPOSITIONS)
    app = App(size, clock=lambda: 1000.0)
    return session, app


def _show(app: App, session: LocalSession, seat: str) -> Driver:
    session.select(seat)
    if not isinstance(app.scene, TableScene):
        app.switch(TableScene(session))
    d = Driver(app)
    d.frames(2)
    return d


def _phase_texts(app: App) -> list[str]:
    scene = app.scene
    assert isinstance(scene, TableScene)
    panel = next(p for p in scene.panels if p.name in ("phase", "history"))
    return panel.texts


def _dilemma_turn(session: LocalSession) -> None:
    """The chatbot funded: « Dire aux usagers qu'ils parlent à une IA ? » is open."""
    session.send(Propose(seat="dpo", card="chatbot-usagers", vector="importee"))
    _to(session, Phase.VOTE)
    session.send(Vote(seat="dgs", proposal=0, choice=VoteChoice.POUR))
    _to(session, Phase.DILEMMES)


def test_a_decided_dilemma_and_its_expert_view_come_first_then_go_to_the_history(pack):  # type: ignore[no-untyped-def]
    session, app = _screen(pack)
    _dilemma_turn(session)
    index = session.state.dilemmas[0].index
    d = _show(app, session, "dpo")
    d.click(f"option:{index}:annoncer")  # the DPO's choice, by a click
    assert session.state.dilemmas[0].chosen is None
    session.send(ChooseOption(seat="dgs", dilemma=index, option="discret"))
    d.frames(2)
    # everyone voted: decided at once (the arbiter's voice breaks the tie), shown first,
    # the phase stays until the table moves on
    assert session.state.phase == Phase.DILEMMES
    texts = _phase_texts(app)
    assert texts[0] == "Regard d'expert — Dire aux usagers qu'ils parlent à une IA ?"
    assert texts[1].startswith("Option retenue : Non, une mention discrète")
    assert "égalité départagée par la voix de l'arbitre" in texts[1]
    assert texts[2].startswith("L'AI Act impose d'informer")
    app.screenshot(SHOTS / "dilemma_decided_expert_view_1280.png")
    session.send(Ready(seat="dgs"))
    d.click("ready")
    assert session.state.phase == Phase.RESOLUTION
    d.frames(2)
    assert _phase_texts(app)[0].startswith("Regard d'expert — Dire aux usagers")
    # next turn: that view is no longer « this turn's »; the history keeps it
    _to(session, Phase.RESOLUTION)
    while session.state.turn < 2 or session.state.phase != Phase.RESOLUTION:
        _ready_all(session)
    d.frames(2)
    assert not any(t.startswith("Regard d'expert") for t in _phase_texts(app))
    d.click("history")
    texts = _phase_texts(app)
    assert texts[:2] == ["Tour 1", "Regard d'expert — Dire aux usagers qu'ils parlent à une IA ?"]
    app.screenshot(SHOTS / "expert_views_history_1280.png")
    d.click("history")  # back to the phase
    assert not any(t == "Tour 1" for t in _phase_texts(app))


def test_a_vote_is_changed_by_clicking_another_choice_until_ready(pack):  # type: ignore[no-untyped-def]
    session, app = _screen(pack)
    session.send(Propose(seat="dgs", card="chatbot-usagers", vector="importee"))
    _to(session, Phase.VOTE)
    d = _show(app, session, "dpo")
    d.click("vote:0:contre")
    d.click("vote:0:pour")
    assert session.state.proposals[0].votes["dpo"].choice is VoteChoice.POUR
    scene = app.scene
    assert isinstance(scene, TableScene)
    assert not scene.buttons["vote:0:pour"].is_enabled  # the current vote
    assert scene.buttons["vote:0:abstention"].is_enabled


def test_ready_with_a_vote_missing_asks_first(pack):  # type: ignore[no-untyped-def]
    session, app = _screen(pack)
    session.send(Propose(seat="dgs", card="chatbot-usagers", vector="importee"))
    _to(session, Phase.VOTE)
    d = _show(app, session, "dpo")
    d.click("ready")
    scene = app.scene
    assert isinstance(scene, TableScene) and scene.modal is not None
    assert "1 proposition" in scene.modal.text
    assert not session.state.seat("dpo").ready
    d.click("modal:yes")
    assert session.state.seat("dpo").ready


def test_a_project_too_late_to_finish_is_flagged_on_the_vote_and_the_card(pack):  # type: ignore[no-untyped-def]
    session, app = _screen(pack)
    while session.state.turn < 3 or session.state.phase != Phase.PROPOSITIONS:
        _ready_all(session)
    d = _show(app, session, "dpo")
    d.click("card:gouvernance-donnees")
    card = next(p for p in app.scene.panels if p.name == "card")  # type: ignore[union-attr]
    assert any(t.startswith("Trop tard pour aboutir avant la fin de la partie") for t in card.texts)
    d.click("propose:gouvernance-donnees:")
    _to(session, Phase.VOTE)
    d.frames(2)
    assert any(
        t.startswith("Trop tard pour aboutir avant la fin de la partie") for t in _phase_texts(app)
    )


def test_the_feed_says_plainly_when_nobody_voted_and_a_lot_decided(pack):  # type: ignore[no-untyped-def]
    session, app = _screen(pack)
    _dilemma_turn(session)
    _ready_all(session)  # nobody chose an option: decided by lot at the phase's close
    decided = next(e for e in session.state.feed if e.type == "dilemma_decided")
    text = describe(decided, session.texts)
    assert text is not None and "tranché par tirage au sort : personne n'a voté" in text
    d = _show(app, session, "dpo")
    d.frames(1)
    texts = _phase_texts(app)
    assert "tranché par tirage au sort : personne n'a voté" in texts[1]
