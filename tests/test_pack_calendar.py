"""The bundled packs live in a fictional calendar (one semester a turn from S1 2027) and
every dated text fits it: what « applies since » a date is drawn after that date, what
« would » come « at the latest » by a date is drawn before it, and municipal elections
happen in their real years."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest

from game.report.notes import MONTHS as MONTH_NAMES
from game.scenario import load_pack
from game.scenario.models import Pack

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted(p.parent for p in (ROOT / "scenarios").glob("*/scenario.yaml"))

MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
_MONTH = "|".join(MONTHS)
SINCE = re.compile(rf"[Dd]epuis (?:le )?(?:(\d{{1,2}})(?:er)? )?({_MONTH}) (\d{{4}})")
AT_THE_LATEST = re.compile(
    rf"au plus tard (?:au |le )?(?:(\d{{1,2}})(?:er)? )?({_MONTH}) (\d{{4}})"
)
MUNICIPAL_YEARS = {2020, 2026, 2032}


def _date(day: str | None, month: str, year: str) -> date:
    return date(int(year), MONTHS[month], int(day or 1))


def semester_start(label: str) -> date:
    half, year = label.split()
    return date(int(year), 1 if half == "S1" else 7, 1)


def _event_turns(pack: Pack, min_turn: int, max_turn: int | None) -> tuple[str, str]:
    calendar = pack.scenario.rules.calendar
    last = min(max_turn or len(calendar), len(calendar))
    return calendar[min_turn - 1], calendar[last - 1]


@pytest.fixture(params=BUNDLED, ids=lambda p: p.name)
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(request.param)


def test_turns_are_consecutive_semesters_from_s1_2027(pack: Pack) -> None:
    calendar = pack.scenario.rules.calendar
    assert len(calendar) == pack.scenario.rules.turns
    assert calendar[0] == "S1 2027"
    for before, after in itertools.pairwise(calendar):
        b, a = semester_start(before), semester_start(after)
        assert (a.year * 12 + a.month) - (b.year * 12 + b.month) == 6, (before, after)


def test_an_event_says_since_only_after_the_date(pack: Pack) -> None:
    for event in pack.events:
        first, _last = _event_turns(pack, event.min_turn, event.max_turn)
        for m in SINCE.finditer(event.text):
            assert _date(*m.groups()) <= semester_start(first), (event.id, m.group())


def test_a_deadline_still_to_come_is_only_drawn_before_it(pack: Pack) -> None:
    for event in pack.events:
        _first, last = _event_turns(pack, event.min_turn, event.max_turn)
        for m in AT_THE_LATEST.finditer(event.text):
            assert semester_start(last) < _date(*m.groups()), (event.id, m.group())


def test_municipal_elections_only_in_their_real_years(pack: Pack) -> None:
    for event in pack.events:
        text = f"{event.title} {event.text}"
        assert not re.search(r"[ÉE]lections? municipales?", event.title), event.id
        for year in re.findall(r"municipales de (\d{4})", text):
            assert int(year) in MUNICIPAL_YEARS, event.id
