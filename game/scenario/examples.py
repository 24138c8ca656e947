"""The source's example collectivités of a card, as one French line for any screen."""

from __future__ import annotations

import re

from game.scenario.models import Dilemma, Event, Lever, Risk, UseCase

Card = UseCase | Lever | Risk | Dilemma | Event
NNBSP = "\u202f"
_SEVERAL = re.compile(r",|;|/| et |\(")


def card_examples_text(card: Card) -> str:
    """« Exemples : Toulouse, Metz » (« Exemple : » for one), or "" when the card has none.

    The colon is preceded by a narrow no-break space, like every pack text.
    """
    return examples_line(getattr(card, "examples", ""))


def examples_line(examples: str) -> str:
    """The same line from the pack's `exemples` text (what a client reads in the pack)."""
    examples = (examples or "").strip()
    if not examples:
        return ""
    label = "Exemples" if _SEVERAL.search(examples) else "Exemple"
    return f"{label}{NNBSP}: {examples}"
