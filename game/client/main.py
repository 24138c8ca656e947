"""CLI hooks: `capia play`, `capia facilitate`, `capia replay`."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.client.app import App
    from game.client.scenes.connect import ConnectScene
    from game.client.sessions.local import LocalSession
    from game.scenario.models import Pack


def add_play_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia play` (no --local nor --server: the connect screen)."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--local",
        metavar="PACK",
        help="partie locale sur un seul écran (hot-seat) : dossier ou nom d'un pack fourni",
    )
    where.add_argument("--server", metavar="URL", help="adresse du serveur d'atelier")
    parser.add_argument(
        "--autoplay",
        action="store_true",
        help="avec --local : jouer chaque place par des clics automatiques jusqu'à la fin, "
        "puis quitter (vérification sans écran)",
    )
    parser.add_argument("--code", default="", help="code de la table (avec --server)")
    parser.add_argument("--name", default="", help="votre nom (avec --server)")
    parser.add_argument("--seat", metavar="ROLE", default=None, help="rôle souhaité (ex. dpo)")
    parser.add_argument(
        "--board", action="store_true", help="écran partagé de la table, sans place (avec --server)"
    )
    parser.add_argument("--seed", type=int, default=1, help="graine de la partie locale")
    parser.add_argument("--seats", default=None, help="rôles occupés, séparés par des virgules")
    parser.add_argument(
        "--log",
        type=Path,
        default=None,
        help="journal de la partie locale (JSONL ; par défaut var/parties/<scénario>-<date>.jsonl)",
    )
    parser.add_argument(
        "--no-log", action="store_true", help="ne pas écrire de journal (partie locale)"
    )
    parser.add_argument(
        "--timers",
        action="store_true",
        help="partie locale avec les minuteurs de phase du scénario (par défaut : sans)",
    )
    _window_arguments(parser)


def add_facilitate_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia facilitate`."""
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--server", metavar="URL", help="adresse du serveur d'atelier")
    where.add_argument(
        "--local", metavar="PACK", help="atelier de démonstration sans serveur (dossier ou nom)"
    )
    parser.add_argument("--token", help="jeton d'animation (avec --server)")
    parser.add_argument("--workshop", metavar="ID", help="atelier attendu (vérifié avec --server)")
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


