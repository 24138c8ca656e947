"""The table's board: `capia play --server URL --code CODE --board`.

The big screen a team looks at together while each member plays from a phone: the
table drawn read-only from the server's public view (no seat, no secret, nothing to
send). A daemon thread asks `GET /api/tables/by-code/{code}/board` about once a
second with the ETag it holds (a 304 while nothing changed); `poll()` hands what
arrived to the pygame thread.
"""

from __future__ import annotations

import json
import queue
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from game.client.scenes.replay import BUILDERS
from game.client.scenes.table import TableScene
from game.client.scenes.table_layout import TableParts
from game.client.sessions.base import Session
from game.client.texts import PackTexts
from game.engine.actions import Action
from game.engine.view_models import PlayerView

POLL_EVERY = 1.0  # seconds between two questions to the server
TIMEOUT = 10.0


def board_url(server: str, code: str) -> str:
    """The public view's address of the table `code` on `server`."""
    code = urllib.parse.quote(code.strip().upper(), safe="")
    return f"{server.rstrip('/')}/api/tables/by-code/{code}/board"


def fetch(url: str, etag: str | None) -> tuple[int, str | None, dict[str, Any] | None]:
    """(status, etag, body) of one request; 304 has no body."""
    req = urllib.request.Request(url, headers={"If-None-Match": etag} if etag else {})
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return r.status, r.headers.get("ETag"), json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return exc.code, etag, None


class BoardSession(Session):
    """A table seen by no seat: the latest public view, refreshed from the server."""

    read_only = True

    def __init__(self, server: str, code: str, *, every: float = POLL_EVERY) -> None:
        super().__init__()
        self.url = board_url(server, code)
        self.code = code.strip().upper()
        self.seat = None
        self.status = "connexion…"
        self.texts = PackTexts({})
        self._view: PlayerView | None = None
        self._version = 0
        self._inbox: queue.Queue[tuple[str, Any]] = queue.Queue()
        self._stop = threading.Event()
        self._every = every
        self._thread = threading.Thread(target=self._run, name="capia-board", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        etag: str | None = None
        pack = True
        while not self._stop.is_set():
            try:
                status, tag, body = fetch(self.url + ("?pack=1" if pack else ""), etag)
            except (OSError, ValueError):
                self._inbox.put(("status", "serveur injoignable, nouvel essai…"))
            else:
                if status == 200 and body is not None:
                    etag, pack = tag, False
                    self._inbox.put(("view", body))
                elif status == 404:
                    self._inbox.put(("status", f"aucune table ne porte le code {self.code}"))
                elif status != 304:
                    self._inbox.put(("status", f"réponse inattendue du serveur ({status})"))
            self._stop.wait(self._every)

    @property
    def view(self) -> PlayerView | None:
        return self._view

    @property
    def version(self) -> int:
        return self._version

    def send(self, action: Action) -> None:
        """A board sends nothing: each member acts from their own seat."""

    def poll(self) -> list[str]:
        messages: list[str] = []
        while True:
            try:
                kind, data = self._inbox.get_nowait()
            except queue.Empty:
                return messages
            if kind == "status":
                if data != self.status:
                    messages.append(f"Tableau : {data}.")
                self.status = data
                continue
            if "pack" in data:
                self.texts = PackTexts(data["pack"])
            self._view = PlayerView.model_validate(data["view"])
            self._version += 1
            self.status = "connecté"

    def wait_view(self, timeout: float = TIMEOUT) -> PlayerView | None:
        """Poll until a first view is there (tests, and the window's first frame)."""
        end = time.monotonic() + timeout
        while self._view is None and time.monotonic() < end:
            self.poll()
            time.sleep(0.02)
        return self._view

    def close(self) -> None:
        self._stop.set()


#: the votes and choices as they come, nothing to click
BOARD_PARTS = TableParts(builders=BUILDERS, ready_button=False)


class BoardScene(TableScene):
    """The table drawn read-only from its public view."""

    @property
    def parts(self) -> TableParts:
        return BOARD_PARTS

    def who_text(self, view: PlayerView) -> str:
        status = self.session.status
        text = f"Tableau de la table {getattr(self.session, 'code', '')}"
        return f"{text} · {status}" if status and status != "connecté" else text
