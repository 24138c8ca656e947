"""CLI hooks: `capia play`, `capia facilitate`, `capia replay`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_play_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia play`."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--local", metavar="PACK", help="partie locale sur un seul écran (hot-seat)")
    where.add_argument("--server", metavar="URL", help="adresse du serveur d'atelier")
    parser.add_argument("--code", help="code de la table (avec --server)")
    parser.add_argument("--name", default="", help="votre nom (avec --server)")
    parser.add_argument("--seat", default=None, help="rôle souhaité (avec --server)")
    parser.add_argument("--seed", type=int, default=1, help="graine de la partie locale")
    parser.add_argument("--seats", default=None, help="rôles occupés, séparés par des virgules")
    parser.add_argument("--log", type=Path, default=None, help="écrire le journal local (JSONL)")
    _window_arguments(parser)


def add_facilitate_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia facilitate`."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--server", metavar="URL", help="adresse du serveur d'atelier")
    where.add_argument("--local", metavar="PACK", help="atelier de démonstration sans serveur")
    parser.add_argument("--token", help="jeton d'animation (avec --server)")
    parser.add_argument("--tables", type=int, default=3, help="nombre de tables (avec --local)")
    _window_arguments(parser)


def add_replay_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia replay` (the replay viewer is not built yet)."""
    parser.add_argument("log", nargs="?", help="journal JSONL d'une table")


def _window_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", type=float, default=1.0, help="zoom (projecteur : 1.5)")
    parser.add_argument("--size", default="1280x800", help="taille de fenêtre, ex. 1920x1080")


def _size(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


def play_command(args: argparse.Namespace) -> int:
    """Open the table (hot-seat over the engine, or networked)."""
    from game.client.app import App

    if args.local:
        from game.client.local import LocalSession
        from game.client.scenes.handover import HandoverScene
        from game.scenario import PackError, load_pack

        try:
            pack = load_pack(Path(args.local))
        except PackError as exc:
            print(f"Pack illisible : {exc}", file=sys.stderr)
            return 1
        seats = args.seats.split(",") if args.seats else None
        session = LocalSession(pack, seed=args.seed, seats=seats, log_path=args.log)
        app = App(_size(args.size), scale=args.scale)
        app.switch(HandoverScene(session, session.seats[0]))
        app.run()
        return 0
    print("capia play --server : pas encore disponible (session réseau à venir).", file=sys.stderr)
    return 2


def facilitate_command(args: argparse.Namespace) -> int:
    """Open the facilitator console."""
    from game.client.app import App
    from game.client.scenes.facilitator import FacilitatorScene
    from game.client.session import FacilitatorSession

    session: FacilitatorSession
    if args.local:
        from game.client.local import LocalWorkshop
        from game.scenario import load_pack

        session = LocalWorkshop(load_pack(Path(args.local)), tables=args.tables)
    else:
        print("capia facilitate --server : pas encore disponible.", file=sys.stderr)
        return 2
    app = App(_size(args.size), scale=args.scale)
    app.switch(FacilitatorScene(session))
    app.run()
    session.close()
    return 0


def replay_command(args: argparse.Namespace) -> int:
    """Replay viewer: not built yet."""
    print("capia replay : pas encore disponible (le visualiseur de débriefing arrive plus tard).")
    return 2
