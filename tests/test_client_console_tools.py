"""The console's workshop tools against a real server on 127.0.0.1: « Nouvel atelier »
opens a workshop the server lists, « Codes et QR » draws each table's join URL and its QR
code, the debrief buttons open a signed link the server answers, the documents are saved
and reopen; a local console does the same in-process, and says codes need a server."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import csv
import io
import urllib.request
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from client_net_fixtures import ThreadedServer, threaded_server, token_file, until
from layout_checks import problems
from odfdo import Document as OdtDocument

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.facilitator import FacilitatorScene
from game.client.sessions.local import LocalWorkshop
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.join_qr import join_qr_png
from game.local_config import save_admin_token
from game.scenario import load_pack
from game.workshop_client import list_workshops, workshop_access

__all__ = ["threaded_server", "token_file"]
PACKS = Path(__file__).parent / "packs"
SIZES = [(1024, 640), (1280, 800), (1920, 1080)]


@pytest.fixture(autouse=True)
def places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own config folder (no admin token yet) and export folder."""
    monkeypatch.setenv("CAPIA_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("CAPIA_EXPORT_DIR", str(tmp_path / "exports"))
    return tmp_path / "exports"


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    urls: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: urls.append(url) or True)
    return urls


@pytest.fixture
def console(threaded_server: ThreadedServer) -> Iterator[tuple[App, Driver, ThreadedServer]]:
    ws = threaded_server.workshop(tables=2)
    f = RemoteFacilitatorSession(threaded_server.url, ws.facilitator_token, pack_roots=[PACKS])
    f.start()
    until(lambda: f.ready, f.poll)
    app = App((1280, 800))
    app.switch(FacilitatorScene(f))
    d = Driver(app)
    d.frames(2)
    yield app, d, threaded_server
    scene = app.scene
    getattr(scene, "session", f).close()
    f.close()


def _scene(app: App) -> FacilitatorScene:
    assert isinstance(app.scene, FacilitatorScene)
    return app.scene


def _settle(d: Driver) -> None:
    """Run frames until the console's jobs are done and their results shown."""
    until(lambda: not _scene(d.app).jobs.busy, d.frames)
    d.frames(2)


def _texts(app: App, prefix: str = "") -> list[str]:
    return [t for p in _scene(app).panels if p.name.startswith(prefix) for t in p.texts]


def test_new_workshop_opens_one_the_server_lists(
    console: tuple[App, Driver, ThreadedServer],
) -> None:
    app, d, server = console
    save_admin_token(server.live.admin_token or "")
    d.click("ws:new")
    d.click("new:pack:decouverte")
    d.click("new:more")
    entry = _scene(app).entries["new:names"]
    d.click_at(entry.rect.center)
    d.type_text("Les Bleus, Les Verts, Les Rouges")
    d.click("new:open")

    def opened() -> bool:
        summary = getattr(getattr(app.scene, "session", None), "summary", None)
        return summary is not None and summary.scenario == "decouverte"

    until(opened, d.frames)  # the connect scene polls the new session
    listed = list_workshops(server.url, server.live.admin_token)
    new = next(w for w in listed.workshops if w.scenario == "decouverte")
    assert [t.name for t in new.tables] == ["Les Bleus", "Les Verts", "Les Rouges"]
    # the new console names its tables as given, in the documents' rows
    until(lambda: getattr(app.scene, "access", None) is not None, d.frames)
    d.click("ws:documents")
    rows = [t for t in _texts(app, "docs") if t.startswith("Table ")]
    assert [r.split(" — ")[-1] for r in rows] == ["Les Bleus", "Les Verts", "Les Rouges"]
    assert app.scene.session.workshop == new.workshop_id  # type: ignore[union-attr]
    # and each tile says its table's name under « Table 1 · CODE »
    d.click("ws:documents")  # back to the tiles
    until(lambda: "« Les Verts »" in _texts(app, "tile:"), d.frames)


def test_new_workshop_without_admin_token_says_how_to_get_one(
    console: tuple[App, Driver, ThreadedServer],
) -> None:
    app, d, _ = console
    d.click("ws:new")
    d.click("new:open")
    _settle(d)
    said = " ".join(_texts(app, "new"))
    assert "capia admin-token --reset" in said
    assert problems(app) == []


def test_codes_view_draws_each_url_and_its_qr_code(
    console: tuple[App, Driver, ThreadedServer],
) -> None:
    app, d, server = console
    scene = _scene(app)
    wid = scene.session.summary.workshop_id  # type: ignore[attr-defined]
    access = workshop_access(server.url, scene.session.token, wid)  # type: ignore[attr-defined]
    d.key(ord("q"), "q")
    _settle(d)
    assert scene.access is not None
    for t, got in zip(access.tables, scene.access.tables, strict=True):
        assert got.png == join_qr_png(t.join_url)
        card = scene.panel(f"code:{t.table_id}")
        assert card is not None
        assert f"Code : {t.code}" in card.texts
        assert t.join_url in "".join(card.texts)
    for size in SIZES:
        app.resize(size)
        d.frames(1)
        assert problems(app) == [], size
    d.click("codes:back")
    d.click(f"{access.tables[1].table_id}:qr")
    assert [p.name for p in scene.panels if p.name.startswith("code:")] == [
        f"code:{access.tables[1].table_id}"
    ]


