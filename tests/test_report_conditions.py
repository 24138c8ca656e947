"""The debrief explains conditions and the order of steps: branches of events and risks,
use cases deployed before the method's steps, running costs and the collectivité's needs,
each line computed from the log's own events (greedy bots deploy generative tools early)."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

from report_helpers import bot_game

from game.engine.events import BranchTaken, CardDeployed, RunningCostsPaid
from game.replay import Replayer
from game.report import build_report_html, table_reports
from game.report.render import render_markdown
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
VILLE = ROOT / "scenarios" / "ville-moyenne"


@cache
def greedy_log() -> str:
    # seed 2 (engine 3): a game that covers some needs and misses one
    return bot_game(load_pack(VILLE), seed=2, bots=("greedy",)).to_jsonl()


def _events(log: str) -> list[object]:
    r = Replayer.from_jsonl(log)
    return [e for i in range(1, len(r) + 1) for e in r.events(i)]


def _page() -> str:
    return html.unescape(build_report_html([greedy_log()], names=["Table 1"]))


def test_each_branch_says_attenuated_or_made_worse_with_its_effect() -> None:
    log = greedy_log()
    cat = Replayer.from_jsonl(log).final.catalog
    taken = [e for e in _events(log) if isinstance(e, BranchTaken)]
    assert any(e.held for e in taken) and any(not e.held for e in taken)
    page = _page()
    for e in taken:
        side = "atténué parce que vous aviez" if e.held else "aggravé faute de"
        assert f"{cat.card_title(e.source)} : {side} {e.text}" in page
        assert e.source not in page.replace(cat.card_title(e.source), "")
    budget = next(e for e in taken if "budget" in e.effects)
    assert f"Budget −{abs(budget.effects['budget'])} k€" in page


def test_use_cases_deployed_before_the_steps_say_so_with_the_scenarios_explanation() -> None:
    log = greedy_log()
    cat = Replayer.from_jsonl(log).final.catalog
    early = [e for e in _events(log) if isinstance(e, CardDeployed) and e.missing_steps]
    before = {
        (1, 4): "la cartographie (étape 1) et le cadre d'usage (étape 4)",
        (1,): "la cartographie (étape 1)",
        (4,): "le cadre d'usage (étape 4)",
    }
    assert early and all(e.missing_steps in before for e in early)
    assert any(e.missing_steps == (1, 4) for e in early)
    page = _page()
    for e in early:
        assert (
            f"{cat.card_title(e.card)} (T{e.turn}) : mis en service avant "
            f"{before[e.missing_steps]} : expositions ×{e.exposure_factor:.0f}"
        ) in page
    assert cat.pack.scenario.rules.step_order[0].lesson in page
    # the summary page's sentence on the order of steps says what it cost
    summary = page[: page.index("Feuille de route")]
    assert f"{len(early)} cas d'usage ont été mis en service avant la cartographie" in summary


def test_running_costs_per_turn_and_needs_with_their_points() -> None:
    log = greedy_log()
    state = Replayer.from_jsonl(log).final
    paid = [e for e in _events(log) if isinstance(e, RunningCostsPaid) and e.amount]
    assert paid
    page = re.sub(r"<[^>]+>", "", _page())
    for e in paid:
        assert f"T{e.turn} : −{e.amount} k€ (reste {e.budget} k€)" in page
    needs = state.catalog.pack.scenario.needs
    assert any(state.needs_met.values()) and not all(state.needs_met.values())
    for n in needs:
        said = "couvert : +" if state.needs_met[n.id] else "non couvert : "
        assert f"{n.title} — {said}{n.points} points" in page
    met = sum(state.needs_met.values())
    points = sum(n.points for n in needs if state.needs_met[n.id])
    line = f"Besoins couverts : {met} sur {len(needs)}, +{points} points au score d'équipe."
    assert line in page
    assert line in render_markdown(table_reports([log])).replace("\\", "")


def test_a_card_suspended_for_want_of_money_is_named() -> None:
    # The same game with a starting budget of nothing: running costs go unpaid.
    pack = load_pack(VILLE)
    res = pack.scenario.resources.model_dump(by_alias=True)
    poor = pack.model_validate(
        {
            **pack.model_dump(by_alias=True),
            "scenario": {
                **pack.scenario.model_dump(by_alias=True),
                "ressources": {**res, "budget_initial": 60, "budget_par_tour": 0},
            },
        }
    )
    log = bot_game(poor, seed=1, bots=("greedy",)).to_jsonl()
    cat = Replayer.from_jsonl(log).final.catalog
    unpaid = [e for e in _events(log) if isinstance(e, RunningCostsPaid) and e.unpaid]
    assert unpaid
    page = html.unescape(build_report_html([log], names=["Table 1"]))
    for e in unpaid:
        names = ", ".join(cat.card_title(c) for c in e.unpaid)
        assert f"faute de budget, suspendu(s) : {names}" in page
