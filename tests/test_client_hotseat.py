"""Hot-seat: a log by default, no phase timer unless asked, a question before quitting,
the hand-over names the coming phase, « Prêt·e » asks when a vote is missing."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import argparse
from pathlib import Path

import pygame
import pytest
from layout_checks import label_problems

from game.client.app import App
from game.client.driver import Driver
from game.client.main import add_play_arguments, play_command
from game.client.scenes.handover import HandoverScene
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession
from game.engine.phase import Phase
from game.scenario import load_pack

ROOT = Path(__file__).parent
MINI = ROOT / "packs" / "mini"
PACKS = [ROOT.parent / "scenarios" / "decouverte", ROOT.parent / "scenarios" / "ville-moyenne"]


def _play(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> LocalSession:
    """`capia play --local …` whose window plays the lobby by clicks, then closes."""
    seen: list[LocalSession] = []

    def run(self: App, fps: int = 60) -> None:
        d = Driver(self)
        d.frames(1)
        assert isinstance(self.scene, HandoverScene)
        seen.append(self.scene.session)  # type: ignore[arg-type]
        while seen[0].log.state.phase == Phase.LOBBY:
            d.click("take") if isinstance(self.scene, HandoverScene) else d.click("ready")

    monkeypatch.setattr(App, "run", run)
    parser = argparse.ArgumentParser()
    add_play_arguments(parser)
    assert play_command(parser.parse_args(["--local", str(MINI), *argv])) == 0
    return seen[0]


def test_a_local_game_writes_its_log_by_default_and_says_where(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    session = _play([], monkeypatch)
    logs = list((tmp_path / "var" / "parties").glob("mini-*.jsonl"))
    assert len(logs) == 1 and session.log_path is not None
    assert logs[0].read_text(encoding="utf-8") == session.log.to_jsonl()
    assert f"Journal de la partie : {logs[0].resolve()}" in capsys.readouterr().out


def test_a_local_game_has_no_phase_timer_unless_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _play(["--no-log"], monkeypatch).log.state.timer.deadline is None
    assert _play(["--no-log", "--timers"], monkeypatch).log.state.timer.deadline is not None


def _table(tmp_path: Path) -> tuple[App, Driver, LocalSession]:
    session = LocalSession(
        load_pack(MINI), seed=1, clock=lambda: 1000.0, log_path=tmp_path / "t.jsonl"
    )
    app = App((1280, 800))
    app.switch(TableScene(session))
    d = Driver(app)
    d.frames(1)
    return app, d, session


def test_closing_the_window_asks_first(tmp_path: Path) -> None:
    # The close button shows « Quitter la partie ? » naming the log; « Continuer » stays.
    app, d, _ = _table(tmp_path)
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frames(1)
    scene = app.scene
    assert isinstance(scene, TableScene) and scene.modal is not None
    assert app.running and str((tmp_path / "t.jsonl").resolve()) in scene.modal.text
    d.click("modal:no")
    assert scene.modal is None and app.running
    pygame.event.post(pygame.event.Event(pygame.QUIT))
    d.frames(1)
    d.click("modal:yes")
    assert not app.running


def test_the_hand_over_names_the_coming_phase_and_its_button_fits() -> None:
    # « Au tour de : Direction métier (politiques publiques) », « Phase à venir : … », and
    # the button's label is never cut, whatever the role's title, even at 1024×640.
    for folder in PACKS:
        pack = load_pack(folder)
        session = LocalSession(pack, seed=1, clock=lambda: 1000.0)
        app = App((1024, 640))
        for role in pack.scenario.roles:
            app.switch(HandoverScene(session, role.id))
            scene = app.scene
            assert isinstance(scene, HandoverScene)
            texts = [t for p in scene.panels for t in p.texts]
            assert "Écran : Accueil" in texts
            assert label_problems(scene) == [], role.id


def test_ready_with_a_vote_missing_asks_first(tmp_path: Path) -> None:
    # In the vote, « Prêt·e » without voting asks; « Revenir voter » sends nothing.
    app, d, session = _table(tmp_path)
    while session.log.state.phase != Phase.VOTE:
        if isinstance(app.scene, HandoverScene):
            d.click("take")
        elif session.log.state.phase == Phase.PROPOSITIONS and not session.log.state.proposals:
            d.click("card:chatbot-usagers")
            d.click("propose:chatbot-usagers:importee")
        else:
            d.click("ready")
    if isinstance(app.scene, HandoverScene):
        d.click("take")
    sent = len(session.sent)
    d.click("ready")
    assert isinstance(app.scene, TableScene) and app.scene.modal is not None
    assert "1 proposition" in app.scene.modal.text
    d.click("modal:no")
    assert len(session.sent) == sent
    d.click("ready")
    d.click("modal:yes")
    assert session.sent[-1].type == "ready"
