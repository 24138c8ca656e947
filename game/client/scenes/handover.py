"""Hot-seat hand-over: hide the previous seat's screen, say whose turn it is and for what."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.client.palette import MUTED
from game.client.scene import HELP_LABEL, SceneName
from game.client.scenes.hotseat import quit_modal
from game.client.scenes.panel_scene import PanelScene
from game.client.scenes.panels.base import Panel, fits, label_width
from game.client.scenes.panels.builder import PanelBuilder
from game.client.sessions.base import Session
from game.engine.phase import PHASE_LABELS, Phase

if TYPE_CHECKING:
    from game.client.app import App

#: as on the table: an Entrée in the first second after the screen appeared is ignored
SEEN_SECONDS = 1.0
ENTER_KEYS = (pygame.K_RETURN, pygame.K_KP_ENTER)
BUTTON_H = 56


def coming(session: Session, seat: str) -> str:
    """« Phase à venir : Vote (tour 2 / 6) »."""
    view = session.view_of(seat) or session.view
    if view is None:
        return ""
    if view.phase in (Phase.LOBBY, Phase.FIN):
        return f"Écran : {PHASE_LABELS[view.phase]}"
    return f"Phase à venir : {PHASE_LABELS[view.phase]} (tour {view.turn} / {view.turns})"


class HandoverScene(PanelScene):
    """« Au tour de : DPO » — the next person takes the screen, then clicks to see it."""

    def __init__(self, session: Session, seat: str) -> None:
        super().__init__()
        self.session = session
        self.seat = seat
        self._entered_at = 0.0

    def enter(self, app: App) -> None:
        super().enter(app)
        self._entered_at = app.now()

    def build_panels(self) -> list[Panel]:
        w, h = self.app.size
        width = min(640, w - 80)
        title = self.session.texts.role_title(self.seat)
        frame = pygame.Rect((w - width) // 2, h // 2 - 200, width, 400)
        b = PanelBuilder("handover", frame, framed=False)
        b.wrapped("Passez l'écran", 20, MUTED, gap=8)
        b.wrapped(f"Au tour de : {title}", 34, bold=True, gap=8)
        b.wrapped(coming(self.session, self.seat), 20, bold=True, gap=12)
        note = (
            "L'écran précédent est masqué : chaque rôle a un objectif secret. "
            f"Seule la personne qui joue {title} clique sur le bouton."
        )
        b.wrapped(note, 15, gap=16)
        label = f"Je suis {title} : afficher mon écran (Entrée)"
        if not fits(label, b.width, "#primary"):
            label = "Afficher mon écran (Entrée)"
        rect = pygame.Rect(b.x, b.y, b.width, BUTTON_H)
        b.button("take", rect, label, self.take, object_id="#primary", hotkey=pygame.K_RETURN)
        b.space(BUTTON_H + 12)
        hw = label_width(HELP_LABEL, "#small")
        b.button("help", pygame.Rect(b.x, b.y, hw, 32), HELP_LABEL, self.help, object_id="#small")
        b.space(32)
        return [b.done()]

    def take(self) -> None:
        """Give the screen to the announced seat."""
        select = getattr(self.session, "select", None)
        if select is not None:
            select(self.seat)
        self.app.open(SceneName.TABLE, session=self.session)

    def handle(self, event: pygame.event.Event) -> None:
        fresh = self.app.now() - self._entered_at < SEEN_SECONDS
        if event.type == pygame.KEYDOWN and event.key in ENTER_KEYS and fresh:
            return  # the Entrée that ended the previous seat's phase: not for this screen
        super().handle(event)

    def request_quit(self) -> bool:
        self.ask(quit_modal(self.session, lambda: setattr(self.app, "running", False)))
        return False

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_panels(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        self.draw_panels_over(surface)
