"""Restart: time for `capia serve` to come back and accept an `act` with 200 tables in its database.

    .venv/bin/python bench/server_restart.py [--quick] [--tables 200] [--repeat 3]

Builds two databases through the server's own store (SqliteStore): one with
`--tables` finished games of ville-moyenne (greedy bots, game.driver) plus one
lobby table, one with `--tables` games stopped halfway (unfinished tables are
replayed at start; finished ones on first use). Then times, from spawning
`capia serve`: /healthz answering, and a player joining a table and getting an
`act` acknowledged; and, on the finished database, the first join of a
finished table (its log is replayed then). One JSON line per figure (medians of
`--repeat` starts) on stdout, the summary on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import aiohttp
import socketio
from _common import emit, say
from _serve import ROOT, free_port, start_capia, stop, wait_healthy

from game.bots import BOTS
from game.driver import BotRounds, play
from game.log import GameLog
from game.scenario import load_pack
from server.auth import hash_token, new_code, new_id, new_token
from server.store import ActionRow, SqliteStore, TableRow, WorkshopRow

DISTINCT_GAMES = 20  # distinct bot games, reused round-robin over the tables


def bot_games(n: int) -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """`n` finished greedy-bot games of ville-moyenne as (header, records)."""
    pack = load_pack(ROOT / "scenarios" / "ville-moyenne")
    games = []
    for seed in range(n):
        log = play(pack, BotRounds(BOTS["greedy"]), seed)
        games.append((log.header, log.records))
    return games


def rebased(records: list[dict[str, Any]], end: float) -> list[dict[str, Any]]:
    """The records with their bot clock moved so that the last one happened at `end`."""
    shift = end - records[-1]["at"]
    out = []
    for r in records:
        action = {**r["action"], "at": r["action"]["at"] + shift}
        out.append({**r, "at": r["at"] + shift, "action": action})
    return out


async def build_db(path: Path, games: list[Any], tables: int, *, finished: bool) -> dict[str, str]:
    """A database of `tables` tables (finished games, or games stopped halfway) plus one in
    the lobby; return the codes of the lobby table and of a stored table."""
    store = SqliteStore(path)
    now = time.time()
    workshop = WorkshopRow(new_id("w"), hash_token(new_token()), "ville-moyenne", now)
    rows, logs = [], []
    for i in range(tables):
        header, records = games[i % len(games)]
        records = records if finished else records[: len(records) // 2]
        rows.append(TableRow(new_id("t"), workshop.id, new_code(), i, json.dumps(header), False))
        logs.append(rebased(records, now - 60))
    lobby_header = {**games[0][0], "seats": []}
    rows.append(TableRow(new_id("t"), workshop.id, new_code(), 0, json.dumps(lobby_header)))
    await store.create_workshop(workshop, rows)
    deadlines: dict[
        int, float | None
    ] = {}  # the timer after each distinct log, as the server keeps it
    for i, (row, records) in enumerate(zip(rows, logs, strict=False)):
        key = i % len(games)
        if key not in deadlines:
            state = GameLog.from_records(games[key][0], records).state
            deadlines[key] = None if state.paused else state.timer.deadline
        writes = []  # one table's log in one transaction (submitted in the same tick)
        for r in records:
            action_row = ActionRow(row.id, r["seq"], f"bench:{r['seq']}", r["actor"], r["at"],
                                   json.dumps(r, ensure_ascii=False))  # fmt: skip
            last = r is records[-1]
            writes.append(
                store.append(action_row, finished=finished and last, deadline=deadlines[key])
            )
        await asyncio.gather(*writes)
    store.close()
    return {"lobby": rows[-1].code, "stored": rows[0].code}


async def join_and_act(url: str, code: str) -> float:
    """Join a free seat of table `code`, send its first legal action; return the seconds taken."""
    start = time.perf_counter()
    sio = socketio.AsyncClient(reconnection=False)
    await sio.connect(url, transports=["websocket"], wait_timeout=30)
    ack = await sio.call("join", {"code": code, "name": "Banc"}, timeout=30)
    assert ack["ok"], ack
    legal = ack["view"]["legal_actions"]
    assert legal, "no legal action after joining"
    act = await sio.call("act", {"action": legal[0], "action_id": uuid.uuid4().hex}, timeout=30)
    assert act["ok"], act
    took = time.perf_counter() - start
    await sio.disconnect()
    return took


async def join_only(url: str, code: str) -> float:
    """Seconds to connect and join a free seat of table `code`."""
    start = time.perf_counter()
    sio = socketio.AsyncClient(reconnection=False)
    await sio.connect(url, transports=["websocket"], wait_timeout=30)
    ack = await sio.call("join", {"code": code, "name": "Banc"}, timeout=30)
    assert ack["ok"], ack
    took = time.perf_counter() - start
    await sio.disconnect()
    return took


async def all_live(url: str, tables: int) -> None:
    """Wait until /healthz counts `tables` live (rebuilt) tables."""
    async with aiohttp.ClientSession() as s:
        while True:
            async with s.get(f"{url}/healthz") as r:
                if (await r.json())["live_tables"] >= tables:
                    return
            await asyncio.sleep(0.02)


async def restart(db: Path, code: str, stored: str | None, tables: int) -> dict[str, float]:
    """Start `capia serve` on a copy of `db`; time /healthz, join + act, and a stored join."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "capia.sqlite3"
        copy.write_bytes(db.read_bytes())
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        proc = await start_capia(copy, port)
        try:
            await wait_healthy(url, timeout=120)
            healthy = time.perf_counter() - start
            await join_and_act(url, code)
            acting = time.perf_counter() - start
            stored_join = await join_only(url, stored) if stored else 0.0
            if not stored:  # unfinished tables: until the background warm-up is done
                await all_live(url, tables)
            warm = time.perf_counter() - start
        finally:
            await stop(proc)
    return {"healthz": healthy, "act": acting, "stored_join": stored_join, "warm": warm}


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        t0 = time.perf_counter()
        games = bot_games(min(DISTINCT_GAMES, args.tables))
        dbs = {}
        for kind in ("finished", "unfinished"):
            db = tmp / f"{kind}.sqlite3"
            dbs[kind] = (db, await build_db(db, games, args.tables, finished=kind == "finished"))
        actions = sum(len(r) for _, r in games) / len(games)
        took = time.perf_counter() - t0
        say(f"built {args.tables} finished + {args.tables} unfinished tables "
            f"(~{actions:.0f} actions a finished game) in {took:.1f} s")  # fmt: skip
        for kind, (db, codes) in dbs.items():
            code = codes["lobby"] if kind == "finished" else codes["stored"]
            stored = codes["stored"] if kind == "finished" else None
            runs = [await restart(db, code, stored, args.tables) for _ in range(args.repeat)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            n = args.tables
            emit(f"restart.{kind}{n}.healthz", med["healthz"], "s", runs=args.repeat)
            emit(f"restart.{kind}{n}.accepts_act", med["act"], "s", runs=args.repeat,
                 target=2.0)  # fmt: skip
            line = (f"restart with {n} {kind} tables: /healthz after {med['healthz']:.2f} s, "
                    f"join + act acknowledged after {med['act']:.2f} s")  # fmt: skip
            if stored:
                emit(f"restart.{kind}{n}.first_join_of_finished_table", med["stored_join"], "s")
                line += f"; first join of a finished table {med['stored_join'] * 1000:.0f} ms"
            else:
                emit(f"restart.{kind}{n}.all_tables_rebuilt", med["warm"], "s", runs=args.repeat)
                line += f"; every table rebuilt in the background after {med['warm']:.2f} s"
            say(line + f" (median of {args.repeat})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 tables, one start")
    parser.add_argument("--tables", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.quick:
        args.tables, args.repeat = 10, 1
    asyncio.run(main(args))
