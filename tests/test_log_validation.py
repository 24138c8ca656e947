"""`model_copy(update=…)` skips validation: an action built that way (a 2 000-character
justification) never gets into a log, whichever path writes it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pydantic import ValidationError
from report_helpers import mini_pack

from game.client.sessions.local import LocalSession
from game.engine import Action, legal_actions, parse_action
from game.engine.actions import (
    AdvancePhase,
    ChooseOption,
    LeaveSeat,
    OccupySeat,
    PhaseTimeout,
    Propose,
    Ready,
    StartGame,
    Vote,
    VoteChoice,
)
from game.log import GameLog, revised
from game.scenario.models import VectorType
from server.hub import Hub
from server.scenarios import ScenarioLibrary
from server.store import SqliteStore

ROOT = Path(__file__).resolve().parent.parent
LONG = "x" * 2000


def _voting_log() -> GameLog:
    """A mini game in its vote phase with the DGS's proposal n° 0 on the table."""
    log = GameLog.new(mini_pack(), seed=5, seats=["dgs", "dpo"])
    for action in (StartGame(), AdvancePhase(), Propose(seat="dgs", card="cartographie")):
        log.append(action)
    log.append(Ready(seat="dgs"))
    log.append(Ready(seat="dpo"))
    return log


def _unchecked_vote() -> Vote:
    vote = Vote(seat="dpo", proposal=0, choice=VoteChoice.POUR)
    return vote.model_copy(update={"justification": LONG})  # what no writer may do


def test_revised_validates_what_model_copy_does_not() -> None:
    vote = Vote(seat="dpo", proposal=0, choice=VoteChoice.POUR)
    assert revised(vote, justification="Oui.", at=3.0) == Vote(
        seat="dpo", proposal=0, choice=VoteChoice.POUR, justification="Oui.", at=3.0
    )
    with pytest.raises(ValidationError):
        revised(vote, justification=LONG)


def test_revised_gives_what_validating_the_dumped_action_gives() -> None:
    # every action type, stamped: same values and same fields set as re-validating
    # its model_dump (what revised did before it read the fields directly)
    state = _voting_log().state
    samples: list[Action] = [
        *legal_actions(state, "dpo"),
        *legal_actions(state, None),
        Propose(seat="dgs", card="x", vector=VectorType.INTERNE),
        Propose(seat="dgs", card="levier"),
        ChooseOption(seat="dgs", dilemma=1, option="a", justification="Parce que."),
        OccupySeat(seat="dgs", name="Camille"),
        LeaveSeat(seat="dgs"),
        PhaseTimeout(at=4.0),
    ]
    for action in samples:
        said = {"justification": "Oui."} if "justification" in action.__dict__ else {}
        for changes in ({"at": 12.5}, {"at": 3.0, **said}):
            got = revised(action, **changes)
            want = parse_action({**action.model_dump(), **changes})
            assert got == want
            assert got.__pydantic_fields_set__ == want.__pydantic_fields_set__


def test_a_game_log_refuses_an_unchecked_action() -> None:
    log = _voting_log()
    before = log.to_jsonl()
    with pytest.raises(ValidationError):
        log.append(_unchecked_vote())
    assert log.to_jsonl() == before


def test_the_hot_seat_session_refuses_it_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "partie.jsonl"
    session = LocalSession(mini_pack(), seats=["dgs", "dpo"], log_path=path)
    session.log = _voting_log()
    session.send(_unchecked_vote())
    assert any("trop long" in m for m in session.poll())
    assert LONG not in (path.read_text(encoding="utf-8") if path.exists() else "")


async def test_the_server_store_refuses_it(tmp_path: Path) -> None:
    # TableHost.commit is where every server action is written: nothing is stored.
    db = tmp_path / "capia.sqlite3"
    library = ScenarioLibrary((ROOT / "tests" / "packs",))
    hub = Hub(SqliteStore(db), library, sio=None)  # type: ignore[arg-type]
    table = (await hub.create_workshop("mini", 1, seed=5)).tables[0].table_id
    host = hub.host(table)
    assert host is not None
    seated = [OccupySeat(seat="dgs"), OccupySeat(seat="dpo")]
    for i, action in enumerate(
        [*seated, *(parse_action(r["action"]) for r in _voting_log().records)]
    ):
        await host.commit(hub.store, action, action_id=str(i))
    assert host.state.phase == "vote"
    stored = len(hub.store.actions(table))
    with pytest.raises(ValidationError):
        await host.commit(hub.store, _unchecked_vote(), action_id="long")
    assert len(hub.store.actions(table)) == stored
    assert all(LONG not in a.record for a in hub.store.actions(table))
    hub.store.close()


def test_no_code_that_writes_logs_copies_an_action_without_validation() -> None:
    # `action.model_copy(update=…)` and the like: only states and packs may be copied so.
    found = []
    for folder in ("game", "server", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "model_copy"
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id in ("action", "vote", "pick", "a")
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
