"""What a hostile client can do at the socket.io level: reserved names, broken or huge packets,
not reading. Real server on 127.0.0.1; real python-socketio clients, or hand-written frames
over a real websocket (`RawSocket`)."""

from __future__ import annotations

import asyncio
import json
import socket
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from server_fixtures import WAIT, LiveServer, live_server, seated_table, start_server, stop_server

from game.protocol import MAX_TRANSPORT_BYTES
from server.keys import HUB_KEY

__all__ = ["live_server"]


class RawSocket:
    """A socket.io client by hand: engine.io handshake, then any text frame sent as it is."""

    def __init__(self, session: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse):
        self.session, self.ws = session, ws
        self.frames: list[str] = []  # every frame received after the handshake

    @classmethod
    async def open(cls, url: str, *, receive_buffer: int | None = None) -> RawSocket:
        """Connect; `receive_buffer`: the socket's SO_RCVBUF, fixed before connecting."""

        def make_socket(addr: Any) -> socket.socket:
            sock = socket.socket(family=addr[0], type=addr[1], proto=addr[2])
            if receive_buffer is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
            return sock

        session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(socket_factory=make_socket))
        ws = await session.ws_connect(
            url.replace("http", "ws", 1) + "/socket.io/?EIO=4&transport=websocket"
        )
        raw = cls(session, ws)
        assert (await ws.receive_str(timeout=WAIT)).startswith("0{")  # engine.io open
        await ws.send_str("40")  # socket.io connect, default namespace
        assert (await ws.receive_str(timeout=WAIT)).startswith("40{")
        return raw

    async def ack(self, id: int) -> tuple[str, dict[str, Any]]:
        """The ack of event `id`: its frame as received and its decoded argument."""
        prefix = f"43{id}["
        while True:
            frame = await self.ws.receive_str(timeout=WAIT)
            self.frames.append(frame)
            if frame == "2":
                await self.ws.send_str("3")  # engine.io ping → pong
            elif frame.startswith(prefix):
                return frame, json.loads(frame[len(prefix) - 1 :])[0]

    async def close(self) -> None:
        await self.ws.close()
        await self.session.close()


async def sync_all_seats(server: LiveServer, token: str) -> dict[str, bool]:
    """role → connected, as a facilitator console of the workshop sees it."""
    fac = await server.facilitator(token)
    ack = await fac.call("sync_all")
    await fac.sio.disconnect()
    return {s["role"]: s["connected"] for s in ack["summary"]["tables"][0]["seats"]}


# --- reserved event names ---------------------------------------------------------------


async def test_a_player_emitting_disconnect_stays_seated_and_keeps_getting_views(
    live_server: LiveServer,
) -> None:
    ws, (dgs, dpo) = await seated_table(live_server, ("dgs", "dpo"))
    ack = await dgs.call("disconnect")
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_event", ack
    assert (await sync_all_seats(live_server, ws.facilitator_token))["dgs"] is True
    version = dgs.view.version
    assert (await dpo.act({"type": "ready"}))["ok"]
    await dgs.wait_version(version + 1)  # still sent views
    assert (await dgs.act({"type": "ready"}))["ok"]


async def test_emitting_connect_neither_resets_a_seat_nor_opens_a_second_table(
    live_server: LiveServer,
) -> None:
    ws, (dgs,) = await seated_table(live_server, ("dgs",))
    other = await live_server.workshop()
    for data in (None, {"facilitator_token": ws.facilitator_token}):
        ack = await dgs.call("connect", data)
        assert ack["ok"] is False and ack["error"]["code"] == "unknown_event", ack
    assert (await dgs.call("sync", {}))["ok"] is True
    ack = await dgs.join(other.tables[0].code, name="Deux tables")
    assert ack["ok"] is False and ack["error"]["code"] == "forbidden", ack


async def test_a_facilitator_emitting_disconnect_does_not_silence_the_other_consoles(
    live_server: LiveServer,
) -> None:
    ws, (dgs,) = await seated_table(live_server, ("dgs",))
    hostile = await live_server.facilitator(ws.facilitator_token)
    console = await live_server.facilitator(ws.facilitator_token)
    for name in ("disconnect", "disconnect", "connect_error"):
        ack = await hostile.call(name)
        assert ack["ok"] is False and ack["error"]["code"] == "unknown_event", ack
    console.summary = None
    assert (await dgs.act({"type": "ready"}))["ok"]
    await console.wait_for(lambda: console.summary is not None)


