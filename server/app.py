"""The app factory: aiohttp + one python-socketio AsyncServer, resources in `cleanup_ctx`."""

from __future__ import annotations

import asyncio
import gc
import logging
import time
from collections.abc import AsyncIterator

from aiohttp import web

from server import wire_json
from server.hub import Hub
from server.keys import DEMO_KEY, HUB_KEY, SETTINGS_KEY, SIO_KEY, STORE_KEY
from server.namespace import GameNamespace
from server.routes import add_routes
from server.scenarios import ScenarioLibrary
from server.settings import Settings
from server.store import SqliteStore
from server.transport import GameServer

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


#: Seconds between two moves of every live object out of the cyclic GC's reach.
GC_FREEZE_EVERY = 0.1
#: Seconds between two full collections (frozen objects included).
GC_FULL_EVERY = 600.0


async def _keep_gc_short() -> None:
    """Keep the cyclic garbage collector off the tables' objects.

    Under load the server allocates container objects fast (each action leaves a
    new state per table, its log record, the views and patches it sent) and they
    live for a second or so: the collector's passes walked them again and again
    (200 tables, 5 s vote burst: 11 generation-1 passes of ~16 ms and 100
    generation-0 passes, 330 ms in all; a generation-2 pass of 65-117 ms when it
    came). No pass found a reference cycle to free. So every GC_FREEZE_EVERY
    seconds whatever is alive is frozen (`gc.freeze`, a list splice): the
    collector then only walks what the last 100 ms allocated (same load: no
    generation-1 pass, 130 ms in all). Reference counting still frees frozen
    objects when they are dropped; a reference cycle dropped after its freeze
    waits for the full collection run every GC_FULL_EVERY seconds.
    """
    last_full = time.monotonic()
    while True:
        if time.monotonic() - last_full >= GC_FULL_EVERY:
            gc.unfreeze()
            gc.collect()
            last_full = time.monotonic()
        gc.freeze()
        await asyncio.sleep(GC_FREEZE_EVERY)
