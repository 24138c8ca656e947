"""The `capia` command: one sub-command per job, each living in its own module.

A sub-command `name` served by module `M` is two functions there:
`add_<name>_arguments(parser)` and `<name>_command(args) -> int` (the exit code).
Modules are imported only for the sub-command that runs, so `capia validate`
never imports pygame or aiohttp.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: sub-command -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("game.scenario.cli", "vérifier un pack de scénario"),
    "schema": ("game.scenario.cli", "écrire le schéma JSON des fichiers d'un pack"),
    "new": ("game.scenario.cli", "créer un pack de départ commenté"),
    "playtest": ("game.playtest", "jouer N parties avec des robots et mesurer l'équilibre"),
    "serve": ("server.main", "lancer le serveur d'atelier"),
    "workshop": ("server.admin_cli", "ouvrir, lister, clore un atelier ; lien de débriefing"),
    "admin-token": ("server.admin_cli", "afficher ou remplacer le jeton d'administration"),
    "backup": ("server.admin_cli", "copier la base du serveur, même en marche"),
    "play": ("game.client.main", "ouvrir la table de jeu (locale ou en réseau)"),
    "facilitate": ("game.client.main", "ouvrir la console d'animation"),
    "replay": ("game.client.main", "rejouer le journal d'une table"),
    "report": ("game.report.cli", "produire le rapport de débriefing"),
}


def _handler(name: str, kind: str) -> object:
    module = importlib.import_module(COMMANDS[name][0])
    attr = name.replace("-", "_")
    attr = f"add_{attr}_arguments" if kind == "add" else f"{attr}_command"
    return getattr(module, attr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `capia` command line; return the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="capia", description="Cap IA : jeu sérieux IA.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    for name, (_module, help_text) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text)
        if args_list and args_list[0] == name:
            _handler(name, "add")(sp)  # type: ignore[operator]
    args = parser.parse_args(args_list)
    code = _handler(args.command, "run")(args)  # type: ignore[operator]
    return int(code or 0)


if __name__ == "__main__":
    sys.exit(main())
