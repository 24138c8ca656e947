"""Bundled fonts and the pygame_gui theme: the `assets` package's data files."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pygame
import pygame.freetype

from game.scenario.bundled import package_folder

ASSETS = package_folder("assets")
FONTS = ASSETS / "fonts"
THEME = ASSETS / "theme.json"
FONT_FILES = {
    (False, False): "NotoSans-Regular.ttf",
    (True, False): "NotoSans-Bold.ttf",
    (False, True): "NotoSans-Italic.ttf",
    (True, True): "NotoSans-BoldItalic.ttf",
}
#: DejaVu Sans, only for the signs Noto Sans lacks (arrows, ≥, ▲); licence in LICENSE-DejaVu.txt
FALLBACK_FILES = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}


def theme() -> dict[str, Any]:
    """The theme JSON as a dict, every font path made absolute."""
    data: dict[str, Any] = json.loads(THEME.read_text(encoding="utf-8"))
    for block in data.values():
        font = block.get("font") if isinstance(block, dict) else None
        if isinstance(font, dict):
            for key, value in list(font.items()):
                if key.endswith("_path"):
                    font[key] = str(ASSETS / value)
    return data


def register_fonts(manager: Any) -> None:
    """Declare Noto Sans (all four styles) to a pygame_gui manager."""
    manager.add_font_paths(
        "noto_sans",
        str(FONTS / FONT_FILES[(False, False)]),
        str(FONTS / FONT_FILES[(True, False)]),
        str(FONTS / FONT_FILES[(False, True)]),
        str(FONTS / FONT_FILES[(True, True)]),
    )


@cache
def font(size: int, *, bold: bool = False, italic: bool = False) -> pygame.font.Font:
    """A cached Noto Sans font object for custom-drawn text."""
    return pygame.font.Font(str(FONTS / FONT_FILES[(bold, italic)]), size)


@cache
def fallback_font(size: int, *, bold: bool = False) -> pygame.font.Font:
    """The fallback font for the characters that Noto Sans does not have."""
    return pygame.font.Font(str(FONTS / FALLBACK_FILES[bold]), size)


@cache
def in_font(char: str) -> bool:
    """True when Noto Sans (the bundled font) has a glyph for `char`."""
    metrics = _probe().get_metrics(char)
    return bool(metrics) and metrics[0] is not None


@cache
def _probe() -> pygame.freetype.Font:
    if not pygame.freetype.get_init():
        pygame.freetype.init()
    return pygame.freetype.Font(str(FONTS / FONT_FILES[(False, False)]), 12)
