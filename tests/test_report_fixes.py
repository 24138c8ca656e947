"""Small things an independent check of the debrief found, each fixed and kept fixed."""

from __future__ import annotations

import base64
import re
from collections import Counter
from pathlib import Path

import pytest
from report_helpers import bot_game, hand_played_log

from game.engine import Phase
from game.replay import Replayer
from game.report import build_report_html, build_report_markdown, charts, table_reports
from game.report.compare import compare
from game.report.i18n import messages, number
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
VILLE = ROOT / "scenarios" / "ville-moyenne"


@pytest.fixture(scope="module")
def random_tables() -> list[str]:
    # Every seat plays the random bot: risks fire, some twice, use cases get suspended.
    pack = load_pack(VILLE if VILLE.exists() else ROOT / "tests" / "packs" / "mini")
    return [bot_game(pack, seed=s, bots=("random",)).to_jsonl() for s in (1, 3)]


def test_suspended_use_cases_are_not_counted_as_deployed(random_tables: list[str]) -> None:
    # « 11 cas d'usage déployés + 3 suspendu(s) », not « 14 cas d'usage déployés ».
    report = table_reports(random_tables[:1])[0]
    state = Replayer.from_jsonl(random_tables[0]).final
    live = [p for p in state.projects if p.kind == "use_case" and p.status.value == "deployed"]
    suspended = [p for p in state.projects if p.status.value == "suspended"]
    assert suspended, "this game was chosen for its suspended use cases"
    assert report.deployed_use_cases() == len(live)
    assert report.suspended_use_cases() == len(suspended)
    page = build_report_html(random_tables[:1])
    assert f"{len(live)} <small>+ {len(suspended)} suspendu(s)</small>" in page


def test_a_risk_that_fires_twice_is_one_card(random_tables: list[str]) -> None:
    # The same risk at turns 2 and 4 is one card « survenu 2 fois (tours 2, 4) ».
    state = Replayer.from_jsonl(random_tables[0]).final
    counts = Counter(f.risk for f in state.risks_fired)
    twice = [r for r, n in counts.items() if n > 1]
    assert twice, "this game was chosen for a risk that fired twice"
    page = build_report_html(random_tables[:1])
    details = page[page.index('<div class="details-part">') :]
    assert details.count('<div class="card risk">') == len(counts)
    title = state.catalog.risks[twice[0]].title
    turns = ", ".join(str(f.turn) for f in state.risks_fired if f.risk == twice[0])
    assert f"survenu {counts[twice[0]]} fois (tours {turns})" in page
    assert details.count(f"<h4>{title}</h4>".replace("'", "&#39;")) == 1


def test_a_score_reads_the_same_in_the_table_and_in_the_chart(
    random_tables: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # 52 in the table and 52 on the bar, not 52,0 (text kept as text to read it back).
    monkeypatch.setitem(charts.STYLE, "svg.fonttype", "none")
    reports = table_reports(random_tables)
    uri = charts.scores_chart(compare(reports), messages())
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    for report in reports:
        assert report.team_score is not None
        shown = number(report.team_score)
        assert shown in labels, (shown, labels)
        assert not any(label.endswith(",0") for label in labels), labels


def test_an_unfinished_game_says_the_dilemma_is_not_decided_yet() -> None:
    # Cut while the table is voting on a dilemma: « Pas encore tranché », never « avant la
    # fin de la partie », which is for a finished game.
    text = hand_played_log()
    replayer = Replayer.from_jsonl(text)
    cut = next(
        n
        for n in range(len(replayer) + 1)
        if replayer.seek(n).phase is Phase.DILEMMES and replayer.seek(n).dilemmas
    )
    lines = text.splitlines()[: cut + 1]
    partial = "\n".join(lines) + "\n"
    for output in (build_report_html([partial]), build_report_markdown([partial])):
        assert "Pas encore tranché" in output
        assert "avant la fin de la partie" not in output
