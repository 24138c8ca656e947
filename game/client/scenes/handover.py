"""Hot-seat hand-over: hide the previous seat's screen and say whose turn it is."""

from __future__ import annotations

import pygame

from game.client.draw import blit_text, blit_wrapped
from game.client.palette import INK, MUTED
from game.client.scene import Scene, SceneName
from game.client.sessions.base import Session


class HandoverScene(Scene):
    """« Au tour de : DPO » — the next person takes the screen, then clicks to see it."""

    def __init__(self, session: Session, seat: str) -> None:
        super().__init__()
        self.session = session
        self.seat = seat

    def build(self) -> None:
        w, h = self.app.size
        title = self.session.texts.role_title(self.seat)
        self.button(
            "take",
            pygame.Rect(w // 2 - 220, h // 2 + 40, 440, 56),
            f"Je suis {title} : afficher mon écran (Entrée)",
            self.take,
            object_id="#primary",
            hotkey=pygame.K_RETURN,
        )

    def take(self) -> None:
        """Give the screen to the announced seat."""
        select = getattr(self.session, "select", None)
        if select is not None:
            select(self.seat)
        self.app.open(SceneName.TABLE, session=self.session)

    def draw(self, surface: pygame.Surface) -> None:
        w, h = self.app.size
        title = self.session.texts.role_title(self.seat)
        blit_text(surface, "Passez l'écran", (w // 2 - 220, h // 2 - 120), 20, MUTED)
        blit_text(surface, f"Au tour de : {title}", (w // 2 - 220, h // 2 - 86), 34, INK, bold=True)
        note = (
            "L'écran précédent est masqué : chaque rôle a un objectif secret. "
            f"Seule la personne qui joue {title} clique sur le bouton."
        )
        blit_wrapped(surface, note, pygame.Rect(w // 2 - 220, h // 2 - 30, 440, 80), 15, INK)
