"""Seat tokens remembered between runs, so restarting the client rejoins the same seat.

One JSON file (default ``~/.config/capia/tokens.json``; ``CAPIA_TOKEN_FILE``
overrides it) maps ``"<server>|<CODE>"`` to the seat's token, role and name.
A token is a secret: the file is written readable by its owner only.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

ENV_VAR = "CAPIA_TOKEN_FILE"


@dataclass(frozen=True)
class SeatToken:
    """What the server gave for one seat: keep it to take the seat back."""

    token: str
    seat: str
    name: str = ""


def default_path() -> Path:
    """The token file: $CAPIA_TOKEN_FILE, else $XDG_CONFIG_HOME/capia/tokens.json."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "capia" / "tokens.json"


def normalise_server(url: str) -> str:
    """`url` with a scheme and without a trailing slash (« 10.0.0.5:8080 » → http://…)."""
    url = url.strip().rstrip("/")
    if url and "://" not in url:
        url = "http://" + url
    return url


def normalise_code(code: str) -> str:
    """A table code as the server prints it: upper case, no spaces."""
    return "".join(code.split()).upper()


class TokenStore:
    """Remembered seat tokens keyed by server and table code."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else default_path()

    @staticmethod
    def key(server: str, code: str) -> str:
        return f"{normalise_server(server)}|{normalise_code(code)}"

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write(self, data: dict[str, dict[str, str]]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.path)

    def get(self, server: str, code: str) -> SeatToken | None:
        """The token remembered for this table on this server, if any."""
        entry = self._read().get(self.key(server, code))
        if not isinstance(entry, dict) or not entry.get("token") or not entry.get("seat"):
            return None
        return SeatToken(str(entry["token"]), str(entry["seat"]), str(entry.get("name", "")))

    def remember(self, server: str, code: str, seat: SeatToken) -> None:
        """Keep `seat` for this table (replaces an older one)."""
        data = self._read()
        data[self.key(server, code)] = asdict(seat)
        self._write(data)

    def forget(self, server: str, code: str) -> None:
        """Drop the token of this table (the server no longer knows it)."""
        data = self._read()
        if data.pop(self.key(server, code), None) is not None:
            self._write(data)
