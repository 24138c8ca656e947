"""The facilitator console: one tile per table, actions on one table or all, events, notices,
and a projection mode showing the current dilemma's votes across tables."""

from __future__ import annotations

from functools import partial

import pygame

from game.client.draw import ellipsize, text_surface
from game.client.palette import BAD, INK, MUTED
from game.client.scene import HELP_LABEL, SceneName
from game.client.scenes.facilitator_tools import CODES, DOCUMENTS, NEW, TABLES, ConsoleTools
from game.client.scenes.panel_scene import PanelScene
from game.client.scenes.panels.base import Panel, label_width
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.console import (
    ConsoleContext,
    projection_panels,
    tile_clock,
    tile_panel,
)
from game.client.sessions.base import FacilitatorSession, TableSummary
from game.client.texts import PackTexts
from game.engine.actions import (
    Action,
    AdvancePhase,
    ExtendTimer,
    InjectEvent,
    Pause,
    Resume,
    StartGame,
)

TOP_H = 126
ROW2 = 84  # the workshop's own buttons: new workshop, codes, documents
TOOLS_H = 200  # 150 under SMALL_H pixels high: the tiles need the room
SMALL_H = 760
MIN_TILE = (380, 230)
ALL: list[tuple[str, str, Action]] = [
    ("all:start", "Démarrer toutes", StartGame()),
    ("all:advance", "Phase suivante (toutes)", AdvancePhase()),
    ("all:pause", "Pause (toutes)", Pause()),
    ("all:resume", "Reprise (toutes)", Resume()),
    ("all:extend", "+2 min (toutes)", ExtendTimer(seconds=120)),
]


def _tools_h(h: int) -> int:
    return TOOLS_H if h >= SMALL_H else 150


