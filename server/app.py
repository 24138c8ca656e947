"""The app factory: aiohttp + one python-socketio AsyncServer, resources in `cleanup_ctx`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

from aiohttp import web

from server import wire_json
from server.credentials import ensure_admin_token
from server.exports import add_export_routes
from server.gc_pace import pace_gc
from server.hub import Hub
from server.keys import DEMO_KEY, HUB_KEY, NEW_ADMIN_KEY, SETTINGS_KEY, SIO_KEY, STORE_KEY
from server.namespace import GameNamespace
from server.probe import Probe
from server.routes import add_routes
from server.scenarios import ScenarioLibrary
from server.settings import Settings
from server.store import SqliteStore
from server.transport import GameServer
from server.workshop_routes import add_workshop_routes

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> web.Application:
    """A ready-to-run server: HTTP routes, socket.io at /socket.io/, store opened on startup."""
    app = web.Application(client_max_size=settings.max_http_body)
    app[SETTINGS_KEY] = settings
    sio = GameServer(
        max_queued=settings.max_queued_packets,
        async_mode="aiohttp",
        json=wire_json,  # our pre-built JSON texts go out as objects (server/wire_json.py)
        max_http_buffer_size=settings.max_http_buffer_size,
        ping_interval=settings.ping_interval,
        ping_timeout=settings.ping_timeout,
        logger=False,
        engineio_logger=False,
    )
    sio.register_namespace(GameNamespace(lambda: app[HUB_KEY]))
    sio.attach(app)
    app[SIO_KEY] = sio
    add_routes(app)
    add_export_routes(app)
    add_workshop_routes(app)
    app.cleanup_ctx.append(_open_hub)
    app.on_shutdown.append(_stop_socketio)
    return app


async def _stop_socketio(app: web.Application) -> None:
    """Stop socket.io's background tasks before the web server goes."""
    await app[SIO_KEY].shutdown()


async def _open_hub(app: web.Application) -> AsyncIterator[None]:
    """Open the store, rebuild every unfinished table from its log, arm timers; close on exit."""
    settings = app[SETTINGS_KEY]
    store = SqliteStore(settings.db)
    hub = Hub(store, ScenarioLibrary(settings.scenario_roots), app[SIO_KEY])
    hub.load()
    app[STORE_KEY] = store
    app[HUB_KEY] = hub
    app[NEW_ADMIN_KEY] = ensure_admin_token(store)
    demo = None
    if settings.demo_scenario and not hub.counts()["workshops"]:
        demo = await hub.create_workshop(settings.demo_scenario, settings.demo_tables)
    app[DEMO_KEY] = demo
    gc_task = pace_gc(app[SIO_KEY], settings.gc_collect_after)
    probe = Probe(settings.probe) if settings.probe else None
    if probe is not None:
        probe.install(hub)
    tasks = [asyncio.create_task(hub.warm_up()), asyncio.create_task(gc_task)]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await hub.close()
        if probe is not None:
            probe.write()
        store.close()
