"""Line wrapping keeps French no-break spaces: a line never starts with « ? » or « : »."""

from __future__ import annotations

import pygame
import pytest

from game.client.draw import font, wrap


@pytest.fixture(autouse=True)
def _pygame() -> None:
    pygame.init()


def test_a_wrapped_line_never_starts_with_a_punctuation_mark_or_a_closing_guillemet() -> None:
    text = "Faut-il publier l\u2019algorithme\u202f? Le DPO dit\u202f: « oui\u202f» " * 8
    for width in range(60, 400, 7):
        for line in wrap(text, 15, width):
            assert not line.startswith(("?", ":", "»", "\u202f")), (width, line)


def test_the_no_break_space_is_in_the_font() -> None:
    assert font(15).metrics("\u202f")[0] is not None