# --- packets that do not decode -------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        '["act",' + "[" * 3000,  # nested deeper than MAX_JSON_DEPTH (and than Python's stack)
        '["act",' + "[" * 3000 + "0" + "]" * 3001,  # the same, well formed
        '["act",{"action":{"type":"ready"},"action_id":',  # truncated
        "[]",  # no event name
        '{"act":1}',  # not a list
    ],
)
async def test_a_broken_packet_gets_one_error_ack_and_one_log_line_without_traceback(
    live_server: LiveServer, caplog: pytest.LogCaptureFixture, body: str
) -> None:
    raw = await RawSocket.open(live_server.url)
    try:
        caplog.clear()
        await raw.ws.send_str("4217" + body)
        _, ack = await raw.ack(17)
        assert ack["ok"] is False and ack["error"]["code"] == "bad_request", ack
        await raw.ws.send_str('4218["sync",{}]')  # the connection still answers
        assert (await raw.ack(18))[1]["error"]["code"] == "not_joined"
        assert len(caplog.records) <= 1, caplog.text
        assert all(r.exc_info is None for r in caplog.records), caplog.text
    finally:
        await raw.close()


async def test_acks_are_utf8_like_views_not_escaped(live_server: LiveServer) -> None:
    raw = await RawSocket.open(live_server.url)
    try:
        await raw.ws.send_str('4230["téléporter",{"où":"là"}]')
        frame, ack = await raw.ack(30)
        assert ack["error"]["code"] == "unknown_event"
        assert "« téléporter »" in frame and "\\u" not in frame, frame
    finally:
        await raw.close()


# --- size ---------------------------------------------------------------------------


async def test_a_one_megabyte_act_gets_an_error_ack_and_the_seat_plays_on(
    live_server: LiveServer,
) -> None:
    _, (dgs, dpo) = await seated_table(live_server, ("dgs", "dpo"))
    ack = await dgs.act({"type": "ready"}, action_id="x" * 1_000_000)
    assert ack["ok"] is False and ack["error"]["code"] == "payload_too_large", ack
    assert dgs.sio.connected
    version = (await dgs.act({"type": "ready"}))["version"]
    await dpo.wait_version(version)


async def test_a_frame_over_the_transport_limit_closes_the_connection_and_the_seat_rejoins(
    live_server: LiveServer,
) -> None:
    ws, (dgs,) = await seated_table(live_server, ("dgs",))
    await dgs.sio.eio.send('2["act","' + "x" * MAX_TRANSPORT_BYTES + '"]')
    for _ in range(int(WAIT * 10)):
        if not dgs.sio.connected:
            break
        await asyncio.sleep(0.1)
    assert not dgs.sio.connected
    back = await live_server.player()
    ack = await back.join(ws.tables[0].code, token=dgs.token)
    assert ack["ok"] and ack["seat"] == "dgs", ack
    assert (await back.act({"type": "ready"}))["ok"]


# --- a client that does not read ---------------------------------------------------------


async def test_a_client_that_stops_reading_is_cut_and_rejoins_with_its_token(
    tmp_path: Path,
) -> None:
    server = await start_server(tmp_path / "capia.sqlite3", max_queued_packets=8)
    raw: RawSocket | None = None
    try:
        ws, (dgs,) = await seated_table(server, ("dgs",))
        raw = await RawSocket.open(server.url, receive_buffer=4096)
        await raw.ws.send_str("421" + json.dumps(["join", {"code": ws.tables[0].code}]))
        _, joined = await raw.ack(1)
        assert joined["ok"], joined
        # From here `raw` reads nothing: aiohttp stops reading the socket once ~500 kB wait
        # unread, then the kernel's buffers fill and the server's writes to it block.
        host = server.runner.app[HUB_KEY].host(ws.tables[0].table_id)  # type: ignore[union-attr]
        assert host is not None and joined["seat"] in host.holders
        fac = await server.facilitator(ws.facilitator_token)
        notice = {"table_id": ws.tables[0].table_id, "text": "Message de l'animation. " * 20}
        sent = 0  # ~6 000 notices fill the kernel's buffers on 127.0.0.1 (4 MiB)
        while joined["seat"] in host.holders and sent < 20_000:
            for _ in range(50):
                await fac.sio.emit("notice", notice)
            assert (await fac.call("notice", notice))["ok"]
            sent += 51
        assert joined["seat"] not in host.holders, f"still seated after {sent} notices"
        back = await server.player()
        again = await back.join(ws.tables[0].code, token=joined["token"])
        assert again["ok"] and again["seat"] == joined["seat"], again
        assert (await dgs.call("sync", {}))["ok"]
    finally:
        if raw is not None:
            await raw.close()
        await stop_server(server)
