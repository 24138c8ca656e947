"""The JSON module python-socketio encodes and decodes the server's packets with.

Out: the server builds `view` and `summary` payloads as JSON text itself
(patches, cached summaries). Handed to `emit` as a plain `str`, python-socketio
would encode that text again as a JSON *string*: every quote escaped, every
accent as \\uXXXX, and each client decoding twice. Wrapped in `RawJSON`, the
text is put in the packet as it is, so clients receive the object directly.
Everything else (acks, notices) is encoded like those texts: UTF-8, accents as
they are, not escaped. The cost: a text with a character beyond Latin-1 (’, —)
is a str of 2 bytes per character while it waits to be sent (the JoinAck, when
it carried the ~105 KB public pack, weighed ~227 KB instead of ~122 KB escaped;
the pack is now served by HTTP, server/packs.py).

In: `loads` refuses JSON nested deeper than MAX_JSON_DEPTH with a ValueError
before decoding (the standard decoder would recurse until RecursionError), and
keeps engineio's limit on the size of integers.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate
from typing import Any

from engineio import json as _engineio_json

from game.protocol import MAX_JSON_DEPTH

#: A JSON string, or an unterminated one up to the end (brackets in strings do not nest).
_STRING = re.compile(r'"(?:[^"\\]+|\\.)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class RawJSON(str):
    """A JSON text to send as the JSON value it is, not as a string."""


def dumps(obj: Any, **kwargs: Any) -> str:
    """`json.dumps` without ASCII escaping, `RawJSON` items of a packet's list inserted verbatim."""
    if type(obj) is list and any(type(item) is RawJSON for item in obj):
        items = (item if type(item) is RawJSON else _utf8_dumps(item, kwargs) for item in obj)
        return "[" + ",".join(items) + "]"
    return _utf8_dumps(obj, kwargs)


def _utf8_dumps(obj: Any, kwargs: dict[str, Any]) -> str:
    """`json.dumps(obj, ensure_ascii=False)`, escaped after all if it cannot be sent as UTF-8.

    Only a client can send a lone surrogate (an error message may echo it); the server's
    own texts (`RawJSON`, from pydantic) are valid UTF-8 and not checked.
    """
    text = json.dumps(obj, ensure_ascii=False, **kwargs)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return json.dumps(obj, **kwargs)
    return text


def loads(text: str | bytes, **kwargs: Any) -> Any:
    """engineio's `loads`, refusing nesting deeper than MAX_JSON_DEPTH (ValueError)."""
    if isinstance(text, (bytes, bytearray)):
        text = text.decode("utf-8")
    if json_depth(text) > MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
    return _engineio_json.loads(text, **kwargs)


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in a JSON text (a bound when it has few brackets).

    Messages have few brackets: counting them settles it. Otherwise strings are
    cut out and a running sum of the brackets left gives it (C loops only).
    """
    opening = text.count("[") + text.count("{")
    if opening <= MAX_JSON_DEPTH:
        return opening
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)
