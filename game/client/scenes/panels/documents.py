"""« Débrief et documents »: for the workshop and each table, the debrief in the browser
(with its link to paste in an e-mail) and the files the collectivité takes home; and
« Nouvel atelier », the small form that opens one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

import pygame

from game.client.assets import font
from game.client.palette import BAD, INK, MUTED
from game.client.scenes.panels.base import Panel, label_width
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.codes import url_lines

BUTTON_H = 32
DOCS: list[tuple[str, str]] = [
    ("debrief", "Débrief (navigateur)"),
    ("odt", "Feuille de route (ODT)"),
    ("docx", "Feuille de route (DOCX)"),
    ("csv", "Votes (CSV)"),
]
MAX_TABLES = 50


class DocumentsControls(Protocol):
    def debrief(self, table_id: str | None) -> None: ...
    def export(self, fmt: str, table_id: str | None) -> None: ...
    def copy_link(self) -> None: ...


@dataclass(frozen=True)
class Result:
    """One line of what was done: a link to paste, a file saved, or a failure."""

    text: str
    link: str = ""  # shown in full under the text
    failed: bool = False


@dataclass(frozen=True)
class DocumentsContext:
    #: (table id, how the console names it) of each table
    tables: Sequence[tuple[str, str]]
    results: Sequence[Result]
    busy: frozenset[str]
    do: DocumentsControls
    scroll: dict[str, int]


def _doc_row(b: PanelBuilder, ctx: DocumentsContext, label: str, table_id: str | None) -> None:
    b.wrapped(label, 15, bold=True, gap=4)
    x = b.x
    for kind, text in DOCS:
        key = f"doc:{kind}:{table_id or 'all'}"
        bw = label_width(text, "#small")
        if x + bw > b.x + b.width and x > b.x:
            x = b.x
            b.space(BUTTON_H + 4)
        cb = (
            partial(ctx.do.debrief, table_id)
            if kind == "debrief"
            else partial(ctx.do.export, kind, table_id)
        )
        busy = key in ctx.busy
        b.button(
            key,
            pygame.Rect(x, b.y, bw, BUTTON_H),
            text,
            cb,
            enabled=not busy,
            reason="En cours…",
            object_id="#small",
        )
        x += bw + 6
    b.space(BUTTON_H + 12)


def documents_panels(ctx: DocumentsContext, area: pygame.Rect) -> list[Panel]:
    """The list of rows (left or top) and what was done (right or bottom)."""
    wide = area.width >= 1200
    if wide:
        split = area.width * 11 // 20
        rows = pygame.Rect(area.x, area.y, split - 4, area.height)
        done = pygame.Rect(area.x + split + 4, area.y, area.width - split - 4, area.height)
    else:
        done_h = min(230, area.height // 2)
        rows = pygame.Rect(area.x, area.y, area.width, area.height - done_h - 8)
        done = pygame.Rect(area.x, rows.bottom + 8, area.width, done_h)
    b = PanelBuilder("docs", rows, "Débrief et documents", scroll=ctx.scroll.get("docs", 0))
    _doc_row(b, ctx, "Tout l'atelier (une page ou un fichier pour toutes les tables)", None)
    for table_id, label in ctx.tables:
        _doc_row(b, ctx, label, table_id)
    return [b.done(), _results_panel(ctx, done)]


def _results_panel(ctx: DocumentsContext, rect: pygame.Rect) -> Panel:
    link = next((r.link for r in ctx.results if r.link), "")
    footer = BUTTON_H + 8 if link else 0
    name = "docs-done"
    b = PanelBuilder(name, rect, "Liens et fichiers", scroll=ctx.scroll.get(name, 0), footer=footer)
    if not ctx.results:
        b.wrapped(
            "Le débrief s'ouvre dans le navigateur ; son lien s'affiche ici pour le coller "
            "dans un e-mail. Les documents sont enregistrés dans votre dossier Documents.",
            13,
            MUTED,
            italic=True,
        )
    for r in ctx.results:
        b.wrapped(r.text, 13, BAD if r.failed else INK, bold=True, gap=1)
        for line in url_lines(r.link, 13, b.width):
            b.text_at(line, (b.x, b.y), 13, INK)
            b.space(font(13).get_linesize())
        b.space(8)
    if link:
        text = "Copier le dernier lien"
        bw = label_width(text, "#primary")
        rect_b = pygame.Rect(b.foot.x, b.foot.y + 4, bw, BUTTON_H)
        b.fixed_button("doc:copy", rect_b, text, ctx.do.copy_link, object_id="#primary")
    return b.done()


# --- « Nouvel atelier » --------------------------------------------------------------------
class FormControls(Protocol):
    def form_pick(self, scenario: str) -> None: ...
    def form_tables(self, delta: int) -> None: ...
    def form_submit(self) -> None: ...
    def back(self) -> None: ...


@dataclass(frozen=True)
class FormContext:
    #: (folder name, title) of each bundled pack
    packs: Sequence[tuple[str, str]]
    scenario: str
    tables: int
    message: str
    failed: bool
    busy: bool
    local: bool
    do: FormControls


def form_panel(ctx: FormContext, area: pygame.Rect) -> Panel:
    """The form, centred in `area`."""
    w = min(760, area.width)
    frame = pygame.Rect(area.x + (area.width - w) // 2, area.y, w, area.height)
    where = "dans cette console (sans serveur)" if ctx.local else "sur le serveur"
    b = PanelBuilder("new", frame, f"Nouvel atelier — ouvert {where}", footer=BUTTON_H + 14)
    b.wrapped("Scénario", 15, bold=True, gap=4)
    for name, title in ctx.packs:
        chosen = name == ctx.scenario
        text = title
        while label_width(text, "#chosen") > b.width and len(text) > 12:
            text = text[:-2].rstrip() + "…"
        rect = pygame.Rect(b.x, b.y, min(b.width, label_width(text, "#chosen")), BUTTON_H)
        oid = "#chosen" if chosen else "#small"
        b.button(f"new:pack:{name}", rect, text, partial(ctx.do.form_pick, name), object_id=oid)
        b.space(BUTTON_H + 4)
    b.space(8)
    b.wrapped("Nombre de tables", 15, bold=True, gap=4)
    minus = pygame.Rect(b.x, b.y, 44, BUTTON_H)
    b.button("new:fewer", minus, "−", partial(ctx.do.form_tables, -1), enabled=ctx.tables > 1,
             reason="Au moins une table.")  # fmt: skip
    b.text_at(str(ctx.tables), (b.x + 58, b.y + 2), 22, INK, bold=True)
    plus = pygame.Rect(b.x + 100, b.y, 44, BUTTON_H)
    b.button("new:more", plus, "+", partial(ctx.do.form_tables, 1),
             enabled=ctx.tables < MAX_TABLES, reason=f"Au plus {MAX_TABLES} tables.")  # fmt: skip
    b.space(BUTTON_H + 12)
    b.wrapped("Noms des tables (facultatif), séparés par des virgules :", 15, bold=True, gap=4)
    b.entry("new:names", pygame.Rect(b.x, b.y, b.width, 34), "", "Les Bleus, Les Verts, …")
    b.space(40)
    b.wrapped("Sans noms, les tables s'appellent « Table 1 », « Table 2 »…", 13, MUTED)
    if ctx.message:
        b.space(6)
        b.wrapped(ctx.message, 14, BAD if ctx.failed else INK, bold=True)
    foot = b.foot
    cancel = "Annuler (Échap)"
    cw = label_width(cancel, None)
    b.fixed_button("new:cancel", pygame.Rect(foot.x, foot.y + 6, cw, BUTTON_H), cancel,
                   ctx.do.back, hotkey=pygame.K_ESCAPE)  # fmt: skip
    go = "Ouverture…" if ctx.busy else "Ouvrir l'atelier"
    gw = label_width("Ouvrir l'atelier", "#primary") + 20
    b.fixed_button("new:open", pygame.Rect(foot.right - gw, foot.y + 6, gw, BUTTON_H), go,
                   ctx.do.form_submit, enabled=not ctx.busy and bool(ctx.scenario),
                   reason="Choisissez un scénario.", object_id="#primary")  # fmt: skip
    return b.done()