def test_debrief_buttons_open_links_the_server_answers(
    console: tuple[App, Driver, ThreadedServer], opened_urls: list[str]
) -> None:
    app, d, _ = console
    scene = _scene(app)
    table = scene.session.tables[0].table_id
    d.click("ws:documents")
    d.click("doc:debrief:all")
    d.click(f"doc:debrief:{table}")
    _settle(d)
    assert len(opened_urls) == 2
    for url in opened_urls:
        with urllib.request.urlopen(url, timeout=10) as r:
            assert r.status == 200
            assert "<html" in r.read().decode("utf-8").lower()
        assert url in "".join(_texts(app, "docs-done"))
    d.click("doc:copy")  # no clipboard under the dummy driver: it says so, nothing breaks
    assert problems(app) == []


def _reopen(path: Path) -> str:
    """The text of a saved document, read by the library an office suite would use."""
    if path.suffix == ".odt":
        return str(OdtDocument(str(path)).body.text_recursive)
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
    return "\n".join(";".join(r) for r in rows)


def test_exports_are_saved_and_reopen(
    console: tuple[App, Driver, ThreadedServer], places: Path
) -> None:
    app, d, _ = console
    table = _scene(app).session.tables[1].table_id
    d.click("ws:documents")
    for key in ("doc:odt:all", f"doc:docx:{table}", "doc:csv:all"):
        d.click(key)
    _settle(d)
    saved = sorted(places.iterdir())
    assert sorted(p.suffix for p in saved) == [".csv", ".docx", ".odt"]
    for path in saved:
        assert _reopen(path)
        assert str(path) in "".join(_texts(app, "docs-done"))


def test_a_local_console_builds_debrief_and_documents_in_process(
    opened_urls: list[str], places: Path
) -> None:
    workshop = LocalWorkshop(load_pack(PACKS / "mini"), tables=2, names=["Les Bleus"])
    app = App((1024, 640))
    app.switch(FacilitatorScene(workshop))
    d = Driver(app)
    d.frames(1)
    d.click("ws:codes")
    assert "demandent un serveur" in " ".join(_texts(app))
    assert "capia serve" in " ".join(_texts(app))
    d.click("codes:back")
    d.click("ws:documents")
    d.click("doc:debrief:table-1")
    d.click("doc:odt:all")
    _settle(d)
    assert opened_urls and opened_urls[0].startswith("file://")
    page = Path(urllib.request.url2pathname(opened_urls[0].removeprefix("file://")))
    assert "Les Bleus" in page.read_text("utf-8")
    (odt,) = places.glob("*.odt")
    assert "Les Bleus" in _reopen(odt) and "Table 2" in _reopen(odt)
    assert problems(app) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("tables", [1, 6])
def test_the_new_views_fit(size: tuple[int, int], tables: int) -> None:
    workshop = LocalWorkshop(load_pack(PACKS.parent.parent / "scenarios" / "decouverte"),
                             tables=tables)  # fmt: skip
    app = App(size)
    app.switch(FacilitatorScene(workshop))
    d = Driver(app)
    d.frames(1)
    assert problems(app) == []
    for view in ("ws:new", "ws:documents", "ws:codes"):
        d.click(view)
        assert problems(app) == [], view
        d.key(27)  # Échap: back to the tables
        assert _scene(app).mode == "tables"


def test_facilitate_without_token_finds_the_newest_open_workshop(
    threaded_server: ThreadedServer,
) -> None:
    from game.client.sessions.workshop_tools import newest_workshop

    said = newest_workshop(threaded_server.url)
    assert isinstance(said, str) and "capia admin-token --reset" in said
    save_admin_token(threaded_server.live.admin_token or "")
    said = newest_workshop(threaded_server.url)
    assert isinstance(said, str) and "capia workshop new" in said
    threaded_server.workshop()
    newer = threaded_server.workshop(tables=2)
    assert newest_workshop(threaded_server.url) == (newer.facilitator_token, newer.workshop_id)


def test_new_workshop_in_a_local_console_opens_a_local_one() -> None:
    workshop = LocalWorkshop(load_pack(PACKS / "mini"), tables=1)
    app = App((1280, 800))
    app.switch(FacilitatorScene(workshop))
    d = Driver(app)
    d.frames(1)
    d.click("ws:new")
    d.click("new:pack:decouverte")
    d.click("new:more")
    d.click_at(_scene(app).entries["new:names"].rect.center)
    d.type_text("Nord, Sud, Est")
    d.click("new:open")
    assert "3 nom(s) pour 2 table(s)" in " ".join(_texts(app, "new"))
    d.click("new:more")
    d.click("new:open")
    until(lambda: _scene(app).session is not workshop, d.frames)
    new = _scene(app).session
    assert isinstance(new, LocalWorkshop) and new.pack.scenario.id == "decouverte"
    assert list(new.names.values()) == ["Nord", "Sud", "Est"]
