"""Connect: server address, table code, name, seat choice → the networked table.

The seats come from `GET /api/tables/by-code/{code}` (public), fetched in a worker
thread as soon as the code has its 6 characters. A server that does not answer
is tried again every 3 s; a remembered token joins its seat directly.
"""

from __future__ import annotations

import concurrent.futures
import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from functools import partial

import pygame
import pygame_gui

from game.client.draw import blit_text, blit_wrapped, draw_panel, wrap
from game.client.palette import BAD, INK, MUTED, WARN_BG
from game.client.remote import RETRY_DELAY, RemoteSession, down_text
from game.client.remote_facilitator import RemoteFacilitatorSession
from game.client.scene import Scene
from game.client.tokens import SeatToken, TokenStore, normalise_code, normalise_server
from game.protocol import TABLE_CODE_LENGTH, ErrorCode, PublicTable, decode

DEFAULT_SERVER = "http://127.0.0.1:8080"
UNKNOWN_CODE = (
    "Code de table inconnu : vérifiez les 6 caractères de la carte posée sur votre table."
)
SEAT_TAKEN = "Cette place vient d'être prise par quelqu'un d'autre : choisissez-en une autre."
TOKEN_LOST = "Votre place mémorisée n'existe plus à cette table : choisissez une place."
SETTLE = 0.3  # seconds without typing before the code is looked up


class TableNotFound(LookupError):
    """The server has no table with this code."""


class ServerDown(ConnectionError):
    """The server did not answer (refused, unreachable or too slow)."""


def fetch_table(server: str, code: str, *, timeout: float = 3.0) -> PublicTable:
    """The public description of table `code` (raises TableNotFound, ServerDown, ValueError)."""
    url = f"{normalise_server(server)}/api/tables/by-code/{urllib.parse.quote(code)}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return decode(PublicTable, resp.read())
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise TableNotFound(code) from None
        raise ValueError(f"Réponse inattendue du serveur (HTTP {exc.code}).") from None
    except (urllib.error.URLError, OSError) as exc:
        raise ServerDown(str(exc)) from None
    except (ValueError, json.JSONDecodeError):
        raise ValueError("Ce serveur ne parle pas Cap IA (réponse illisible).") from None


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
        self.message, self.is_error = text, error

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
            from game.client.scenes.table import TableScene

            self.app.switch(TableScene(session))
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
        left, right = self.columns()
        blit_text(surface, "Cap IA — rejoindre votre table", (left.x, 48), 30, INK, bold=True)
        blit_text(
            surface,
            "Le code de table est écrit sur la carte posée devant vous.",
            (left.x, 96),
            16,
            MUTED,
        )
        labels = (
            ("Adresse du serveur", "donnée par l'animation"),
            ("Code de la table", "6 caractères, ex. K7M2QX"),
            ("Votre nom", "visible par les autres joueurs"),
        )
        for i, (text, hint) in enumerate(labels):
            x = left.x + blit_text(surface, text, (left.x, left.y + i * 92), 16, INK, bold=True)
            blit_text(surface, f"  ({hint})", (x, left.y + i * 92 + 1), 15, MUTED)
        self._draw_seats(surface, right)
        y = left.y + 352
        if self.message:
            lines = len(wrap(self.message, 17, left.width - 24, True))
            box = pygame.Rect(left.x, y, left.width, 20 + 25 * lines)
            pygame.draw.rect(surface, WARN_BG if self.is_error else (255, 255, 255), box)
            pygame.draw.rect(surface, BAD if self.is_error else MUTED, box, 2, border_radius=4)
            blit_wrapped(surface, self.message, box.inflate(-24, -20), 17, INK, bold=True)
            y = box.bottom + 12
        if self.hover_reason:
            blit_wrapped(surface, self.hover_reason, pygame.Rect(left.x, y, left.width, 60), 15)

    def _draw_seats(self, surface: pygame.Surface, right: pygame.Rect) -> None:
        t = self.table
        title = "Choisissez votre place"
        if t is None:
            blit_text(surface, title, (right.x, right.y), 16, INK, bold=True)
            note = "Les rôles de la table apparaîtront ici dès que le code est reconnu."
            blit_wrapped(surface, note, pygame.Rect(right.x, right.y + 30, right.width, 60), 15)
            return
        blit_text(surface, f"{title} — {t.collectivite}", (right.x, right.y), 16, INK, bold=True)
        blit_text(surface, t.scenario_title, (right.x, right.y + 26), 15, MUTED)
        seat = next((s for s in t.seats if s.role == self.selected), None)
        y = right.y + 62 + 46 * len(t.seats) + 8
        box = pygame.Rect(right.x, y, right.width, max(60, right.bottom - y))
        if seat is None:
            hint = "Cliquez sur un rôle libre (sinon : la première place libre)."
            blit_wrapped(surface, hint, box, 15, MUTED)
            return
        inner = draw_panel(surface, box.clip(pygame.Rect(box.x, box.y, box.width, 150)), seat.title)
        blit_wrapped(surface, f"Mission : {seat.mission}", inner, 15, INK)


class FacilitatorConnectScene(Scene):
    """Waits for the workshop's tables, then opens the console (`then()`)."""

    def __init__(self, session: RemoteFacilitatorSession, then: Callable[[], Scene]) -> None:
        super().__init__()
        self.session = session
        self.then = then

    def update(self, dt: float) -> None:
        self.session.poll()
        if self.session.ready and not self.session.refusal:
            self.app.switch(self.then())
            return
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.app.size
        x = w // 2 - 320
        blit_text(surface, "Cap IA — console d'animation", (x, h // 2 - 90), 30, INK, bold=True)
        s = self.session
        text = s.refusal or (
            down_text(s.retry_at, time.time()) if s.retry_at else f"Connexion à {s.server}…"
        )
        colour = BAD if s.refusal else INK
        blit_wrapped(surface, text, pygame.Rect(x, h // 2 - 30, 640, 80), 18, colour, bold=True)
