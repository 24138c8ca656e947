"""An idle window draws nothing: a frame is drawn for input, a message, a new second."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pygame

from game.client.app import BUSY_SECONDS, App
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession, LocalWorkshop
from game.engine.actions import AdvancePhase, Ready, StartGame, Vote, VoteChoice
from game.engine.phase import Phase
from game.scenario import load_pack

MINI = Path(__file__).parent / "packs" / "mini"


class Clock:
    """A clock the test moves by hand (the app's and the game's)."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def market(clock: Clock) -> tuple[App, LocalSession]:
    """The DGS's market, timers running, after the window's first busy second."""
    session = LocalSession(load_pack(MINI), seed=1, clock=clock)
    while session.log.state.phase != Phase.PROPOSITIONS:
        for seat in session.seats:
            session.send(Ready(seat=seat))
    session.select(session.seats[0])
    app = App((1280, 800), clock=clock)
    app.switch(TableScene(session))
    app.step()
    clock.t += BUSY_SECONDS + 0.01
    app.step()
    return app, session


def test_an_idle_table_draws_no_frame() -> None:
    # Nobody touches anything and the clock stands still: a hundred frames draw nothing.
    clock = Clock()
    app, _ = market(clock)
    drawn = app.frames_drawn
    assert not any(app.step() for _ in range(100))
    assert app.frames_drawn == drawn


def test_a_key_press_draws_a_frame() -> None:
    clock = Clock()
    app, _ = market(clock)
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_DOWN, mod=0, unicode=""))
    assert app.step()


def test_the_countdown_s_new_second_redraws_the_top_bar_alone() -> None:
    # 4:00 becomes 3:59: one frame, only the top bar sent, and no widget rebuilt.
    clock = Clock()
    app, _ = market(clock)
    scene = app.scene
    assert isinstance(scene, TableScene)
    widgets = dict(scene.buttons)
    clock.t += 0.3
    assert not app.step()  # still the same second
    clock.t += 0.8
    assert app.step()
    assert scene.buttons == widgets
    assert not app.step()


def test_a_message_for_the_table_draws_a_frame() -> None:
    # A vote during the propositions is refused: the refusal shows at the next frame.
    clock = Clock()
    app, session = market(clock)
    session.send(Vote(seat="dgs", proposal=0, choice=VoteChoice.POUR))
    assert app.step()
    assert isinstance(app.scene, TableScene) and app.scene.toasts


def test_an_idle_console_draws_no_frame_until_a_table_changes() -> None:
    clock = Clock()
    workshop = LocalWorkshop(load_pack(MINI), tables=2, clock=clock)
    app = App((1280, 800), clock=clock)
    app.switch(FacilitatorScene(workshop))
    app.step()
    clock.t += BUSY_SECONDS + 0.01
    app.step()
    assert not any(app.step() for _ in range(50))
    workshop.control("table-1", StartGame())
    assert app.step()
    workshop.control("table-1", AdvancePhase())
    assert app.step()
