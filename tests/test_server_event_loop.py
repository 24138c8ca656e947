"""`capia serve` runs on uvloop where it is installed and on asyncio's own loop: both play.

uvloop has no Windows build (pyproject.toml skips it there); `CAPIA_EVENT_LOOP=asyncio`
asks for the standard loop anywhere. Each loop: the server starts, says which loop it
runs, seats four players and acknowledges an action whose view reaches every seat.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest
import socketio
from server_fixtures import ROOT, WAIT, Player

from server.loop import uvloop_available

CAPIA = Path(sys.executable).parent / "capia"
LOOPS = [
    "asyncio",
    pytest.param(
        "uvloop", marks=pytest.mark.skipif(not uvloop_available(), reason="uvloop not installed")
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("loop", LOOPS)
async def test_the_server_plays_on_each_event_loop(loop: str, tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = await asyncio.create_subprocess_exec(
        str(CAPIA), "serve", "--db", str(tmp_path / "capia.sqlite3"), "--port", str(port),
        "--scenario", "tests/packs/mini", cwd=ROOT, env={**os.environ, "CAPIA_EVENT_LOOP": loop},
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert proc.stdout is not None
    banner: list[str] = []
    players: list[Player] = []
    try:
        while not banner or not banner[-1].startswith("Ctrl+C"):
            line = await asyncio.wait_for(proc.stdout.readline(), WAIT)
            assert line, "\n".join(banner)
            banner.append(line.decode().strip())
        code = next(x.split("code ")[1].split()[0] for x in banner if x.startswith("Table 1"))
        health: dict[str, object] = {}
        async with aiohttp.ClientSession() as s:
            for _ in range(200):
                with contextlib.suppress(aiohttp.ClientConnectionError):
                    async with s.get(f"{url}/healthz") as r:
                        health = await r.json()
                        break
                await asyncio.sleep(0.05)
        assert health.get("event_loop") == loop
        for role in ("dgs", "dpo", "elu", "drh"):
            p = Player(socketio.AsyncClient(reconnection=False))
            await p.connect(url)
            players.append(p)
            assert (await p.join(code, name=role, seat=role))["ok"]
        ack = await players[0].act({"type": "ready", "seat": "dgs"})
        assert ack["ok"], ack
        for p in players:
            await p.wait_version(ack["version"])
    finally:
        for p in players:
            await p.sio.disconnect()
        proc.send_signal(signal.SIGTERM)
        await proc.wait()
