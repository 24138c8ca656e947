"""JSON Schemas of a pack's files, for editors (yaml-language-server) and checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from game.scenario.loader import SPECS

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: French description of each model, shown by editors (model docstrings are English).
DEFINITIONS = {
    "Scenario": "Le scénario : collectivité, rôles, jauges, ressources et règles.",
    "Collectivite": "La collectivité fictive où se joue la partie.",
    "ShadowAi": "Un usage d'IA non encadré, découvert par la cartographie.",
    "Role": "Un rôle (siège) : mission publique et objectif secret.",
    "SecretObjective": "Objectif secret : texte, conditions, points.",
    "Condition": "Une condition portant sur une seule chose (jauge, levier, cas d'usage…).",
    "Gauge": "Une jauge : identifiant, libellé, bornes, départ, poids.",
    "Resources": "Budget (k€) et capacité (points d'équipe) par tour.",
    "Rules": "Règles : tours, vote, propositions, minuteurs.",
    "Timers": "Durée de chaque phase en secondes (0 : sans minuteur).",
    "UseCase": "Un cas d'usage de l'IA, avec 1 à 3 vecteurs de déploiement.",
    "Vector": "Une façon de déployer un cas d'usage : coût, capacité, durée, effets, risques.",
    "Requirements": "Prérequis : seuils de jauges et leviers réalisés.",
    "Exposure": "Exposition à un risque (probabilité ajoutée par tour).",
    "Mitigation": "Atténuation d'un risque (probabilité retirée par tour).",
    "Lever": "Un levier (donnée, gouvernance) rattaché à une étape de 1 à 5.",
    "Risk": "Un risque : probabilité, conséquences, leçon du débriefing.",
    "Consequences": "Conséquences d'un risque survenu.",
    "Dilemma": "Un dilemme : situation, options votées, regard d'expert.",
    "DilemmaOption": "Une option de dilemme : effets et suites.",
    "FollowUps": "Suites d'une option : risques ajoutés, cartes débloquées, leviers exigés.",
    "Event": "Un événement extérieur tiré de la pioche ou imposé par l'animation.",
    "Axis": "Axe du cas d'usage.",
    "AiActTier": "Niveau de risque au sens de l'AI Act.",
    "VectorType": "Vecteur : importee (outil grand public), etagere (solution du marché), interne.",
    "VoteRule": "Règle de vote.",
    "SessionPlan": "Le minutage de la séance (minutes) : accueil, lecture, débriefing, total.",
    "GlossaryEntry": "Une entrée du glossaire : terme, sens en toutes lettres, définition.",
    "FreshnessCheck": "Une vérification juridique datée : sujet, texte, source, date.",
}


def _frenchify(schema: dict[str, Any]) -> dict[str, Any]:
    for name, definition in schema.get("$defs", {}).items():
        if name in DEFINITIONS:
            definition["description"] = DEFINITIONS[name]
    return schema


def file_schema(key: str) -> dict[str, Any]:
    """The JSON Schema of one pack file (`key` as in `FILES`, e.g. "cas_usage")."""
    spec = SPECS[key]
    target: Any = tuple[spec.model, ...] if spec.is_list else spec.model  # type: ignore[name-defined]
    schema = _frenchify(TypeAdapter(target).json_schema(by_alias=True))
    what = "Liste de cartes" if spec.is_list else DEFINITIONS["Scenario"]
    head = {"$schema": DIALECT, "title": f"Cap IA : {spec.name}", "description": what}
    return head | schema | head


def file_schemas() -> dict[str, dict[str, Any]]:
    """One schema per pack file, keyed by schema file name (e.g. "cas_usage.schema.json")."""
    return {f"{key}.schema.json": file_schema(key) for key in SPECS}


def combined_schema() -> dict[str, Any]:
    """One document: scenario.yaml's schema at top level, each file's schema in `$defs`."""
    top = file_schema("scenario")
    defs: dict[str, Any] = dict(top.pop("$defs", {}))
    for key in SPECS:
        if key == "scenario":
            continue
        part = file_schema(key)
        defs.update(part.pop("$defs", {}))
        part.pop("$schema", None)
        defs[f"fichier_{key}"] = part
    return top | {"$defs": defs}


def write_schemas(target: Path) -> list[Path]:
    """Write the combined schema to `target` if it ends in .json, else one file per pack file."""
    if target.suffix == ".json":
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump(combined_schema()), encoding="utf-8")
        return [target]
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in file_schemas().items():
        (target / name).write_text(dump(schema), encoding="utf-8")
        written.append(target / name)
    return written


def dump(schema: dict[str, Any]) -> str:
    """Schema as indented JSON text keeping French accents readable."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
