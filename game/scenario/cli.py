"""`capia validate`, `capia schema` and `capia new`: the pack author's commands."""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from importlib import resources
from pathlib import Path

from game.scenario.bundled import PackNotFoundError, pack_folder
from game.scenario.loader import FILES, check_pack
from game.scenario.models import Pack
from game.scenario.schema import combined_schema, dump, write_schemas

SCHEMA_DIR = "schemas"


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n <= 1 else plural}"


def summary(pack: Pack) -> str:
    """One French line saying what the pack holds."""
    s = pack.scenario
    parts = [
        _count(len(s.roles), "rôle", "rôles"),
        _count(len(s.gauges), "jauge", "jauges"),
        _count(len(pack.use_cases), "cas d'usage", "cas d'usage"),
        _count(len(pack.levers), "levier", "leviers"),
        _count(len(pack.risks), "risque", "risques"),
        _count(len(pack.dilemmas), "dilemme", "dilemmes"),
        _count(len(pack.events), "événement", "événements"),
        _count(s.rules.turns, "tour", "tours"),
    ]
    return f"{s.id} : {', '.join(parts)}"


def add_validate_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `capia validate`."""
    parser.add_argument(
        "pack", metavar="PACK", help="dossier du pack (avec scenario.yaml) ou nom d'un pack fourni"
    )


def validate_command(args: argparse.Namespace) -> int:
    """Print every problem of the pack; 1 if any error, else 0 with a summary line."""
    try:
        folder = pack_folder(args.pack)
    except PackNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    pack, problems = check_pack(folder, today=date.today())
    for problem in problems:
        print(problem)
    errors = sum(not p.warning for p in problems)
    warnings = len(problems) - errors
    if pack is None:
        print(
            f"{_count(errors, 'erreur', 'erreurs')}, "
            f"{_count(warnings, 'avertissement', 'avertissements')} : pack refusé",
            file=sys.stderr,
        )
        return 1
    extra = f" ({_count(warnings, 'avertissement', 'avertissements')})" if warnings else ""
    print(summary(pack) + extra)
    return 0


def add_schema_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `capia schema`."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="CIBLE",
        help="dossier : un schéma par fichier du pack (pour l'éditeur) ; "
        "fichier .json : un seul schéma ; absent : écrit sur la sortie standard",
    )


def schema_command(args: argparse.Namespace) -> int:
    """Write the JSON Schema(s) of a pack; 0 on success."""
    if args.output is None:
        sys.stdout.write(dump(combined_schema()))
        return 0
    for path in write_schemas(Path(args.output)):
        print(f"écrit : {path}")
    return 0


def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `capia new`."""
    parser.add_argument("pack", metavar="PACK", help="dossier à créer (ne doit pas exister)")


def new_command(args: argparse.Namespace) -> int:
    """Create a commented starter pack with its editor schemas; 1 if the folder exists."""
    target = Path(args.pack)
    if target.exists():
        print(
            f"{target} existe déjà : choisissez un autre nom (rien n'a été écrasé)", file=sys.stderr
        )
        return 1
    target.mkdir(parents=True)
    starter = resources.files("game.scenario") / "starter"
    for name in FILES.values():
        with resources.as_file(starter / name) as source:
            shutil.copyfile(source, target / name)
    write_schemas(target / SCHEMA_DIR)
    print(f"pack créé : {target} (vérifiez-le avec : capia validate {target})")
    return 0
