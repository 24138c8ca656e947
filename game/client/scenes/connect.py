"""Connect: server address, table code, name, seat choice → the networked table.

The seats come from `GET /api/tables/by-code/{code}` (public), fetched in a worker
thread as soon as the code has its 6 characters. A server that does not answer
is tried again every 3 s; a remembered token joins its seat directly.
"""

from __future__ import annotations

import concurrent.futures
import time
from functools import partial

import pygame
import pygame_gui

from game.client.scene import HELP_LABEL, Scene, SceneName
from game.client.scenes import connect_view
from game.client.scenes.panels.base import label_width
from game.client.sessions.lookup import ServerDown, TableNotFound, fetch_table
from game.client.sessions.net import RETRY_DELAY, down_text
from game.client.sessions.remote import RemoteSession
from game.client.tokens import SeatToken, TokenStore, normalise_code, normalise_server
from game.protocol import TABLE_CODE_LENGTH, ErrorCode, PublicTable

DEFAULT_SERVER = "http://127.0.0.1:8080"
UNKNOWN_CODE = (
    "Code de table inconnu : vérifiez les 6 caractères de la carte posée sur votre table."
)
SEAT_TAKEN = "Cette place vient d'être prise par quelqu'un d'autre : choisissez-en une autre."
TOKEN_LOST = "Votre place mémorisée n'existe plus à cette table : choisissez une place."
SETTLE = 0.3  # seconds without typing before the code is looked up


