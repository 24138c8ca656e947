"""« Comment jouer »: F1 or its button from every scene, one screen of rules in French,
closed by Échap or F1 on the scene as it was."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest
from layout_checks import problems

from game.client.app import App
from game.client.driver import Driver
from game.client.scene import Scene
from game.client.scenes.connect import ConnectScene
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.facilitator_connect import FacilitatorConnectScene
from game.client.scenes.handover import HandoverScene
from game.client.scenes.help import HelpScene
from game.client.scenes.replay import replay_scene_from_jsonl
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession, LocalWorkshop
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.scenario import load_pack

ROOT = Path(__file__).parent
MINI = ROOT / "packs" / "mini"
BIG = ROOT.parent / "scenarios" / "ville-moyenne"


@pytest.fixture
def closing() -> Iterator[list[RemoteFacilitatorSession]]:
    sessions: list[RemoteFacilitatorSession] = []
    yield sessions
    for s in sessions:
        s.close()


def _scenes(closing: list[RemoteFacilitatorSession]) -> dict[str, Callable[[], Scene]]:
    pack = load_pack(MINI)

    def table() -> Scene:
        return TableScene(LocalSession(pack, seed=1, clock=lambda: 1000.0))

    def handover() -> Scene:
        return HandoverScene(LocalSession(pack, seed=1, clock=lambda: 1000.0), "dpo")

    def console() -> Scene:
        return FacilitatorScene(LocalWorkshop(pack, tables=2, clock=lambda: 1000.0))

    def replay() -> Scene:
        return replay_scene_from_jsonl(LocalSession(pack, seed=1).log.to_jsonl())

    def waiting() -> Scene:
        remote = RemoteFacilitatorSession("http://127.0.0.1:9", "jeton")
        closing.append(remote)
        return FacilitatorConnectScene(remote)

    return {
        "table": table,
        "handover": handover,
        "console": console,
        "replay": replay,
        "connect": lambda: ConnectScene(),
        "console-connect": waiting,
    }


@pytest.mark.parametrize(
    "name", ["table", "handover", "console", "replay", "connect", "console-connect"]
)
def test_help_opens_from_every_scene_and_gives_it_back(
    name: str, closing: list[RemoteFacilitatorSession]
) -> None:
    # The « Comment jouer (F1) » button opens the help; Échap gives back the same scene;
    # F1 opens it again and F1 closes it.
    app = App((1280, 800))
    scene = _scenes(closing)[name]()
    app.switch(scene)
    d = Driver(app)
    d.frames(1)
    d.click("help")
    assert isinstance(app.scene, HelpScene)
    d.key(pygame.K_ESCAPE)
    assert app.scene is scene and "help" in scene.buttons
    kept = {"replay": "replay:play", "console": "all:start", "table": "ready"}.get(name)
    assert kept is None or kept in scene.buttons  # its own widgets are back too
    d.key(pygame.K_F1)
    assert isinstance(app.scene, HelpScene)
    d.key(pygame.K_F1)
    assert app.scene is scene


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800), (1920, 1080)])
def test_the_help_says_the_rules_on_one_screen_without_overlap(size: tuple[int, int]) -> None:
    texts = TableScene(LocalSession(load_pack(BIG), seed=1)).texts
    app = App(size)
    app.switch(HelpScene(texts))
    Driver(app).frames(1)
    scene = app.scene
    assert isinstance(scene, HelpScene)
    said = "\n".join(t for p in scene.panels for t in p.texts).replace("\u00a0", " ")
    for words in (
        "Événement",
        "Propositions",
        "Vote",
        "Dilemmes",
        "Résolution",
        "Budget",
        "frais de fonctionnement",
        "capacité",
        "durée",
        "IA importée",
        "Solution sur étagère",
        "Développement interne",
        "1. Cartographier",
        "5. Déployer",
        "Ce qui verrouille une carte",
        "6 tours ici",
    ):
        assert words in said, words
    assert problems(app) == []
