"""The server's pre-built JSON texts reach socket.io clients as objects, not as strings."""

from __future__ import annotations

import json

import pytest
from server_fixtures import LiveServer, live_server, seated_table

from game.protocol import MAX_JSON_DEPTH
from server.wire_json import RawJSON, dumps, json_depth, loads

__all__ = ["live_server"]


def test_raw_json_items_are_inserted_verbatim_and_the_rest_is_plain_json() -> None:
    text = '{"table_id":"t1","version":3,"view":{"nom":"Zoé « DSI »"}}'
    packet = dumps(["view", RawJSON(text)], separators=(",", ":"))
    assert packet == f'["view",{text}]'
    assert json.loads(packet)[1] == json.loads(text)
    plain = ["act", {"a": [1, "é"]}, "texte"]
    assert dumps(plain, separators=(",", ":")) == '["act",{"a":[1,"é"]},"texte"]'
    assert dumps(["x", "not raw"]) == json.dumps(["x", "not raw"])


def test_accents_go_out_as_utf8_and_a_lone_surrogate_escaped() -> None:
    assert dumps({"m": "Événement « é »"}) == '{"m": "Événement « é »"}'
    text = dumps(["x", {"m": "é\ud800"}])  # only a client can send that: it is escaped
    assert text.isascii() and json.loads(text) == ["x", {"m": "é\ud800"}]


def test_decoding_keeps_engineio_limits() -> None:
    assert loads('{"v": 12}') == {"v": 12}
    with pytest.raises(ValueError):
        loads("1" * 200)  # engineio refuses huge integers


def test_json_depth_counts_the_brackets_outside_strings() -> None:
    deep = MAX_JSON_DEPTH + 10
    assert json_depth("[" * deep + "]" * deep) == deep
    assert json_depth('{"a":[' + "[1]," * deep + '{"b":[]}]}') == 4  # many brackets, shallow
    assert json_depth('["' + "[" * deep + '", {"k": "\\\\"}]') == 2  # in strings: not counted
    assert json_depth('["\\"' + "[" * deep + '"]') == 1  # nor after an escaped quote
    assert json_depth('["' + "[" * deep) == 1  # an unterminated string runs to the end
    assert json_depth('{"a":[1,{"b":[]}]}') >= 3  # few brackets: their count bounds the depth


def test_decoding_refuses_deep_nesting_before_the_decoder_recurses() -> None:
    value: list[object] = []
    for _ in range(MAX_JSON_DEPTH - 1):
        value = [value]
    assert loads("[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH) == value
    for text in ("[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1), "[" * 20_000):
        with pytest.raises(ValueError, match="nested deeper"):
            loads(text)


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
