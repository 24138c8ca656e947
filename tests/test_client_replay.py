"""The replay viewer, driven by real pygame events over logs of bot games."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import argparse
from pathlib import Path

import pygame
import pytest

from game.client.app import App
from game.client.driver import Driver
from game.client.main import replay_command
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.replay import ReplayScene, replay_scene_from_jsonl
from game.client.sessions.local import LocalWorkshop
from game.engine import legal_actions, player_view
from game.engine.actions import AdvancePhase, Propose, Ready, StartGame, Vote, VoteChoice
from game.engine.phase import Phase
from game.engine.state import GameState
from game.log import GameLog
from game.playtest import play_game
from game.scenario import load_pack

ROOT = Path(__file__).parent
MINI = ROOT / "packs" / "mini"
BIG = ROOT.parent / "scenarios" / "ville-moyenne"
SHOTS = ROOT / "screenshots"


@pytest.fixture(scope="module")
def mini_log(tmp_path_factory: pytest.TempPathFactory) -> str:
    # A whole game of the mini pack played by the random bots, as its JSONL file.
    out = tmp_path_factory.mktemp("logs")
    play_game(load_pack(MINI), strategy="random", seed=5, log_dir=out)
    return (out / "random-5.jsonl").read_text(encoding="utf-8")


def fresh_state(text: str, n: int) -> GameState:
    """The state after the first `n` actions, replayed from scratch."""
    log = GameLog.from_jsonl(text)
    return GameLog.from_records(log.header, log.records[:n]).state


def open_replay(text: str, size: tuple[int, int] = (1280, 800), **kw: object) -> Driver:
    app = App(size)
    app.switch(replay_scene_from_jsonl(text, **kw))  # type: ignore[arg-type]
    d = Driver(app)
    d.frames(1)
    return d


def scene_of(d: Driver) -> ReplayScene:
    assert isinstance(d.app.scene, ReplayScene)
    return d.app.scene


def assert_shows_fresh_replay(scene: ReplayScene, text: str) -> None:
    """The view on screen is exactly the view of a fresh replay to the cursor."""
    n = scene.replay.position
    fresh = fresh_state(text, n)
    assert scene.replay.replayer.state.state_hash() == fresh.state_hash()
    assert scene.view == player_view(fresh, scene.replay.seat)


def test_right_arrow_advances_one_action_and_left_goes_back(mini_log: str) -> None:
    # → → → shows « Action 3 / N »; ← goes back to « Action 2 / N ».
    d = open_replay(mini_log)
    scene = scene_of(d)
    for _ in range(3):
        d.key(pygame.K_RIGHT)
    assert scene.replay.position == 3
    d.key(pygame.K_LEFT)
    assert scene.replay.position == 2
    assert_shows_fresh_replay(scene, mini_log)


def test_step_buttons_move_one_action(mini_log: str) -> None:
    # « Action › » twice then « ‹ Action » once: one action in.
    d = open_replay(mini_log)
    scene = scene_of(d)
    d.click("replay:fwd1")
    d.click("replay:fwd1")
    d.click("replay:back1")
    assert scene.replay.position == 1
    assert_shows_fresh_replay(scene, mini_log)


def test_dragging_the_slider_seeks(mini_log: str) -> None:
    # Dragging the timeline's handle three quarters of the way shows that point of the game.
    d = open_replay(mini_log)
    scene = scene_of(d)
    slider = scene.slider
    assert slider is not None and slider.sliding_button is not None
    start = d.app.to_window(slider.sliding_button.rect.center)
    x = slider.rect.x + slider.rect.width * 3 // 4
    end = d.app.to_window((x, slider.rect.centery))
    pygame.mouse.set_pos(start)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=start, button=1))
    d.frames(2)
    for i in range(1, 5):  # the pointer travels while the button is held
        pygame.mouse.set_pos((start[0] + (end[0] - start[0]) * i // 4, end[1]))
        d.frames(1)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=end, button=1))
    d.frames(2)
    n = scene.replay.length
    assert abs(scene.replay.position - n * 3 // 4) <= n // 20
    assert_shows_fresh_replay(scene, mini_log)


def _choose_view(d: Driver, title: str) -> None:
    """Open « Voir comme » and click the entry `title`."""
    menu = scene_of(d).seat_menu
    assert menu is not None
    pygame.mouse.set_pos(d.app.to_window(menu.rect.center))
    d.click_at(menu.rect.center)
    listing = menu.current_state.options_selection_list  # type: ignore[attr-defined]
    item = next(i for i in listing.item_list if i["text"] == title)
    pygame.mouse.set_pos(d.app.to_window(item["button_element"].rect.center))
    d.click_at(item["button_element"].rect.center)
    d.frames(1)


def test_facilitator_view_shows_every_secret(mini_log: str) -> None:
    # Opened without --seat, the left column lists the four roles' secret objectives.
    d = open_replay(mini_log)
    d.key(pygame.K_RIGHT)
    scene = scene_of(d)
    assert scene.replay.seat is None
    assert set(scene.shown_secrets()) == {"dgs", "dpo", "elu", "drh"}


def test_seat_selector_changes_whose_secret_is_shown(mini_log: str) -> None:
    # « Voir comme : DPO » shows the DPO's secret only; then « Élu·e référent·e » only theirs.
    d = open_replay(mini_log)
    d.key(pygame.K_PAGEDOWN)
    scene = scene_of(d)
    _choose_view(d, "DPO")
    assert scene.replay.seat == "dpo"
    assert list(scene.shown_secrets()) == ["dpo"]
    assert_shows_fresh_replay(scene, mini_log)
    _choose_view(d, "Élu·e référent·e")
    assert list(scene.shown_secrets()) == ["elu"]


def test_phase_and_turn_jumps_land_on_their_first_action(mini_log: str) -> None:
    # PgDn goes to the next phase's first action; « T » then « 2 » to turn 2's first action.
    d = open_replay(mini_log)
    scene = scene_of(d)
    marks = scene.replay.replayer.marks
    d.key(pygame.K_PAGEDOWN)
    d.key(pygame.K_PAGEDOWN)
    assert scene.replay.position == marks[2].index
    assert_shows_fresh_replay(scene, mini_log)
    d.key(pygame.K_t, "t")
    d.key(pygame.K_2, "2")
    assert scene.replay.position == scene.replay.replayer.turn_start(2)
    assert scene.replay.replayer.state.turn == 2
    d.key(pygame.K_PAGEUP)
    assert scene.replay.position < scene.replay.replayer.turn_start(2)  # type: ignore[operator]
    assert_shows_fresh_replay(scene, mini_log)


def test_turn_button_jumps_to_that_turn(mini_log: str) -> None:
    # The « 3 » button of « Tour : » shows turn 3, phase Événement.
    d = open_replay(mini_log)
    scene = scene_of(d)
    d.click("replay:turn:3")
    assert scene.replay.replayer.state.turn == 3
    assert scene.view is not None and scene.view.phase == Phase.EVENEMENT


def test_space_plays_at_the_chosen_speed(mini_log: str) -> None:
    # « + » twice shows « ×4 »; space then one second of frames moves four actions on.
    d = open_replay(mini_log)
    scene = scene_of(d)
    d.key(pygame.K_PLUS, "+")
    d.key(pygame.K_PLUS, "+")
    assert scene.speed == 4
    d.key(pygame.K_SPACE, " ")
    assert scene.playing
    before = scene.replay.position
    d.frames(60)  # 60 frames of 1/60 s
    d.key(pygame.K_SPACE, " ")
    assert not scene.playing
    assert scene.replay.position - before in (4, 5)
    assert_shows_fresh_replay(scene, mini_log)


def _game_with_a_justified_vote() -> str:
    """A mini game up to the vote, where the DPO votes « Contre » with a reason."""
    log = GameLog.new(load_pack(MINI), seed=2, seats=("dgs", "dpo", "elu"))
    log.append(StartGame(at=10.0))
    log.append(AdvancePhase(at=11.0))
    while log.state.phase is not Phase.VOTE:
        for seat in ("dgs", "dpo", "elu"):
            acts = legal_actions(log.state, seat)
            pick = next((a for a in acts if isinstance(a, Propose)), None)
            if log.state.phase is Phase.PROPOSITIONS and pick is not None and seat == "dgs":
                log.append(pick.model_copy(update={"at": 12.0}))
            elif any(isinstance(a, Ready) for a in acts):
                log.append(Ready(seat=seat, at=13.0))
            if log.state.phase is Phase.VOTE:
                break
    vote = Vote(seat="dpo", proposal=0, choice=VoteChoice.CONTRE, justification="<b>Trop cher</b>")
    log.append(vote.model_copy(update={"at": 14.0}))
    return log.to_jsonl()


def test_vote_panel_shows_each_ballot_with_its_justification() -> None:
    # At the end, the vote panel reads « DPO : Contre — « <b>Trop cher</b> » » as plain text,
    # and the header says who did what.
    text = _game_with_a_justified_vote()
    d = open_replay(text)
    d.key(pygame.K_END)
    scene = scene_of(d)
    assert "DPO : Contre — « <b>Trop cher</b> »" in scene.shown
    from game.client.scenes.replay_text import action_sentence

    assert action_sentence(scene.replay).startswith("DPO vote Contre sur « ")


def test_console_rejouer_opens_the_table_replay_and_comes_back() -> None:
    # On the console, « Rejouer » of table-1 opens its replay; « Retour » shows the tiles again.
    workshop = LocalWorkshop(load_pack(MINI), tables=2, clock=lambda: 1000.0)
    workshop.control("table-1", StartGame())
    workshop.control("table-1", AdvancePhase())
    app = App((1280, 800))
    app.switch(FacilitatorScene(workshop))
    d = Driver(app)
    d.frames(1)
    d.click("table-1:replay")
    scene = scene_of(d)
    assert scene.replay.length == len(workshop.logs["table-1"].records)
    d.key(pygame.K_END)
    assert scene.replay.replayer.state.state_hash() == workshop.logs["table-1"].state.state_hash()
    d.click("replay:close")
    assert isinstance(app.scene, FacilitatorScene)


def test_replay_command_refuses_an_unknown_seat(tmp_path: Path, mini_log: str) -> None:
    # `capia replay LOG --seat maire` stops with exit code 1 and names the roles.
    path = tmp_path / "t.jsonl"
    path.write_text(mini_log, encoding="utf-8")
    args = argparse.Namespace(log=path, seat="maire", facilitator=False, at=0)
    assert replay_command(args) == 1


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_screenshots_mid_game(tmp_path: Path, size: tuple[int, int]) -> None:
    # A ville-moyenne bot game in turn 3: the vote as the facilitator, the market as the DPO,
    # the résolution of turn 2, each saved under tests/screenshots/ to be looked at.
    play_game(load_pack(BIG), strategy="cautious", seed=3, log_dir=tmp_path)
    text = (tmp_path / "cautious-3.jsonl").read_text(encoding="utf-8")
    d = open_replay(text, size)
    scene = scene_of(d)
    rep = scene.replay.replayer
    vote = rep.phase_start(3, Phase.VOTE)
    assert vote is not None
    scene.seek(vote + 8)
    d.frames(2)
    d.app.screenshot(SHOTS / f"replay_vote_{size[0]}.png")
    scene.seek(rep.phase_start(2, Phase.RESOLUTION) or 0)
    d.frames(2)
    d.app.screenshot(SHOTS / f"replay_resolution_{size[0]}.png")
    _choose_view(d, "DPO")
    scene.seek(rep.phase_start(3, Phase.PROPOSITIONS) or 0)
    d.key(pygame.K_RIGHT)
    d.app.screenshot(SHOTS / f"replay_propositions_dpo_{size[0]}.png")
    assert scene.replay.seat == "dpo"
    assert (SHOTS / f"replay_vote_{size[0]}.png").stat().st_size > 10_000
