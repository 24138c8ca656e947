"""The server's hand-built JSON texts are exactly what the protocol models would print.

The hub builds `view` and `summary` texts from cached pieces instead of dumping
a wrapper model per message; a client decoding them must not see a difference.
"""

from __future__ import annotations

import random
from pathlib import Path

from game.bots import BOTS
from game.engine import Phase
from game.engine.actions import OccupySeat, PhaseTimeout
from game.protocol import ViewMessage, WorkshopSummary
from server.hub import Hub
from server.scenarios import ScenarioLibrary
from server.store import SqliteStore

ROOT = Path(__file__).resolve().parent.parent


def _hub(tmp_path: Path) -> Hub:
    library = ScenarioLibrary((ROOT / "scenarios", ROOT / "tests" / "packs"))
    return Hub(SqliteStore(tmp_path / "capia.sqlite3"), library, sio=None)  # type: ignore[arg-type]


def test_view_text_is_the_view_message_dump_at_every_step_of_a_game(tmp_path: Path) -> None:
    # A whole bot game of ville-moyenne: after every action, each seat's `view` text
    # (one by one, and all seats at once as broadcast builds them) and the
    # facilitator's equal ViewMessage(...).model_dump_json() byte for byte.
    hub = _hub(tmp_path)
    ref = hub.create_workshop("ville-moyenne", 1, seed=3).tables[0]
    host = hub.host(ref.table_id)
    assert host is not None
    for i, role in enumerate(host.roles):
        host.commit(hub.store, OccupySeat(seat=role, at=1.0), action_id=f"occupy{i}")
    rng, bot, clock = random.Random(3), BOTS["greedy"], 2.0
    while host.state.phase is not Phase.FIN:
        actions = [a for r in host.roles if (a := bot(host.state, r, rng)) is not None]
        clock += 1.0
        if actions:
            action = rng.choice(actions).model_copy(update={"at": clock})
        else:
            clock = max(clock, host.state.timer.deadline or clock)
            action = PhaseTimeout(at=clock)
        host.commit(hub.store, action, action_id=f"a{host.version}")
        texts = host.view_texts(list(host.roles))
        for role in (*host.roles, None):
            expected = ViewMessage(table_id=host.id, version=host.version, view=host.view(role))
            assert host.view_json(role) == expected.model_dump_json()
            assert role is None or texts[role] == expected.model_dump_json()


def test_summary_text_is_the_workshop_summary_dump(tmp_path: Path) -> None:
    # A workshop of three tables, one of them changed: the summary text the
    # facilitator receives equals WorkshopSummary(...).model_dump_json().
    hub = _hub(tmp_path)
    ws = hub.create_workshop("mini", 3, seed=5)
    host = hub.host(ws.tables[1].table_id)
    assert host is not None
    host.commit(hub.store, OccupySeat(seat=host.roles[0], name="Zoé", at=1.0), action_id="x")
    text = hub.workshop_summary_json(ws.workshop_id)
    assert text == hub.workshop_summary(ws.workshop_id).model_dump_json()
    assert WorkshopSummary.model_validate_json(text).tables[1].seats[0].name == "Zoé"
