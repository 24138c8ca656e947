"""Requests are read strictly: a string is not a number, a boolean is not an integer, a
number is not a string. Each wrong type gets a French refusal naming the field, and
changes nothing. The game log, read back with json.loads, still validates."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
import socketio
from pydantic import ValidationError
from server_fixtures import LiveServer, live_server, seated_table

from game.engine import ACTION_ADAPTER, parse_action
from game.protocol import ActRequest, JoinRequest
from server.errors import validation_message

__all__ = ["live_server"]

#: (field, value) of a workshop opening that pydantic's lax mode would have taken
BAD_WORKSHOPS: list[tuple[str, Any]] = [
    ("tables", "2"),
    ("tables", True),
    ("tables", 2.0),
    ("seed", "5"),
    ("seed", False),
    ("seed", 5.0),
    ("scenario", 5),
    ("scenario", True),
]


@pytest.mark.parametrize(("field", "value"), BAD_WORKSHOPS)
async def test_opening_a_workshop_takes_numbers_as_numbers_only(
    live_server: LiveServer, field: str, value: Any
) -> None:
    # {"scenario": "mini", "tables": "2"} → 400 « Message mal formé : « tables » : nombre
    # entier attendu. », and no workshop is opened.
    body: dict[str, Any] = {"scenario": "mini", "tables": 1, "seed": 3, field: value}
    token = live_server.admin_token
    status, answer = await live_server.http("POST", "/api/workshops", token=token, body=body)
    assert status == 400, answer
    assert answer["error"]["code"] == "bad_request"
    message = answer["error"]["message"]
    assert f"« {field} »" in message and "attendu" in message, message
    _, health = await live_server.http("GET", "/healthz")
    assert health["workshops"] == 0


#: (event, payload, field named in the refusal) a seated player sends
PLAYER_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("join", {"code": 123456}, "code"),
    ("join", {"code": "ABCDEF", "name": 5}, "name"),
    ("join", {"code": "ABCDEF", "seat": 1}, "seat"),
    ("join", {"code": "ABCDEF", "token": True}, "token"),
    ("act", {"action": {"type": "ready", "seat": 5}, "action_id": "a"}, "seat"),
    ("act", {"action": {"type": "ready"}, "action_id": 5}, "action_id"),
    ("act", {"action": {"type": "ready", "at": "5"}, "action_id": "a"}, "at"),
    ("act", {"action": {"type": "ready", "at": True}, "action_id": "a"}, "at"),
    (
        "act",
        {"action": {"type": "vote", "proposal": "0", "choice": "pour"}, "action_id": "a"},
        "proposal",
    ),
    (
        "act",
        {"action": {"type": "vote", "proposal": True, "choice": "pour"}, "action_id": "a"},
        "proposal",
    ),
    (
        "act",
        {"action": {"type": "vote", "proposal": 0.0, "choice": "pour"}, "action_id": "a"},
        "proposal",
    ),
    ("act", {"action": {"type": "vote", "proposal": 0, "choice": 1}, "action_id": "a"}, "choice"),
    (
        "act",
        {
            "action": {"type": "vote", "proposal": 0, "choice": "pour", "justification": 5},
            "action_id": "a",
        },
        "justification",
    ),
    (
        "act",
        {"action": {"type": "choose_option", "dilemma": "0", "option": "x"}, "action_id": "a"},
        "dilemma",
    ),
    (
        "act",
        {"action": {"type": "choose_option", "dilemma": False, "option": "x"}, "action_id": "a"},
        "dilemma",
    ),
    (
        "act",
        {"action": {"type": "choose_option", "dilemma": 0, "option": 5}, "action_id": "a"},
        "option",
    ),
    ("act", {"action": {"type": "propose", "card": 5}, "action_id": "a"}, "card"),
    ("act", {"action": {"type": "propose", "card": "x", "vector": 1}, "action_id": "a"}, "vector"),
    ("act", {"action": {"type": 1}, "action_id": "a"}, "action"),
    ("sync", {"seat": 5}, "seat"),
    ("sync", {"seat": True}, "seat"),
    ("leave", {"seat": 5}, "seat"),
]


def _assert_refused(ack: dict[str, Any], field: str) -> None:
    assert ack["ok"] is False and ack["error"]["code"] == "bad_request", ack
    message = ack["error"]["message"]
    assert message.startswith("Message mal formé") and field in message, message


@pytest.mark.parametrize(("event", "payload", "field"), PLAYER_CASES)
async def test_a_players_request_of_the_wrong_type_is_refused_and_changes_nothing(
    live_server: LiveServer, event: str, payload: dict[str, Any], field: str
) -> None:
    # The DGS sends {"type": "vote", "proposal": "0"}: « Message mal formé : « action.vote.
    # proposal » : nombre entier attendu. », and the table is where it was.
    ws, players = await seated_table(live_server)
    dgs = players[0]
    if event == "join" and payload.get("code") == "ABCDEF":
        payload = {**payload, "code": ws.tables[0].code}
    before = (await dgs.call("sync", {}))["version"]
    _assert_refused(await dgs.call(event, payload), field)
    after = await dgs.call("sync", {})
    assert after["version"] == before
    assert [s["occupied"] for s in after["view"]["seats"]] == [True] * 4


#: (event, payload, field named in the refusal) the facilitator sends; "T" is the table id
FACILITATOR_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("control", {"table_id": 5, "action": {"type": "pause"}, "action_id": "a"}, "table_id"),
    ("control", {"table_id": "T", "action": {"type": "pause"}, "action_id": 5}, "action_id"),
    (
        "control",
        {"table_id": "T", "action": {"type": "set_timer", "seconds": "300"}, "action_id": "a"},
        "seconds",
    ),
    (
        "control",
        {"table_id": "T", "action": {"type": "set_timer", "seconds": True}, "action_id": "a"},
        "seconds",
    ),
    (
        "control",
        {"table_id": "T", "action": {"type": "set_timer", "seconds": 300.0}, "action_id": "a"},
        "seconds",
    ),
    (
        "control",
        {"table_id": "T", "action": {"type": "extend_timer", "seconds": "60"}, "action_id": "a"},
        "seconds",
    ),
    (
        "control",
        {"table_id": "T", "action": {"type": "inject_event", "event": 5}, "action_id": "a"},
        "event",
    ),
    (
        "control",
        {"table_id": "T", "action": {"type": "start_game", "at": "1"}, "action_id": "a"},
        "at",
    ),
    ("notice", {"text": 5}, "text"),
    ("notice", {"text": True}, "text"),
    ("notice", {"table_id": 5, "text": "Bonjour"}, "table_id"),
    ("table_view", {"table_id": 5}, "table_id"),
    ("sync_all", {"all": True}, "all"),
]


@pytest.mark.parametrize(("event", "payload", "field"), FACILITATOR_CASES)
async def test_a_facilitators_request_of_the_wrong_type_is_refused_and_changes_nothing(
    live_server: LiveServer, event: str, payload: dict[str, Any], field: str
) -> None:
    # {"type": "set_timer", "seconds": "300"} → « ... « seconds » : nombre entier attendu. »,
    # and no timer is set; a notice of text 5 reaches no screen.
    ws, players = await seated_table(live_server)
    table_id = ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    payload = {k: table_id if v == "T" else v for k, v in payload.items()}
    before = (await fac.call("sync_all", {}))["summary"]["tables"][0]
    _assert_refused(await fac.call(event, payload), field)
    after = (await fac.call("sync_all", {}))["summary"]["tables"][0]
    assert after == before
    assert not players[0].notices


@pytest.mark.parametrize("token", [12345, True, ["x"]])
async def test_a_facilitator_token_must_be_a_string(live_server: LiveServer, token: Any) -> None:
    # Connecting with {"facilitator_token": 12345} is refused like a wrong token.
    await live_server.workshop()
    sio = socketio.AsyncClient(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await sio.connect(
            live_server.url, transports=["websocket"], auth={"facilitator_token": token}
        )
    await sio.disconnect()


def test_a_request_refusal_names_the_field_in_french() -> None:
    # {"code": "ABC", "name": 5} → « Message mal formé : « name » : texte attendu. »
    with pytest.raises(ValidationError) as caught:
        JoinRequest.model_validate({"code": "ABC", "name": 5})
    assert validation_message(caught.value) == "Message mal formé : « name » : texte attendu."
    with pytest.raises(ValidationError) as caught:
        ActRequest.model_validate(
            {
                "action": {"type": "vote", "seat": "dpo", "proposal": True, "choice": "pour"},
                "action_id": "a",
            }
        )
    assert validation_message(caught.value) == (
        "Message mal formé : « action.vote.proposal » : nombre entier attendu."
    )


def test_actions_read_back_from_a_json_log_validate_as_from_the_text() -> None:
    # A log record read with json.loads has its enums as strings ("pour", "interne"):
    # strict actions take them in Python mode as from the JSON text, and still refuse
    # "0" for a proposal index.
    records = [
        {"type": "vote", "seat": "dpo", "proposal": 0, "choice": "pour", "at": 1712.5},
        {"type": "propose", "seat": "dsi", "card": "chatbot", "vector": "interne", "at": 3},
        {"type": "set_timer", "seconds": 300, "at": 0.0},
    ]
    for record in records:
        text = json.dumps(record)
        assert parse_action(json.loads(text)) == ACTION_ADAPTER.validate_json(text)
    with pytest.raises(ValidationError):
        parse_action({"type": "vote", "seat": "dpo", "proposal": "0", "choice": "pour"})


async def test_the_server_stamps_its_own_time_on_every_action(live_server: LiveServer) -> None:
    # The DGS sends « prêt » dated 1970 and the facilitator a start dated in 30 000 years:
    # the log records the server's own clock for both (a client's `at` is ignored).
    ws, players = await seated_table(live_server)
    table_id = ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    before = time.time()
    assert (await players[0].act({"type": "ready", "at": 12345.0}))["ok"]
    start = {"type": "start_game", "at": 9e11}
    assert (await fac.call("control", {"table_id": table_id, "action": start, "action_id": "s"}))[
        "ok"
    ]
    after = time.time()
    status, log = await live_server.http(
        "GET", f"/api/tables/{table_id}/log", token=ws.facilitator_token
    )
    assert status == 200
    ready, started = [json.loads(line) for line in log.splitlines()[-2:]]
    assert (ready["action"]["type"], started["action"]["type"]) == ("ready", "start_game")
    for record in (ready, started):
        assert before <= record["at"] == record["action"]["at"] <= after
