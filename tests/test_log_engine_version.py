"""Logs of older engine versions replay to the same state; unknown ones are refused in French."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine import ENGINE_VERSION
from game.log import GameLog
from game.logerrors import LogError

OLD = Path(__file__).parent / "logs" / "before-action-id.jsonl"


def test_a_log_written_by_engine_version_1_still_replays() -> None:
    text = OLD.read_text(encoding="utf-8")
    assert json.loads(text.splitlines()[0])["engine_version"] == "1"
    assert ENGINE_VERSION == "2"
    log = GameLog.from_jsonl(text)
    assert len(log.records) == len(text.splitlines()) - 1


def test_a_log_of_an_unknown_engine_version_is_refused_naming_both_versions() -> None:
    lines = OLD.read_text(encoding="utf-8").splitlines()
    header = json.loads(lines[0])
    header["engine_version"] = "99"
    with pytest.raises(LogError) as caught:
        GameLog.from_jsonl([json.dumps(header), *lines[1:]])
    message = str(caught.value)
    assert "version 99 du moteur" in message and "(2)" in message
