"""The JSON module python-socketio encodes the server's packets with.

The server builds `view` and `summary` payloads as JSON text itself (patches,
cached summaries). Handed to `emit` as a plain `str`, python-socketio would
encode that text again as a JSON *string*: every quote escaped, every accent
as \\uXXXX, and each client decoding twice. Wrapped in `RawJSON`, the text is
put in the packet as it is, so clients receive the object directly.

Everything else is encoded as python-socketio would (its own `engineio.json`
defaults, including the size limit on integers when decoding).
"""

from __future__ import annotations

import json
from typing import Any

from engineio import json as _engineio_json


class RawJSON(str):
    """A JSON text to send as the JSON value it is, not as a string."""


def dumps(obj: Any, **kwargs: Any) -> str:
    """`json.dumps`, with `RawJSON` items of a packet's argument list inserted verbatim."""
    if type(obj) is list and any(type(item) is RawJSON for item in obj):
        items = (item if type(item) is RawJSON else json.dumps(item, **kwargs) for item in obj)
        return "[" + ",".join(items) + "]"
    return json.dumps(obj, **kwargs)


loads = _engineio_json.loads
