"""`capia workshop new|list|close|link`, `capia admin-token` and `capia backup`.

`capia workshop` talks to a running server over HTTP (urllib: no event loop for four
requests); the admin token comes from --admin-token, else CAPIA_ADMIN_TOKEN, else the
file `capia serve` or `capia admin-token --reset` kept for this user.
`capia admin-token --reset` and `capia backup` work on the SQLite file, also while the
server runs.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

from game.local_config import admin_token_file, load_admin_token, save_admin_token
from game.workshop_api import CloseAck, DebriefLink, WorkshopList
from game.workshop_client import WorkshopApiError, request_json

DEFAULT_SERVER = "http://127.0.0.1:8080"
DEFAULT_DB = Path("var/capia.sqlite3")


class CliError(Exception):
    """A failure to print as `capia …: message` (French) with exit code 1."""


def add_workshop_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia workshop`."""
    parser.add_argument(
        "--server",
        default=os.environ.get("CAPIA_SERVER", DEFAULT_SERVER),
        help=f"adresse du serveur (CAPIA_SERVER ; {DEFAULT_SERVER})",
    )
    parser.add_argument(
        "--admin-token",
        default=os.environ.get("CAPIA_ADMIN_TOKEN"),
        help="jeton d'administration (CAPIA_ADMIN_TOKEN ; sinon celui enregistré sur ce poste)",
    )
    sub = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
    new = sub.add_parser("new", help="ouvrir un atelier")
    new.add_argument("--scenario", default="ville-moyenne", metavar="PACK", help="nom du pack")
    new.add_argument("--tables", type=int, required=True, help="nombre de tables (1 à 50)")
    new.add_argument("--names", help="noms des tables, séparés par des virgules")
    new.add_argument("--seed", type=int, help="graine du tirage (parties rejouables)")
    listing = sub.add_parser("list", help="lister les ateliers et leurs codes")
    listing.add_argument("--all", action="store_true", help="aussi les ateliers clos")
    close = sub.add_parser("close", help="clore un atelier (plus de connexions ni d'actions)")
    close.add_argument("workshop_id", metavar="ID")
    link = sub.add_parser("link", help="lien de débriefing à ouvrir dans un navigateur")
    link.add_argument("workshop_id", metavar="ID")
    link.add_argument("--table", metavar="TABLE_ID", help="une table seulement")
    link.add_argument("--days", type=float, default=7.0, help="validité en jours (7)")


def _token(args: argparse.Namespace) -> str | None:
    return args.admin_token or load_admin_token()


def _request(args: argparse.Namespace, method: str, path: str, body: Any = None) -> Any:
    """The JSON answer of one request to the server (raises CliError in French)."""
    token = _token(args)
    try:
        return request_json(args.server, method, path, token=token, body=body)
    except WorkshopApiError as exc:
        message = exc.message
        if exc.status in (401, 403) and not token:
            message += (
                " Aucun jeton d'administration sur ce poste : passez --admin-token "
                "ou CAPIA_ADMIN_TOKEN."
            )
        raise CliError(message) from None


