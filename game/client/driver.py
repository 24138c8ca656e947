"""Drive an App through real pygame input events (tests, benches, demos)."""

from __future__ import annotations

import pygame

from game.client.app import App


class UiError(AssertionError):
    """A scripted input could not be performed (missing or disabled widget)."""


class Driver:
    """Posts clicks, keys and text to the event queue and runs frames."""

    def __init__(self, app: App) -> None:
        self.app = app

    def frames(self, n: int = 1) -> None:
        """Run `n` frames."""
        for _ in range(n):
            self.app.step()

    def click(self, key: str) -> None:
        """Click the scene's button named `key` (press and release at its centre)."""
        scene = self.app.scene
        button = scene.buttons.get(key) if scene is not None else None
        if button is None:
            raise UiError(f"no button {key!r} on {type(scene).__name__}")
        if not button.is_enabled:
            raise UiError(f"button {key!r} is disabled: {scene.reasons.get(key, '')}")  # type: ignore[union-attr]
        self.click_at(button.rect.center)

    def click_at(self, pos: tuple[int, int]) -> None:
        """Click at a scene position."""
        wpos = self.app.to_window(pos)
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=wpos, rel=(0, 0), buttons=(0, 0, 0))
        )
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=wpos, button=1))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=wpos, button=1))
        self.frames(2)

    def key(self, key: int, unicode: str = "") -> None:
        """Press and release one key."""
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)
        )
        pygame.event.post(
            pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=unicode, scancode=0)
        )
        self.frames(2)

    def type_text(self, text: str) -> None:
        """Type `text` into whatever has the keyboard (TEXTINPUT events)."""
        for ch in text:
            pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=ch))
        self.frames(1)
