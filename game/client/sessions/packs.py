"""The pack's public texts a seat needs, fetched by HTTP once per content hash.

The join ack names them by hash and URL (`JoinAck.pack_hash`, `pack_url`); a
rejoin, another table of the same workshop or a second session in this process
finds them here. The body is checked against its hash before it is kept.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import urllib.error
import urllib.request
from typing import Any

#: hash → the public pack (French keys), for this process
_CACHE: dict[str, dict[str, Any]] = {}


def _get(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as resp:
        body: bytes = resp.read()
        return body


async def fetch_pack(server: str, url: str, digest: str, timeout: float = 10.0) -> dict[str, Any]:
    """The pack texts named `digest` (from `server` + `url` the first time).

    Raises OSError (URLError) if they cannot be read, ValueError if the body does not
    match its hash or is not a JSON object.
    """
    hit = _CACHE.get(digest)
    if hit is not None:
        return hit
    body = await asyncio.to_thread(_get, server + url, timeout)
    if hashlib.sha256(body).hexdigest() != digest:
        raise ValueError("les textes du pack ne correspondent pas à leur empreinte")
    data = json.loads(body)
    if not isinstance(data, dict):
        raise ValueError("les textes du pack ne sont pas un objet JSON")
    _CACHE[digest] = data
    return data
