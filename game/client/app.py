"""The window, the pygame_gui manager and the scene in front: one loop, one frame at a time."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pygame
import pygame_gui

from game.client.assets import register_fonts, theme
from game.client.palette import BG
from game.client.scene import Scene, SceneName

MIN_SIZE = (1024, 640)
#: seconds of full frame rate after the last input (hover highlights, tooltips, drags)
BUSY_SECONDS = 1.0
#: how long an idle window sleeps before it looks at input and its session again
IDLE_SLEEP = 0.1
SceneFactory = Callable[..., Scene]


def default_scenes() -> dict[SceneName, SceneFactory]:
    """Every scene by name; imported here, at the top of the client, so that no scene
    imports another (a scene asks `App.open` for its successor by name)."""
    from game.client.scenes.registry import SCENES

    return dict(SCENES)


class App:
    """Owns the window; `step()` runs one frame (events → update → draw → flip)."""

    def __init__(
        self,
        size: tuple[int, int] = (1280, 800),
        *,
        scale: float = 1.0,
        scenes: Mapping[SceneName, SceneFactory] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        # The window's surface straight to the display, without SDL's renderer: a 2-D
        # screen redrawn a line at a time gains nothing from it, and without a GPU (Xvfb,
        # a remote desktop) the renderer's software OpenGL costs 15-25 ms per update.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
        pygame.init()
        pygame.key.set_repeat(400, 35)
        pygame.display.set_caption("Cap IA")
        self.scale = max(0.5, min(3.0, scale))
        self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.manager = pygame_gui.UIManager(self._logical(size), theme())
        register_fonts(self.manager)
        self._resize_surfaces(size)
        self.scene: Scene | None = None
        self.scenes = dict(scenes) if scenes is not None else default_scenes()
        #: scenes waiting under the front one (the help screen is pushed over a scene)
        self.under: list[Scene] = []
        self.clock = pygame.time.Clock()
        self.running = True
        self.now = clock
        self._busy_until = 0.0
        self._resized = True
        #: frames actually drawn (an idle window draws none)
        self.frames_drawn = 0

    def _logical(self, size: tuple[int, int]) -> tuple[int, int]:
        w, h = int(size[0] / self.scale), int(size[1] / self.scale)
        return max(MIN_SIZE[0], w), max(MIN_SIZE[1], h)

    def _resize_surfaces(self, size: tuple[int, int]) -> None:
        self.size = self._logical(size)
        direct = self.size == tuple(size)
        self.surface = self.window if direct else pygame.Surface(self.size)
        self.manager.set_window_resolution(self.size)
        factor = [self.size[0] / size[0], self.size[1] / size[1]]
        self.manager.mouse_pos_scale_factor = factor

    def switch(self, scene: Scene) -> None:
        """Leave the current scene and enter `scene`."""
        if self.scene is not None:
            self.scene.exit()
        self.scene = scene
        scene.enter(self)

    def open(self, name: SceneName, /, **kwargs: Any) -> Scene:
        """Build the scene registered as `name` with `kwargs` and switch to it."""
        scene = self.scenes[name](**kwargs)
        self.switch(scene)
        return scene

    def push(self, name: SceneName, /, **kwargs: Any) -> Scene:
        """Show scene `name` over the current one, which keeps its state until `pop()`."""
        scene = self.scenes[name](**kwargs)
        if self.scene is not None:
            self.scene.clear()
            self.under.append(self.scene)
        self.scene = scene
        scene.enter(self)
        return scene

    def pop(self) -> None:
        """Close the front scene and show again the one it was pushed over."""
        if not self.under:
            return
        if self.scene is not None:
            self.scene.exit()
        self.scene = self.under.pop()
        self.scene.relayout()

    def resize(self, size: tuple[int, int]) -> None:
        """Follow a new window size (scenes lay themselves out again)."""
        current = pygame.display.get_surface()
        if current is None or tuple(current.get_size()) != size:
            current = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.window = current
        self._resize_surfaces(size)
        self._resized = True
        if self.scene is not None:
            self.scene.relayout()

    def to_logical(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A window position in the scenes' coordinates."""
        f = self.manager.mouse_pos_scale_factor
        return int(pos[0] * f[0]), int(pos[1] * f[1])

    def to_window(self, pos: tuple[int, int]) -> tuple[int, int]:
        """A scene position in window coordinates (tests post clicks there)."""
        f = self.manager.mouse_pos_scale_factor
        return int(pos[0] / f[0]) + 1, int(pos[1] / f[1]) + 1

    def step(self, dt: float = 1 / 60) -> bool:
        """Run one frame: events, update, and a redraw only if something changed; True if
        the frame was drawn."""
        events = pygame.event.get()
        for event in events:
            if event.type == pygame.QUIT:
                if self.scene is None or self.scene.request_quit():
                    self.running = False
                continue
            if event.type == pygame.VIDEORESIZE:
                self.resize((event.w, event.h))
                continue
            if event.type == pygame.KEYDOWN and event.key == pygame.K_F1 and self.scene:
                self.pop() if self.scene.is_help else self.scene.help()
                continue
            self.manager.process_events(event)
            if self.scene is not None:
                self.scene.handle(event)
        now = self.now()
        if events:
            self._busy_until = now + BUSY_SECONDS
        scene = self.scene
        if scene is not None:
            scene.update(dt)
        dirty = scene is None or scene.dirty or self._resized
        busy = now < self._busy_until or (scene is not None and scene.typing())
        parts = scene.dirty_rects if scene is not None and self.surface is self.window else []
        if not (busy or dirty or parts):
            return False
        self.manager.update(dt)
        if busy or dirty:
            self.render()
            pygame.display.flip()
        else:  # only a line changed (the countdown): draw and send that part alone
            self.render(clip=parts[0].unionall(parts[1:]))
            pygame.display.update(parts)
        self.frames_drawn += 1
        self._resized = False
        if self.scene is not None:
            self.scene.dirty = False
            self.scene.dirty_rects = []
        return True

    def idle(self) -> bool:
        """True when nothing moves: no input for a while, no text field with the keyboard."""
        typing = self.scene is not None and self.scene.typing()
        return not typing and self.now() >= self._busy_until

    def render(self, clip: pygame.Rect | None = None) -> None:
        """Draw the scene and the widgets (changes nothing in the game or the UI); with
        `clip`, only that part of the window is drawn."""
        self.surface.set_clip(clip)
        self.surface.fill(BG)
        if self.scene is not None:
            self.scene.draw(self.surface)
        self.manager.draw_ui(self.surface)
        if self.scene is not None:
            self.scene.draw_over(self.surface)
        self.surface.set_clip(None)
        if self.surface is not self.window:
            pygame.transform.smoothscale(self.surface, self.window.get_size(), self.window)

    def run(self, fps: int = 60) -> None:
        """Loop until the window closes or a scene stops the app. Idle, it sleeps
        `IDLE_SLEEP` between frames (pygame's event.wait polls: it costs 4 % of a core
        whatever its timeout), and a frame with nothing new draws nothing."""
        while self.running:
            if self.idle():
                time.sleep(IDLE_SLEEP)
            dt = self.clock.tick(fps) / 1000
            self.step(dt)
        if self.scene is not None:
            self.scene.exit()
        pygame.quit()

    def screenshot(self, path: Path) -> None:
        """Save the window as a PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.window, str(path))
