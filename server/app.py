"""The app factory: aiohttp + one python-socketio AsyncServer, resources in `cleanup_ctx`."""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import AsyncIterator

import socketio
from aiohttp import web

from server.hub import Hub
from server.keys import DEMO_KEY, HUB_KEY, SETTINGS_KEY, SIO_KEY, STORE_KEY
from server.namespace import GameNamespace
from server.routes import add_routes
from server.scenarios import ScenarioLibrary
from server.settings import Settings
from server.store import SqliteStore

log = logging.getLogger(__name__)


def create_app(settings: Settings) -> web.Application:
    """A ready-to-run server: HTTP routes, socket.io at /socket.io/, store opened on startup."""
    app = web.Application(client_max_size=settings.max_http_buffer_size)
    app[SETTINGS_KEY] = settings
    sio = socketio.AsyncServer(
        async_mode="aiohttp",
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
    demo = None
    if settings.demo_scenario and not hub.counts()["workshops"]:
        demo = hub.create_workshop(settings.demo_scenario, settings.demo_tables)
    app[DEMO_KEY] = demo
    tasks = [asyncio.create_task(hub.warm_up()), asyncio.create_task(_keep_gc_short())]
    try:
        yield
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await hub.close()
        store.close()


#: Seconds between two moves of the long-lived objects out of the cyclic GC's reach. The
#: tables' current states are replaced at every action, so within 10 s the generation-2
#: collections walked most of them again (65-117 ms pauses at 200 tables); every second,
#: they walk only what the last second left (no pause over 20 ms in the same load).
GC_FREEZE_EVERY = 1.0
#: Seconds between two full collections (frozen objects included).
GC_FULL_EVERY = 600.0


async def _keep_gc_short() -> None:
    """Keep the cyclic garbage collector's passes short.

    A full pass walks every tracked object: with a few hundred tables' states
    and logs in memory that is hundreds of milliseconds during which no table
    moves (the load bench's p99). Every GC_FREEZE_EVERY seconds the objects
    alive are frozen (`gc.freeze`): the collector skips them, reference
    counting still frees them when dropped. Reference cycles dropped after
    being frozen (closed connections' objects) wait for the full collection
    run every GC_FULL_EVERY seconds: one pause then instead of many.
    """
    last_full = time.monotonic()
    while True:
        if time.monotonic() - last_full >= GC_FULL_EVERY:
            gc.unfreeze()
            gc.collect()
            last_full = time.monotonic()
        gc.collect(1)
        gc.freeze()
        await asyncio.sleep(GC_FREEZE_EVERY)
