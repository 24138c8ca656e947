"""Waiting for a workshop's tables before the facilitator console opens."""

from __future__ import annotations

import time

import pygame

from game.client.draw import blit_text, blit_wrapped
from game.client.palette import BAD, INK
from game.client.scene import Scene, SceneName
from game.client.sessions.net import down_text
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession


class FacilitatorConnectScene(Scene):
    """Waits for the workshop's tables, then opens the console (`then()`)."""

    def __init__(self, session: RemoteFacilitatorSession) -> None:
        super().__init__()
        self.session = session
        self._shown = ""

    def build(self) -> None:
        self.help_button(self.app.size[0] - 16, 16)

    def update(self, dt: float) -> None:
        self.session.poll()
        if self.session.ready and not self.session.refusal:
            self.app.open(SceneName.FACILITATOR, session=self.session)
            return
        text = self._text()
        if text != self._shown:
            self._shown, self.dirty = text, True
        super().update(dt)

    def _text(self) -> str:
        s = self.session
        if s.refusal:
            return s.refusal
        return down_text(s.retry_at, time.time()) if s.retry_at else f"Connexion à {s.server}…"

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.app.size
        x = w // 2 - 320
        blit_text(surface, "Cap IA — console d'animation", (x, h // 2 - 90), 30, INK, bold=True)
        colour = BAD if self.session.refusal else INK
        blit_wrapped(
            surface, self._text(), pygame.Rect(x, h // 2 - 30, 640, 80), 18, colour, bold=True
        )
