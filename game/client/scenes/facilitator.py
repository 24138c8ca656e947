"""The facilitator console: one tile per table, actions on one table or all, events, notices,
and a projection mode showing the current dilemma's votes across tables."""

from __future__ import annotations

from functools import partial

import pygame

from game.client.draw import blit_text, draw_panel, ellipsize
from game.client.palette import INK, LINE, MUTED
from game.client.scene import Scene, SceneName
from game.client.scenes.facilitator_views import draw_projection, ready_word
from game.client.scenes.panels.top import clock_text
from game.client.sessions.base import FacilitatorSession, TableSummary
from game.engine.actions import (
    Action,
    AdvancePhase,
    ExtendTimer,
    InjectEvent,
    Pause,
    Resume,
    StartGame,
)
from game.engine.phase import PHASE_LABELS, Phase
from game.engine.view_models import PlayerView

TILE_H = 250


class FacilitatorScene(Scene):
    """Every table at a glance; buttons act on one table or on all of them."""

    def __init__(self, session: FacilitatorSession) -> None:
        super().__init__()
        self.session = session
        self.texts = session.texts
        self.projection = False
        self.target: str | None = None  # table chosen for injecting an event; None = all
        self.toasts: list[str] = []
        self._seen = -1
        self._clocks: list[str] = []

    def _tables(self) -> tuple[TableSummary, ...]:
        return self.session.tables

    def control(self, table_id: str | None, action: Action) -> None:
        """Send `action` to one table, or to every table when `table_id` is None."""
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
            self.toasts.append("Journal de la table indisponible.")
            return
        self.app.open(SceneName.REPLAY, text=text, back=lambda: self)

    def toggle_projection(self) -> None:
        self.projection = not self.projection
        self.relayout()

    def send_notice(self) -> None:
        entry = self.entries.get("notice")
        text = entry.get_text().strip() if entry is not None else ""
        if text:
            self.session.notice(text, self.target)
            entry.set_text("")  # type: ignore[union-attr]

    # --- build -------------------------------------------------------------
    def build(self) -> None:
        self._seen = self.session.version
        w, h = self.app.size
        top: list[tuple[str, str, Action]] = [
            ("all:start", "Démarrer toutes", StartGame()),
            ("all:advance", "Phase suivante (toutes)", AdvancePhase()),
            ("all:pause", "Pause (toutes)", Pause()),
            ("all:resume", "Reprise (toutes)", Resume()),
            ("all:extend", "+2 min (toutes)", ExtendTimer(seconds=120)),
        ]
        x = 12
        for key, text, action in top:
            bw = 190
            self.button(key, pygame.Rect(x, 44, bw, 32), text, partial(self.control, None, action))
            x += bw + 6
        label = "Quitter la projection (V)" if self.projection else "Projection du dilemme (V)"
        self.button(
            "projection",
            pygame.Rect(w - 262, 44, 250, 32),
            label,
            self.toggle_projection,
            hotkey=pygame.K_v,
            object_id="#primary",
        )
        if self.projection:
            return
        self._build_tiles(w, h)
        self._build_tools(w, h)

    def _tiles_geometry(self, w: int, h: int) -> tuple[int, int]:
        n = max(1, len(self._tables()))
        cols = max(1, min(n, (w - 16) // 400))
        return cols, (w - 16 - (cols - 1) * 8) // cols

    def _build_tiles(self, w: int, h: int) -> None:
        cols, tw = self._tiles_geometry(w, h)
        for i, t in enumerate(self._tables()):
            x = 8 + (i % cols) * (tw + 8)
            y = 88 + (i // cols) * (TILE_H + 8)
            legal = {a.type for a in t.view.legal_actions}
            row: list[tuple[str, str, Action, str]] = [
                ("start", "Démarrer", StartGame(), "start_game"),
                ("advance", "Suivante", AdvancePhase(), "advance_phase"),
                ("pause", "Pause", Pause(), "pause"),
                ("resume", "Reprise", Resume(), "resume"),
                ("extend", "+1 min", ExtendTimer(seconds=60), "extend_timer"),
            ]
            bw = (tw - 16 - 4 * 4) // 5
            for j, (key, text, action, kind) in enumerate(row):
                ok = kind in legal
                self.button(
                    f"{t.table_id}:{key}",
                    pygame.Rect(x + 8 + j * (bw + 4), y + TILE_H - 40, bw, 32),
                    text,
                    partial(self.control, t.table_id, action),
                    enabled=ok,
                    reason="" if ok else "Pas possible à ce moment de la partie.",
                )
            self.button(
                f"{t.table_id}:replay",
                pygame.Rect(x + tw - 226, y + 8, 92, 28),
                "Rejouer",
                partial(self.open_replay, t.table_id),
                object_id="#small",
                tooltip="Revoir cette table action par action (relecture)",
            )
            chosen = self.target == t.table_id
            self.button(
                f"{t.table_id}:target",
                pygame.Rect(x + tw - 128, y + 8, 120, 28),
                "Cible choisie" if chosen else "Cibler",
                partial(self.choose_target, t.table_id),
                object_id="#chosen" if chosen else "#small",
                tooltip="Les événements et messages iront à cette table seulement",
            )

    def _build_tools(self, w: int, h: int) -> None:
        y = h - 150
        target = "toutes les tables" if self.target is None else self.target
        self.button(
            "target:all",
            pygame.Rect(12, y, 200, 30),
            "Cibler toutes les tables",
            partial(self.choose_target, None),
            enabled=self.target is not None,
            reason="Déjà : toutes les tables.",
        )
        x = 220
        for eid, ev in list(self.texts.events.items())[:12]:
            text = ellipsize(ev.get("titre", eid), 13, 220)
            bw = min(240, 30 + len(text) * 7)
            if x + bw > w - 12:
                x, y = 220, y + 34
                if y > h - 80:
                    break
            self.button(
                f"inject:{eid}",
                pygame.Rect(x, y, bw, 30),
                text,
                partial(self.control, self.target, InjectEvent(event=eid)),
                tooltip=f"{ev.get('titre', eid)} — injecter ({target})",
                object_id="#small",
            )
            x += bw + 4
        self.entry("notice", pygame.Rect(12, h - 44, w - 300, 34), "", "Message aux tables…")
        self.button(
            "notice:send",
            pygame.Rect(w - 280, h - 44, 268, 34),
            f"Envoyer ({target})",
            self.send_notice,
            object_id="#primary",
        )

    # --- frame -------------------------------------------------------------
    def update(self, dt: float) -> None:
        new = self.session.poll()
        if new:
            self.toasts, self.dirty = (self.toasts + new)[-3:], True
        if self.session.version != self._seen:
            self.relayout()
        clocks = [self._clock(t.view) for t in self._tables()]
        if clocks != self._clocks:
            if len(clocks) != len(self._clocks) or self.projection:
                self.dirty = True
            else:  # only the tiles' first lines change: send those alone
                for i, (a, b) in enumerate(zip(clocks, self._clocks, strict=True)):
                    if a != b:
                        self.touch(self._tile_rect(i).inflate(-2, -2).clip(self._line(i)))
            self._clocks = clocks
        super().update(dt)

    def _clock(self, v: PlayerView) -> str:
        if v.phase in (Phase.LOBBY, Phase.FIN):
            return ""
        remaining = v.remaining if v.deadline is None else v.deadline - self.session_now()
        return clock_text(remaining, v.paused)

    def _tile_rect(self, i: int) -> pygame.Rect:
        w, h = self.app.size
        cols, tw = self._tiles_geometry(w, h)
        return pygame.Rect(8 + (i % cols) * (tw + 8), 88 + (i // cols) * (TILE_H + 8), tw, TILE_H)

    def _line(self, i: int) -> pygame.Rect:
        """The tile's « Tour 2/6 · Vote · 3:05 restantes » line."""
        tile = self._tile_rect(i)
        return pygame.Rect(tile.x, tile.y + 30, tile.width, 24)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.app.size
        blit_text(
            surface, f"Console d'animation — {self.texts.title}", (12, 10), 20, INK, bold=True
        )
        blit_text(surface, self.session.status, (w - 12, 14), 14, MUTED, right=True)
        if self.projection:
            draw_projection(surface, pygame.Rect(8, 88, w - 16, h - 96), self._tables(), self.texts)
            return
        cols, tw = self._tiles_geometry(w, h)
        for i, t in enumerate(self._tables()):
            x = 8 + (i % cols) * (tw + 8)
            y = 88 + (i // cols) * (TILE_H + 8)
            self._draw_tile(surface, pygame.Rect(x, y, tw, TILE_H), t)
        blit_text(surface, "Injecter un événement de la pioche :", (12, h - 172), 14, MUTED)
        if self.toasts:
            blit_text(surface, self.toasts[-1], (w // 2, h - 172), 14, INK, bold=True)

    def _draw_tile(self, surface: pygame.Surface, rect: pygame.Rect, t: TableSummary) -> None:
        v = t.view
        inner = draw_panel(surface, rect, f"Table {t.code}")
        phase = PHASE_LABELS[v.phase]
        timer = self._clock(v)
        blit_text(
            surface,
            f"Tour {v.turn}/{v.turns} · {phase} · {timer}",
            (inner.x, inner.y),
            14,
            INK,
            bold=True,
        )
        y = inner.y + 22
        half = inner.width // 2 - 6
        for i, gid in enumerate(self.texts.gauge_order):
            if gid not in v.gauges:
                continue
            gx = inner.x + (i % 2) * (half + 12)
            gy = y + (i // 2) * 20
            label = ellipsize(self.texts.gauge_label(gid), 12, half - 40)
            blit_text(surface, label, (gx, gy), 12, INK)
            blit_text(surface, str(v.gauges[gid]), (gx + half, gy), 12, INK, bold=True, right=True)
        y += 20 * ((len(v.gauges) + 1) // 2) + 4
        pygame.draw.line(surface, LINE, (inner.x, y), (inner.right, y))
        for i, s in enumerate(v.seats):
            sx = inner.x + (i % 2) * (half + 12)
            sy = y + 4 + (i // 2) * 18
            who = ellipsize(self.texts.role_title(s.role), 12, half - 110)
            blit_text(surface, who, (sx, sy), 12, INK)
            blit_text(
                surface, ready_word(v, s.role), (sx + half, sy), 12, MUTED, italic=True, right=True
            )

    def session_now(self) -> float:
        return self.session.now()
