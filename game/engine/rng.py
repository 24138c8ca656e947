"""Seeded chance: the seed and the position live in the state, so replays draw the same."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from game.engine.state import Rng


def draw(rng: Rng) -> tuple[float, Rng]:
    """A float in [0, 1) and the advanced RNG position."""
    digest = hashlib.blake2b(f"{rng.seed}:{rng.counter}".encode(), digest_size=8).digest()
    value = int.from_bytes(digest, "big") / 2**64
    return value, rng.model_copy(update={"counter": rng.counter + 1})


def weighted_choice(rng: Rng, items: Sequence[str], weights: Sequence[int]) -> tuple[str, Rng]:
    """Pick one of `items` with the given positive integer weights."""
    total = sum(weights)
    value, rng = draw(rng)
    target = value * total
    acc = 0.0
    for item, weight in zip(items, weights, strict=True):
        acc += weight
        if target < acc:
            return item, rng
    return items[-1], rng
