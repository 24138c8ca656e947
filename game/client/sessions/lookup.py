"""Looking a table up by its code over HTTP, before joining it (the connect screen's seats)."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from game.client.tokens import normalise_server
from game.protocol import PublicTable, decode


class TableNotFound(LookupError):
    """The server has no table with this code."""


class ServerDown(ConnectionError):
    """The server did not answer (refused, unreachable or too slow)."""


def fetch_table(server: str, code: str, *, timeout: float = 3.0) -> PublicTable:
    """The public description of table `code` (raises TableNotFound, ServerDown, ValueError)."""
    url = f"{normalise_server(server)}/api/tables/by-code/{urllib.parse.quote(code)}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return decode(PublicTable, resp.read())
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise TableNotFound(code) from None
        raise ValueError(f"Réponse inattendue du serveur (HTTP {exc.code}).") from None
    except (urllib.error.URLError, OSError) as exc:
        raise ServerDown(str(exc)) from None
    except (ValueError, json.JSONDecodeError):
        raise ValueError("Ce serveur ne parle pas Cap IA (réponse illisible).") from None
