"""Seat and facilitator tokens, join codes and ids.

Tokens are `secrets.token_urlsafe(24)` (192 bits) and only their SHA-256 is
stored: a copy of the database does not let anyone sit at a seat. A plain hash
is enough (no slow KDF) because tokens are random, not passwords. Facilitator
tokens are signed workshop ids (server/credentials.py), so the admin can be given
them again; their hash is stored too.
"""

from __future__ import annotations

import hashlib
import secrets

from game.protocol import TABLE_CODE_ALPHABET, TABLE_CODE_LENGTH

TOKEN_BYTES = 24


def new_token() -> str:
    """A fresh random token (≥ 128 bits) to hand to a seat or a facilitator."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """The stored form of a token: SHA-256, hex."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_id(prefix: str) -> str:
    """A random id for a workshop or a table, e.g. `t-3fa9c2d81b4e`."""
    return f"{prefix}-{secrets.token_hex(6)}"


def new_code() -> str:
    """A short join code players type, from an alphabet without 0/O or 1/I/L."""
    return "".join(secrets.choice(TABLE_CODE_ALPHABET) for _ in range(TABLE_CODE_LENGTH))


def normalise_code(code: str) -> str:
    """The canonical form of a typed join code (case and spaces ignored)."""
    return "".join(code.split()).upper()


def bearer_token(header: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, or None."""
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
