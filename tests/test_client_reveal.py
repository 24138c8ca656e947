"""A networked screen reads what the rules reveal from its views: the pack it joins with
has no event, dilemma nor expert view, and the screen still shows each in its time."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

from client_net_fixtures import Opened, ThreadedServer, opened, threaded_server, token_file, until
from test_client_remote import console, control, seated

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.panels.dilemma import decided_lines, expert_text
from game.client.scenes.panels.summaries import event_lines
from game.client.scenes.table import TableScene
from game.engine.actions import AdvancePhase, ChooseOption, Propose, StartGame, Vote
from game.engine.phase import Phase
from game.scenario import load_pack

__all__ = ["opened", "threaded_server", "token_file"]
MINI = load_pack(Path(__file__).parent / "packs" / "mini")


def test_a_remote_screen_shows_the_event_the_dilemma_then_the_expert_view(
    threaded_server: ThreadedServer, opened: Opened
) -> None:
    # The DPO's screen knows no event nor dilemma on joining. The event drawn shows its
    # text; the chatbot's dilemma shows its situation and options; the « regard
    # d'expert » appears once the table has decided, not before.
    ws = threaded_server.workshop()
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    dgs = seated(threaded_server, code, "dgs", opened)
    dpo = seated(threaded_server, code, "dpo", opened)
    assert dpo.texts.events == {} and dpo.texts.dilemmas == {}
    f = console(threaded_server, ws.facilitator_token, opened)
    control(f, table_id, StartGame(), Phase.EVENEMENT, dgs, dpo)
    assert dpo.view is not None
    texts = {e.id: e.text for e in MINI.events}
    shown = [text for text, head in event_lines(dpo.view, dpo.texts) if not head]
    assert shown == [texts[e] for e in dpo.view.current_events] and shown
    control(f, table_id, AdvancePhase(), Phase.PROPOSITIONS, dgs, dpo)
    dgs.send(Propose(seat="dgs", card="chatbot-usagers", vector="importee"))
    until(lambda: dpo.view is not None and len(dpo.view.proposals) == 1, dpo.poll)
    control(f, table_id, AdvancePhase(), Phase.VOTE, dgs, dpo)
    for s in (dgs, dpo):
        s.send(Vote(seat=s.seat or "", proposal=0, choice="pour"))
    until(lambda: dgs.view is not None and len(dgs.view.proposals[0].votes) == 2, dgs.poll)
    control(f, table_id, AdvancePhase(), Phase.DILEMMES, dgs, dpo)
    app = App((1280, 800))
    scene = TableScene(dpo)
    app.switch(scene)
    d = Driver(app)
    d.frames(2)
    dilemma = next(x for x in MINI.dilemmas if x.id == "mention-ia")
    assert dpo.texts.dilemmas["mention-ia"]["situation"] == dilemma.situation
    assert dpo.texts.option_label("mention-ia", "annoncer") == dilemma.options[0].label
    assert all(expert_text(dpo.texts, x) == "" for x in dpo.view.dilemmas)
    index = next(x.index for x in dpo.view.dilemmas if x.dilemma == "mention-ia")
    for s in (dgs, dpo):
        s.send(ChooseOption(seat=s.seat or "", dilemma=index, option="annoncer"))
    until(lambda: dgs.view is not None and len(dgs.view.dilemmas[index].votes) == 2, dgs.poll)
    control(f, table_id, AdvancePhase(), Phase.RESOLUTION, dgs, dpo)
    d.frames(2)
    lines = decided_lines(dpo.texts, dpo.view.dilemmas[index])
    assert (f"Regard d'expert — {dilemma.title}", True) in lines
    assert (dilemma.expert_view, False) in lines
    app.screenshot(Path(__file__).parent / "screenshots" / "remote_expert_view_1280.png")
