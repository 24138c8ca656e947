"""`kill -9` of `capia serve` mid-game loses no acknowledged action; the game goes on."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import signal
import socket
import sys
from pathlib import Path
from typing import Any

import aiohttp
import socketio
from server_fixtures import ROOT, WAIT, Player

CAPIA = Path(sys.executable).parent / "capia"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _serve(db: Path, port: int) -> tuple[asyncio.subprocess.Process, list[str]]:
    """Start `capia serve` and return it with its banner lines, once /healthz answers."""
    proc = await asyncio.create_subprocess_exec(
        str(CAPIA), "serve", "--db", str(db), "--port", str(port),
        "--scenario", "tests/packs/mini",
        cwd=ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert proc.stdout is not None
    lines: list[str] = []
    while not lines or not lines[-1].startswith("Ctrl+C"):
        line = await asyncio.wait_for(proc.stdout.readline(), WAIT)
        assert line, "\n".join(lines)
        lines.append(line.decode().strip())
    for _ in range(200):  # the banner is printed just before the port is bound
        with contextlib.suppress(aiohttp.ClientConnectionError):
            async with aiohttp.ClientSession() as s, s.get(f"http://127.0.0.1:{port}/healthz"):
                return proc, lines
        await asyncio.sleep(0.05)
    raise AssertionError("capia serve never answered /healthz")


async def _player(url: str, code: str, **join: Any) -> Player:
    p = Player(socketio.AsyncClient(reconnection=False))
    await p.connect(url)
    ack = await p.join(code, **join)
    assert ack["ok"], ack
    return p


async def _play(p: Player, rng: random.Random, acked: list[tuple[int, dict[str, Any]]]) -> None:
    """Act at random from this player's view until the connection dies."""
    with contextlib.suppress(Exception):  # the server is killed under our feet
        while True:
            action = p.random_action(rng)
            if action is None:
                await asyncio.sleep(0.005)
                continue
            sent = action.model_dump(mode="json")
            ack = await p.act(sent)
            if ack["ok"]:
                acked.append((ack["version"], sent))


async def test_kill_9_mid_game_loses_no_acknowledged_action(tmp_path: Path) -> None:
    # Four players play fast; the server process is killed with SIGKILL; restarted on the
    # same database, every action it had acknowledged is in the log and play continues.
    db, port = tmp_path / "capia.sqlite3", _free_port()
    url = f"http://127.0.0.1:{port}"
    proc, banner = await _serve(db, port)
    token = next(line.split(" : ")[1] for line in banner if line.startswith("Jeton d'animation"))
    code = next(x.split("code ")[1].split()[0] for x in banner if x.startswith("Table 1"))
    players = [await _player(url, code, name=r, seat=r) for r in ("dgs", "dpo", "elu", "drh")]
    acked: list[tuple[int, dict[str, Any]]] = []
    tasks = [asyncio.create_task(_play(p, random.Random(i), acked)) for i, p in enumerate(players)]
    while len(acked) < 40:
        await asyncio.sleep(0.002)
    proc.send_signal(signal.SIGKILL)  # acts are in flight at this instant
    await proc.wait()
    for task in tasks:  # calls in flight would otherwise wait for their ack timeout
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for p in players:
        await p.sio.disconnect()

    proc, banner = await _serve(db, port)
    try:
        assert any(line.startswith("Reprise") for line in banner)
        async with (
            aiohttp.ClientSession() as s,
            s.get(f"{url}/api/workshops/x", headers={"Authorization": f"Bearer {token}"}) as r,
        ):
            assert r.status == 403  # the token survived, hashed; it opens only its workshop
        back = [await _player(url, code, token=p.token) for p in players]
        table_id = back[0].view.table_id
        async with (
            aiohttp.ClientSession() as s,
            s.get(
                f"{url}/api/tables/{table_id}/log", headers={"Authorization": f"Bearer {token}"}
            ) as r,
        ):
            records = [json.loads(line) for line in (await r.text()).splitlines()[1:]]
        by_seq = {rec["seq"]: rec["action"] for rec in records}
        for version, sent in acked:
            stored = {k: v for k, v in by_seq[version].items() if k != "at"}
            assert stored == {k: v for k, v in sent.items() if k != "at"}
        assert back[0].view.version == len(records) >= max(v for v, _ in acked)
        mover = next(p for p in back if p.view.view.legal_actions)
        ack = await mover.act(mover.random_action(random.Random(9)))
        assert ack["ok"] and ack["version"] == len(records) + 1
        for p in back:
            await p.sio.disconnect()
    finally:
        proc.send_signal(signal.SIGTERM)
        await proc.wait()
