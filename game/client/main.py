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
    """Options of `capia replay`."""
    parser.add_argument("log", type=Path, help="journal JSONL d'une table")
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--seat", metavar="ROLE", help="voir la partie comme ce rôle (ex. dpo)")
    who.add_argument(
        "--facilitator",
        action="store_true",
        help="voir comme l'animation : tout est révélé (par défaut)",
    )
    parser.add_argument("--at", type=int, default=0, help="ouvrir à l'action n° N")
    _window_arguments(parser)


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
    """Open the replay viewer on a game log (JSONL)."""
    from game.client.app import App
    from game.client.replay_scene import replay_scene_from_jsonl

    try:
        text = Path(args.log).read_text(encoding="utf-8")
        scene = replay_scene_from_jsonl(text, seat=None if args.facilitator else args.seat)
    except OSError as exc:
        print(f"Journal illisible : {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"Journal refusé : {exc}", file=sys.stderr)
        return 1
    scene.seek(args.at)
    app = App(_size(args.size), scale=args.scale)
    app.switch(scene)
    app.run()
    return 0
