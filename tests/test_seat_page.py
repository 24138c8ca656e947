"""The browser seat's page over HTTP, and its view patching checked against the Python one."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from server_fixtures import LiveServer, live_server, seated_table

from game.protocol import SeatView
from server import seat_page

__all__ = ["live_server"]

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
built = pytest.mark.skipif(not seat_page.BUNDLE.exists(), reason="page not built (make web)")


async def _get(server: LiveServer, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    async with (
        aiohttp.ClientSession(auto_decompress=False) as s,
        s.get(server.url + path, headers=headers) as r,
    ):
        return r.status, dict(r.headers), await r.read()


@built
async def test_the_seat_page_and_its_files_come_from_the_server_itself(
    live_server: LiveServer,
) -> None:
    # /t/CODE and / give the same French page; its script and style are this server's,
    # the policy forbids any other origin and inline code; the script goes out gzipped.
    ws = await live_server.workshop()
    for path in (f"/t/{ws.tables[0].code}", "/"):
        status, headers, body = await _get(live_server, path)
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        assert b'<html lang="fr">' in body and b'src="/static/seat/seat.js"' in body
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self';" in csp and "default-src 'none'" in csp
        assert b"http://" not in body and b"https://" not in body
    status, headers, body = await _get(
        live_server, "/static/seat/seat.js", **{"Accept-Encoding": "gzip"}
    )
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert headers.get("Content-Encoding") == "gzip"
    status, headers, _ = await _get(live_server, "/static/seat/seat.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    for bad in ("/static/seat/..%2Fseat_page.py", "/static/seat/index.html", "/static/seat/x.js"):
        assert (await _get(live_server, bad))[0] == 404, bad


async def test_a_server_without_the_built_script_says_how_to_build_it(
    live_server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(seat_page, "BUNDLE", Path("/nonexistent/seat.js"))
    status, _, body = await _get(live_server, "/t/ABCDEF")
    assert status == 503 and "make web" in body.decode()


_NODE_SCRIPT = """
import { readFileSync } from "node:fs";
const { SeatView } = await import(process.argv[1]);
const { ack, messages } = JSON.parse(readFileSync(0, "utf8"));
const held = new SeatView();
held.reset(ack.version, ack.view, ack.table_id);
const results = messages.map((m) => held.take(m));
process.stdout.write(JSON.stringify({ results, version: held.version, view: held.view }));
"""


@pytest.mark.skipif(NODE is None, reason="node absent: the page's patching is not checked")
async def test_the_page_patches_views_exactly_as_the_python_client_does(
    live_server: LiveServer,
) -> None:
    # Four seats play random legal moves; every view message the DGS's connection got is
    # applied by patch.js (in node) and by game.protocol.SeatView: same answers, same view.
    # Then patches that do not fit (wrong base, a field that is no list, an index out of
    # range, an old version) are a gap or stale for both.
    ws, players = await seated_table(live_server)
    dgs = players[0]
    ack: dict[str, Any] = {
        "version": dgs.view.version,
        "view": dgs.view.view.model_dump(mode="json"),
        "table_id": ws.tables[0].table_id,
    }
    start = len(dgs.received)
    rng = random.Random(5)
    fac = await live_server.facilitator(ws.facilitator_token)
    for _ in range(120):
        movers = [p for p in players if p.view.view.legal_actions]
        if all(p.view.view.phase == "fin" for p in players):
            break
        if movers:
            p = rng.choice(movers)
            result = await p.act(p.random_action(rng))
        else:
            result = await fac.control(ws.tables[0].table_id, {"type": "advance_phase"})
        for q in players:
            await q.wait_version(result.get("version", 0))
    messages = [
        m for m in dgs.received[start:] if isinstance(m, dict) and "version" in m and "ok" not in m
    ]
    assert any("base" in m for m in messages)
    v = dgs.view.version
    messages += [
        {"version": v + 1, "base": v - 3, "seat": "dgs", "changes": {}, "lists": {}},
        {"version": v + 1, "base": v, "seat": "dgs", "changes": {}, "lists": {"phase": [0, 1, []]}},
        {
            "version": v + 1,
            "base": v,
            "seat": "dgs",
            "changes": {},
            "lists": {"feed": [0, 2, [[5, {}]]]},
        },
        {"version": v, "base": v - 1, "seat": "dgs", "changes": {"turn": 99}, "lists": {}},
    ]
    held = SeatView()
    held.reset(ack["version"], ack["view"], ack["table_id"])
    expected = [held.take_message(m) for m in messages]
    assert NODE is not None
    out = subprocess.run(
        [
            NODE,
            "--input-type=module",
            "-e",
            _NODE_SCRIPT,
            (ROOT / "web" / "src" / "patch.js").as_uri(),
        ],
        input=json.dumps({"ack": ack, "messages": messages}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    got = json.loads(out.stdout)
    assert got["results"] == expected and expected[-4:] == ["gap", "gap", "gap", "stale"]
    assert got["version"] == held.version == dgs.view.version
    assert got["view"] == held.view == dgs.view.view.model_dump(mode="json")
