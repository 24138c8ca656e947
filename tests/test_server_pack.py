"""The join ack names the pack's public texts by hash; HTTP serves them once, by ETag.

The ack carried the whole public pack (~106 KB of its ~122 KB) at every join and
reconnection; it now carries `pack_hash` and `pack_url`, and `GET /api/packs/{hash}`
answers the texts (the same as `public_pack`), with the hash as ETag and a bodiless
304 to a client that holds them.
"""

from __future__ import annotations

import hashlib
import json

import aiohttp
from server_fixtures import ROOT, LiveServer, live_server

from game.client.sessions.packs import fetch_pack
from game.engine import public_pack
from game.scenario import load_pack

__all__ = ["live_server"]


async def test_the_ack_names_the_pack_and_http_serves_it_once(live_server: LiveServer) -> None:
    ws = await live_server.workshop("ville-moyenne", tables=2, seed=3)
    acks = []
    for table in ws.tables:
        p = await live_server.player()
        acks.append(await p.join(table.code, name="Zoé"))
    ack = acks[0]
    assert ack["ok"] and "pack" not in ack
    assert len(json.dumps(ack, ensure_ascii=False).encode()) < 40_000  # was ~130 KB
    assert acks[1]["pack_hash"] == ack["pack_hash"]  # one pack, one hash for every table
    url = live_server.url + ack["pack_url"]
    async with aiohttp.ClientSession() as s:
        async with s.get(url) as r:
            assert r.status == 200
            body = await r.read()
            etag = r.headers["ETag"]
            assert "immutable" in r.headers["Cache-Control"]
        assert (
            hashlib.sha256(body).hexdigest() == ack["pack_hash"] and etag == f'"{ack["pack_hash"]}"'
        )
        expected = public_pack(load_pack(ROOT / "scenarios" / "ville-moyenne"))
        assert json.loads(body) == expected
        async with s.get(url, headers={"If-None-Match": etag}) as r:
            assert r.status == 304 and await r.read() == b""
        async with s.get(live_server.url + "/api/packs/" + "0" * 64) as r:
            assert r.status == 404
            assert "empreinte" in (await r.json())["error"]["message"]
    # the pygame client's fetch: checked against the hash, then kept by it
    data = await fetch_pack(live_server.url, ack["pack_url"], ack["pack_hash"])
    assert data == expected
    assert await fetch_pack("http://127.0.0.1:9", ack["pack_url"], ack["pack_hash"]) is data
