"""What the console does around the game, for a workshop on a server or in this process:
open a new workshop, the tables' join codes and QR codes, the debrief in a browser, the
documents the collectivité takes home. Every method blocks (HTTP, building a document):
the console runs them on a worker thread (`game.client.jobs`) and raises `JobError` /
`WorkshopApiError` with a French message.
"""

from __future__ import annotations

import os
import tempfile
import time
import webbrowser
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from game.client.jobs import JobError
from game.client.sessions.base import FacilitatorSession
from game.client.sessions.local import LocalWorkshop
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.join_qr import join_qr_png
from game.local_config import load_admin_token
from game.workshop_client import (
    WorkshopApiError,
    debrief_link,
    list_workshops,
    open_workshop,
    report_file,
    workshop_access,
)

#: what each download is called, before « — collectivité — date »
KINDS = {"odt": "Feuille de route", "docx": "Feuille de route", "csv": "Votes"}
NO_ADMIN = (
    "Aucun jeton d'administration sur cet ordinateur : ouvrir un atelier en demande un. "
    "Sur l'ordinateur du serveur, lancez « capia admin-token --reset » dans un terminal "
    "(il est gardé pour capia), puis réessayez « Nouvel atelier »."
)
NEED_SERVER = (
    "Cet atelier est local (démonstration, sans serveur) : les codes et les QR codes "
    "demandent un serveur. Lancez « capia serve --host 0.0.0.0 » puis ouvrez la console "
    "avec « capia facilitate --server http://ADRESSE:8080 --token JETON »."
)


@dataclass(frozen=True)
class JoinEntry:
    """How players reach one table: its name, code, join URL and QR code (PNG bytes)."""

    table_id: str
    name: str  # as given when the workshop opened, else ""
    code: str
    url: str
    png: bytes
    number: int = 0  # its place in the workshop, from 1

    @property
    def title(self) -> str:
        """Its name, else « Table 2 »."""
        return self.name or f"Table {self.number}"


@dataclass(frozen=True)
class Access:
    tables: tuple[JoinEntry, ...]
    #: a warning to show above the codes ('' when phones can reach the server)
    note: str = ""


def export_dir() -> Path:
    """Where the console saves documents: CAPIA_EXPORT_DIR, else « Cap IA » in the user's
    documents folder, else var/exports."""
    given = os.environ.get("CAPIA_EXPORT_DIR")
    if given:
        return Path(given)
    try:
        docs = Path(platformdirs.user_documents_dir())
    except Exception:  # no documents folder on this system
        docs = None
    if docs is not None and docs.is_dir():
        return docs / "Cap IA"
    return Path("var") / "exports"


def save_file(name: str, data: bytes, folder: Path | None = None) -> Path:
    """Write `data` as `name` in `folder` (« name (2).odt » when taken); return the path."""
    folder = folder or export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    safe = "".join("-" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in name).strip() or "capia"
    stem, dot, ext = safe.rpartition(".")
    stem, ext = (stem, "." + ext) if dot else (safe, "")
    path, n = folder / safe, 2
    while path.exists():
        path, n = folder / f"{stem} ({n}){ext}", n + 1
    path.write_bytes(data)
    return path


def parse_names(text: str) -> list[str]:
    """« Les Bleus, Les Verts » → the names, blanks dropped."""
    return [n.strip() for n in text.replace(";", ",").split(",") if n.strip()]


class WorkshopTools:
    """The console's tools for `session`; `local` says the workshop runs in this process."""

    local = False

    def open_new(self, scenario: str, tables: int, names: list[str]) -> FacilitatorSession:
        raise NotImplementedError

    def access(self) -> Access:
        raise JobError(NEED_SERVER)

    def debrief(self, table_id: str | None) -> str:
        """Open the debrief in the browser; return its address (a link to paste)."""
        raise NotImplementedError

    def export(self, fmt: str, table_id: str | None) -> Path:
        """Save the workshop's (or one table's) document of format `fmt`; return where."""
        raise NotImplementedError


