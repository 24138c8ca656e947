"""Opening, listing and closing workshops: the admin token, facilitator tokens given again
after a restart, closed workshops refusing joins and actions."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from server_fixtures import LiveServer, live_server, seated_table, start_server, stop_server

from game.workshop_api import WorkshopList
from server.keys import NEW_ADMIN_KEY

__all__ = ["live_server"]

BODY = {"scenario": "mini", "tables": 2, "seed": 3}


async def test_opening_a_workshop_needs_the_admin_token(live_server: LiveServer) -> None:
    # No token, a facilitator's token or a wrong one: 401 with what to do, in French.
    ws = await live_server.workshop()
    for token in (None, ws.facilitator_token, "pas-le-bon"):
        status, body = await live_server.http("POST", "/api/workshops", token=token, body=BODY)
        assert status == 401, body
        assert body["error"]["code"] == "unauthorized"
        assert "Jeton d'administration" in body["error"]["message"]
    status, body = await live_server.http(
        "POST", "/api/workshops", token=live_server.admin_token, body=BODY
    )
    assert status == 201 and len(body["tables"]) == 2


async def test_the_first_start_makes_an_admin_token_kept_only_hashed(tmp_path: Path) -> None:
    db = tmp_path / "capia.sqlite3"
    server = await start_server(db, admin=False)
    assert server.runner is not None
    token = server.runner.app[NEW_ADMIN_KEY]
    assert token is not None
    server.admin_token = token
    await server.workshop()
    await stop_server(server)
    again = await start_server(db, admin=False)
    assert again.runner is not None and again.runner.app[NEW_ADMIN_KEY] is None  # shown once
    again.admin_token = token
    await again.workshop()  # the same token still opens workshops
    await stop_server(again)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert token.encode() not in raw


async def test_the_list_gives_codes_and_to_the_admin_the_tokens_again(tmp_path: Path) -> None:
    # After a restart, `GET /api/workshops` with the admin token gives each workshop's
    # facilitator token again (it opens the console); without it, only the codes.
    db = tmp_path / "capia.sqlite3"
    server = await start_server(db)
    ws = await server.workshop(tables=2)
    await stop_server(server)
    server = await start_server(db)
    try:
        status, body = await server.http("GET", "/api/workshops")
        assert status == 200
        [listed] = WorkshopList.model_validate(body).workshops
        assert [t.code for t in listed.tables] == [t.code for t in ws.tables]
        assert listed.tables[0].join_url == f"{server.url}/t/{ws.tables[0].code}"
        assert listed.facilitator_token is None
        _, body = await server.http("GET", "/api/workshops", token=server.admin_token)
        [listed] = WorkshopList.model_validate(body).workshops
        assert listed.facilitator_token == ws.facilitator_token
        status, _ = await server.http(
            "GET", f"/api/workshops/{ws.workshop_id}", token=listed.facilitator_token
        )
        assert status == 200
        fac = await server.facilitator(listed.facilitator_token)
        assert (await fac.call("sync_all", {}))["ok"]
    finally:
        await stop_server(server)


async def test_a_closed_workshop_refuses_joins_and_actions_and_leaves_the_list(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="capia.server")
    db = tmp_path / "capia.sqlite3"
    server = await start_server(db)
    ws, players = await seated_table(server)
    path = f"/api/workshops/{ws.workshop_id}/close"
    status, body = await server.http("POST", path)
    assert status == 403, body
    status, body = await server.http("POST", path, token=ws.facilitator_token)
    assert status == 200 and body["ok"] is True
    assert any(
        r.getMessage().startswith(f"Atelier {ws.workshop_id} clos : 1 table(s)")
        for r in caplog.records
        if r.name == "capia.server"
    )
    newcomer = await server.player()
    ack = await newcomer.join(ws.tables[0].code, name="Zoé")
    assert ack["ok"] is False and ack["error"]["code"] == "workshop_closed"
    assert "atelier est clos" in ack["error"]["message"]
    dgs = players[0]
    ack = await dgs.act({"type": "ready", "seat": "dgs"})
    assert ack["ok"] is False and ack["error"]["code"] == "workshop_closed", ack
    fac = await server.facilitator(ws.facilitator_token)
    ack = await fac.control(ws.tables[0].table_id, {"type": "start_game"})
    assert ack["ok"] is False and ack["error"]["code"] == "workshop_closed"
    _, body = await server.http("GET", "/api/workshops")
    assert body["workshops"] == []
    await stop_server(server)
    server = await start_server(db)  # still closed after a restart
    try:
        _, body = await server.http("GET", "/api/workshops", token=server.admin_token)
        [listed] = body["workshops"]
        assert listed["closed"] is not None
        again = await server.player()
        back = await again.join(ws.tables[0].code, token=dgs.token)
        assert back["ok"] is True  # a seat comes back to read its table
        ack = await again.act({"type": "ready", "seat": "dgs"})
        assert ack["error"]["code"] == "workshop_closed"
    finally:
        await stop_server(server)
    db_rows = sqlite3.connect(db).execute("SELECT count(*) FROM workshop_closures").fetchone()
    assert db_rows == (1,)


async def test_tables_can_be_named_one_name_each(live_server: LiveServer) -> None:
    token = live_server.admin_token
    body = {"scenario": "mini", "tables": 2, "names": ["Les Bleus"]}
    status, answer = await live_server.http("POST", "/api/workshops", token=token, body=body)
    assert status == 400 and "1 nom(s) de table pour 2 table(s)" in answer["error"]["message"]
    body["names"] = ["Les Bleus", "Les Verts"]
    status, answer = await live_server.http("POST", "/api/workshops", token=token, body=body)
    assert status == 201 and [t["name"] for t in answer["tables"]] == ["Les Bleus", "Les Verts"]
