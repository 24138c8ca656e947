"""The table's own screens show where phones join it: the board (the room's big screen)
and a networked seat's screen draw the table's join URL and its QR code, as the server
gives them; a hot-seat game shows none."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pygame
import pytest
from client_net_fixtures import ThreadedServer, threaded_server, token_file, until
from layout_checks import problems

from game.client.app import App
from game.client.board import BoardScene, BoardSession
from game.client.driver import Driver
from game.client.scenes.join_lookup import JoinLookup
from game.client.scenes.panels.join import qr_surface
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession
from game.client.sessions.remote import RemoteSession
from game.join_qr import join_qr_png
from game.scenario import load_pack
from game.workshop_client import workshop_access

__all__ = ["threaded_server", "token_file"]
PACKS = Path(__file__).parent / "packs"
SIZES = [(1024, 640), (1280, 800), (1920, 1080)]


def _same(a: pygame.Surface, b: pygame.Surface) -> bool:
    return a.get_size() == b.get_size() and pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(
        b, "RGB"
    )


def _join_url(server: ThreadedServer, token: str, workshop: str) -> tuple[str, str]:
    t = workshop_access(server.url, token, workshop).tables[0]
    return t.code, t.join_url


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_board_shows_the_join_url_and_its_qr_code(
    threaded_server: ThreadedServer, size: tuple[int, int]
) -> None:
    ws = threaded_server.workshop()
    code, url = _join_url(threaded_server, ws.facilitator_token, ws.workshop_id)
    session = BoardSession(threaded_server.url, code, every=0.05)
    try:
        session.wait_view()
        app = App(size)
        scene = BoardScene(session)
        app.switch(scene)
        d = Driver(app)
        until(lambda: scene.join.card is not None, d.frames)
        d.frames(2)
        assert scene.join.card is not None and scene.join.card.url == url
        assert _same(scene.join.card.qr, qr_surface(join_qr_png(url)))
        panel = scene.panel("join")
        assert panel is not None and url in "".join(panel.texts)
        assert f"Code : {code}" in panel.texts
        assert problems(app) == []
    finally:
        session.close()


def test_a_networked_seat_shows_the_join_url_a_hot_seat_none(
    threaded_server: ThreadedServer,
) -> None:
    ws = threaded_server.workshop()
    code, url = _join_url(threaded_server, ws.facilitator_token, ws.workshop_id)
    seat = RemoteSession(threaded_server.url, code, name="Dana", seat="dpo").start()
    try:
        until(lambda: seat.view is not None, seat.poll)
        app = App((1280, 800))
        scene = TableScene(seat)
        app.switch(scene)
        d = Driver(app)
        until(lambda: scene.join.card is not None, d.frames)
        d.frames(2)
        role = scene.panel("role")
        assert role is not None and url in "".join(role.texts)
    finally:
        seat.close()
    hot = LocalSession(load_pack(PACKS / "mini"), seats=["dpo", "dgs"])
    assert not JoinLookup(hot).wanted
    app = App((1280, 800))
    app.switch(TableScene(hot))
    Driver(app).frames(2)
    assert not any("Code :" in t for p in app.scene.panels for t in p.texts)  # type: ignore[union-attr]
