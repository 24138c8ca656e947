"""The server's own credentials: the admin token, the signing secret, facilitator tokens
and signed, expiring debrief links.

- The admin token opens workshops (`POST /api/workshops`) and lists them with their
  facilitator tokens. It is created on the first start, shown once, and only its SHA-256
  is stored; `capia admin-token --reset` replaces it.
- The signing secret (32 random bytes, created once, stored in the database) signs
  facilitator tokens and debrief links (itsdangerous, HMAC-SHA1 by default with a salt
  per use). A facilitator token is the signed workshop id: the server can give it again
  after a restart (to the admin) without keeping it in clear. So a copy of the database
  opens the workshops' consoles and debriefs, not the seats (their tokens are only hashed).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itsdangerous import BadSignature, URLSafeSerializer

from server.auth import hash_token, new_token
from server.store import EventStore

ADMIN_HASH = "admin_token_hash"
SIGNING_SECRET = "signing_secret"
#: how long a debrief link works unless asked otherwise (days)
DEBRIEF_DAYS = 7.0


def signing_secret(store: EventStore) -> str:
    """The server's signing secret (created on first use, the same for every process)."""
    return store.add_meta(SIGNING_SECRET, secrets.token_hex(32))


def ensure_admin_token(store: EventStore) -> str | None:
    """Create the admin token if there is none; return it then (to show once), else None."""
    token = new_token()
    if store.add_meta(ADMIN_HASH, hash_token(token)) == hash_token(token):
        return token
    return None


def reset_admin_token(store: EventStore) -> str:
    """Replace the admin token (the old one stops working at once); return the new one."""
    token = new_token()
    store.set_meta(ADMIN_HASH, hash_token(token))
    return token


def reset_admin_token_at(db: str | Path) -> str:
    """`reset_admin_token` on the SQLite file `db` (migrated, created if missing)."""
    from server.store import SqliteStore

    store = SqliteStore(db)
    try:
        return reset_admin_token(store)
    finally:
        store.close()


def admin_token_ok(store: EventStore, token: str | None) -> bool:
    """Whether `token` is the admin token."""
    stored = store.meta(ADMIN_HASH)
    if not token or stored is None:
        return False
    return secrets.compare_digest(hash_token(token), stored)


def _facilitator_serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="capia-facilitator")


def facilitator_token(secret: str, workshop_id: str) -> str:
    """The facilitator token of a workshop (the same each time it is asked)."""
    return str(_facilitator_serializer(secret).dumps(workshop_id))


def workshop_of_facilitator_token(secret: str, token: str) -> str | None:
    """The workshop id a signed facilitator token names, or None (forged, other server)."""
    try:
        value = _facilitator_serializer(secret).loads(token)
    except BadSignature:
        return None
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class DebriefGrant:
    """What a debrief link opens: a workshop's page, or one of its tables."""

    workshop_id: str
    table_id: str | None
    expires: float


def _debrief_serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt="capia-debrief")


def debrief_key(secret: str, grant: DebriefGrant) -> str:
    """The `k` parameter of a debrief link."""
    payload = {"w": grant.workshop_id, "t": grant.table_id, "e": round(grant.expires)}
    return str(_debrief_serializer(secret).dumps(payload))


def new_grant(workshop_id: str, table_id: str | None, days: float = DEBRIEF_DAYS) -> DebriefGrant:
    """A grant from now for `days` days."""
    return DebriefGrant(workshop_id, table_id, time.time() + days * 86400)


def check_debrief_key(
    secret: str, key: str, workshop_id: str, table_id: str | None, now: float
) -> str | None:
    """None when `key` opens this page now, else the French reason it does not.

    A workshop's link opens its page and each of its tables; a table's only that table.
    """
    try:
        data: Any = _debrief_serializer(secret).loads(key)
    except BadSignature:
        data = None
    if not isinstance(data, dict) or data.get("w") != workshop_id:
        return "Ce lien de débriefing ne vaut pas pour cette page (lien incomplet ou modifié)."
    if data.get("t") is not None and data.get("t") != table_id:
        return "Ce lien de débriefing ouvre une autre table de l'atelier."
    if not isinstance(data.get("e"), int) or data["e"] < now:
        return (
            "Ce lien de débriefing a expiré : demandez-en un nouveau à l'animation "
            "(capia workshop link)."
        )
    return None
