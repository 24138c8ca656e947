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
