"""Every sign the client and the packs can show is drawn, none as a box (« tofu »).

The strings: every text of the three packs, and every string literal of the client,
the engine, the protocol and the server (refusals and notices reach the screen).
Custom-drawn text takes the signs Noto Sans lacks (→ ≥ ↑ ▲) from the bundled fallback
(DejaVu Sans); pygame_gui's widgets have no fallback, so their text says them in words.
"""

from __future__ import annotations

import ast
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pygame
import pytest
from fontTools.ttLib import TTFont

from game.client.assets import FALLBACK_FILES, FONT_FILES, FONTS, font, in_font
from game.client.draw import text_surface, widget_text
from game.scenario import load_pack

ROOT = Path(__file__).parent.parent
PACKS = [ROOT / "scenarios" / "decouverte", ROOT / "scenarios" / "ville-moyenne"]
PACKS.append(ROOT / "tests" / "packs" / "mini")
SOURCES = [ROOT / "game" / "client", ROOT / "game" / "engine", ROOT / "server"]
INVISIBLE = set("\n\t\r")


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.init()


@cache
def cmap(name: str) -> frozenset[int]:
    return frozenset(TTFont(str(FONTS / name)).getBestCmap())


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


@cache
def shown_strings() -> tuple[str, ...]:
    """Every pack text, and every string literal of the code that can reach a screen."""
    out: set[str] = set()
    for pack in PACKS:
        out |= set(_strings(load_pack(pack).model_dump(mode="json", by_alias=True)))
    files = [p for d in SOURCES for p in d.rglob("*.py")] + [ROOT / "game" / "protocol.py"]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return tuple(sorted(out))


def test_every_sign_shown_is_in_the_font_or_its_fallback() -> None:
    # ≥ (a requirement) and → (a dilemma's consequence) come from the engine's refusals.
    fonts = cmap(FONT_FILES[(False, False)]) | cmap(FALLBACK_FILES[False])
    missing = {c for s in shown_strings() for c in s if ord(c) not in fonts and c not in INVISIBLE}
    assert missing == set()


def test_bold_and_italic_draw_every_sign_regular_draws() -> None:
    # Titles (bold) and hints (italic) use the same signs as regular text.
    regular = cmap(FONT_FILES[(False, False)])
    used = {ord(c) for s in shown_strings() for c in s} & regular
    for name in FONT_FILES.values():
        assert used <= cmap(name), name
    assert {0x2192, 0x2265, 0x2191, 0x25B2} <= cmap(FALLBACK_FILES[True])


def test_widget_text_keeps_only_signs_of_the_font() -> None:
    # A tooltip « il faut « Maturité » ≥ 35 » reads « il faut « Maturité » au moins 35 ».
    regular = cmap(FONT_FILES[(False, False)])
    for s in shown_strings():
        shown = widget_text(s)
        assert all(ord(c) in regular or c in INVISIBLE for c in shown), repr(s)
    assert widget_text("« Maturité » ≥ 35") == "« Maturité » au moins 35"


def test_the_runtime_glyph_check_agrees_with_the_font_file() -> None:
    regular = cmap(FONT_FILES[(False, False)])
    for c in {c for s in shown_strings() for c in s} - INVISIBLE:
        assert in_font(c) == (ord(c) in regular), repr(c)


def test_a_sign_missing_from_noto_is_drawn_from_the_fallback_not_as_a_box() -> None:
    # Noto alone draws ≥ as its « .notdef » box; the client's text draws the real sign.
    for sign in "≥→↑↓▲▼":
        box = font(15).render(sign, True, (0, 0, 0))
        drawn = text_surface(f"a{sign}b", 15)
        alone = text_surface(sign, 15)
        assert drawn.get_width() > alone.get_width() > 0
        assert pygame.image.tobytes(alone, "RGBA") != pygame.image.tobytes(box, "RGBA")
