"""The connect screen, driven by real pygame events against a live server; screenshots."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import argparse
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from client_net_fixtures import ThreadedServer, threaded_server, token_file, until

from game.client.app import App
from game.client.driver import Driver
from game.client.main import add_play_arguments, connect_scene
from game.client.scenes.connect import UNKNOWN_CODE, ConnectScene
from game.client.scenes.table import TableScene
from game.client.sessions.remote import RemoteSession
from game.client.tokens import TokenStore

__all__ = ["threaded_server", "token_file"]
SHOTS = Path(__file__).parent / "screenshots"
SIZES = [(1280, 800), (1920, 1080)]


@pytest.fixture
def app() -> Iterator[App]:
    """A window; the session its scenes opened is closed at the end."""
    window = App((1280, 800))
    yield window
    for scene in (window.scene, getattr(window.scene, "session", None)):
        session = getattr(scene, "session", scene)
        if isinstance(session, RemoteSession):
            session.close()


def type_into(d: Driver, key: str, text: str) -> None:
    """Click the field `key` of the scene and type `text` (TEXTINPUT events)."""
    scene = d.app.scene
    assert scene is not None
    d.click_at(scene.entries[key].rect.center)
    d.type_text(text)


def wait_for(d: Driver, predicate: object) -> None:
    until(predicate, d.frames)  # type: ignore[arg-type]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_typing_the_code_and_clicking_a_seat_reaches_the_table(
    threaded_server: ThreadedServer, app: App, token_file: Path
) -> None:
    # A trainee types the table code, sees the four roles, clicks « DPO », then « Rejoindre »:
    # the table opens on the DPO's screen and the token is remembered for next time.
    ws = threaded_server.workshop()
    code = ws.tables[0].code
    app.switch(ConnectScene(server=threaded_server.url))
    d = Driver(app)
    type_into(d, "code", code.lower())
    type_into(d, "name", "Camille")
    wait_for(d, lambda: "seat:dpo" in d.app.scene.buttons)  # type: ignore[union-attr]
    d.click("seat:dpo")
    d.click("join")
    wait_for(d, lambda: isinstance(app.scene, TableScene))
    session = app.scene.session  # type: ignore[union-attr]
    assert isinstance(session, RemoteSession) and session.seat == "dpo"
    kept = json.loads(token_file.read_text(encoding="utf-8"))
    assert kept[f"{threaded_server.url}|{code}"]["seat"] == "dpo"
    assert kept[f"{threaded_server.url}|{code}"]["name"] == "Camille"


@pytest.mark.parametrize("size", SIZES)
def test_the_seat_list_shows_free_and_taken_roles(
    threaded_server: ThreadedServer, size: tuple[int, int]
) -> None:
    # The DGS is already seated: its button reads « prise par Dominique » and is disabled;
    # the other roles are free. (Screenshot: connect_<width>.png)
    ws = threaded_server.workshop()
    code = ws.tables[0].code
    other = RemoteSession(threaded_server.url, code, name="Dominique", seat="dgs").start()
    until(lambda: other.view is not None, other.poll)
    window = App(size)
    window.switch(ConnectScene(server=threaded_server.url, code=code, name="Camille"))
    d = Driver(window)
    wait_for(d, lambda: "seat:dpo" in d.app.scene.buttons)  # type: ignore[union-attr]
    d.click("seat:dpo")
    scene = window.scene
    assert isinstance(scene, ConnectScene)
    assert scene.buttons["seat:dgs"].text.endswith("prise par Dominique")
    assert not scene.buttons["seat:dgs"].is_enabled
    assert scene.buttons["seat:elu"].is_enabled
    window.screenshot(SHOTS / f"connect_{size[0]}.png")
    other.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_wrong_code_says_the_table_is_unknown(
    threaded_server: ThreadedServer, size: tuple[int, int]
) -> None:
    # « ZZZZZZ » is no table of this server: the screen says « Code de table inconnu »
    # and « Rejoindre » stays disabled. (Screenshot: connect_wrong_code_<width>.png)
    window = App(size)
    window.switch(ConnectScene(server=threaded_server.url))
    d = Driver(window)
    type_into(d, "code", "ZZZZZZ")
    scene = window.scene
    assert isinstance(scene, ConnectScene)
    wait_for(d, lambda: scene.message == UNKNOWN_CODE)
    assert scene.message.startswith("Code de table inconnu")
    assert not scene.buttons["join"].is_enabled
    window.screenshot(SHOTS / f"connect_wrong_code_{size[0]}.png")


@pytest.mark.parametrize("size", SIZES)
def test_a_server_that_does_not_answer_is_tried_again(size: tuple[int, int]) -> None:
    # Nothing listens at the address: « Le serveur ne répond pas — nouvel essai dans 3 s… ».
    # (Screenshot: connect_server_down_<width>.png)
    window = App(size)
    url = f"http://127.0.0.1:{free_port()}"
    window.switch(ConnectScene(server=url, code="ABCDEF"))
    d = Driver(window)
    scene = window.scene
    assert isinstance(scene, ConnectScene)
    wait_for(d, lambda: scene.message.startswith("Le serveur ne répond pas"))
    assert scene.message == "Le serveur ne répond pas — nouvel essai dans 3 s…"
    window.screenshot(SHOTS / f"connect_server_down_{size[0]}.png")


def test_the_table_appears_by_itself_once_the_server_answers(tmp_path: Path, app: App) -> None:
    # The trainee's laptop starts before the server: the screen retries on its own and
    # lists the seats as soon as the server is up (retry delay shortened for the test).
    port = free_port()
    app.switch(ConnectScene(server=f"http://127.0.0.1:{port}", retry_delay=0.3))
    d = Driver(app)
    scene = app.scene
    assert isinstance(scene, ConnectScene)
    type_into(d, "code", "ABCDEF")
    wait_for(d, lambda: scene.message.startswith("Le serveur ne répond pas"))
    server = ThreadedServer(tmp_path / "late.sqlite3", port=port)
    try:
        ws = server.workshop()
        scene.entries["code"].set_text(ws.tables[0].code)
        wait_for(d, lambda: scene.table is not None)
        assert scene.message == ""
    finally:
        server.close()


def test_capia_play_with_a_remembered_token_rejoins_the_seat_directly(
    threaded_server: ThreadedServer, app: App
) -> None:
    # `capia play --server URL --code CODE` after a crash: no form to fill, the élu·e's
    # screen comes back at once, on the same seat.
    ws = threaded_server.workshop()
    code = ws.tables[0].code
    first = RemoteSession(threaded_server.url, code, name="Sacha", seat="elu").start()
    until(lambda: first.view is not None, first.poll)
    assert first.token is not None
    from game.client.tokens import SeatToken

    TokenStore().remember(threaded_server.url, code, SeatToken(first.token, "elu", "Sacha"))
    first.close()
    parser = argparse.ArgumentParser()
    add_play_arguments(parser)
    args = parser.parse_args(["--server", threaded_server.url, "--code", code])
    scene = connect_scene(args)
    assert scene.auto_join
    app.switch(scene)
    d = Driver(app)
    wait_for(d, lambda: isinstance(app.scene, TableScene))
    session = app.scene.session  # type: ignore[union-attr]
    assert isinstance(session, RemoteSession)
    assert (session.seat, session.name) == ("elu", "Sacha")
