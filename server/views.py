"""Each seat's `view` text after a change, the parts equal across seats serialised once.

After every action the server sends each seat its own `player_view`; most of
a view (gauges, proposals, feed...) is the same for every seat, only a few
fields (the seat's secret, market, legal actions) differ. Each field is
serialised on its own; a field equal to the first seat's is not serialised
again. The texts are byte for byte `ViewMessage(...).model_dump_json()`.
"""

from __future__ import annotations

import json
from typing import Any, cast

from pydantic import TypeAdapter

from game.engine import GameState, player_view
from game.engine.view_models import PlayerView

_FIELDS = tuple(PlayerView.model_fields)
_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(cast(Any, field.annotation))
    for name, field in PlayerView.model_fields.items()
}
_KEYS = {name: json.dumps(name) + ":" for name in _FIELDS}


def _same(a: object, b: object) -> bool:
    return a is b or (type(a) is type(b) and a == b)


def view_texts(state: GameState, roles: list[str | None]) -> dict[str | None, str]:
    """Role → the JSON text of `player_view(state, role)` for each of `roles`."""
    views = [player_view(state, role) for role in roles]
    first: dict[str, str] = {}
    texts: dict[str | None, str] = {}
    for i, (role, view) in enumerate(zip(roles, views, strict=True)):
        parts = []
        for name in _FIELDS:
            value = getattr(view, name)
            if i and _same(value, getattr(views[0], name)):
                parts.append(first[name])
                continue
            part = _KEYS[name] + _ADAPTERS[name].dump_json(value).decode()
            if not i:
                first[name] = part
            parts.append(part)
        texts[role] = "{" + ",".join(parts) + "}"
    return texts