def workshop_command(args: argparse.Namespace) -> int:
    """Run `capia workshop ACTION`; return the exit code."""
    try:
        lines = _ACTIONS[args.action](args)
    except CliError as exc:
        print(f"capia workshop {args.action} : {exc}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


def _new(args: argparse.Namespace) -> list[str]:
    body: dict[str, Any] = {"scenario": args.scenario, "tables": args.tables}
    if args.seed is not None:
        body["seed"] = args.seed
    if args.names:
        body["names"] = [n.strip() for n in args.names.split(",")]
    created = _request(args, "POST", "/api/workshops", body)
    lines = [
        f"Atelier {created['workshop_id']} ouvert (scénario « {created['scenario']} »).",
        f"Jeton d'animation : {created['facilitator_token']}",
    ]
    listed = _listed(args, created["workshop_id"])
    for i, t in enumerate(listed["tables"] if listed else created["tables"], 1):
        label = t.get("name") or f"Table {i}"
        lines.append(f"  {label} : code {t['code']}" + (f" — {t['join_url']}" if listed else ""))
    return lines


def _listed(args: argparse.Namespace, workshop_id: str) -> dict[str, Any] | None:
    found = _request(args, "GET", "/api/workshops")
    return next((w for w in found["workshops"] if w["workshop_id"] == workshop_id), None)


def _list(args: argparse.Namespace) -> list[str]:
    found = WorkshopList.model_validate(_request(args, "GET", "/api/workshops"))
    lines: list[str] = []
    for w in found.workshops:
        if w.closed is not None and not args.all:
            continue
        created = time.strftime("%d/%m/%Y %H:%M", time.localtime(w.created))
        state = " — clos" if w.closed is not None else ""
        lines.append(f"Atelier {w.workshop_id} : « {w.scenario} », ouvert le {created}{state}")
        if w.facilitator_token:
            lines.append(f"  Jeton d'animation : {w.facilitator_token}")
        for i, t in enumerate(w.tables, 1):
            label = t.name or f"Table {i}"
            lines.append(f"  {label} : code {t.code} — {t.join_url} (id {t.table_id})")
    if not lines:
        lines.append("Aucun atelier ouvert.")
    if not any(w.facilitator_token for w in found.workshops) and found.workshops:
        lines.append("(jetons d'animation affichés avec le jeton d'administration)")
    return lines


def _close(args: argparse.Namespace) -> list[str]:
    ack = CloseAck.model_validate(
        _request(args, "POST", f"/api/workshops/{args.workshop_id}/close", {})
    )
    return [f"Atelier {ack.workshop_id} clos : ses tables ne prennent plus de joueurs."]


def _link(args: argparse.Namespace) -> list[str]:
    body: dict[str, Any] = {"days": args.days}
    if args.table:
        body["table_id"] = args.table
    path = f"/api/workshops/{args.workshop_id}/debrief-link"
    link = DebriefLink.model_validate(_request(args, "POST", path, body))
    until = time.strftime("%d/%m/%Y %H:%M", time.localtime(link.expires))
    return [link.url, f"(valable jusqu'au {until})"]


_ACTIONS = {"new": _new, "list": _list, "close": _close, "link": _link}


# --- admin-token and backup: on the database file ---------------------------------------


def _db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(os.environ.get("CAPIA_DB", DEFAULT_DB)),
        help=f"fichier SQLite du serveur (CAPIA_DB ; {DEFAULT_DB})",
    )


def add_admin_token_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia admin-token`."""
    parser.add_argument(
        "--reset", action="store_true", help="remplacer le jeton (l'ancien ne vaut plus)"
    )
    _db_argument(parser)


def admin_token_command(args: argparse.Namespace) -> int:
    """Print the admin token kept on this machine, or replace it with --reset."""
    if not args.reset:
        token = load_admin_token()
        if token is None:
            print(
                f"capia admin-token : aucun jeton enregistré ({admin_token_file()}) ; "
                "capia admin-token --reset --db FICHIER en crée un.",
                file=sys.stderr,
            )
            return 1
        print(token)
        return 0
    if not args.db.is_file():
        print(f"capia admin-token : pas de base de données « {args.db} ».", file=sys.stderr)
        return 1
    from server.credentials import reset_admin_token_at

    token = reset_admin_token_at(args.db)
    saved = save_admin_token(token)
    print(f"Nouveau jeton d'administration : {token}")
    print(f"  (l'ancien ne vaut plus ; enregistré dans {saved})")
    return 0


def add_backup_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of `capia backup`."""
    parser.add_argument("path", type=Path, metavar="PATH", help="fichier de la copie")
    parser.add_argument("--force", action="store_true", help="remplacer PATH s'il existe")
    _db_argument(parser)


def backup(db: Path, target: Path) -> None:
    """Copy the SQLite file `db` to `target` with SQLite's online backup (a consistent
    snapshot, taken while the server reads and writes)."""
    source = sqlite3.connect(db)  # reads only (read-only WAL opens need the -shm file)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()


def backup_command(args: argparse.Namespace) -> int:
    """Copy the server's database to PATH."""
    if not args.db.is_file():
        print(f"capia backup : pas de base de données « {args.db} ».", file=sys.stderr)
        return 1
    if args.path.exists() and not args.force:
        print(f"capia backup : « {args.path} » existe déjà (--force le remplace).", file=sys.stderr)
        return 1
    if args.path.exists():
        args.path.unlink()
    try:
        backup(args.db, args.path)
    except sqlite3.Error as exc:
        print(f"capia backup : copie impossible : {exc}", file=sys.stderr)
        return 1
    print(f"Copie de {args.db} écrite dans {args.path}.")
    return 0