class FacilitatorScene(ConsoleTools, PanelScene):
    """Every table at a glance; buttons act on one table or on all of them."""

    @property
    def texts(self) -> PackTexts:
        """The session's texts: read each time, as a networked session may replace them
        once the pack has come (a scene opened before it shows titles, not ids, after)."""
        return self.session.texts

    def __init__(self, session: FacilitatorSession) -> None:
        super().__init__()
        self.session = session
        self.projection = False
        self.target: str | None = None  # table chosen for injecting an event; None = all
        self.toasts: list[str] = []
        self.sent: list[str] = []  # messages sent to tables, newest last
        self._seen = -1
        self._face: tuple[object, ...] = ()
        self.init_tools()

    def _tables(self) -> tuple[TableSummary, ...]:
        return self.session.tables

    def _label(self, table_id: str | None) -> str:
        if table_id is None:
            return "toutes les tables"
        return next((t.label for t in self._tables() if t.table_id == table_id), table_id)

    # --- commands ----------------------------------------------------------
    def control(self, table_id: str | None, action: Action) -> None:
        """Send `action` to one table, or to every table when `table_id` is None."""
        if not self.session.connected:
            self._say("Hors connexion : rien n'a été envoyé.")
            return
        for t in self._tables():
            if table_id is None or t.table_id == table_id:
                self.session.control(t.table_id, action)

    def choose_target(self, table_id: str | None) -> None:
        self.target = table_id
        self.relayout()

    def open_replay(self, table_id: str) -> None:
        """Open the replay viewer on one table's log; « Retour » comes back here."""
        text = self.session.log_text(table_id)
        if text is None:
            self._say("Journal de la table indisponible.")
            return
        self.app.open(SceneName.REPLAY, text=text, back=lambda: self)

    def toggle_projection(self) -> None:
        self.projection = not self.projection
        self.mode = TABLES
        self.relayout()

    def send_notice(self) -> None:
        entry = self.entries.get("notice")
        text = entry.get_text().strip() if entry is not None else ""
        if not text:
            return
        if not self.session.connected:
            self._say("Hors connexion : le message n'a pas été envoyé.")
            return
        self.session.notice(text, self.target)
        self.sent.append(f"À {self._label(self.target)} : {text}")
        self.relayout()

    def _say(self, text: str) -> None:
        self.toasts = [*self.toasts, text][-3:]
        self.dirty = True

    # --- build -------------------------------------------------------------
    def context(self) -> ConsoleContext:
        return ConsoleContext(
            self.texts, self._tables(), self.session.now(), self.target, self, self.scroll
        )

    def build_panels(self) -> list[Panel]:
        self._seen = self.session.version
        self._face = self._now_face()
        w, h = self.app.size
        if self.mode == CODES:  # the whole window, for the room's screen
            return self.tool_panels((w, h), pygame.Rect(0, 0, w, h)) or []
        panels = [self._top(w)]
        own = self.tool_panels((w, h), pygame.Rect(8, TOP_H, w - 16, h - TOP_H - 8))
        if own is not None:
            return panels + own
        ctx = self.context()
        if self.projection:
            return panels + projection_panels(ctx, pygame.Rect(8, TOP_H, w - 16, h - TOP_H - 8))
        for t, rect in zip(self._tables(), self._tile_rects(w, h), strict=False):
            panels.append(tile_panel(ctx, t, rect))
        th = _tools_h(h)
        panels.append(self._tools(pygame.Rect(8, h - th - 8, w - 16, th)))
        return panels

    def _tile_rects(self, w: int, h: int) -> list[pygame.Rect]:
        n = max(1, len(self._tables()))
        area = pygame.Rect(8, TOP_H, w - 16, h - TOP_H - _tools_h(h) - 24)
        cols = max(1, min(n, area.width // MIN_TILE[0]))
        rows = -(-n // cols)
        while rows > 1 and area.height // rows < MIN_TILE[1] and cols < n:
            cols += 1
            rows = -(-n // cols)
        tw, th = (area.width - (cols - 1) * 8) // cols, (area.height - (rows - 1) * 8) // rows
        return [
            pygame.Rect(area.x + (i % cols) * (tw + 8), area.y + (i // cols) * (th + 8), tw, th)
            for i in range(n)
        ]

    def _top(self, w: int) -> Panel:
        b = PanelBuilder("console-top", pygame.Rect(0, 0, w, TOP_H - 4), framed=False)
        title = ellipsize(f"Console d'animation — {self.texts.title}", 20, w - 24, bold=True)
        b.text_at(title, (12, 8), 20, INK, bold=True)
        label = "Quitter la projection (V)" if self.projection else "Projection du dilemme (V)"
        pw = label_width(label, "#primary")
        hw = label_width(HELP_LABEL, "#small")
        b.fixed_button(
            "help",
            pygame.Rect(w - pw - hw - 20, 44, hw, 32),
            HELP_LABEL,
            self.help,
            object_id="#small",
        )
        x = 12
        for key, text, action in ALL:
            bw = label_width(text, None)
            if x + bw > w - pw - hw - 32:
                break
            rect = pygame.Rect(x, 44, bw, 32)
            b.fixed_button(key, rect, text, partial(self.control, None, action))
            x += bw + 6
        b.fixed_button(
            "projection",
            pygame.Rect(w - pw - 12, 44, pw, 32),
            label,
            self.toggle_projection,
            hotkey=pygame.K_v,
            object_id="#primary",
        )
        x = self._workshop_row(b, w) + 12  # the connection's state after the row
        status = self.session.status
        if self.session.connected:
            status = ellipsize(status, 14, w - 16 - x)
            b.fixed_text(status, (w - 16 - text_surface(status, 14).get_width(), ROW2 + 8), 14,
                         MUTED)  # fmt: skip
        else:
            band = pygame.Rect(x, ROW2, w - 8 - x, 32)
            b.draw(lambda s, dy: pygame.draw.rect(s, BAD, band, border_radius=4))
            lost = ellipsize(f"Serveur injoignable ({status}) : rien n'est envoyé.", 14,
                             band.width - 20, bold=True)  # fmt: skip
            b.text_at(lost, (band.x + 10, ROW2 + 7), 14, (255, 255, 255), bold=True)
        return b.done()

    def _workshop_row(self, b: PanelBuilder, w: int) -> int:
        """« Nouvel atelier », « Codes et QR », « Débrief et documents » (or « Retour »)."""
        row = [
            ("new", "Nouvel atelier", NEW, self.open_form, None),
            ("codes", "Codes et QR (Q)", CODES, self.show_codes, pygame.K_q),
            ("documents", "Débrief et documents (D)", DOCUMENTS, self.show_documents, pygame.K_d),
        ]
        x = 12
        for key, text, mode, cb, hotkey in row:
            here = self.mode == mode
            label = "Retour aux tables (Échap)" if here else text
            bw = label_width(label, "#chosen" if here else None)
            on_click = self.back if here else cb
            keys = pygame.K_ESCAPE if here else hotkey
            rect = pygame.Rect(x, ROW2, bw, 32)
            oid = "#chosen" if here else None
            b.fixed_button(f"ws:{key}", rect, label, on_click, object_id=oid, hotkey=keys)
            x += bw + 6
        return x

    def _tools(self, rect: pygame.Rect) -> Panel:
        target = self._label(self.target)
        title = f"Injecter un événement — cible : {target}"
        b = PanelBuilder("tools", rect, title, scroll=self.scroll.get("tools", 0), footer=40)
        x = b.x
        events = [
            (f"inject:{eid}", str(ev.get("titre", eid)), eid)
            for eid, ev in self.texts.events.items()
        ]
        for key, text, eid in [("target:all", "Cibler toutes les tables", ""), *events]:
            bw = min(label_width(text, "#small"), b.width)
            if x + bw > b.x + b.width and x > b.x:
                x = b.x
                b.space(34)
            rect = pygame.Rect(x, b.y, bw, 30)
            if not eid:
                ok = self.target is not None
                cb = partial(self.choose_target, None)
                b.button(
                    key,
                    rect,
                    text,
                    cb,
                    enabled=ok,
                    reason="Déjà : toutes les tables.",
                    object_id="#small",
                )
            else:
                cb = partial(self.control, self.target, InjectEvent(event=eid))
                b.button(key, rect, text, cb, tooltip=f"Injecter ({target})", object_id="#small")
            x += bw + 4
        b.space(38)
        for line in reversed(self.sent[-5:]):
            b.wrapped(f"Message envoyé — {line}", 13, MUTED)
        for line in self.toasts:
            b.wrapped(line, 13, INK, bold=True)
        foot = b.foot
        send = f"Envoyer ({target})"
        sw = min(label_width(send, "#primary"), foot.width // 2)
        send = send if label_width(send, "#primary") <= sw else "Envoyer"
        field = pygame.Rect(foot.x, foot.y + 4, foot.width - sw - 8, 34)
        b.fixed_entry("notice", field, "", "Message aux tables…")
        button = pygame.Rect(foot.right - sw, foot.y + 4, sw, 34)
        b.fixed_button("notice:send", button, send, self.send_notice, object_id="#primary")
        return b.done()

    # --- frame -------------------------------------------------------------
    def _now_face(self) -> tuple[object, ...]:
        """What the console shows that moves without a new version: clocks, connection."""
        now = self.session.now()
        clocks = tuple(tile_clock(t.view, now) for t in self._tables())
        return (clocks, self.session.connected, self.session.status)

    def update(self, dt: float) -> None:
        self.poll_jobs()
        for text in self.session.poll():
            self._say(text)
        if self.session.version != self._seen:
            self.relayout()
        elif self._now_face() != self._face:
            self.refresh()  # a clock moved: only the tiles whose text changed are redrawn
        super().update(dt)

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_panels(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        self.draw_panels_over(surface)
