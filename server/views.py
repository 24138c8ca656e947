"""Each seat's `view` text after a change, serialising only the fields that changed.

After every action the server sends each seat its own `player_view`, built
for all seats at once by `player_views` (which validates the shared part once).
Most of a view (gauges, proposals, feed...) is the same for every seat, and most
of a seat's own part (market, legal actions) does not change when another seat
votes. Each field is serialised on its own and kept: a field equal to the
same seat's previous one, or to the first seat's, reuses that text. The texts
are byte for byte `PlayerView.model_dump_json()`.
"""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import TypeAdapter

from game.engine import GameState, player_views
from game.engine.view_models import PlayerView

_FIELDS = tuple(PlayerView.model_fields)
_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(cast(Any, field.annotation))
    for name, field in PlayerView.model_fields.items()
}
_KEYS = {name: json.dumps(name) + ":" for name in _FIELDS}

Parts = dict[str, tuple[object, str]]  # field → (value, its "name":json text)


def _same(a: object, b: object) -> bool:
    return a is b or (type(a) is type(b) and a == b)


def _text(view: PlayerView, known: list[Parts]) -> tuple[str, Parts]:
    """The view's JSON text, reusing the text of any field equal in one of `known`."""
    parts: Parts = {}
    for name in _FIELDS:
        value = getattr(view, name)
        for cache in known:
            hit = cache.get(name)
            if hit is not None and _same(value, hit[0]):
                parts[name] = hit
                break
        else:
            parts[name] = (value, _KEYS[name] + _ADAPTERS[name].dump_json(value).decode())
    return "{" + ",".join(p[1] for p in parts.values()) + "}", parts


class ViewTexts:
    """One table's last serialised view fields per seat."""

    def __init__(self) -> None:
        self._last: dict[str | None, Parts] = {}

    def texts(self, state: GameState, roles: list[str | None]) -> dict[str | None, str]:
        """Role → the JSON text of `player_view(state, role)`, for each of `roles`."""
        out: dict[str | None, str] = {}
        first: Parts | None = None
        views = player_views(state, roles)
        for role in roles:
            known = [c for c in (self._last.get(role), first) if c is not None]
            text, parts = _text(views[role], known)
            self._last[role] = parts
            first = first or parts
            out[role] = text
        return out

    def forget(self, role: str | None) -> None:
        """Drop what is kept for `role` (its seat was left)."""
        self._last.pop(role, None)
