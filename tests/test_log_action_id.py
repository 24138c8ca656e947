"""Every log record carries the id its action was acknowledged under (`action_id`), so an
acknowledgement can be matched to its record after a crash; logs written before that
(no `action_id`) still load, replay and make a report."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from report_helpers import mini_pack
from server_fixtures import LiveServer, seated_table, start_server, stop_server

from game.cli import main
from game.client.sessions.local import LocalSession
from game.engine import Phase
from game.engine.actions import AdvancePhase, Ready
from game.log import GameLog
from game.replay import Replayer
from game.report import build_report_html, build_report_markdown

OLD_LOG = Path(__file__).resolve().parent / "logs" / "before-action-id.jsonl"


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()[1:] if line.strip()]


def test_a_record_keeps_the_id_it_was_applied_under() -> None:
    log = GameLog.new(mini_pack(), seed=1, seats=["dgs", "dpo"])
    log.append(Ready(seat="dgs"), action_id="seat:dgs:b6a1")
    log.append(Ready(seat="dpo"))  # no id given: a local one
    text = log.to_jsonl()
    assert [r["action_id"] for r in records(text)] == ["seat:dgs:b6a1", "local:2"]
    again = GameLog.from_jsonl(text)
    assert again.records == log.records
    assert Replayer.from_jsonl(text).record(1)["action_id"] == "seat:dgs:b6a1"


def test_a_hot_seat_game_writes_its_log_with_action_ids(tmp_path: Path) -> None:
    # `capia play --local` writes the log as it goes; each line has its id.
    path = tmp_path / "partie.jsonl"
    session = LocalSession(mini_pack(), seats=["dgs", "dpo"], log_path=path, clock=lambda: 10.0)
    session.send(Ready(seat="dgs"))
    session.send(Ready(seat="dpo"))
    ids = [r["action_id"] for r in records(path.read_text(encoding="utf-8"))]
    assert ids == ["local:1", "local:2"]


def test_an_old_log_without_action_ids_still_loads_replays_and_reports(tmp_path: Path) -> None:
    # tests/logs/before-action-id.jsonl was written before records had an `action_id`.
    text = OLD_LOG.read_text(encoding="utf-8")
    assert all("action_id" not in r for r in records(text))
    log = GameLog.from_jsonl(text)
    assert log.state.phase is Phase.FIN and len(log.records) == 44
    replayer = Replayer.from_jsonl(text)
    assert replayer.final.state_hash() == log.state.state_hash()
    assert "Débriefing" in build_report_html([text]) and build_report_markdown([text])
    out = tmp_path / "rapport.html"
    assert main(["report", str(OLD_LOG), "-o", str(out)]) == 0 and out.exists()


async def _served(server: LiveServer, table: str, token: str) -> list[dict[str, Any]]:
    status, text = await server.http("GET", f"/api/tables/{table}/log", token=token)
    assert status == 200, text
    return records(text)


async def _play(server: LiveServer) -> tuple[str, str, dict[int, str]]:
    """Two players say « prêt » under ids they chose, the facilitator moves on:
    (table id, facilitator token, acknowledged version → the id it was stored under)."""
    ws, players = await seated_table(server, ("dgs", "dpo"))
    table = ws.tables[0].table_id
    acked: dict[int, str] = {}
    for p in players:
        ack = await p.act(Ready(seat=p.seat or ""), action_id=f"pret-{p.seat}")
        assert ack["ok"], ack
        acked[ack["version"]] = f"seat:{p.seat}:pret-{p.seat}"
    facilitator = await server.facilitator(ws.facilitator_token)
    start = {"table_id": table, "action": AdvancePhase().model_dump(mode="json"), "action_id": "go"}
    ack = await facilitator.call("control", start)
    assert ack["ok"], ack
    acked[ack["version"]] = "facilitator:go"
    return table, ws.facilitator_token, acked


def _strip_action_ids(db_path: Path, table: str) -> None:
    """Rewrite the stored records as they were before records had an `action_id`."""
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT seq, record FROM actions WHERE table_id = ?", [table]).fetchall()
        for seq, record in rows:
            old = {k: v for k, v in json.loads(record).items() if k != "action_id"}
            db.execute(
                "UPDATE actions SET record = ? WHERE table_id = ? AND seq = ?",
                [json.dumps(old), table, seq],
            )


async def test_the_served_log_matches_each_acknowledgement_to_its_record(
    tmp_path: Path,
) -> None:
    # In GET /api/tables/{id}/log the record at each acknowledged version has the id it
    # was acknowledged under; so after a restart, and when the stored rows predate it.
    db = tmp_path / "capia.sqlite3"
    server = await start_server(db)
    try:
        table, token, acked = await _play(server)
        before = await _served(server, table, token)
    finally:
        await stop_server(server)
    by_seq = {r["seq"]: r["action_id"] for r in before}
    assert all(by_seq[version] == action_id for version, action_id in acked.items())
    assert all(isinstance(r["action_id"], str) and r["action_id"] for r in before)

    for rewrite in (False, True):
        if rewrite:
            _strip_action_ids(db, table)
        server = await start_server(db)
        try:
            assert await _served(server, table, token) == before
        finally:
            await stop_server(server)