def default_log_path(scenario: str, now: float | None = None) -> Path:
    """Where a hot-seat game's log goes when no --log is given."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    return Path("var") / "parties" / f"{scenario}-{stamp}.jsonl"


def _window_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scale", type=float, default=1.0, help="zoom (projecteur : 1.5)")
    parser.add_argument("--size", default="1280x800", help="taille de fenêtre, ex. 1920x1080")


def _size(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    return int(w), int(h)


def play_command(args: argparse.Namespace) -> int:
    """Open the table (hot-seat over the engine), or the connect screen of a networked one."""
    from game.client.app import App

    if args.autoplay and not args.local:
        print("capia play --autoplay : il faut aussi --local PACK.", file=sys.stderr)
        return 2
    if args.local:
        from game.client.scene import SceneName
        from game.client.sessions.local import LocalSession

        pack = _load_pack(args.local)
        if pack is None:
            return 1
        seats = args.seats.split(",") if args.seats else None
        log = None if args.no_log else (args.log or default_log_path(pack.scenario.id))
        session = LocalSession(pack, seed=args.seed, seats=seats, log_path=log, timers=args.timers)
        app = App(_size(args.size), scale=args.scale)
        app.open(SceneName.HANDOVER, session=session, seat=session.seats[0])
        if args.autoplay:
            return _autoplay(app, session)
        app.run()
        if log is not None and log.exists():
            print(f"Journal de la partie : {log.resolve()}")
        return 0
    if getattr(args, "board", False):
        return board_command(args)
    app = App(_size(args.size), scale=args.scale)
    scene = connect_scene(args)
    app.switch(scene)
    app.run()
    if scene.session is not None:
        scene.session.close()
    return 0


def _load_pack(wanted: str) -> Pack | None:
    """The pack `wanted` names (a folder or a bundled pack's name); None, said why, if none."""
    from game.scenario import PackError, load_pack
    from game.scenario.bundled import PackNotFoundError, pack_folder

    try:
        return load_pack(pack_folder(wanted))
    except PackNotFoundError as exc:
        print(exc, file=sys.stderr)
    except PackError as exc:
        print(f"Pack illisible : {exc}", file=sys.stderr)
    return None


def _autoplay(app: App, session: LocalSession) -> int:
    """Play the hot-seat game to its end by clicks, close the window, say where the log is."""
    import pygame

    from game.client.driver import Driver, UiError, autoplay

    try:
        clicks = autoplay(Driver(app), session)
    except UiError as exc:
        print(f"Partie automatique interrompue : {exc}", file=sys.stderr)
        return 1
    finally:
        if app.scene is not None:
            app.scene.exit()
        pygame.quit()
    state = session.log.state
    print(f"Partie terminée en {clicks} clics, {state.turn} tours.")
    print(f"Journal de la partie : {Path(session.log_path or '').resolve()}")
    return 0


def board_command(args: argparse.Namespace) -> int:
    """The table's shared screen: its public view, drawn read-only (no seat, no secret)."""
    from game.client.app import App
    from game.client.board import BoardScene, BoardSession

    if not args.server or not args.code:
        print("capia play --board : il faut --server URL et --code CODE.", file=sys.stderr)
        return 2
    session = BoardSession(args.server, args.code)
    session.wait_view()
    app = App(_size(args.size), scale=args.scale)
    app.switch(BoardScene(session))
    app.run()
    session.close()
    return 0


def connect_scene(args: argparse.Namespace) -> ConnectScene:
    """The connect screen pre-filled from the options; it joins at once when this server
    and code have a remembered token (for the asked seat, if one is asked)."""
    from game.client.scenes.connect import DEFAULT_SERVER, ConnectScene
    from game.client.tokens import TokenStore

    tokens = TokenStore()
    server = args.server or DEFAULT_SERVER
    kept = tokens.get(server, args.code) if args.code else None
    direct = kept is not None and args.seat in (None, kept.seat)
    return ConnectScene(
        server=server,
        code=args.code,
        name=args.name or (kept.name if kept else ""),
        seat=args.seat,
        tokens=tokens,
        auto_join=direct,
    )


def facilitate_command(args: argparse.Namespace) -> int:
    """Open the facilitator console (a local demo workshop, or a server's workshop)."""
    from game.client.app import App
    from game.client.scene import SceneName
    from game.client.sessions.base import FacilitatorSession

    session: FacilitatorSession
    if args.local:
        from game.client.sessions.local import LocalWorkshop

        pack = _load_pack(args.local)
        if pack is None:
            return 1
        session = LocalWorkshop(pack, tables=args.tables)
        first = SceneName.FACILITATOR
    else:
        from game.client.sessions.remote_facilitator import RemoteFacilitatorSession

        if not args.token:
            print("capia facilitate --server : il faut aussi --token JETON.", file=sys.stderr)
            return 2
        session = RemoteFacilitatorSession(args.server, args.token, workshop=args.workshop).start()
        first = SceneName.FACILITATOR_CONNECT
    app = App(_size(args.size), scale=args.scale)
    app.open(first, session=session)
    app.run()
    session.close()
    return 0


def replay_command(args: argparse.Namespace) -> int:
    """Open the replay viewer on a game log (JSONL)."""
    from game.client.app import App
    from game.client.scenes.replay import replay_scene_from_jsonl
    from game.logerrors import LogError, where

    try:
        text = Path(args.log).read_text(encoding="utf-8")
        scene = replay_scene_from_jsonl(text, seat=None if args.facilitator else args.seat)
    except OSError as exc:
        print(f"Journal illisible : {exc}", file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(f"Journal illisible : {args.log} : ce n'est pas un texte UTF-8", file=sys.stderr)
        return 1
    except LogError as exc:
        print(f"Journal refusé : {where(args.log, exc)} : {exc.detail}", file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"Journal refusé : {exc}", file=sys.stderr)
        return 1
    scene.seek(args.at)
    app = App(_size(args.size), scale=args.scale)
    app.switch(scene)
    app.run()
    return 0
