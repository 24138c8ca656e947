"""Colours (Okabe–Ito, colour-blind safe) and the shape + letter that doubles every colour."""

from __future__ import annotations

from dataclasses import dataclass

BG = (244, 241, 234)
PANEL = (255, 255, 255)
INK = (27, 27, 27)
MUTED = (90, 90, 90)
LINE = (184, 180, 171)
ACCENT = (11, 92, 153)
GOOD = (0, 114, 178)  # blue: up
BAD = (213, 94, 0)  # vermillion: down
WARN_BG = (255, 240, 200)
HILITE = (220, 233, 245)


@dataclass(frozen=True)
class Mark:
    """How a category is shown: a colour, a shape and a letter (never colour alone)."""

    label: str
    letter: str
    colour: tuple[int, int, int]
    shape: str  # "square" | "circle" | "triangle" | "diamond"


AXES = {
    "politiques_publiques": Mark("Politiques publiques", "P", (0, 114, 178), "square"),
    "relation_usagers": Mark("Relation usagers", "U", (230, 159, 0), "circle"),
    "ressources_internes": Mark("Ressources internes", "R", (0, 158, 115), "triangle"),
}
LEVER = Mark("Levier", "L", (204, 121, 167), "diamond")

STEPS = {
    1: "1. Cartographier",
    2: "2. S'outiller",
    3: "3. Expérimenter",
    4: "4. Cadre d'usage",
    5: "5. Déployer",
}

VECTORS = {
    "importee": "IA importée",
    "etagere": "Solution sur étagère",
    "interne": "Développement interne",
}

AI_ACT = {
    "interdit": "AI Act : interdit",
    "haut_risque": "AI Act : haut risque",
    "transparence": "AI Act : transparence",
    "minimal": "AI Act : risque minimal",
}

CARD_STATUS = {
    "available": "",
    "locked": "verrouillée",
    "proposed": "proposée",
    "in_progress": "en cours",
    "deployed": "déployée",
    "suspended": "suspendue",
}

RISK_LEVELS = {"faible": "faible", "moyen": "moyen", "eleve": "élevé"}

VOTES = {"pour": "Pour", "contre": "Contre", "abstention": "Abstention"}
VOTE_KEYS = {"pour": "P", "contre": "C", "abstention": "A"}
