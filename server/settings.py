"""What a server instance is configured with (no globals: passed to `create_app`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.protocol import MAX_MESSAGE_BYTES, MAX_TRANSPORT_BYTES


@dataclass(frozen=True, kw_only=True)
class Settings:
    """A server's configuration."""

    db: Path  # SQLite file (created with its folder)
    scenario_roots: tuple[Path, ...] = (Path("scenarios"),)  # folders of packs, by name
    demo_scenario: str | None = None  # on an empty database, open a demo workshop of it
    demo_tables: int = 4
    #: hard transport limit (bigger frame: connection closed); messages between
    #: MAX_MESSAGE_BYTES and this get a payload_too_large ack
    max_http_buffer_size: int = MAX_TRANSPORT_BYTES
    max_http_body: int = 4 * MAX_MESSAGE_BYTES  # HTTP API request bodies
    #: packets waiting to be written to one connection past which it is cut (it stopped reading)
    max_queued_packets: int = 256
    ping_interval: float = 25
    ping_timeout: float = 20
    #: seconds after a connection closes before the full GC pass that frees what it left
    #: (more than ping_interval: engine.io's ping task holds a closed socket that long)
    gc_collect_after: float = 30.0
