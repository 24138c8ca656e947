"""The board: a table's shared screen with no seat, fed the server's public view.

Over whole games, no secret objective and no unrevealed shadow-AI item ever reaches
it: not in the engine's `public_view`, not over HTTP, not in the pygame board.
"""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import asyncio
import json
import random
from pathlib import Path
from typing import Any

import aiohttp
from server_fixtures import LiveServer, live_server, seated_table

from game.engine.board_view import public_view
from game.engine.state import GameState
from game.randomplay import play_random_game
from game.replay import Replayer
from game.scenario import load_pack
from game.scenario.models import Pack

__all__ = ["live_server"]

ROOT = Path(__file__).resolve().parent.parent
PACKS = [ROOT / "scenarios" / "decouverte", ROOT / "scenarios" / "ville-moyenne"]
SHOTS = ROOT / "tests" / "screenshots"


def _hidden_words(pack: Pack) -> tuple[list[str], list[str]]:
    """(every secret objective's text, every shadow-AI item's id and title)."""
    secrets = [r.secret.text for r in pack.scenario.roles]
    shadow = [w for s in pack.scenario.collectivite.shadow_ai for w in (s.id, s.title)]
    return secrets, shadow


def _check_board_text(text: str, pack: Pack, shadow_revealed: bool) -> None:
    secrets, shadow = _hidden_words(pack)
    data = json.loads(text)
    view = data.get("view", data)
    assert view["seat"] is None and view["secret"] is None and view["secrets"] == {}
    assert view["legal_actions"] == []
    for s in secrets:
        assert json.dumps(s, ensure_ascii=False)[1:-1] not in text
    if not shadow_revealed:
        assert view["shadow_ai"] is None
        for w in shadow:
            assert f'"{w}"' not in text, w


def _revealed(state: GameState) -> bool:
    return state.shadow_revealed


def test_the_public_view_of_every_state_of_whole_games_hides_every_secret() -> None:
    # Random games of both packs: at every position the board's view has no seat, no
    # secret objective (not even at the end), no legal action, and no shadow-AI item
    # before the inventory is revealed; the market is the table's, with no seat's quota.
    for path in PACKS:
        pack = load_pack(path)
        assert pack.scenario.collectivite.shadow_ai, "the pack should have a shadow inventory"
        for seed in (1, 2):
            replayer = Replayer.from_jsonl(play_random_game(pack, seed=seed).to_jsonl())
            seen_hidden = False
            for i in range(len(replayer) + 1):
                state = replayer.seek(i)
                view = public_view(state)
                _check_board_text(view.model_dump_json(), pack, _revealed(state))
                seen_hidden |= not _revealed(state) and state.phase == "propositions"
                reasons = {m.reason for m in view.market}
                assert not any("vos propositions" in r for r in reasons)
            assert state.phase == "fin" and seen_hidden


async def _board(server: LiveServer, code: str, etag: str | None = None) -> tuple[int, Any, str]:
    headers = {"If-None-Match": etag} if etag else {}
    url = f"{server.url}/api/tables/by-code/{code}/board"
    async with aiohttp.ClientSession() as s, s.get(url, headers=headers) as r:
        return r.status, r.headers.get("ETag"), await r.text()


async def test_a_board_follows_a_whole_game_over_http_and_never_gets_a_secret(
    live_server: LiveServer,
) -> None:
    # Four seats play the mini pack at random; after every step the board asks for the
    # public view: a 304 when nothing changed, else a view with no secret at all.
    ws, players = await seated_table(live_server)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    pack = load_pack(ROOT / "tests" / "packs" / "mini")
    status, etag, text = await _board(live_server, code)
    assert status == 200
    assert (await _board(live_server, code, etag))[0] == 304
    rng = random.Random(4)
    shown = False
    for _ in range(600):
        if all(p.view.view.phase == "fin" for p in players):
            break
        movers = [p for p in players if p.view.view.legal_actions]
        if movers:
            p = rng.choice(movers)
            ack = await p.act(p.random_action(rng))
        else:
            ack = await fac.control(table_id, {"type": "advance_phase"})
        for q in players:
            await q.wait_version(ack.get("version", 0))
        status, tag, body = await _board(live_server, code, etag)
        if status == 200:
            etag, text = tag, body
            seen = players[0].view.view  # the seats see the inventory in play, or at the end
            shown |= seen.shadow_ai is not None and seen.phase != "fin"
            _check_board_text(text, pack, shown)
        else:
            assert status == 304
    board = json.loads(text)["view"]
    mine = players[0].view.view.model_dump(mode="json")
    assert board["phase"] == "fin" and board["team_score"] == mine["team_score"]
    assert mine["secrets"] and not board["secrets"]
    if shown:  # revealed in play: the board and the seats see the same table at the end
        assert {k: v for k, v in board.items() if k not in _SEAT_FIELDS} == {
            k: v for k, v in mine.items() if k not in _SEAT_FIELDS
        }
    status, _, body = await _board(live_server, "NOPE99")
    assert status == 404 and json.loads(body)["error"]["code"] == "unknown_table"


_SEAT_FIELDS = {"seat", "secret", "secrets", "legal_actions", "market"}
_SEAT_FIELDS |= {"shadow_ai", "risks_fired", "feed"}  # unmasked for the seats at the end


async def test_the_pygame_board_draws_the_table_from_the_public_view(
    live_server: LiveServer,
) -> None:
    # `capia play --board`: the BoardSession reads the table, follows a change, and the
    # board scene draws it read-only (no « Prêt·e »), saying whose screen it is.
    from game.client.app import App
    from game.client.board import BoardScene, BoardSession
    from game.client.driver import Driver

    ws, _ = await seated_table(live_server)
    fac = await live_server.facilitator(ws.facilitator_token)
    session = BoardSession(live_server.url, ws.tables[0].code.lower(), every=0.05)
    try:
        view = await asyncio.to_thread(session.wait_view)
        assert view is not None and view.phase == "lobby" and session.texts.title
        ack = await fac.control(ws.tables[0].table_id, {"type": "start_game"})
        for _ in range(200):
            session.poll()
            if session.view is not None and session.view.turn == 1:
                break
            await asyncio.sleep(0.05)
        assert session.view is not None and session.view.turn == 1, ack
        app = App((1280, 800))
        scene = BoardScene(session)
        app.switch(scene)
        Driver(app).frames(2)
        assert scene.who_text(session.view).startswith("Tableau de la table")
        assert "ready" not in scene.buttons
        SHOTS.mkdir(parents=True, exist_ok=True)
        app.screenshot(SHOTS / "board_1280.png")
    finally:
        session.close()
