"""A networked table screen asks the server once, off the pygame thread, where phones join
its table (`GET /api/tables/by-code/{code}` → join_url), and draws that URL's QR code."""

from __future__ import annotations

import time

from game.client.jobs import Jobs
from game.client.scenes.panels.join import JoinCard, qr_surface
from game.client.sessions.base import Session
from game.client.sessions.lookup import fetch_table
from game.join_qr import join_qr_png, join_url

RETRY = 5.0  # seconds before asking again when the server did not answer


def fetch_join(server: str, code: str) -> tuple[str, bytes]:
    """(join URL, its QR code's PNG) of table `code`: the server's LAN address for it."""
    url = fetch_table(server, code).join_url or join_url(server, code)
    return url, join_qr_png(url)


class JoinLookup:
    """`card` once known; None for a hot-seat game or a replay (nothing to join)."""

    def __init__(self, session: Session) -> None:
        self.card: JoinCard | None = None
        server, code = getattr(session, "server", ""), getattr(session, "code", "")
        networked = isinstance(server, str) and isinstance(code, str) and bool(server and code)
        self.wanted = networked and not session.hot_seat
        self.server, self.code = (server, code) if self.wanted else ("", "")
        self.jobs = Jobs()
        self._next = 0.0

    def poll(self) -> bool:
        """Ask (again) when due; True when the card has just arrived."""
        if not self.wanted or self.card is not None:
            return False
        now = time.monotonic()
        if not self.jobs.busy and now >= self._next:
            self._next = now + RETRY
            server, code = self.server, self.code
            self.jobs.run("join", lambda: fetch_join(server, code), self._got)
        self.jobs.poll()
        return self.card is not None

    def _got(self, found: tuple[str, bytes] | None, error: str) -> None:
        if found is not None:
            self.card = JoinCard(self.code, found[0], qr_surface(found[1]))
