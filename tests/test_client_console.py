"""The console names tables « Table 1 · CODE », shows each one's state; the tables keep the
facilitator's message until read, say when their seat was taken or the server went away."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pytest
from client_net_fixtures import Opened, ThreadedServer, opened, threaded_server, token_file, until
from layout_checks import problems

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalWorkshop
from game.client.sessions.remote import RemoteSession
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.engine import legal_actions
from game.engine.actions import AdvancePhase, Ready, StartGame
from game.scenario import load_pack

__all__ = ["opened", "threaded_server", "token_file"]
PACKS = Path(__file__).parent / "packs"


def _texts(scene: object) -> list[str]:
    return [t for p in getattr(scene, "panels", ()) for t in p.texts]


def test_each_tile_shows_phase_time_budget_proposals_votes_readiness_and_dilemma() -> None:
    workshop = LocalWorkshop(load_pack(PACKS / "mini"), tables=2, clock=lambda: 1000.0)
    for t in workshop.tables:
        workshop.control(t.table_id, StartGame())
        workshop.control(t.table_id, AdvancePhase())
    log = workshop.logs["table-1"]
    propose = next(a for a in legal_actions(log.state, "dgs") if a.type == "propose")
    workshop.control("table-1", propose)
    workshop.control("table-1", Ready(seat="dpo"))
    app = App((1280, 800))
    app.switch(FacilitatorScene(workshop))
    Driver(app).frames(1)
    tile = next(p for p in app.scene.panels if p.name == "tile:table-1")  # type: ignore[union-attr]
    assert tile.title_lines == ("Table 1 · LOCAL1",)
    text = "\n".join(tile.texts)
    assert "Tour 1 / 3 · Propositions · " in text and "restantes" in text
    assert "Budget : " in text and "Propositions (1)" in text
    assert "DPO : prêt·e" in text and "DGS : pas encore prêt·e" in text


def test_the_projection_names_tables_by_number_and_code() -> None:
    workshop = LocalWorkshop(load_pack(PACKS / "mini"), tables=2, clock=lambda: 1000.0)
    app = App((1280, 800))
    app.switch(FacilitatorScene(workshop))
    d = Driver(app)
    d.frames(1)
    d.click("projection")
    titles = [p.title_lines for p in app.scene.panels if p.name.startswith("wall:")]  # type: ignore[union-attr]
    assert titles == [("Table 1 · LOCAL1",), ("Table 2 · LOCAL2",)]


def _seated(server: ThreadedServer, code: str, seat: str, opened: Opened, token: str | None = None):  # type: ignore[no-untyped-def]
    s = RemoteSession(server.url, code, name=seat, seat=seat, token=token).start()
    opened.append(s)
    until(lambda: s.view is not None or s.refusal is not None, s.poll)
    return s


def _screen(session: RemoteSession) -> tuple[App, Driver]:
    app = App((1280, 800))
    app.switch(TableScene(session))
    d = Driver(app)
    d.frames(2)
    return app, d


def test_a_facilitator_message_stays_until_read_and_stays_in_the_feed(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # « Pause café : 10 min » is a band with « J'ai lu » however long it stays up; once
    # read, the band goes and the table's feed still has it.
    ws = threaded_server.workshop()
    drh = _seated(threaded_server, ws.tables[0].code, "drh", opened)
    f = RemoteFacilitatorSession(threaded_server.url, ws.facilitator_token, pack_roots=[PACKS])
    opened.append(f.start())
    until(lambda: f.ready, f.poll)
    app, d = _screen(drh)
    f.notice("Pause café : 10 min")
    until(lambda: "banner:notice" in app.scene.buttons, d.frames)  # type: ignore[union-attr]
    d.frames(120)
    assert "banner:notice" in app.scene.buttons  # type: ignore[union-attr]
    d.click("banner:notice")
    assert "banner:notice" not in app.scene.buttons  # type: ignore[union-attr]
    assert "• Message de l'animation : Pause café : 10 min" in _texts(app.scene)


def test_a_seat_taken_elsewhere_says_so_and_can_be_taken_back(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    ws = threaded_server.workshop()
    first = _seated(threaded_server, ws.tables[0].code, "dpo", opened)
    app, d = _screen(first)
    second = _seated(threaded_server, ws.tables[0].code, "dpo", opened, token=first.token)
    until(lambda: "banner:seat" in app.scene.buttons, d.frames)  # type: ignore[union-attr]
    first.send(Ready(seat="dpo"))
    d.frames(1)
    assert any("Action non envoyée" in m for m, _ in app.scene.toasts)  # type: ignore[union-attr]
    d.click("banner:seat")
    until(lambda: second.seat_lost and not first.seat_lost, lambda: (d.frames(), second.poll()))
    until(lambda: "banner:seat" not in app.scene.buttons, d.frames)  # type: ignore[union-attr]


def test_a_server_gone_is_shown_and_nothing_is_queued_silently(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    ws = threaded_server.workshop()
    dgs = _seated(threaded_server, ws.tables[0].code, "dgs", opened)
    app, d = _screen(dgs)
    threaded_server.stop()
    until(lambda: "banner:net" in [p.name for p in app.scene.panels], d.frames)  # type: ignore[union-attr]
    dgs.send(Ready(seat="dgs"))
    d.frames(1)
    assert any("hors connexion" in m for m, _ in app.scene.toasts)  # type: ignore[union-attr]
    assert dgs._pending == {}


def test_the_console_says_at_once_that_the_server_is_gone(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    ws = threaded_server.workshop(tables=2)
    f = RemoteFacilitatorSession(threaded_server.url, ws.facilitator_token, pack_roots=[PACKS])
    opened.append(f.start())
    until(lambda: f.ready, f.poll)
    app = App((1280, 800))
    app.switch(FacilitatorScene(f))
    d = Driver(app)
    d.frames(2)
    titles = [p.title_lines[0] for p in app.scene.panels if p.name.startswith("tile:")]  # type: ignore[union-attr]
    assert titles == [f"Table {i + 1} · {t.code}" for i, t in enumerate(ws.tables)]
    threaded_server.stop()
    until(lambda: any("Serveur injoignable" in t for t in _texts(app.scene)), d.frames)
    d.click("all:start")
    assert "Hors connexion : rien n'a été envoyé." in app.scene.toasts  # type: ignore[union-attr]


@pytest.mark.parametrize("size", [(1024, 640), (1280, 800), (1920, 1080)])
@pytest.mark.parametrize("tables", [1, 4, 8])
def test_the_console_never_overlaps_nor_cuts_a_label(size: tuple[int, int], tables: int) -> None:
    # Tiles, tools and projection at three sizes, from one to eight tables, with votes on.
    workshop = LocalWorkshop(
        load_pack(PACKS.parent.parent / "scenarios" / "ville-moyenne"), tables=tables
    )
    for t in workshop.tables:
        workshop.control(t.table_id, StartGame())
        workshop.control(t.table_id, AdvancePhase())
    log = workshop.logs["table-1"]
    for seat in ("dgs", "dpo"):
        workshop.control(
            "table-1", next(a for a in legal_actions(log.state, seat) if a.type == "propose")
        )
    workshop.control("table-1", AdvancePhase())
    app = App(size)
    app.switch(FacilitatorScene(workshop))
    d = Driver(app)
    d.frames(1)
    assert problems(app) == []
    d.click("projection")
    assert problems(app) == []
