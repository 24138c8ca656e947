"""The event loop `capia serve` runs on: uvloop where it is installed, else asyncio's own.

uvloop (libuv under the asyncio API) runs the same server with less time per loop
turn, socket read and write; it has no Windows build, so pyproject.toml installs it
everywhere else and Windows keeps the standard loop. `CAPIA_EVENT_LOOP=asyncio`
(`Settings.event_loop`) asks for the standard loop anywhere.
"""

from __future__ import annotations

import asyncio
import importlib.util
from typing import Literal

EventLoopKind = Literal["auto", "uvloop", "asyncio"]


def uvloop_available() -> bool:
    """Whether uvloop can be imported here."""
    return importlib.util.find_spec("uvloop") is not None


def new_event_loop(kind: EventLoopKind = "auto") -> asyncio.AbstractEventLoop:
    """A new loop: uvloop's for "uvloop" (ImportError without it) and for "auto" where it is
    installed, else asyncio's."""
    if kind == "uvloop" or (kind == "auto" and uvloop_available()):
        import uvloop

        loop: asyncio.AbstractEventLoop = uvloop.new_event_loop()
        return loop
    return asyncio.new_event_loop()


def loop_name(loop: asyncio.AbstractEventLoop) -> str:
    """ "uvloop" or "asyncio": which implementation `loop` is."""
    return "uvloop" if type(loop).__module__.startswith("uvloop") else "asyncio"
