"""The socket.io server: python-socketio's, guarded where packets enter and leave.

In, before python-socketio reads a packet:

- a packet longer than MAX_MESSAGE_BYTES is not decoded: `payload_too_large` ack;
- one that does not decode (truncated JSON, nested deeper than MAX_JSON_DEPTH,
  bad framing) is logged in one line and answered `bad_request` when its ack
  id can be read; binary packets and frames are not part of the protocol;
- an event must be ``["name", ...]`` with a name the transport does not
  reserve: only python-socketio itself runs the `connect` / `disconnect`
  handlers, a client that emits those names gets an error ack.

Out: a connection that already has `max_queued` packets waiting to be written
(a client that stopped reading) is cut instead of queueing more: its seats go
away like on any disconnect and it rejoins with its token.

Closing: engine.io's aiohttp websocket told a closed connection by raising
OSError; that exception's traceback held the frame that held it, so every
closed connection stayed in memory until a full GC pass (server/gc_pace.py).
`_WebSocket` tells it by None, which engine.io treats the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from typing import Any

import engineio.exceptions
import socketio
from engineio import packet as eio_packet
from engineio.async_drivers import aiohttp as engineio_aiohttp
from socketio import packet

from game.protocol import MAX_MESSAGE_BYTES, ErrorCode
from server.errors import error_ack

log = logging.getLogger(__name__)

#: Event names socket.io gives a meaning of its own (handlers run by the transport).
RESERVED_EVENTS = frozenset(
    {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"}
)
#: Packet type, attachment count, namespace, ack id: what can be read before the JSON.
_PREFIX = re.compile(r"(\d)(?:\d+-)?(?:(/[^,]*),)?(\d{1,100})?")
_EVENT_TYPES = {str(packet.EVENT), str(packet.BINARY_EVENT)}
_BINARY_TYPES = {str(packet.BINARY_EVENT), str(packet.BINARY_ACK)}


class GameServer(socketio.AsyncServer):  # type: ignore[misc]
    """`socketio.AsyncServer` with the guards above; also tells when clients last spoke."""

    def __init__(self, *, max_queued: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_queued = max_queued
        self.last_message = time.monotonic()  # latest packet from any client
        self.last_close = float("-inf")  # latest connection closed
        self._cutting: set[str] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.eio._async = {**self.eio._async, "websocket": _WebSocket}

    # --- in -------------------------------------------------------------------------

    async def _handle_eio_message(self, eio_sid: str, data: Any) -> None:
        self.last_message = time.monotonic()
        if not isinstance(data, str):
            log.warning("connection %s: non-text socket.io packet ignored", eio_sid)
            return
        if _too_large(data):
            message = f"Message trop volumineux (au plus {MAX_MESSAGE_BYTES} octets)."
            await self._refuse(eio_sid, data, error_ack(ErrorCode.PAYLOAD_TOO_LARGE, message))
            return
        if data[:1] in _BINARY_TYPES:
            message = "Message mal formé : pièces jointes binaires non prises en charge."
            await self._refuse(eio_sid, data, error_ack(ErrorCode.BAD_REQUEST, message))
            return
        try:
            await super()._handle_eio_message(eio_sid, data)
        except ValueError as exc:  # python-socketio's decoding and framing errors
            log.warning("connection %s: unreadable socket.io packet: %s", eio_sid, str(exc)[:200])
            message = "Message illisible : JSON incomplet, mal formé ou trop imbriqué."
            await self._refuse(eio_sid, data, error_ack(ErrorCode.BAD_REQUEST, message))

    async def _handle_event(self, eio_sid: str, namespace: str | None, id: Any, data: Any) -> None:
        if not (type(data) is list and data and type(data[0]) is str):
            message = "Message mal formé : [« événement », objet] attendu."
            ack = error_ack(ErrorCode.BAD_REQUEST, message)
        elif data[0] in RESERVED_EVENTS:
            message = f"Événement réservé au transport : « {data[0]} »."
            ack = error_ack(ErrorCode.UNKNOWN_EVENT, message)
        else:
            await super()._handle_event(eio_sid, namespace, id, data)
            return
        if id is not None:
            await self._ack(eio_sid, namespace or "/", id, ack)

    async def _refuse(self, eio_sid: str, text: str, ack: dict[str, Any]) -> None:
        """Answer a packet that was not read with `ack`, if it is an event with an ack id."""
        m = _PREFIX.match(text)
        if m is None or m[1] not in _EVENT_TYPES or m[3] is None:
            return
        namespace = (m[2] or "/").split("?", 1)[0]
        await self._ack(eio_sid, namespace, int(m[3]), ack)

    async def _ack(self, eio_sid: str, namespace: str, id: int, ack: dict[str, Any]) -> None:
        sid = self.manager.sid_from_eio_sid(eio_sid, namespace)
        if sid is None or not self.manager.is_connected(sid, namespace):
            return
        pkt = self.packet_class(packet.ACK, namespace=namespace, id=id, data=[ack])
        await self._send_packet(eio_sid, pkt)

    async def _handle_eio_disconnect(self, eio_sid: str, reason: Any) -> None:
        self.last_close = time.monotonic()
        self._cutting.discard(eio_sid)
        await super()._handle_eio_disconnect(eio_sid, reason)

    # --- out ------------------------------------------------------------------------

    async def emit_each(self, event: str, messages: list[tuple[str, Any]]) -> None:
        """Send each (sid, data) of `messages` its own `event` packet, in order, now.

        `emit(..., to=sid)` makes a task for the send and waits for it: two turns of
        the event loop per emit, each behind every other callback ready then. The
        broadcast after an action emits one view per seat under the table's lock, so
        under load the last seat's view waited ~12 turns (bench/README.md, the probe).
        Sending is putting the packet in the connection's queue (engine.io's writer
        task writes it), so it is done here directly, with no task and no wait.
        """
        namespace = "/"
        for sid, data in messages:
            eio_sid = self.manager.eio_sid_from_sid(sid, namespace)
            if eio_sid is None or not self.manager.is_connected(sid, namespace):
                continue
            pkt = self.packet_class(packet.EVENT, namespace=namespace, data=[event, data])
            with contextlib.suppress(engineio.exceptions.SocketIsClosedError):
                await self._send_eio_packet(
                    eio_sid, eio_packet.Packet(eio_packet.MESSAGE, pkt.encode())
                )

    async def _send_packet(self, eio_sid: str, pkt: Any) -> None:
        if not self._backlogged(eio_sid):
            await super()._send_packet(eio_sid, pkt)

    async def _send_eio_packet(self, eio_sid: str, eio_pkt: Any) -> None:
        if not self._backlogged(eio_sid):
            await super()._send_eio_packet(eio_sid, eio_pkt)

    def _backlogged(self, eio_sid: str) -> bool:
        """True if nothing more should be queued for this connection (then it is being cut)."""
        if eio_sid in self._cutting:
            return True
        sock = self.eio.sockets.get(eio_sid)
        if sock is None or sock.queue.qsize() < self.max_queued:
            return False
        log.warning("connection %s cut: %d packets unread", eio_sid, sock.queue.qsize())
        self._cutting.add(eio_sid)
        task = asyncio.create_task(self._cut(eio_sid, sock))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return True

    async def _cut(self, eio_sid: str, sock: Any) -> None:
        """Close a connection whose client does not read, and drop what was queued for it."""
        environ = self.environ.get(eio_sid) or {}
        request = environ.get("aiohttp.request")
        if request is not None and request.transport is not None and _is_websocket(environ):
            request.transport.abort()  # its reader and writer see the connection lost
        await sock.close(wait=False, abort=True, reason=self.eio.reason.SERVER_DISCONNECT)
        while not sock.queue.empty():
            sock.queue.get_nowait()
            sock.queue.task_done()
        sock.queue.put_nowait(None)  # the writer stops once its current write returns


def _too_large(text: str) -> bool:
    """Whether `text` is longer than MAX_MESSAGE_BYTES in UTF-8 (no encoding for short ones)."""
    n = len(text)
    if n * 4 <= MAX_MESSAGE_BYTES:
        return False
    return n > MAX_MESSAGE_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES


def _is_websocket(environ: dict[str, Any]) -> bool:
    """Whether the connection's first request was its websocket (not a polling request)."""
    return str(environ.get("HTTP_UPGRADE", "")).lower() == "websocket"


class _WebSocket(engineio_aiohttp.WebSocket):  # type: ignore[misc]
    """engine.io's aiohttp websocket, telling a closed connection by None, not by OSError.

    (`_websocket_handler` ends on None as on OSError, minus the exception's reference cycle.)
    """

    async def wait(self) -> Any:
        msg = await self._sock.receive()
        return msg.data if isinstance(msg.data, (bytes, str)) else None
