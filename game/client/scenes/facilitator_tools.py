"""The console's views around the game: « Nouvel atelier », « Codes et QR », « Débrief et
documents ». Their slow work (HTTP, documents) runs on worker threads (`Jobs`); the
frame only polls, so the window never waits on the network."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pygame
import yaml

from game.client.jobs import Jobs
from game.client.scene import SceneName
from game.client.scenes.panels.base import Panel
from game.client.scenes.panels.codes import CodesContext, codes_panels, qr_surface
from game.client.scenes.panels.documents import (
    MAX_TABLES,
    DocumentsContext,
    FormContext,
    Result,
    documents_panels,
    form_panel,
)
from game.client.sessions.base import FacilitatorSession
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.client.sessions.workshop_tools import Access, parse_names, tools_for
from game.scenario.bundled import bundled_names, bundled_root

TABLES = "tables"
CODES = "codes"
DOCUMENTS = "documents"
NEW = "new"
FORMATS = {"odt": "Feuille de route (ODT)", "docx": "Feuille de route (DOCX)", "csv": "Votes"}


@cache
def pack_choices() -> tuple[tuple[str, str], ...]:
    """(name, title) of each bundled pack, for the form (its title from scenario.yaml)."""
    out = []
    for name in bundled_names():
        try:
            data = yaml.safe_load((bundled_root() / name / "scenario.yaml").read_text("utf-8"))
            title = str(data.get("titre", name)) if isinstance(data, dict) else name
        except (OSError, yaml.YAMLError):
            title = name
        out.append((name, title))
    return tuple(out)


class ConsoleTools:
    """Mixed into the console scene (which gives `app`, `session`, `relayout`, `scroll`)."""

    session: FacilitatorSession
    scroll: dict[str, int]
    dirty: bool
    relayout: Callable[[], None]  # the scene's

    def init_tools(self) -> None:
        self.mode = TABLES
        self.jobs = Jobs()
        self.tools = tools_for(self.session)
        self.access: Access | None = None
        self.qr: dict[str, pygame.Surface] = {}
        self.codes_focus: str | None = None
        self.codes_message = ""
        self.results: list[Result] = []
        packs = pack_choices()
        first = packs[0][0] if packs else ""
        scenario = getattr(getattr(self.session, "summary", None), "scenario", "")
        self.form_scenario = scenario if scenario in dict(packs) else first
        self.form_count = max(1, len(self.session.tables) or 1)
        self.form_message, self.form_failed = "", False
        if not self.tools.local:  # the tables' names and QR codes, ready when asked for
            self.jobs.run("access", self.tools.access, self._got_access)

    def entry_text(self, key: str) -> str:
        entries = getattr(self, "entries", {})
        return entries[key].get_text() if key in entries else ""

    # --- switching views -----------------------------------------------------------------
    def back(self) -> None:
        self.mode = TABLES
        self.relayout()

    def open_form(self) -> None:
        self.mode, self.form_message, self.form_failed = NEW, "", False
        self.relayout()

    def show_codes(self, table_id: str | None = None) -> None:
        self.mode, self.codes_focus = CODES, table_id
        if self.tools.local:
            self.access, self.codes_message = None, self._need_server()
        elif self.access is None and self.jobs.run("access", self.tools.access, self._got_access):
            self.codes_message = "Chargement des codes…"
        self.relayout()

    def show_documents(self) -> None:
        self.mode = DOCUMENTS
        self.relayout()

    def _need_server(self) -> str:
        from game.client.sessions.workshop_tools import NEED_SERVER

        return NEED_SERVER

    def _got_access(self, access: Access | None, error: str) -> None:
        if access is None:
            self.codes_message = f"Codes indisponibles : {error}"
        else:
            self.access = access
            self.qr = {t.table_id: qr_surface(t.png) for t in access.tables}
        self.relayout()

    # --- « Nouvel atelier » ----------------------------------------------------------------
    def form_pick(self, scenario: str) -> None:
        self.form_scenario = scenario
        self.relayout()

    def form_tables(self, delta: int) -> None:
        self.form_count = max(1, min(MAX_TABLES, self.form_count + delta))
        self.relayout()

    def form_submit(self) -> None:
        names = parse_names(self.entry_text("new:names"))
        n = self.form_count
        if names and len(names) != n:
            self.form_message = (
                f"{len(names)} nom(s) pour {n} table(s) : donnez un nom par table, ou aucun."
            )
            self.form_failed = True
            self.relayout()
            return
        scenario = self.form_scenario
        work = lambda: self.tools.open_new(scenario, n, names)  # noqa: E731
        if self.jobs.run("new", work, self._opened):
            self.form_message, self.form_failed = "Ouverture de l'atelier…", False
        self.relayout()

    def _opened(self, new: FacilitatorSession | None, error: str) -> None:
        if new is None:
            self.form_message, self.form_failed = error, True
            self.relayout()
            return
        old = self.session
        app = self.app  # type: ignore[attr-defined]
        if isinstance(new, RemoteFacilitatorSession):
            app.open(SceneName.FACILITATOR_CONNECT, session=new)
        else:
            app.open(SceneName.FACILITATOR, session=new)
        old.close()

    # --- debrief and documents ---------------------------------------------------------
    def _name(self, table_id: str | None) -> str:
        """« Table 1 · K7M2QX — Les Bleus » (its given name once the access is known)."""
        if table_id is None:
            return "l'atelier"
        label = next((t.label for t in self.session.tables if t.table_id == table_id), table_id)
        given = {t.table_id: t.name for t in self.access.tables} if self.access else {}
        name = given.get(table_id, "")
        return f"{label} — {name}" if name else label

    def _add(self, result: Result) -> None:
        self.results = [result, *self.results][:6]
        self.relayout()

    def debrief(self, table_id: str | None) -> None:
        label = self._name(table_id)

        def done(url: str | None, error: str) -> None:
            if url is None:
                self._add(Result(f"Débrief de {label} : {error}", failed=True))
                return
            until = "" if self.tools.local else ", valable 7 jours"
            text = f"Débrief de {label} ouvert dans le navigateur{until}. Lien :"
            self._add(Result(text, link=url))

        work = lambda: self.tools.debrief(table_id)  # noqa: E731
        self.jobs.run(f"doc:debrief:{table_id or 'all'}", work, done)
        self.relayout()

    def export(self, fmt: str, table_id: str | None) -> None:
        label = self._name(table_id)
        what = FORMATS[fmt]

        def done(path: Path | None, error: str) -> None:
            if path is None:
                self._add(Result(f"{what} de {label} : {error}", failed=True))
            else:
                self._add(Result(f"{what} de {label} — fichier enregistré :", link=str(path)))

        work = lambda: self.tools.export(fmt, table_id)  # noqa: E731
        self.jobs.run(f"doc:{fmt}:{table_id or 'all'}", work, done)
        self.relayout()

    def copy_link(self) -> None:
        link = next((r.link for r in self.results if r.link), "")
        if not link:
            return
        try:
            pygame.scrap.put_text(link)  # pygame-ce ≥ 2.2: no init, SDL's clipboard
            said = "Lien copié : collez-le dans votre e-mail (Ctrl+V)."
        except pygame.error:
            said = "Copie impossible ici : sélectionnez le lien ci-dessus à la main."
        self.results = [Result(said), *self.results][:6]
        self.relayout()

    # --- frame ---------------------------------------------------------------------------
    def tool_panels(self, size: tuple[int, int], area: pygame.Rect) -> list[Panel] | None:
        """The panels of the view in front, or None for the tables (the scene's own)."""
        if self.mode == CODES:
            ctx = CodesContext(size, self.access, self.qr, self.codes_focus, self.codes_message,
                               self)  # fmt: skip
            return codes_panels(ctx)
        if self.mode == DOCUMENTS:
            busy = frozenset(self.jobs.running)
            rows = [(t.table_id, self._name(t.table_id)) for t in self.session.tables]
            docs = DocumentsContext(rows, self.results, busy, self, self.scroll)
            return documents_panels(docs, area)
        if self.mode == NEW:
            form = FormContext(
                pack_choices(), self.form_scenario, self.form_count, self.form_message,
                self.form_failed, "new" in self.jobs.running, self.tools.local, self,
            )  # fmt: skip
            return [form_panel(form, area)]
        return None

    def poll_jobs(self) -> None:
        self.jobs.poll()

    def wait_jobs(self, timeout: float = 10.0) -> None:
        """Until every job has finished (tests and screenshots)."""
        end = time.monotonic() + timeout
        while self.jobs.busy and time.monotonic() < end:
            time.sleep(0.01)
            self.jobs.poll()
