"""The ville-moyenne pack covers the source document (seed 000_9f72f56f3299c487).

Every use case named in the source, its six stakes and its five steps must be in
the default pack; the lists below are copied by hand from the source.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from game.scenario import Pack, load_pack

PACK_DIR = Path(__file__).resolve().parent.parent / "scenarios" / "ville-moyenne"

#: Use cases named in the source (« IA pour ... » sections and « Cas d'usages
#: potentiels : exemple pour une ville »), as short keys.
SOURCE_USE_CASES = [
    # IA pour des politiques publiques ciblées
    "gaspillage alimentaire",
    "optimisation énergétique",
    "déchets volants",
    "trafic automobile",
    "flux visiteurs",
    "transcription des archives",
    "places en crèche",
    "offre de formation",
    # IA pour les usagers
    "accès au soin ou au logement",
    "callbot",
    "chatbot externe généraliste",
    "espace France Services",  # « Maison France service » in the source
    "pré-instruction",
    "bases documentaires",
    # IA aux services ressources
    "DélibIA",
    "Darktrace",
    "veille juridique",
    "évolution des SI",
    "IA en libre accès",
    # Cas d'usages potentiels : exemple pour une ville
    "carte scolaire",
    "vidéoprotection",
    "gestion de foules",
    "stationnement",
    "carrefours",
    "éclairage public",
    "impact carbone",
    "planifier",
    "nuisances sonores",
    "îlots de chaleur",
    "adaptation des contenus pour les usagers",
    "réservations",
    "premières réponses aux usagers",
    "tri des courriels et des appels",
    "hors horaires",
    "accès rapide aux soins",
    "consultation de dossiers complexes",
    "PLU",
    "contenus graphiques et sonores",
    "ayants droit",
    "cimetières",
    "aide aux délibérations",
    "paie",
    "carrière",
    "masse salariale",
    "analyse comparative de CV",
    "analyse de la performance",
    "contrôle de gestion",
]

#: The six stakes of the source, as the pack's gauge ids.
SOURCE_STAKES = ["performance", "confiance", "social", "donnees", "souverainete", "sobriete"]

#: The five steps of the source's method, numbered as lever « etape ».
SOURCE_STEPS = [1, 2, 3, 4, 5]


def _fold(text: str) -> str:
    """Lower-case, strip accents and turn hyphens into spaces."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    no_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(no_accents.replace("-", " ").split())


@pytest.fixture(scope="module")
def pack() -> Pack:
    return load_pack(PACK_DIR)


@pytest.fixture(scope="module")
def use_case_text(pack: Pack) -> str:
    return _fold(" | ".join(f"{u.title} {u.description}" for u in pack.use_cases))


@pytest.mark.parametrize("key", SOURCE_USE_CASES)
def test_every_source_use_case_is_in_the_pack(use_case_text: str, key: str) -> None:
    # A facilitator looking for the source's use case finds a card that names it.
    assert _fold(key) in use_case_text


def test_the_six_stakes_are_the_gauges(pack: Pack) -> None:
    # The six gauges on screen are the source's six stakes, nothing more.
    assert sorted(g.id for g in pack.scenario.gauges) == sorted(SOURCE_STAKES)


@pytest.mark.parametrize("step", SOURCE_STEPS)
def test_each_step_has_at_least_two_levers(pack: Pack, step: int) -> None:
    # The « boîte à outils » offers a real choice at every step of the method.
    assert len([lv for lv in pack.levers if lv.step == step]) >= 2


def test_the_use_framework_states_the_three_rules(pack: Pack) -> None:
    # The cadre d'usage card quotes the source's three rules.
    text = _fold(" ".join(lv.description for lv in pack.levers if lv.step == 4))
    for rule in ["finalité claire et professionnelle", "limité à la finalité", "confidentielle"]:
        assert _fold(rule) in text


def test_the_job_impact_lever_quotes_the_upper_bound(pack: Pack) -> None:
    # The HR impact analysis gives the source's figure and says it is an upper bound.
    lever = next(lv for lv in pack.levers if lv.id == "analyse-impact-emplois")
    assert "50 %" in lever.description
    assert "borne haute" in lever.description


def test_the_three_deployment_vectors_are_used(pack: Pack) -> None:
    # Imported, off-the-shelf and in-house vectors all appear on the cards.
    kinds = {v.type.value for u in pack.use_cases for v in u.vectors}
    assert kinds == {"importee", "etagere", "interne"}
