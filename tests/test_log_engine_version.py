"""Logs of older engine versions replay to the same state; unknown ones are refused in French.

tests/logs/final-states.json holds the state hash each old log reached when it was
played (recorded by the engine that wrote it): replaying it now must reach it again,
under the rules it was played with (engine 3 changed when and how dilemmas are decided).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import ENGINE_VERSION
from game.log import GameLog, rules_version_of
from game.logerrors import LogError

LOGS = Path(__file__).parent / "logs"
OLD = LOGS / "before-action-id.jsonl"
V2 = LOGS / "engine-v2-decouverte-random.jsonl"
RECORDED = json.loads((LOGS / "final-states.json").read_text(encoding="utf-8"))


def test_a_log_written_by_engine_version_1_still_replays() -> None:
    text = OLD.read_text(encoding="utf-8")
    assert json.loads(text.splitlines()[0])["engine_version"] == "1"
    assert ENGINE_VERSION == "3"
    log = GameLog.from_jsonl(text)
    assert len(log.records) == len(text.splitlines()) - 1


@pytest.mark.parametrize("name", sorted(RECORDED))
def test_an_old_log_replays_to_the_final_state_it_recorded(name: str) -> None:
    log = GameLog.from_jsonl((LOGS / name).read_text(encoding="utf-8"))
    assert log.state.rules_version == 2
    assert log.state.state_hash() == RECORDED[name]


def test_a_version_2_log_keeps_the_old_dilemma_timing_and_tie_break() -> None:
    # the same actions under the rules of version 3 decide its dilemmas otherwise (as
    # soon as every seat voted, no draw): its recorded state is reached only with the
    # rules it was played with
    lines = V2.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    assert header["engine_version"] == "2" and rules_version_of(header) == 2
    header["engine_version"] = "3"
    relabelled = GameLog.from_jsonl([json.dumps(header), *lines[1:]])
    assert relabelled.state.rules_version == 3
    assert relabelled.state.state_hash() != RECORDED[V2.name]


def test_a_log_of_an_unknown_engine_version_is_refused_naming_both_versions() -> None:
    lines = OLD.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["engine_version"] = "99"
    with pytest.raises(LogError) as caught:
        GameLog.from_jsonl([json.dumps(header), *lines[1:]])
    message = str(caught.value)
    assert "version 99 du moteur" in message and "(3)" in message


def test_the_server_reloads_a_version_2_table_under_its_own_rules() -> None:
    # a table stored before the upgrade, rebuilt by the server after a restart
    from server.tables import _log

    lines = V2.read_text(encoding="utf-8").splitlines()
    log = _log(lines[0], (json.loads(line) for line in lines[1:]))
    assert log.state.rules_version == 2
    assert log.state.state_hash() == RECORDED[V2.name]
