"""`capia serve`: run a workshop server (aiohttp + socket.io, SQLite log)."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from aiohttp import web

from server.app import create_app
from server.keys import DEMO_KEY, HUB_KEY
from server.settings import Settings

DEFAULT_SCENARIO = Path("scenarios/ville-moyenne")
FALLBACK_SCENARIO = Path("tests/packs/mini")


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia serve`."""
    parser.add_argument("--host", default="127.0.0.1", help="adresse d'écoute")
    parser.add_argument("--port", type=int, default=8080, help="port d'écoute")
    parser.add_argument("--db", type=Path, default=Path("var/capia.sqlite3"), help="fichier SQLite")
    parser.add_argument(
        "--scenario",
        type=Path,
        default=DEFAULT_SCENARIO,
        help="pack de l'atelier de démonstration (créé si la base est vide)",
    )


def _scenario_folder(wanted: Path) -> Path:
    if (wanted / "scenario.yaml").is_file():
        return wanted
    print(f"Scénario introuvable : {wanted} ; repli sur {FALLBACK_SCENARIO}.", flush=True)
    return FALLBACK_SCENARIO


def serve_command(args: argparse.Namespace) -> int:
    """Run the server until interrupted; return the exit code."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    scenario = _scenario_folder(args.scenario)
    roots = [scenario.parent]
    if Path("scenarios").is_dir() and Path("scenarios").resolve() != scenario.parent.resolve():
        roots.append(Path("scenarios"))
    settings = Settings(db=args.db, scenario_roots=tuple(roots), demo_scenario=scenario.name)
    app = create_app(settings)
    url = f"http://{args.host}:{args.port}"

    async def banner(app: web.Application) -> None:
        _print_banner(app, url, args.db)

    app.on_startup.append(banner)
    web.run_app(app, host=args.host, port=args.port, print=None, handle_signals=True)
    return 0


def _print_banner(app: web.Application, url: str, db: Path) -> None:
    counts = app[HUB_KEY].counts()
    lines = [f"Cap IA — serveur d'atelier sur {url}", f"Base de données : {db}"]
    demo = app[DEMO_KEY]
    if demo is not None:
        lines += [
            f"Atelier de démonstration créé (scénario « {demo.scenario} », "
            f"{len(demo.tables)} tables).",
            f"Jeton d'animation : {demo.facilitator_token}",
            "  (gardez-le : il ne sera plus affiché)",
        ]
        lines += [f"Table {i} : code {t.code}" for i, t in enumerate(demo.tables, 1)]
        lines += [
            "Pour jouer :   capia play --server " + url + " --code CODE",
            "Pour animer :  capia facilitate --server " + url + " --token JETON",
        ]
    else:
        lines.append(
            f"Reprise : {counts['workshops']} atelier(s), {counts['tables']} table(s) en base."
        )
    lines.append("Ctrl+C pour arrêter.")
    print("\n".join(lines), flush=True)
