"""Each seat's `view` message after a change: a patch of what it was last sent.

After every action the server sends each seated connection its own
`player_view`, built for all seats at once by `player_views`. A vote changes a
few hundred bytes of a ~17 KB view (one proposal's votes, one new event at the
end of the feed, the voter's legal actions), so a connection that was already
sent a view of this table gets a patch against it (`game.protocol` describes
the shape; `SeatView` applies it): the top-level fields that changed, and for a
changed list only the items that changed, with the shift of a sliding list
such as the feed. The first message after a join or a sync is a whole view,
byte for byte `ViewMessage(...).model_dump_json()`.

Texts are reused where the values are the same objects: the seat views of one
state share their public fields, market entries, actions and feed events are
shared instances from one state to the next.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, cast, get_args, get_origin

from pydantic import TypeAdapter

from game.engine import GameState, player_views
from game.engine.view_models import PlayerView

_FIELDS = tuple(PlayerView.model_fields)
_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(cast(Any, field.annotation))
    for name, field in PlayerView.model_fields.items()
}
#: List fields (tuple[X, ...]) → the adapter of one item: these are patched item by item.
_ITEMS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(get_args(field.annotation)[0])
    for name, field in PlayerView.model_fields.items()
    if get_origin(field.annotation) is tuple
}
_KEYS = {name: json.dumps(name) + ":" for name in _FIELDS}

Parts = dict[str, tuple[object, str]]  # field → (value, its "name":json text)

#: Item texts kept by the item's identity (the entry holds the item, so its id stays its).
_ITEM_TEXTS: dict[tuple[str, int], tuple[object, str]] = {}
_ITEM_TEXTS_SIZE = 50_000


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


def _item_text(name: str, item: object) -> str:
    key = (name, id(item))
    hit = _ITEM_TEXTS.get(key)
    if hit is not None and hit[0] is item:
        return hit[1]
    text = _ITEMS[name].dump_json(item).decode()
    if len(_ITEM_TEXTS) >= _ITEM_TEXTS_SIZE:
        del _ITEM_TEXTS[next(iter(_ITEM_TEXTS))]
    _ITEM_TEXTS[key] = (item, text)
    return text


def list_patch(old: tuple[Any, ...], new: tuple[Any, ...]) -> tuple[int, list[int]]:
    """(start, indices of `new` to send) such that `old[start:]` fixed at those indices is `new`.

    `start` is where `new`'s first item stands in `old` (a sliding list such as the
    feed), else 0. Items are compared by identity: what did not change is the same
    instance from one view to the next (events, actions, market entries, the view
    entries of unchanged seats, proposals and dilemmas); an equal copy is sent again.
    """
    start = 0
    if new and old and new[0] is not old[0]:
        for j in range(1, len(old)):
            if old[j] is new[0]:
                start = j
                break
    kept = len(old) - start
    return start, [i for i, item in enumerate(new) if i >= kept or item is not old[start + i]]


_Key = tuple[str, int, int]  # (field, id of the new value, id of the old one)
_Piece = tuple[bool, str]  # (is a list patch, its "name":... text; "" if unchanged)


def _piece(name: str, old: object, new: object) -> _Piece:
    """What a patch says of field `name` going from `old` to `new`."""
    if _same(new, old):
        return False, ""
    if name in _ITEMS and isinstance(old, tuple) and isinstance(new, tuple):
        start, changed = list_patch(old, new)
        if len(changed) < len(new):
            items = ",".join(f"[{i},{_item_text(name, new[i])}]" for i in changed)
            return True, f"{_KEYS[name]}[{start},{len(new)},[{items}]]"
    return False, _KEYS[name] + _ADAPTERS[name].dump_json(new).decode()


@dataclass
class _Sent:
    """What a seat's connection was last sent: by whom, at which version, which values."""

    sid: str
    version: int
    values: dict[str, object]


class ViewTexts:
    """One table's `view` message texts, and what each seat's connection was last sent."""

    def __init__(self) -> None:
        self._last: dict[str | None, _Sent] = {}

    def messages(
        self, state: GameState, table_id: str, version: int, holders: list[tuple[str, str]]
    ) -> dict[str, str]:
        """Role → the `view` message text for its connection, for each (role, sid) of `holders`.

        A patch against the view last sent to the same connection, else a whole view.
        """
        views = player_views(state, [role for role, _ in holders])
        head = f'{{"table_id":"{table_id}","version":{version},'
        out: dict[str, str] = {}
        first: Parts | None = None
        pieces: dict[_Key, _Piece] = {}  # seats share most values: each change is said once
        sent: dict[str | None, _Sent] = {}
        for role, sid in holders:
            view = views[role]
            values = view.__dict__  # the fields by name (views are frozen)
            last = self._last.get(role)
            if last is None or last.sid != sid:
                text, parts = _text(view, [first] if first else [])
                first = first or parts
                out[role] = f'{head}"view":{text}}}'
            else:
                out[role] = f'{head}"seat":{json.dumps(role)},{self._patch(last, values, pieces)}}}'
            sent[role] = _Sent(sid, version, values)
        self._last.update(sent)  # after the loop: the ids in `pieces` keys stay theirs
        return out

    @staticmethod
    def _patch(last: _Sent, values: dict[str, object], pieces: dict[_Key, _Piece]) -> str:
        changes: list[str] = []
        lists: list[str] = []
        before = last.values
        for name, new in values.items():
            old = before[name]
            if new is old:  # most fields: the very object sent last time
                continue
            key = (name, id(new), id(old))  # both alive in `values` and `last` meanwhile
            piece = pieces.get(key)
            if piece is None:
                piece = pieces[key] = _piece(name, old, new)
            if piece[1]:
                (lists if piece[0] else changes).append(piece[1])
        set_text, lists_text = ",".join(changes), ",".join(lists)
        return f'"base":{last.version},"changes":{{{set_text}}},"lists":{{{lists_text}}}'

    def forget(self, role: str | None) -> None:
        """Send `role` a whole view next time (its connection just joined or synced)."""
        self._last.pop(role, None)
