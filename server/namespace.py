"""The socket.io namespace: one class, identity in the socket session, thin handlers.

Every client event gets exactly one ack; whatever goes wrong in a handler
becomes an error ack, never a dropped connection or a crashed server.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import socketio
from pydantic import ValidationError

from game.engine import IllegalAction
from game.engine.actions import (
    FACILITATOR_ACTION_TYPES,
    ChooseOption,
    LeaveSeat,
    OccupySeat,
    Propose,
    Ready,
    Vote,
)
from game.protocol import (
    ActAck,
    ActRequest,
    ControlRequest,
    ErrorCode,
    FacilitatorAuth,
    JoinAck,
    JoinRequest,
    LeaveAck,
    LeaveRequest,
    NoticeAck,
    NoticeMessage,
    NoticeRequest,
    SyncAck,
    SyncAllAck,
    SyncAllRequest,
    SyncRequest,
    TableViewRequest,
)
from server import activity
from server.auth import hash_token, new_token
from server.errors import Refused, ack_for, error_ack
from server.hub import Hub, table_room, workshop_room
from server.store import SeatRow
from server.tables import TableHost

log = logging.getLogger(__name__)

Handler = Callable[[str, Any], Awaitable[dict[str, Any]]]
PlayerAction = Propose | Vote | ChooseOption | Ready


class GameNamespace(socketio.AsyncNamespace):  # type: ignore[misc]
    """Players (`join`, `act`, `sync`, `leave`) and facilitators (`control`, `notice`, ...)."""

    def __init__(self, hub: Callable[[], Hub], namespace: str = "/") -> None:
        super().__init__(namespace)
        self._hub = hub
        self._handlers: dict[str, Handler] = {
            "join": self.join,
            "act": self.act,
            "sync": self.sync,
            "leave": self.leave,
            "control": self.control,
            "notice": self.notice,
            "sync_all": self.sync_all,
            "table_view": self.table_view,
        }

    @property
    def hub(self) -> Hub:
        return self._hub()

    async def trigger_event(self, event: Any, *args: Any) -> Any:
        """Route an event; unknown names, bad arity and any failure → error ack.

        `connect` and `disconnect` come from the transport only (`GameServer` refuses
        clients' events of those names), and so does the size limit.
        """
        if event == "connect":
            return await self.connect(args[0], args[2] if len(args) > 2 else None)
        if event == "disconnect":
            return await self.disconnect(args[0])
        sid, payload = args[0], args[1:]
        handler = self._handlers.get(event) if isinstance(event, str) else None
        if handler is None:
            name = str(event)[:40]
            return error_ack(ErrorCode.UNKNOWN_EVENT, f"Événement inconnu : « {name} ».")
        if len(payload) > 1:
            return error_ack(ErrorCode.BAD_REQUEST, "Un seul objet est attendu par message.")
        data = payload[0] if payload else {}
        try:
            return await handler(sid, data)
        except (Refused, IllegalAction, ValidationError) as exc:
            return ack_for(exc)
        except (TypeError, ValueError, RecursionError):
            return error_ack(ErrorCode.BAD_REQUEST, "Message mal formé.")
        except Exception as exc:
            log.exception("event %s from %s failed", event, sid)
            return ack_for(exc)

    # --- connection ---------------------------------------------------------------

    async def connect(self, sid: str, auth: Any) -> bool:
        """Players connect without auth; a facilitator with `{facilitator_token}`."""
        if not auth:
            await self.save_session(sid, {"kind": "player", "table": None, "seats": []})
            return True
        try:
            creds = FacilitatorAuth.model_validate(auth)
        except ValidationError:
            raise socketio.exceptions.ConnectionRefusedError("Connexion refusée.") from None
        workshop = self.hub.workshop_of_token(creds.facilitator_token)
        if workshop is None:
            raise socketio.exceptions.ConnectionRefusedError("Jeton d'animation inconnu.")
        await self.save_session(sid, {"kind": "facilitator", "workshop": workshop.id})
        await self.enter_room(sid, workshop_room(workshop.id))
        online = self.hub.facilitators_online
        online[workshop.id] = online.get(workshop.id, 0) + 1
        return True

    async def disconnect(self, sid: str) -> None:
        """Free the seats this connection held (they stay occupied in the game)."""
        try:
            session = await self.get_session(sid)
        except KeyError:
            return
        hub = self.hub
        if session.get("kind") == "facilitator":
            hub.facilitators_online[session["workshop"]] -= 1
            return
        host = hub.host(session["table"]) if session.get("table") else None
        if host is None:
            return
        for role in session["seats"]:
            if host.holders.get(role) == sid:
                del host.holders[role]
        host.connection_changed()
        activity.disconnected(host, [r for r in session["seats"] if r not in host.holders])
        await hub.send_summary(host.workshop_id)

    # --- players ----------------------------------------------------------------------

    async def _player(self, sid: str) -> dict[str, Any]:
        session: dict[str, Any] = await self.get_session(sid)
        if session.get("kind") != "player":
            raise Refused(ErrorCode.FORBIDDEN, "Une connexion d'animation ne joue pas de place.")
        return session

    def _seated(self, session: dict[str, Any]) -> TableHost:
        host = self.hub.host(session["table"]) if session["seats"] else None
        if host is None:
            raise Refused(ErrorCode.NOT_JOINED, "Rejoignez d'abord une table avec son code.")
        return host

    async def join(self, sid: str, data: Any) -> dict[str, Any]:
        """Sit at a seat (by token, requested seat or first free one) → JoinAck."""
        session = await self._player(sid)
        req = JoinRequest.model_validate(data)
        host = self.hub.host_by_code(req.code)
        if host is None:
            raise Refused(ErrorCode.UNKNOWN_TABLE, "Aucune table ne porte ce code.")
        if session["table"] not in (None, host.id):
            raise Refused(ErrorCode.FORBIDDEN, "Cette connexion est déjà à une autre table.")
        if req.token is None:
            self.hub.check_open(host)  # a seat's token still comes back to read its table
        async with host.lock:
            role, token = await self._sit(host, req)
            old = host.holders.get(role)
            host.holders[role] = sid
            host.connection_changed()
            session["table"] = host.id
            if role not in session["seats"]:
                session["seats"].append(role)
            await self.save_session(sid, session)
            await self.enter_room(sid, table_room(host.id))
            if old is not None and old != sid:
                await self._take_from(old, host, role)
            await self.hub.send_summary(host.workshop_id)
            host.forget_sent(role)  # the ack carries the whole view; patches follow it
            ack = JoinAck(
                token=token,
                seat=role,
                table_id=host.id,
                version=host.version,
                view=host.view(role),
                pack_hash=(pack := host.public_pack_ref()).hash,
                pack_url=pack.url,
            )
            activity.joined(host, role, rejoined=req.token is not None)
        return ack.model_dump(mode="json")

    async def _sit(self, host: TableHost, req: JoinRequest) -> tuple[str, str]:
        """The seat this join gets and its token; occupies it in the game if empty."""
        claim: SeatRow | None = None
        if req.token is not None:
            found = host.role_of_token(hash_token(req.token))
            if found is None or (req.seat is not None and req.seat != found):
                raise Refused(ErrorCode.BAD_TOKEN, "Ce jeton ne correspond à aucune place ici.")
            role, token = found, req.token
            name = req.name or host.names.get(role, "")
        else:
            role = self._free_seat(host, req.seat)
            token, name = new_token(), req.name
            claim = SeatRow(host.id, role, hash_token(token), name)
        seat = host.state.seat(role)
        if seat is not None and not seat.occupied:
            action = OccupySeat(seat=role, name=name)
            await self.hub.apply(
                host, action, action_id=f"system:occupy:{host.version + 1}", claim=claim
            )
        elif claim is not None:
            await host.claim(self.hub.store, claim)
        return role, token

    @staticmethod
    def _free_seat(host: TableHost, wanted: str | None) -> str:
        if wanted is not None:
            if wanted not in host.roles:
                raise Refused(ErrorCode.UNKNOWN_SEAT, "Cette place n'existe pas à cette table.")
            if host.has_token(wanted):
                raise Refused(ErrorCode.SEAT_TAKEN, "Cette place est déjà prise.")
            return wanted
        for role in host.roles:
            if not host.has_token(role):
                return role
        raise Refused(ErrorCode.NO_FREE_SEAT, "Toutes les places de cette table sont prises.")

    async def _take_from(self, old_sid: str, host: TableHost, role: str) -> None:
        """Tell an older connection its seat was taken over, and forget it there."""
        try:
            old = await self.get_session(old_sid)
        except KeyError:
            return
        if role in old.get("seats", []):
            old["seats"].remove(role)
            await self.save_session(old_sid, old)
        text = "Votre place a été reprise depuis une autre connexion."
        msg = NoticeMessage(table_id=host.id, text=text, kind="seat_taken", seat=role)
        await self.hub.notice(msg, to=old_sid)

    async def act(self, sid: str, data: Any) -> dict[str, Any]:
        """Apply a player action as the sender's own seat → ActAck."""
        session = await self._player(sid)
        host = self._seated(session)
        if not isinstance(data, dict):
            raise Refused(ErrorCode.BAD_REQUEST, "Message mal formé : objet attendu.")
        raw = data.get("action")
        if isinstance(raw, dict) and "seat" not in raw and len(session["seats"]) == 1:
            data = {**data, "action": {**raw, "seat": session["seats"][0]}}
        req = ActRequest.model_validate(data)
        action = req.action
        if not isinstance(action, PlayerAction):
            raise Refused(ErrorCode.FORBIDDEN, "Cette action est réservée à l'animation.")
        async with host.lock:
            if action.seat not in session["seats"] or host.holders.get(action.seat) != sid:
                raise Refused(ErrorCode.FORBIDDEN, "Vous ne pouvez agir que pour votre place.")
            action_id = f"seat:{action.seat}:{req.action_id}"
            version = await self.hub.apply(host, action, action_id=action_id)
        return ActAck(version=version).model_dump(mode="json")

    async def sync(self, sid: str, data: Any) -> dict[str, Any]:
        """The current view of one of the connection's seats → SyncAck."""
        session = await self._player(sid)
        host = self._seated(session)
        req = SyncRequest.model_validate(data if data is not None else {})
        role = req.seat or session["seats"][0]
        if role not in session["seats"]:
            raise Refused(ErrorCode.FORBIDDEN, "Cette place n'est pas la vôtre.")
        async with host.lock:  # no broadcast between this view and forgetting what was sent
            ack = SyncAck(table_id=host.id, version=host.version, view=host.view(role))
            host.forget_sent(role)
        return ack.model_dump(mode="json")

    async def leave(self, sid: str, data: Any) -> dict[str, Any]:
        """Empty one of the connection's seats (its token stops working) → LeaveAck."""
        session = await self._player(sid)
        host = self._seated(session)
        req = LeaveRequest.model_validate(data if data is not None else {})
        role = req.seat or session["seats"][0]
        if role not in session["seats"]:
            raise Refused(ErrorCode.FORBIDDEN, "Cette place n'est pas la vôtre.")
        async with host.lock:
            action = LeaveSeat(seat=role)
            version = await self.hub.apply(
                host, action, action_id=f"system:leave:{host.version + 1}", release=role
            )
            host.holders.pop(role, None)
            host.connection_changed()
            session["seats"].remove(role)
            await self.save_session(sid, session)
            activity.left(host, role)
        return LeaveAck(version=version).model_dump(mode="json")

    # --- facilitator ------------------------------------------------------------------

    async def _facilitated(self, sid: str, table_id: str | None) -> tuple[str, TableHost | None]:
        session = await self.get_session(sid)
        if session.get("kind") != "facilitator":
            raise Refused(ErrorCode.FORBIDDEN, "Réservé à l'animation (jeton d'animation).")
        workshop_id: str = session["workshop"]
        if table_id is None:
            return workshop_id, None
        host = self.hub.host(table_id)
        if host is None or host.workshop_id != workshop_id:
            raise Refused(
                ErrorCode.UNKNOWN_TABLE, "Aucune table de votre atelier n'a cet identifiant."
            )
        return workshop_id, host

    async def control(self, sid: str, data: Any) -> dict[str, Any]:
        """Apply a facilitator action to one table of its workshop → ActAck."""
        req = ControlRequest.model_validate(data)
        _, host = await self._facilitated(sid, req.table_id)
        assert host is not None
        if req.action.type not in FACILITATOR_ACTION_TYPES:
            raise Refused(ErrorCode.FORBIDDEN, "Cette action n'est pas une action d'animation.")
        async with host.lock:
            action_id = f"facilitator:{req.action_id}"
            version = await self.hub.apply(host, req.action, action_id=action_id)
        return ActAck(version=version).model_dump(mode="json")

    async def notice(self, sid: str, data: Any) -> dict[str, Any]:
        """Broadcast a facilitator message to one table or to every table → NoticeAck."""
        req = NoticeRequest.model_validate(data)
        workshop_id, host = await self._facilitated(sid, req.table_id)
        targets = [host.id] if host else self.hub.table_ids(workshop_id)
        for table_id in targets:
            await self.hub.notice(NoticeMessage(table_id=table_id, text=req.text))
        return NoticeAck().model_dump(mode="json")

    async def sync_all(self, sid: str, data: Any) -> dict[str, Any]:
        """Every table of the facilitator's workshop → SyncAllAck."""
        SyncAllRequest.model_validate(data if data is not None else {})
        workshop_id, _ = await self._facilitated(sid, None)
        summary = self.hub.workshop_summary(workshop_id)
        return SyncAllAck(summary=summary).model_dump(mode="json")

    async def table_view(self, sid: str, data: Any) -> dict[str, Any]:
        """One table of the workshop, everything revealed → SyncAck."""
        req = TableViewRequest.model_validate(data)
        _, host = await self._facilitated(sid, req.table_id)
        assert host is not None
        ack = SyncAck(table_id=host.id, version=host.version, view=host.view(None))
        return ack.model_dump(mode="json")
