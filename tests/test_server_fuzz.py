"""Random payloads thrown at a live server: every one gets an ack, the server keeps serving."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from server_fixtures import LiveServer, Player, seated_table, start_server, stop_server

from game.protocol import ErrorCode

Run = Callable[[Coroutine[Any, Any, Any]], Any]

EVENTS = ["join", "act", "sync", "leave", "control", "notice", "sync_all", "table_view"]
KEYS = ["action", "action_id", "type", "seat", "code", "name", "token", "table_id", "text"]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
ACTIONS = st.fixed_dictionaries(
    {
        "action": st.fixed_dictionaries(
            {"type": st.sampled_from(["ready", "vote", "propose", "pause", "occupy_seat"])},
            optional={"seat": st.sampled_from(["dgs", "dpo", "x"]), "proposal": JSON},
        ),
        "action_id": st.text(max_size=70),
    }
)


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Run, list[Player]]]:
    """A seated table served from an event loop in a thread (hypothesis tests are sync)."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    def run(coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, loop).result(30)

    db: Path = tmp_path_factory.mktemp("fuzz") / "capia.sqlite3"
    server: LiveServer = run(start_server(db))
    _, players = run(seated_table(server))
    try:
        yield run, players
    finally:
        run(stop_server(server))
        run(_cancel_leftovers())
        loop.call_soon_threadsafe(loop.stop)
        thread.join(5)


async def _cancel_leftovers() -> None:
    """Cancel what the clients left running (ping tasks) before the loop stops."""
    tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(event=st.sampled_from(EVENTS) | st.text(max_size=12), payload=JSON | ACTIONS)
def test_any_payload_gets_one_ack_and_the_server_keeps_serving(
    table: tuple[Run, list[Player]], event: str, payload: Any
) -> None:
    # Whatever a client sends, it gets {ok: true, ...} or {ok: false, error: {code, message}},
    # and another player of the table can still read the game.
    run, players = table
    ack = run(players[0].call(event, payload))
    assert isinstance(ack.get("ok"), bool), ack
    if not ack["ok"]:
        assert ack["error"]["code"] in set(ErrorCode), ack
        assert ack["error"]["code"] != "internal", ack
    assert run(players[1].call("sync", {}))["ok"] is True
