"""Each bundled pack fits its session: briefing + play (every phase run to its timer,
every turn, plus the first turn's reading) + debrief, in the minutes the issue sets."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.scenario import check_pack, load_pack

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"
#: pack → (session minutes, briefing, longest play, debrief): the facilitator's budget.
BUDGETS = {
    "ville-moyenne": (150, 15, 110, 25),
    "decouverte": (45, 5, 30, 10),
    "intercommunalite": (120, 10, 90, 20),
}
BUNDLED = sorted(p.parent for p in (ROOT / "scenarios").glob("*/scenario.yaml"))


def test_every_bundled_pack_has_a_budget() -> None:
    assert {p.name for p in BUNDLED} == set(BUDGETS)


@pytest.mark.parametrize("folder", BUNDLED, ids=lambda p: p.name)
def test_the_pack_fits_its_session(folder: Path) -> None:
    total, briefing, play_max, debrief = BUDGETS[folder.name]
    scenario = load_pack(folder).scenario
    plan = scenario.session
    assert plan is not None
    assert (plan.total, plan.briefing, plan.debrief) == (total, briefing, debrief)
    t = scenario.rules.timers
    per_turn = t.event + t.proposals + t.vote + t.dilemmas + t.resolution
    play = scenario.rules.turns * per_turn / 60 + plan.reading
    assert plan.reading > 0, "the first turn's reading has its own minutes"
    assert play == scenario.play_minutes()
    assert play <= play_max
    assert briefing + play + debrief <= total


def test_a_game_longer_than_its_session_is_a_warning(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(MINI, pack)
    text = (pack / "scenario.yaml").read_text(encoding="utf-8")
    (pack / "scenario.yaml").write_text(text.replace("duree: 60,", "duree: 40,", 1))
    loaded, problems = check_pack(pack)
    assert loaded is not None
    assert [p.path for p in problems] == ["scenario.seance"]
    assert "la partie peut durer 36 min" in problems[0].message
    assert "ne lui laisse que 25 min" in problems[0].message
