"""What a server instance is configured with (no globals: passed to `create_app`).

Each field is taken from the keyword arguments (`capia serve`'s flags), else from
the environment variable CAPIA_<FIELD> (`CAPIA_HOST`, `CAPIA_PORT`, `CAPIA_DB`,
`CAPIA_SCENARIO`, `CAPIA_LOG_LEVEL`, …), else from the default below.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from game.protocol import MAX_MESSAGE_BYTES, MAX_TRANSPORT_BYTES, SCENARIO_NAME_PATTERN
from game.scenario.bundled import PackNotFoundError, bundled_root, pack_folder
from server.loop import EventLoopKind

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]


class Settings(BaseSettings):
    """A server's configuration."""

    model_config = SettingsConfigDict(env_prefix="CAPIA_", frozen=True, extra="forbid")

    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=0, le=65535)  # 0: any free port
    db: Path = Path("var/capia.sqlite3")  # SQLite file (created with its folder)
    log_level: LogLevel = "INFO"
    #: the base URL players open when it is not this machine's (a hosted VM, a reverse
    #: proxy): join links and QR codes use it instead of the LAN addresses
    public_url: str | None = None
    #: folders of packs, by name (the bundled packs by default)
    scenario_roots: tuple[Path, ...] = Field(default_factory=lambda: (bundled_root(),))
    #: on an empty database, open a demo workshop of this pack: given as a path or a
    #: bundled pack's name, kept as a name under `scenario_roots` (None: no demo)
    scenario: str | None = None
    demo_tables: int = Field(default=4, ge=1, le=50)
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
    #: write the event loop's lag, GC passes, store writes and broadcasts to this JSON
    #: file on shutdown (server/probe.py; for bench/server_load.py --probe)
    probe: Path | None = None
    #: "auto": uvloop where installed, else asyncio's loop (server/loop.py)
    event_loop: EventLoopKind = "auto"

    @property
    def demo_scenario(self) -> str | None:
        """The name of the demo workshop's pack under `scenario_roots`, or None."""
        return self.scenario

    @field_validator("public_url")
    @classmethod
    def _public_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
            raise ValueError(
                f"« {value} » n'est pas une adresse web : http://… ou https://… attendu."
            )
        return value.rstrip("/")

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @model_validator(mode="before")
    @classmethod
    def _demo_pack(cls, data: Any) -> Any:
        """The demo pack given as a folder becomes its name, with its parent as first root."""
        if not isinstance(data, dict):
            return data
        wanted = data.get("scenario", cls.model_fields["scenario"].default)
        if wanted is None:
            return data
        try:
            folder = pack_folder(wanted)
        except PackNotFoundError as exc:
            raise ValueError(str(exc)) from None
        if not (folder / "scenario.yaml").is_file():
            raise ValueError(f"Pas de scenario.yaml dans le dossier « {wanted} ».")
        if not re.fullmatch(SCENARIO_NAME_PATTERN, folder.name):
            raise ValueError(
                f"Nom de pack refusé : « {folder.name} » (minuscules, chiffres, - et _ ; "
                "renommez le dossier)."
            )
        roots = tuple(Path(r) for r in data.get("scenario_roots") or (bundled_root(),))
        if folder.resolve().parent not in {r.resolve() for r in roots}:
            roots = (folder.parent, *roots)
        return {**data, "scenario": folder.name, "scenario_roots": roots}
