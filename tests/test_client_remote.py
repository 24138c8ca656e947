"""Networked sessions against a real server: two screens, rejoin, server restart, console."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

from client_net_fixtures import Opened, ThreadedServer, opened, threaded_server, token_file, until

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.table import TableScene
from game.client.sessions.remote import RemoteSession
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.engine.actions import AdvancePhase, StartGame
from game.engine.phase import Phase

__all__ = ["opened", "threaded_server", "token_file"]
PACKS = Path(__file__).parent / "packs"


def seated(
    server: ThreadedServer, code: str, seat: str | None, opened: Opened, token: str | None = None
) -> RemoteSession:
    """A RemoteSession that has joined `seat` (its first view arrived)."""
    s = RemoteSession(server.url, code, name=f"Joueur {seat}", seat=seat, token=token).start()
    opened.append(s)
    until(lambda: s.view is not None or s.refusal is not None, s.poll)
    assert s.refusal is None, s.refusal
    return s


def console(server: ThreadedServer, token: str, opened: Opened) -> RemoteFacilitatorSession:
    f = RemoteFacilitatorSession(server.url, token, pack_roots=[PACKS]).start()
    opened.append(f)
    until(lambda: f.ready, f.poll)
    return f


def control(
    f: RemoteFacilitatorSession, table_id: str, action: object, phase: Phase, *seats: RemoteSession
) -> None:
    """A facilitator action, then wait until every seat's view shows `phase`."""
    f.control(table_id, action)  # type: ignore[arg-type]
    for s in seats:
        until(lambda s=s: s.view is not None and s.view.phase == phase, s.poll)


def test_a_vote_clicked_on_one_screen_appears_in_the_other_clients_view(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # The DPO's screen shows the table; the DGS proposes a card; the DPO clicks « Pour »:
    # the DGS's client now holds the DPO's vote in its view.
    ws = threaded_server.workshop()
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    dgs = seated(threaded_server, code, "dgs", opened)
    dpo = seated(threaded_server, code, "dpo", opened)
    f = console(threaded_server, ws.facilitator_token, opened)
    control(f, table_id, StartGame(), Phase.EVENEMENT, dgs, dpo)
    control(f, table_id, AdvancePhase(), Phase.PROPOSITIONS, dgs, dpo)
    assert dgs.view is not None
    propose = next(a for a in dgs.view.legal_actions if a.type == "propose")
    dgs.send(propose)
    until(lambda: dpo.view is not None and len(dpo.view.proposals) == 1, dpo.poll)
    control(f, table_id, AdvancePhase(), Phase.VOTE, dgs, dpo)
    app = App((1280, 800))
    app.switch(TableScene(dpo))
    d = Driver(app)
    d.frames(2)
    d.click("vote:0:pour")
    until(lambda: dgs.view is not None and "dpo" in dgs.view.proposals[0].votes, dgs.poll)
    assert dgs.view.proposals[0].votes["dpo"].choice == "pour"  # type: ignore[union-attr]
    d.frames(2)
    app.screenshot(Path(__file__).parent / "screenshots" / "remote_vote_1280.png")


def test_a_restarted_client_takes_back_its_seat_with_its_token(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # The élu·e closes the game and opens it again with the token it was given:
    # same seat, same view version (nothing was played meanwhile).
    ws = threaded_server.workshop()
    code = ws.tables[0].code
    first = seated(threaded_server, code, "elu", opened)
    token, version = first.token, first.version
    first.close()
    again = seated(threaded_server, code, None, opened, token=token)
    assert (again.seat, again.version, again.token) == ("elu", version, token)


def test_a_refused_action_comes_back_as_a_french_message(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # In the lobby, sending a vote is refused: the screen gets the server's French reason.
    ws = threaded_server.workshop()
    dgs = seated(threaded_server, ws.tables[0].code, "dgs", opened)
    from game.engine.actions import Vote

    dgs.send(Vote(seat="dgs", proposal=0, choice="pour"))  # type: ignore[arg-type]
    messages: list[str] = []
    until(lambda: bool(messages), lambda: messages.extend(dgs.poll()))
    assert messages == ["Action refusée : on ne vote qu'en phase de vote"]


def test_a_facilitator_notice_reaches_the_table_screens(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # The facilitator types « Pause café : 10 min » for every table: the DRH's screen shows it.
    ws = threaded_server.workshop()
    drh = seated(threaded_server, ws.tables[0].code, "drh", opened)
    f = console(threaded_server, ws.facilitator_token, opened)
    f.notice("Pause café : 10 min")
    until(lambda: "Pause café : 10 min" in drh.notices, drh.poll)
    sent: list[str] = []
    until(lambda: "Message envoyé." in sent, lambda: sent.extend(f.poll()))


def test_a_client_rejoins_by_itself_when_the_server_restarts(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # The server process restarts mid-game: the DPO's screen says « reconnexion… », then
    # rejoins its seat and shows what the facilitator did after the restart.
    ws = threaded_server.workshop()
    dpo = seated(threaded_server, ws.tables[0].code, "dpo", opened)
    threaded_server.stop()
    until(lambda: dpo.status == "reconnexion…", dpo.poll)
    threaded_server.restart()
    until(lambda: dpo.status == "connecté", dpo.poll)
    assert dpo.seat == "dpo"
    f = console(threaded_server, ws.facilitator_token, opened)
    control(f, ws.tables[0].table_id, StartGame(), Phase.EVENEMENT, dpo)


def test_the_remote_console_starts_every_table_with_one_click(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # Two tables on the console; « Démarrer toutes » moves both to the event phase.
    ws = threaded_server.workshop(tables=2)
    f = console(threaded_server, ws.facilitator_token, opened)
    app = App((1280, 800))
    app.switch(FacilitatorScene(f))
    d = Driver(app)
    d.frames(2)
    d.click("all:start")
    until(lambda: all(t.view.phase == Phase.EVENEMENT for t in f.tables), d.frames)
    assert [t.code for t in f.tables] == [t.code for t in ws.tables]
    app.screenshot(Path(__file__).parent / "screenshots" / "remote_console_1280.png")


def test_the_remote_console_prints_card_texts_from_the_server_pack(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # No local copy of the pack: the console still reads the DPO's title and the
    # event titles, fetched once from GET /api/workshops/{id}/pack.
    ws = threaded_server.workshop(tables=1)
    f = RemoteFacilitatorSession(threaded_server.url, ws.facilitator_token, pack_roots=[]).start()
    opened.append(f)
    until(lambda: f.ready, f.poll)
    assert f.texts.role_title("dpo") == "DPO"
    assert f.texts.title_of("baisse-dotation") == "Baisse de la dotation"
