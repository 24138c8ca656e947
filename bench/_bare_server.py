"""A bare python-socketio server speaking just enough of Cap IA's protocol for the load bench.

    .venv/bin/python bench/_bare_server.py --port P [--view-bytes N] [--summary-bytes M] [--floor]

No rules, no store, no per-seat views: `join` seats a connection, `act` (and
`control`) bumps the table's version, acks it and emits to each seated
connection of the table one `view` text of `--view-bytes` bytes; at most once
per workshop per 100 ms (coalesced as Cap IA does), one `summary` of
`--summary-bytes` goes to the workshop's facilitators.
What it costs is the transport alone: the baseline of bench/server_load.py.

`--floor` runs it on Cap IA's own transport as `capia serve` does: uvloop, and the
seats' views queued by `GameServer.emit_each` (server/transport.py) with the same guards,
so what is left between Cap IA and it is Cap IA's own work (rules, store, views).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
from typing import Any

import socketio
from aiohttp import web

_ids = itertools.count(1)
SUMMARY_DELAY = 0.1  # seconds: server.hub.SUMMARY_DELAY


class Bare:
    """Tables (version, seated sids) and workshops (facilitator sids)."""

    def __init__(
        self, sio: socketio.AsyncServer, view_bytes: int, summary_bytes: int, floor: bool = False
    ) -> None:
        self.sio = sio
        self.floor = floor
        self.view_bytes = view_bytes
        self.summary_pad = "x" * max(0, summary_bytes - 40)
        self.tables: dict[str, dict[str, Any]] = {}  # table id → {version, sids, workshop}
        self.codes: dict[str, str] = {}
        self.tokens: dict[str, str] = {}  # facilitator token → workshop id
        self.facilitators: dict[str, list[str]] = {}  # workshop id → sids
        self.due: dict[str, asyncio.TimerHandle] = {}  # workshop id → pending summary
        self.sending: set[asyncio.Future[None]] = set()

    def payload(self, table_id: str, version: int) -> str:
        head = f'{{"table_id":"{table_id}","version":{version},"view":"'
        return head + "x" * max(0, self.view_bytes - len(head) - 2) + '"}'

    async def bump(self, table_id: str) -> int:
        table = self.tables[table_id]
        table["version"] += 1
        version = table["version"]
        if self.floor:
            text = self.payload(table_id, version)
            await self.sio.emit_each("view", [(sid, text) for sid in table["sids"]])
        else:
            for sid in table["sids"]:
                await self.sio.emit("view", self.payload(table_id, version), to=sid)
        workshop = table["workshop"]
        if self.summary_pad and self.facilitators.get(workshop) and workshop not in self.due:
            # at most one summary per workshop per SUMMARY_DELAY, as Cap IA sends them
            loop = asyncio.get_running_loop()
            self.due[workshop] = loop.call_later(SUMMARY_DELAY, self.send_summary, workshop)
        return int(version)

    def send_summary(self, workshop: str) -> None:
        self.due.pop(workshop, None)
        text = f'{{"workshop":"{workshop}","pad":"{self.summary_pad}"}}'
        for sid in self.facilitators.get(workshop, []):
            task = asyncio.ensure_future(self.sio.emit("summary", text, to=sid))
            self.sending.add(task)
            task.add_done_callback(self.sending.discard)


def build(view_bytes: int, summary_bytes: int, floor: bool = False) -> web.Application:
    """The aiohttp app: /healthz, POST /api/workshops, socket.io join/act/control."""
    if floor:
        from server.transport import GameServer

        sio: socketio.AsyncServer = GameServer(max_queued=10_000, async_mode="aiohttp")
    else:
        sio = socketio.AsyncServer(async_mode="aiohttp")
    app = web.Application()
    sio.attach(app)
    bare = Bare(sio, view_bytes, summary_bytes, floor)

    async def healthz(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def workshops(request: web.Request) -> web.Response:
        body = await request.json()
        wid, token = f"w{next(_ids)}", f"tok{next(_ids)}"
        bare.tokens[token] = wid
        tables = []
        for _ in range(int(body["tables"])):
            tid, code = f"t{next(_ids)}", f"C{next(_ids)}"
            bare.tables[tid] = {"version": 0, "sids": [], "workshop": wid}
            bare.codes[code] = tid
            tables.append({"table_id": tid, "code": code})
        answer = {"workshop_id": wid, "facilitator_token": token, "tables": tables}
        return web.json_response(answer, status=201)

    @sio.event  # type: ignore[misc]
    async def connect(sid: str, environ: Any, auth: Any = None) -> bool:
        if auth and auth.get("facilitator_token") in bare.tokens:
            bare.facilitators.setdefault(bare.tokens[auth["facilitator_token"]], []).append(sid)
        return True

    @sio.event  # type: ignore[misc]
    async def join(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        tid = bare.codes[data["code"]]
        bare.tables[tid]["sids"].append(sid)
        await sio.save_session(sid, {"table": tid})
        version = await bare.bump(tid)
        return {"ok": True, "token": "t", "seat": data.get("seat"), "table_id": tid,
                "version": version, "view": {}}  # fmt: skip

    @sio.event  # type: ignore[misc]
    async def act(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        session = await sio.get_session(sid)
        return {"ok": True, "version": await bare.bump(session["table"])}

    @sio.event  # type: ignore[misc]
    async def control(sid: str, data: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "version": await bare.bump(data["table_id"])}

    app.router.add_get("/healthz", healthz)
    app.router.add_post("/api/workshops", workshops)
    return app


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--view-bytes", type=int, default=23_000)
    parser.add_argument("--summary-bytes", type=int, default=0)
    parser.add_argument("--floor", action="store_true", help="Cap IA's transport and loop")
    args = parser.parse_args()
    loop = None
    if args.floor:
        from server.loop import new_event_loop

        loop = new_event_loop("uvloop")
    web.run_app(
        build(args.view_bytes, args.summary_bytes, args.floor),
        host="127.0.0.1", port=args.port, print=None, loop=loop,
    )  # fmt: skip
