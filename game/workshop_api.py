"""HTTP models of running workshops (list, close, join links and QR codes, debrief links),
shared by the server, `capia workshop` and the facilitator console.

Routes (see server/workshop_routes.py; `admin` is `Authorization: Bearer <admin token>`,
`facilitator` the workshop's facilitator token, either one opening a workshop's routes):
- `GET  /api/workshops` → WorkshopList (open workshops; with the admin token also closed
  ones and each facilitator token)
- `GET  /api/workshops/{id}/access` (facilitator) → WorkshopAccess
- `POST /api/workshops/{id}/close` (facilitator) → CloseAck
- `POST /api/workshops/{id}/debrief-link` (facilitator) [DebriefLinkRequest] → DebriefLink
- `GET  /api/join/{CODE}/qr.png`, `/api/join/{CODE}/qr.svg` (public) → the join QR code
- `GET  /debrief/{id}?k=…`, `/debrief/{id}/{table_id}?k=…` → the HTML debrief
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Msg(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TableAccess(_Msg):
    table_id: str
    code: str
    name: str = ""  # given at opening (capia workshop new --names), else ""
    #: where a player's phone goes: `<first base URL>/t/<CODE>`
    join_url: str
    #: server paths of the join URL's QR code (PNG for pygame, SVG for a page)
    qr_png: str
    qr_svg: str


class WorkshopAccess(_Msg):
    """How players reach a workshop's tables."""

    workshop_id: str
    scenario: str
    closed: bool
    #: the server's base URLs others can open (LAN addresses, or the public URL)
    base_urls: tuple[str, ...]
    #: False when the server only listens on this machine (127.0.0.1)
    reachable_from_network: bool
    tables: tuple[TableAccess, ...]


class ListedTable(_Msg):
    table_id: str
    code: str
    name: str = ""
    join_url: str


class ListedWorkshop(_Msg):
    workshop_id: str
    scenario: str
    created: float
    closed: float | None = None
    tables: tuple[ListedTable, ...]
    #: only to the admin
    facilitator_token: str | None = None


class WorkshopList(_Msg):
    workshops: tuple[ListedWorkshop, ...]


class CloseAck(_Msg):
    ok: Literal[True] = True
    workshop_id: str
    closed: float


class DebriefLinkRequest(_Msg):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    #: None: the workshop's page (which also opens each of its tables)
    table_id: str | None = Field(default=None, max_length=64)
    days: float = Field(default=7.0, gt=0, le=90)


class DebriefLink(_Msg):
    url: str
    expires: float  # epoch seconds
