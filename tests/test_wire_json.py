"""The server's pre-built JSON texts reach socket.io clients as objects, not as strings."""

from __future__ import annotations

import json

import pytest
from server_fixtures import LiveServer, live_server, seated_table

from server.wire_json import RawJSON, dumps, loads

__all__ = ["live_server"]


def test_raw_json_items_are_inserted_verbatim_and_the_rest_is_plain_json() -> None:
    text = '{"table_id":"t1","version":3,"view":{"nom":"Zoé « DSI »"}}'
    packet = dumps(["view", RawJSON(text)], separators=(",", ":"))
    assert packet == f'["view",{text}]'
    assert json.loads(packet)[1] == json.loads(text)
    plain = ["act", {"a": [1, "é"]}, "texte"]
    assert dumps(plain, separators=(",", ":")) == json.dumps(plain, separators=(",", ":"))
    assert dumps(["x", "not raw"]) == json.dumps(["x", "not raw"])


def test_decoding_keeps_engineio_limits() -> None:
    assert loads('{"v": 12}') == {"v": 12}
    with pytest.raises(ValueError):
        loads("1" * 200)  # engineio refuses huge integers


async def test_views_and_summaries_arrive_as_objects(live_server: LiveServer) -> None:
    ws, players = await seated_table(live_server)
    fac = await live_server.facilitator(ws.facilitator_token)
    version = players[0].view.version
    ack = await players[0].act({"type": "ready"})
    assert ack["ok"], ack
    for p in players:
        await p.wait_version(version + 1)
    await fac.wait_for(lambda: fac.summary is not None)
    views = [m for p in players for m in p.received if isinstance(m, dict) and "base" in m]
    assert views and all(isinstance(m["changes"], dict) for m in views)
    assert not any(isinstance(m, str) for p in players for m in p.received)
    assert all(isinstance(m, dict) for m in fac.received)