class RemoteTools(WorkshopTools):
    def __init__(self, session: RemoteFacilitatorSession) -> None:
        self.session = session

    def _workshop(self) -> str:
        summary = self.session.summary
        if summary is None:
            raise JobError("Pas encore connecté à l'atelier : réessayez dans un instant.")
        return summary.workshop_id

    def open_new(self, scenario: str, tables: int, names: list[str]) -> FacilitatorSession:
        token = load_admin_token()
        if not token:
            raise JobError(NO_ADMIN)
        s = self.session
        try:
            made = open_workshop(s.server, token, scenario, tables, names=names or None)
        except WorkshopApiError as exc:
            if exc.status in (401, 403):
                raise JobError(f"{exc.message} {NO_ADMIN}") from None
            raise
        new = RemoteFacilitatorSession(
            s.server, made.facilitator_token, workshop=made.workshop_id, pack_roots=s.pack_roots
        )
        return new.start()

    def access(self) -> Access:
        got = workshop_access(self.session.server, self.session.token, self._workshop())
        entries = tuple(
            JoinEntry(t.table_id, t.name, t.code, t.join_url, join_qr_png(t.join_url), i + 1)
            for i, t in enumerate(got.tables)
        )  # fmt: skip
        note = ""
        if not got.reachable_from_network:
            note = (
                "Le serveur n'écoute que sur cet ordinateur : les téléphones ne pourront pas "
                "ouvrir ces adresses. Relancez-le avec « capia serve --host 0.0.0.0 »."
            )
        return Access(entries, note)

    def debrief(self, table_id: str | None) -> str:
        s = self.session
        url = debrief_link(s.server, s.token, self._workshop(), table_id).url
        webbrowser.open(url)
        return url

    def export(self, fmt: str, table_id: str | None) -> Path:
        s = self.session
        name, data = report_file(s.server, s.token, self._workshop(), fmt, table_id)
        return save_file(name, data)


class LocalTools(WorkshopTools):
    local = True

    def __init__(self, session: LocalWorkshop) -> None:
        self.session = session

    def open_new(self, scenario: str, tables: int, names: list[str]) -> FacilitatorSession:
        from game.scenario import PackError, load_pack
        from game.scenario.bundled import PackNotFoundError, pack_folder

        try:
            pack = load_pack(pack_folder(scenario))
        except (PackNotFoundError, PackError) as exc:
            raise JobError(f"Pack illisible : {exc}") from None
        return LocalWorkshop(pack, tables=tables, names=names)

    def _chosen(self, table_id: str | None) -> tuple[list[str], list[str]]:
        s = self.session
        ids = [table_id] if table_id else list(s.logs)
        return [s.logs[t].to_jsonl() for t in ids], [s.names[t] for t in ids]

    def debrief(self, table_id: str | None) -> str:
        from game.report import build_report_html

        logs, names = self._chosen(table_id)
        html = build_report_html(logs, names=names)
        fd, name = tempfile.mkstemp(prefix="capia-debrief-", suffix=".html")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(html)
        url = Path(name).resolve().as_uri()
        webbrowser.open(url)
        return url

    def export(self, fmt: str, table_id: str | None) -> Path:
        from game.report import build_export

        logs, names = self._chosen(table_id)
        data = build_export(logs, fmt, names=names)
        parts = [KINDS[fmt], self.session.pack.scenario.collectivite.name]
        parts.append(time.strftime("%d-%m-%Y"))
        if table_id:
            parts.append(self.session.names[table_id])
        return save_file(" — ".join(parts) + "." + fmt, data)


def tools_for(session: FacilitatorSession) -> WorkshopTools:
    """The tools that fit `session` (a server's workshop or a local one)."""
    if isinstance(session, RemoteFacilitatorSession):
        return RemoteTools(session)
    if isinstance(session, LocalWorkshop):
        return LocalTools(session)
    return WorkshopTools()


def newest_workshop(server: str) -> tuple[str, str] | str:
    """(facilitator token, id) of the newest open workshop of `server`, found with the
    admin token kept on this laptop; else what to do, in French."""
    admin = load_admin_token()
    if not admin:
        return (
            "capia facilitate --server : donnez --token JETON (le jeton d'animation de "
            "l'atelier), ou lancez-le sur l'ordinateur du serveur, qui garde le jeton "
            "d'administration (capia admin-token --reset pour en créer un)."
        )
    try:
        listed = list_workshops(server, admin).workshops
    except WorkshopApiError as exc:
        return exc.message
    open_ = [w for w in listed if w.closed is None and w.facilitator_token]
    if not open_:
        return (
            "Aucun atelier ouvert sur ce serveur : ouvrez-en un avec "
            "« capia workshop new --scenario decouverte --tables 6 »."
        )
    newest = max(open_, key=lambda w: w.created)
    print(f"Console de l'atelier {newest.workshop_id} ({newest.scenario}).")
    return newest.facilitator_token or "", newest.workshop_id
