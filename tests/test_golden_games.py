"""Seeded games of each pack give the same logs, events, final states and views as recorded.

The engine's reshapes (issue 13) must not change what a seed plays: this pins, per pack
and per bot, the SHA-256 of the JSONL log, of every event `apply` returned, of the
final state and of the views along the way. A change of the rules changes these on
purpose: rerun with CAPIA_UPDATE_GOLDEN=1 to record the new ones, and say why in the
commit.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pytest

from game.engine import apply, parse_action, player_view
from game.log import state_from_header
from game.playtest import play_game
from game.randomplay import play_random_game
from game.scenario import load_pack

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "golden" / "games.json"
PACKS = {
    "mini": ROOT / "tests" / "packs" / "mini",
    "decouverte": ROOT / "scenarios" / "decouverte",
    "ville-moyenne": ROOT / "scenarios" / "ville-moyenne",
}
VIEW_EVERY = 5  # views of every 5th state, for every seat and the facilitator


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _digest(jsonl: str) -> dict[str, str]:
    """The hashes of one game log, of its replayed events, final state and views."""
    rows = [json.loads(line) for line in jsonl.splitlines() if line.strip()]
    state = state_from_header(rows[0])
    events, views = hashlib.sha256(), hashlib.sha256()
    for i, row in enumerate(rows[1:]):
        state, happened = apply(state, parse_action(row["action"]))
        for event in happened:
            events.update(event.model_dump_json().encode())
        if i % VIEW_EVERY == 0:
            for seat in (None, *(s.role for s in state.seats)):
                views.update(player_view(state, seat).model_dump_json().encode())
    return {
        "log": _sha(jsonl),
        "events": events.hexdigest(),
        "state": state.state_hash(),
        "views": views.hexdigest(),
    }


def _games() -> dict[str, str]:
    """Every game this test pins: its name → its JSONL log."""
    logs: dict[str, str] = {}
    for name, path in PACKS.items():
        pack = load_pack(path)
        for strategy in ("random", "greedy", "cautious"):
            with tempfile.TemporaryDirectory() as tmp:
                play_game(pack, strategy=strategy, seed=2, log_dir=Path(tmp))
                text = (Path(tmp) / f"{strategy}-2.jsonl").read_text(encoding="utf-8")
            logs[f"{name}/{strategy}"] = text
        logs[f"{name}/randomplay"] = play_random_game(pack, seed=3).to_jsonl()
    return logs


@pytest.fixture(scope="module")
def digests() -> dict[str, dict[str, str]]:
    return {name: _digest(text) for name, text in _games().items()}


def test_seeded_games_play_as_recorded(digests):
    if os.environ.get("CAPIA_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert sorted(digests) == sorted(recorded)
    for name, digest in digests.items():
        assert digest == recorded[name], name