class ConnectScene(Scene):
    """The form a trainee fills in before sitting at a networked table."""

    def __init__(
        self,
        *,
        server: str = DEFAULT_SERVER,
        code: str = "",
        name: str = "",
        seat: str | None = None,
        tokens: TokenStore | None = None,
        auto_join: bool = False,
        retry_delay: float = RETRY_DELAY,
    ) -> None:
        super().__init__()
        self.initial = (server, code, name)
        self.selected = seat
        self.tokens = tokens if tokens is not None else TokenStore()
        self.auto_join = auto_join
        self.retry_delay = retry_delay
        self.table: PublicTable | None = None
        self.message = ""
        self.is_error = False
        self.retry_at: float | None = None
        self.session: RemoteSession | None = None
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="capia-lookup")
        self._lookup: concurrent.futures.Future[PublicTable] | None = None
        self._looked: tuple[str, str] | None = None
        self._typed_at = 0.0
        self._last_key: tuple[str, str] = ("", "")

    # --- fields --------------------------------------------------------------------------
    def field(self, key: str) -> str:
        entry = self.entries.get(key)
        return entry.get_text() if entry is not None else ""

    @property
    def server(self) -> str:
        return normalise_server(self.field("server"))

    @property
    def code(self) -> str:
        return normalise_code(self.field("code"))

    def remembered(self) -> SeatToken | None:
        """The token kept for this server and code, if any."""
        if len(self.code) < TABLE_CODE_LENGTH or not self.server:
            return None
        return self.tokens.get(self.server, self.code)

    def enter(self, app) -> None:  # type: ignore[no-untyped-def]
        super().enter(app)
        if self.auto_join:
            self.join()

    def exit(self) -> None:
        super().exit()
        self._pool.shutdown(wait=False, cancel_futures=True)

    # --- actions -------------------------------------------------------------------------
    def choose(self, role: str) -> None:
        self.selected = None if self.selected == role else role
        self.relayout()

    def join(self) -> None:
        """Connect and sit: with the remembered token when it is for the chosen seat."""
        if self.session is not None:
            return
        kept = self.remembered()
        use_token = kept is not None and self.selected in (None, kept.seat)
        name = self.field("name").strip() or (kept.name if kept else "")
        self.session = RemoteSession(
            self.server,
            self.code,
            name=name,
            seat=self.selected,
            token=kept.token if kept and use_token else None,
            retry_delay=self.retry_delay,
        ).start()
        self._say("Connexion à la table…", error=False)
        self.relayout()

    def _say(self, text: str, *, error: bool = True) -> None:
        if (text, error) != (self.message, self.is_error):
            self.message, self.is_error, self.dirty = text, error, True

    # --- build ---------------------------------------------------------------------------
    def columns(self) -> tuple[pygame.Rect, pygame.Rect]:
        w, h = self.app.size
        col = min(560, (w - 96) // 2)
        top = 150
        left = pygame.Rect(w // 2 - col - 16, top, col, h - top - 40)
        right = pygame.Rect(w // 2 + 16, top, col, h - top - 40)
        return left, right

    def relayout(self) -> None:
        """Rebuild, keeping what was typed and which field had the keyboard."""
        focused = next((k for k, e in self.entries.items() if e.is_focused), None)
        if self.entries:
            self.initial = (self.field("server"), self.field("code"), self.field("name"))
        super().relayout()
        if focused in self.entries:
            self.entries[focused].focus()  # type: ignore[no-untyped-call]

    def build(self) -> None:
        left, right = self.columns()
        server, code, name = self.initial
        x, y, w = left.x, left.y + 26, left.width
        self.entry("server", pygame.Rect(x, y, w, 40), server, "http://adresse:8080")
        # No placeholders: pygame_gui draws them in the colour of typed text, and a trainee
        # took « Prénom ou nom » for a name already filled in. The labels carry the hints.
        self.entry("code", pygame.Rect(x, y + 92, w, 40), code)
        self.entry("name", pygame.Rect(x, y + 184, w, 40), name)
        joining = self.session is not None
        ok, reason = self._can_join()
        self.button(
            "join",
            pygame.Rect(x, y + 262, w, 52),
            "Connexion…" if joining else "Rejoindre (Entrée)",
            self.join,
            enabled=ok and not joining,
            reason="Connexion en cours…" if joining else reason,
            object_id="#primary",
            hotkey=pygame.K_RETURN,
        )
        self._build_seats(right)
        w = self.app.size[0]
        hw = label_width(HELP_LABEL, "#small")
        self.button(
            "help", pygame.Rect(w - hw - 16, 16, hw, 32), HELP_LABEL, self.help, object_id="#small"
        )

    def _build_seats(self, right: pygame.Rect) -> None:
        if self.table is None:
            return
        kept = self.remembered()
        y = right.y + 62
        for seat in self.table.seats:
            mine = kept is not None and kept.seat == seat.role
            if mine:
                state = "votre place (mémorisée)"
            elif seat.occupied:
                state = f"prise par {seat.name}" if seat.name else "déjà prise"
            else:
                state = "libre"
            free = mine or not seat.occupied
            chosen = self.selected == seat.role
            self.button(
                f"seat:{seat.role}",
                pygame.Rect(right.x, y, right.width, 40),
                f"{seat.title} — {state}",
                partial(self.choose, seat.role),
                enabled=free and self.session is None,
                reason="" if free else "Cette place est déjà prise : choisissez-en une autre.",
                object_id="#chosen" if chosen else None,
            )
            y += 46

    def _can_join(self) -> tuple[bool, str]:
        if self.remembered() is not None:
            return True, ""
        if len(self.code) < TABLE_CODE_LENGTH:
            return False, "Saisissez d'abord le code de votre table (6 caractères)."
        if self.table is None:
            return False, "Table pas encore trouvée : vérifiez le code et l'adresse."
        if not any(not s.occupied for s in self.table.seats):
            return False, "Toutes les places de cette table sont prises."
        return True, ""

    # --- frame ---------------------------------------------------------------------------
    def handle(self, event: pygame.event.Event) -> None:
        super().handle(event)
        if event.type == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            self._typed_at = time.monotonic()

    def update(self, dt: float) -> None:
        if self.session is not None:
            self._follow_join(self.session)
        else:
            self._follow_lookup()
        super().update(dt)

    def _follow_join(self, session: RemoteSession) -> None:
        session.poll()
        if session.view is not None and session.token is not None and session.seat is not None:
            name = self.field("name").strip()
            self.tokens.remember(
                self.server, self.code, SeatToken(session.token, session.seat, name)
            )
            self.app.open(SceneName.TABLE, session=session)
        elif session.refusal is not None:
            self._refused(session, session.refusal.code, session.refusal.message)
        elif session.retry_at is not None:
            self._say(down_text(session.retry_at, time.time()))

    def _refused(self, session: RemoteSession, code: ErrorCode, message: str) -> None:
        session.close()
        self.session = None
        self._looked = None  # look the table up again: seats have changed
        if code == ErrorCode.SEAT_TAKEN:
            message, self.selected = SEAT_TAKEN, None
        elif code == ErrorCode.BAD_TOKEN:
            self.tokens.forget(self.server, self.code)
            message = TOKEN_LOST
        elif code == ErrorCode.UNKNOWN_TABLE:
            message, self.table = UNKNOWN_CODE, None
        self._say(message)
        self.relayout()

    def _follow_lookup(self) -> None:
        key = (self.server, self.code)
        if key != self._last_key:
            self._last_key = key
            if self._forget_stale(key):
                self.relayout()
        if self._lookup is not None:
            if self._lookup.done():
                self._take_lookup(self._lookup)
            return
        now = time.monotonic()
        if self.retry_at is not None:
            if time.time() < self.retry_at:
                self._say(down_text(self.retry_at, time.time()))
                return
            self.retry_at, self._looked = None, None
        complete = len(self.code) >= TABLE_CODE_LENGTH and bool(self.server)
        if complete and key != self._looked and now - self._typed_at >= SETTLE:
            self._looked = key
            self._lookup = self._pool.submit(fetch_table, *key)

    def _forget_stale(self, key: tuple[str, str]) -> bool:
        """Clear a table found for another code or server; True when the screen changed."""
        if self.table is not None and self._looked != key:
            self.table = None
            self._say("")
            return True
        return False

    def _take_lookup(self, future: concurrent.futures.Future[PublicTable]) -> None:
        self._lookup = None
        try:
            self.table = future.result()
            self._say("")
        except TableNotFound:
            self.table = None
            self._say(UNKNOWN_CODE)
        except ServerDown:
            self.table = None
            self.retry_at = time.time() + self.retry_delay
            self._say(down_text(self.retry_at, time.time()))
        except ValueError as exc:
            self.table = None
            self._say(str(exc))
        if self.table is not None and self.selected is not None:
            free = {s.role for s in self.table.seats if not s.occupied}
            kept = self.remembered()
            if self.selected not in free and not (kept and kept.seat == self.selected):
                self.selected = None
        self.relayout()

    # --- draw ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        connect_view.draw(self, surface)
