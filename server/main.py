"""`capia serve`: run a workshop server (aiohttp + socket.io, SQLite log)."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from pathlib import Path
from typing import Any

from aiohttp import web
from pydantic import ValidationError

from game.local_config import save_admin_token
from game.scenario import PackError
from server import activity
from server.app import create_app
from server.banner import banner_lines
from server.keys import BASE_URLS_KEY, DEMO_KEY, HUB_KEY, NEW_ADMIN_KEY
from server.lan import base_urls, is_loopback
from server.loop import new_event_loop
from server.scenarios import UnknownScenarioError
from server.settings import Settings

DEFAULT_SCENARIO = "ville-moyenne"


class ServeSettings(Settings):
    """`capia serve`'s settings: those of any server, with a demo workshop by default."""

    scenario: str | None = DEFAULT_SCENARIO


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia serve`; each one not given comes from CAPIA_<OPTION>, else its default."""
    parser.add_argument("--host", help="adresse d'écoute (CAPIA_HOST ; 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, help="port d'écoute, 0 : un port libre (CAPIA_PORT ; 8080)"
    )
    parser.add_argument("--db", type=Path, help="fichier SQLite (CAPIA_DB ; var/capia.sqlite3)")
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="adresse web que les participants ouvrent quand ce n'est pas celle de cette "
        "machine : serveur hébergé, proxy (CAPIA_PUBLIC_URL)",
    )
    parser.add_argument(
        "--no-qr", action="store_true", help="ne pas dessiner les QR codes dans le terminal"
    )
    parser.add_argument(
        "--scenario",
        metavar="PACK",
        help="pack de l'atelier de démonstration créé si la base est vide : dossier ou nom "
        f"d'un pack fourni (CAPIA_SCENARIO ; {DEFAULT_SCENARIO})",
    )
    parser.add_argument(
        "--demo-tables",
        type=int,
        help="tables de l'atelier de démonstration (CAPIA_DEMO_TABLES ; 4)",
    )
    parser.add_argument(
        "--log-level",
        type=str.upper,
        choices=["DEBUG", "INFO", "WARNING", "ERROR"],
        help="niveau du journal du serveur (CAPIA_LOG_LEVEL ; INFO)",
    )


def settings_from(args: argparse.Namespace) -> ServeSettings:
    """The flags given, else the CAPIA_* environment, else the defaults (raises ValueError)."""
    given = {k: v for k, v in vars(args).items() if k in ServeSettings.model_fields}
    try:
        return ServeSettings(**{k: v for k, v in given.items() if v is not None})
    except ValidationError as exc:
        raise ValueError("\n".join(_problem(e) for e in exc.errors())) from None


def _problem(error: Any) -> str:
    """One pydantic error as a line: `--port : …`, or the message of a whole-settings check."""
    msg = str(error["msg"]).removeprefix("Value error, ")
    field = "--" + "-".join(str(p) for p in error["loc"]).replace("_", "-")
    return f"{field} : {msg}" if error["loc"] else msg


def serve_command(args: argparse.Namespace) -> int:
    """Run the server until interrupted; return the exit code."""
    try:
        settings = settings_from(args)
    except ValueError as exc:
        print(f"capia serve : {exc}", file=sys.stderr)
        return 2
    level = getattr(logging, settings.log_level)
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S"
    )
    try:
        sock = _listen(settings.host, settings.port)
    except OSError as exc:
        where = f"{settings.host}:{settings.port}"
        print(f"capia serve : impossible d'écouter sur {where} : {exc}", file=sys.stderr)
        return 1
    port = sock.getsockname()[1]
    app = create_app(settings)
    bases = base_urls(settings.host, port, settings.public_url)
    app[BASE_URLS_KEY] = bases
    local = f"http://{settings.host}:{port}"
    reachable = bool(settings.public_url) or not is_loopback(settings.host)

    async def banner(app: web.Application) -> None:
        new_admin = app[NEW_ADMIN_KEY]
        saved = save_admin_token(new_admin) if new_admin else None
        demo = app[DEMO_KEY]
        lines = banner_lines(
            app[HUB_KEY], bases=bases, local_url=local, reachable=reachable, db=settings.db,
            new_admin=new_admin, admin_file=saved, demo=demo, qr=not getattr(args, "no_qr", False),
        )  # fmt: skip
        print("\n".join(lines), flush=True)
        new_tables = len(demo.tables) if demo else 0
        activity.server_started(app[HUB_KEY], bases[0], new_tables=new_tables)

    app.on_startup.append(banner)
    access_log = logging.getLogger("aiohttp.access") if level <= logging.DEBUG else None
    try:
        web.run_app(
            app,
            sock=sock,
            print=None,
            handle_signals=True,
            access_log=access_log,
            loop=new_event_loop(settings.event_loop),
        )
    except (PackError, UnknownScenarioError) as exc:
        print(f"capia serve : pack de démonstration refusé : {exc}", file=sys.stderr)
        return 1
    return 0


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on (host, port); port 0 takes a free one."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    return socket.create_server((host, port), family=family)
