"""Drive an App through real pygame input events (tests, benches, demos)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.client.app import App

if TYPE_CHECKING:
    from game.client.scenes.table import TableScene
    from game.client.sessions.local import LocalSession


class UiError(AssertionError):
    """A scripted input could not be performed (missing or disabled widget)."""


class Driver:
    """Posts clicks, keys and text to the event queue and runs frames."""

    def __init__(self, app: App, *, after_frame: Callable[[], None] | None = None) -> None:
        self.app = app
        #: called after every frame (the layout test checks each state the scenes reach)
        self.after_frame = after_frame

    def frames(self, n: int = 1) -> None:
        """Run `n` frames."""
        for _ in range(n):
            self.app.step()
            if self.after_frame is not None:
                self.after_frame()

    def click(self, key: str) -> None:
        """Click the scene's button named `key` (press and release at its centre), scrolling
        its panel with the mouse wheel first when it is out of view."""
        self.scroll_to(key)
        scene = self.app.scene
        button = scene.buttons.get(key) if scene is not None else None
        if button is None:
            raise UiError(f"no button {key!r} on {type(scene).__name__}")
        if not button.is_enabled:
            raise UiError(f"button {key!r} is disabled: {scene.reasons.get(key, '')}")  # type: ignore[union-attr]
        self.click_at(button.rect.center)

    def scroll_to(self, key: str) -> None:
        """Turn the mouse wheel over the panel holding button `key` until it shows."""
        from game.client.scenes.panel_scene import PanelScene

        for _ in range(400):
            scene = self.app.scene
            if not isinstance(scene, PanelScene) or key in scene.buttons:
                return
            found = scene.spec(key)
            if found is None:
                return
            panel, rect = found
            wpos = self.app.to_window(panel.frame.center)
            pygame.event.post(
                pygame.event.Event(pygame.MOUSEMOTION, pos=wpos, rel=(0, 0), buttons=(0, 0, 0))
            )
            notch = 1 if rect.move(0, panel.dy).top < panel.view.top else -1
            pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=notch, flipped=False))
            self.frames(1)
        raise UiError(f"button {key!r} never scrolled into view")

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


def autoplay(
    driver: Driver, session: LocalSession, on_phase: Callable[[str], None] | None = None
) -> int:
    """Play a hot-seat game to the end by clicks only; return the number of clicks.

    Each seat proposes what it can among the cards on screen, votes « Pour »,
    picks the first option of a dilemma, then clicks « Prêt·e ».
    """
    from game.client.scenes.handover import HandoverScene
    from game.client.scenes.table import TableScene

    seen: set[str] = set()
    for clicks in range(5000):
        scene = driver.app.scene
        phase = str(session.log.state.phase)
        if phase == "fin":
            return clicks
        if isinstance(scene, HandoverScene):
            driver.click("take")
            continue
        assert isinstance(scene, TableScene)
        if on_phase is not None and phase not in seen:
            seen.add(phase)
            on_phase(phase)
        if _propose_a_card(driver, scene):
            continue
        keys = scene.all_keys()
        votes = [k for k in scene.legal if k.startswith("vote:") and k in keys]
        options = [k for k in scene.legal if k.startswith("option:") and k in keys]
        driver.click((votes or options or ["ready"])[0])
    raise UiError("the game did not end")


def _propose_a_card(driver: Driver, scene: TableScene) -> bool:
    """Click the first market card this seat can propose, then its first « Proposer »."""
    for key in [k for k in scene.all_keys() if k.startswith("card:")]:
        card = key.removeprefix("card:")
        if any(k.startswith(f"propose:{card}:") for k in scene.legal):
            driver.click(key)
            keys = scene.all_keys()
            target = next(k for k in keys if k.startswith(f"propose:{card}:") and k in scene.legal)
            driver.click(target)
            return True
    return False
