"""Blocking HTTP calls of a workshop's day, for `capia workshop` and the facilitator
console (urllib: the console calls them from its UI thread or a worker, as it fetches
logs). Each raises WorkshopApiError with the server's French message.

`token` is the facilitator token of the workshop or the admin token (either opens a
workshop's routes); opening a workshop needs the admin token (`load_admin_token()` of
game/local_config.py on the server's laptop).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from game.protocol import CreateWorkshopResponse
from game.workshop_api import CloseAck, DebriefLink, WorkshopAccess, WorkshopList

TIMEOUT = 30.0


class WorkshopApiError(Exception):
    """A refused or failed request: `message` is French, `status` the HTTP status (0: no
    server answered)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def request_json(
    server: str, method: str, path: str, *, token: str | None = None, body: Any = None
) -> Any:
    """The JSON answer of one request to `server` (raises WorkshopApiError)."""
    data = None if body is None else json.dumps(body).encode("utf-8")
    req = urllib.request.Request(server.rstrip("/") + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        try:
            message = str(json.loads(exc.read().decode("utf-8"))["error"]["message"])
        except (ValueError, KeyError, TypeError):
            message = f"Réponse HTTP {exc.code} du serveur."
        raise WorkshopApiError(message, exc.code) from None
    except (urllib.error.URLError, OSError) as exc:
        raise WorkshopApiError(
            f"Aucun serveur ne répond à {server} ({exc}) : lancez capia serve, "
            "ou donnez son adresse avec --server."
        ) from None
    except ValueError:
        raise WorkshopApiError(f"Réponse illisible de {server}.") from None


def open_workshop(
    server: str,
    admin_token: str | None,
    scenario: str,
    tables: int,
    *,
    names: list[str] | None = None,
    seed: int | None = None,
) -> CreateWorkshopResponse:
    """`POST /api/workshops` (« Nouvel atelier »)."""
    body: dict[str, Any] = {"scenario": scenario, "tables": tables}
    if names:
        body["names"] = names
    if seed is not None:
        body["seed"] = seed
    answer = request_json(server, "POST", "/api/workshops", token=admin_token, body=body)
    return CreateWorkshopResponse.model_validate(answer)


def list_workshops(server: str, admin_token: str | None = None) -> WorkshopList:
    """`GET /api/workshops` (facilitator tokens only with the admin token)."""
    answer = request_json(server, "GET", "/api/workshops", token=admin_token)
    return WorkshopList.model_validate(answer)


def workshop_access(server: str, token: str, workshop_id: str) -> WorkshopAccess:
    """`GET /api/workshops/{id}/access`: base URLs, each table's join URL and QR paths."""
    answer = request_json(server, "GET", f"/api/workshops/{workshop_id}/access", token=token)
    return WorkshopAccess.model_validate(answer)


def close_workshop(server: str, token: str, workshop_id: str) -> CloseAck:
    """`POST /api/workshops/{id}/close`."""
    answer = request_json(server, "POST", f"/api/workshops/{workshop_id}/close", token=token)
    return CloseAck.model_validate(answer)


def debrief_link(
    server: str, token: str, workshop_id: str, table_id: str | None = None, days: float = 7.0
) -> DebriefLink:
    """`POST /api/workshops/{id}/debrief-link`: a URL for a browser (`webbrowser.open`)."""
    body: dict[str, Any] = {"days": days}
    if table_id is not None:
        body["table_id"] = table_id
    path = f"/api/workshops/{workshop_id}/debrief-link"
    return DebriefLink.model_validate(request_json(server, "POST", path, token=token, body=body))


def join_qr_png_of(server: str, code: str) -> bytes:
    """`GET /api/join/{code}/qr.png`: the table's join QR code as the server draws it (its
    LAN or public address), PNG bytes for `pygame.image.load(io.BytesIO(...))`."""
    req = urllib.request.Request(f"{server.rstrip('/')}/api/join/{code}/qr.png")
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            data: bytes = r.read()
            return data
    except (urllib.error.URLError, OSError) as exc:
        raise WorkshopApiError(f"QR code indisponible ({exc}).") from None
