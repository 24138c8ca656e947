"""The phases of a game, in play order."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    LOBBY = "lobby"
    EVENEMENT = "evenement"
    PROPOSITIONS = "propositions"
    VOTE = "vote"
    DILEMMES = "dilemmes"
    RESOLUTION = "resolution"
    FIN = "fin"


#: The phases of one turn, in order.
TURN_PHASES = (
    Phase.EVENEMENT,
    Phase.PROPOSITIONS,
    Phase.VOTE,
    Phase.DILEMMES,
    Phase.RESOLUTION,
)

#: French labels shown to players.
PHASE_LABELS = {
    Phase.LOBBY: "Accueil",
    Phase.EVENEMENT: "Événement",
    Phase.PROPOSITIONS: "Propositions",
    Phase.VOTE: "Vote",
    Phase.DILEMMES: "Dilemmes",
    Phase.RESOLUTION: "Résolution",
    Phase.FIN: "Fin de partie",
}
