"""The kinds of card a table can fund."""

from __future__ import annotations

from typing import Literal

from game.scenario.models import Lever, UseCase

#: The kinds of card a table can fund (the `kind` of a project and a market card).
CardKind = Literal["use_case", "lever"]
Card = UseCase | Lever


def kind_of(card: Card) -> CardKind:
    """The kind of `card`."""
    return "use_case" if isinstance(card, UseCase) else "lever"
