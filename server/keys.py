"""Typed keys of the aiohttp application's shared resources."""

from __future__ import annotations

from aiohttp import web

from game.protocol import CreateWorkshopResponse
from server.hub import Hub
from server.settings import Settings
from server.store import EventStore
from server.transport import GameServer

SETTINGS_KEY = web.AppKey("settings", Settings)
SIO_KEY = web.AppKey("sio", GameServer)
STORE_KEY = web.AppKey("store", EventStore)
HUB_KEY = web.AppKey("hub", Hub)
#: the demo workshop created at start on an empty database (its token is shown once)
DEMO_KEY = web.AppKey[CreateWorkshopResponse | None]("demo")
#: the admin token when this start created it (shown once in the banner), else None
NEW_ADMIN_KEY = web.AppKey[str | None]("new_admin_token")
#: the base URLs `capia serve` found for others to open (LAN addresses or the public URL);
#: unset: the routes answer with the address each request came to
BASE_URLS_KEY = web.AppKey[list[str]]("base_urls")
