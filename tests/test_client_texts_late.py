"""A networked screen may open before its pack has come: once the session holds the
pack's texts, the same scene shows titles, not ids (the pack is fetched by HTTP)."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

from layout_checks import shown_texts

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession, LocalWorkshop
from game.client.texts import PackTexts
from game.engine import facilitator_pack, public_pack
from game.scenario import load_pack

PACK = load_pack(Path(__file__).resolve().parent.parent / "scenarios" / "decouverte")


def test_the_console_shows_the_pack_title_once_the_texts_come() -> None:
    workshop = LocalWorkshop(PACK, tables=1, clock=lambda: 1000.0)
    workshop.texts = PackTexts({})  # as a console before the pack's HTTP answer
    app = App((1280, 800))
    scene = FacilitatorScene(workshop)
    app.switch(scene)
    Driver(app).frames(1)
    workshop.texts = PackTexts(facilitator_pack(PACK))
    scene.relayout()
    Driver(app).frames(1)
    assert scene.texts.title == PACK.scenario.title


def test_a_table_screen_shows_role_titles_once_the_texts_come() -> None:
    session = LocalSession(PACK, seed=1, clock=lambda: 1000.0, timers=False)
    session.texts = PackTexts({})
    app = App((1280, 800))
    scene = TableScene(session)
    app.switch(scene)
    Driver(app).frames(1)
    session.texts = PackTexts(public_pack(PACK))
    scene.relayout()
    Driver(app).frames(1)
    assert PACK.scenario.collectivite.name in shown_texts(scene)
