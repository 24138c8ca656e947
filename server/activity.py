"""What the facilitator sees scroll in `capia serve`'s console: one INFO line per
workshop opened, seat joined or left, phase change, and at each server start.

The hub and the namespace call these at the one place each thing happens; the
wording lives here (French: the facilitator reads it).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from game.engine.events import GameEnded, PhaseChanged
from game.engine.phase import PHASE_LABELS

if TYPE_CHECKING:
    from game.engine import GameEvent
    from server.hub import Hub
    from server.tables import TableHost

log = logging.getLogger("capia.server")


def workshop_opened(workshop_id: str, scenario: str, codes: Sequence[str]) -> None:
    """A workshop and its tables were created."""
    log.info(
        "Atelier %s ouvert : scénario « %s », %d table(s) (codes %s).",
        workshop_id, scenario, len(codes), ", ".join(codes),
    )  # fmt: skip


def workshop_closed(workshop_id: str, tables: int) -> None:
    """A workshop was closed (its tables take no more joins nor actions)."""
    log.info("Atelier %s clos : %d table(s) ne prennent plus de joueurs ni d'actions.",
             workshop_id, tables)  # fmt: skip


def joined(host: TableHost, role: str, *, rejoined: bool) -> None:
    """A connection sat at `role` (a new seat, or one taken back with its token)."""
    name = host.names.get(role) or "sans nom"
    verb = "a repris" if rejoined else "a rejoint"
    log.info("Table %s : « %s » %s la place %s.", host.code, name, verb, role)


def left(host: TableHost, role: str) -> None:
    """A player emptied their seat (its token stops working)."""
    log.info("Table %s : la place %s est libérée.", host.code, role)


def disconnected(host: TableHost, roles: Iterable[str]) -> None:
    """A player's connection went away; the seats stay theirs to take back."""
    held = ", ".join(roles)
    if held:
        log.info("Table %s : connexion perdue (%s), la place attend son retour.", host.code, held)


def table_changed(host: TableHost, events: Iterable[GameEvent]) -> None:
    """An action was applied at a table: say so if the phase moved or the game ended."""
    for event in events:
        if isinstance(event, PhaseChanged):
            label = PHASE_LABELS.get(event.phase, event.phase)
            log.info("Table %s : phase « %s », tour %d.", host.code, label, event.turn)
        elif isinstance(event, GameEnded):
            score = event.team_score
            log.info("Table %s : partie terminée, score d'équipe %.1f.", host.code, score)


def server_started(hub: Hub, url: str, *, new_tables: int = 0) -> None:
    """The server listens: how many tables it took back from its database."""
    counts = hub.counts()
    log.info(
        "Serveur démarré sur %s : %d table(s) reprise(s) de la base, %d atelier(s) en tout.",
        url, counts["tables"] - new_tables, counts["workshops"],
    )  # fmt: skip
