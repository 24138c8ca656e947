"""The window, the pygame_gui manager and the scene in front: one loop, one frame at a time."""

from __future__ import annotations

import os
from pathlib import Path

import pygame
import pygame_gui

from game.client.assets import register_fonts, theme
from game.client.palette import BG
from game.client.scene import Scene

MIN_SIZE = (1024, 640)


class App:
    """Owns the window; `step()` runs one frame (events → update → draw → flip)."""

    def __init__(self, size: tuple[int, int] = (1280, 800), *, scale: float = 1.0) -> None:
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        pygame.init()
        pygame.key.set_repeat(400, 35)
        pygame.display.set_caption("Cap IA")
        self.scale = max(0.5, min(3.0, scale))
        self.window = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.manager = pygame_gui.UIManager(self._logical(size), theme())
        register_fonts(self.manager)
        self._resize_surfaces(size)
        self.scene: Scene | None = None
        self.clock = pygame.time.Clock()
        self.running = True

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

    def resize(self, size: tuple[int, int]) -> None:
        """Follow a new window size (scenes lay themselves out again)."""
        current = pygame.display.get_surface()
        if current is None or tuple(current.get_size()) != size:
            current = pygame.display.set_mode(size, pygame.RESIZABLE)
        self.window = current
        self._resize_surfaces(size)
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

    def step(self, dt: float = 1 / 60) -> None:
        """Run one frame."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.running = False
                continue
            if event.type == pygame.VIDEORESIZE:
                self.resize((event.w, event.h))
                continue
            self.manager.process_events(event)
            if self.scene is not None:
                self.scene.handle(event)
        if self.scene is not None:
            self.scene.update(dt)
        self.manager.update(dt)
        self.render()
        pygame.display.flip()

    def render(self) -> None:
        """Draw the scene and the widgets (changes nothing in the game or the UI)."""
        self.surface.fill(BG)
        if self.scene is not None:
            self.scene.draw(self.surface)
        self.manager.draw_ui(self.surface)
        if self.scene is not None:
            self.scene.draw_over(self.surface)
        if self.surface is not self.window:
            pygame.transform.smoothscale(self.surface, self.window.get_size(), self.window)

    def run(self, fps: int = 60) -> None:
        """Loop until the window closes or a scene stops the app."""
        while self.running:
            dt = self.clock.tick(fps) / 1000
            self.step(dt)
        if self.scene is not None:
            self.scene.exit()
        pygame.quit()

    def screenshot(self, path: Path) -> None:
        """Save the window as a PNG."""
        path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.window, str(path))
