"""Every scene at 1280×800 and 1920×1080; PNGs go to tests/screenshots/ to be looked at."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pytest

from game.client.app import App
from game.client.driver import Driver, autoplay
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.handover import HandoverScene
from game.client.sessions.local import LocalSession, LocalWorkshop
from game.engine.actions import AdvancePhase, StartGame
from game.scenario import load_pack

ROOT = Path(__file__).parent
SHOTS = ROOT / "screenshots"
BIG = ROOT.parent / "scenarios" / "ville-moyenne"
SIZES = [(1280, 800), (1920, 1080)]


@pytest.mark.parametrize("size", SIZES)
def test_table_screens_of_every_phase(size: tuple[int, int]) -> None:
    # One PNG per phase of a ville-moyenne hot-seat game, from the lobby to the scores.
    pack = load_pack(BIG)
    session = LocalSession(pack, seed=3, clock=lambda: 1000.0)
    app = App(size)
    app.switch(HandoverScene(session, session.seats[0]))
    d = Driver(app)
    d.frames(1)
    app.screenshot(SHOTS / f"handover_{size[0]}.png")
    shots: dict[str, Path] = {}

    def shoot(phase: str) -> None:
        shots[phase] = SHOTS / f"hotseat_{phase}_{size[0]}.png"
        app.screenshot(shots[phase])

    autoplay(d, session, on_phase=shoot)
    d.frames(1)
    app.screenshot(SHOTS / f"hotseat_fin_{size[0]}.png")
    assert {"lobby", "evenement", "propositions", "vote", "resolution"} <= set(shots)
    assert (SHOTS / f"hotseat_propositions_{size[0]}.png").stat().st_size > 10_000


@pytest.mark.parametrize("size", SIZES)
def test_facilitator_console_and_projection(size: tuple[int, int]) -> None:
    # Three tables as tiles; then the wall projection of the dilemma votes.
    pack = load_pack(BIG)
    workshop = LocalWorkshop(pack, tables=3, clock=lambda: 1000.0)
    for t in workshop.tables:
        workshop.control(t.table_id, StartGame())
        workshop.control(t.table_id, AdvancePhase())
    app = App(size)
    app.switch(FacilitatorScene(workshop))
    d = Driver(app)
    d.frames(2)
    app.screenshot(SHOTS / f"facilitator_{size[0]}.png")
    d.click("projection")
    app.screenshot(SHOTS / f"projection_{size[0]}.png")
    assert (SHOTS / f"facilitator_{size[0]}.png").exists()
