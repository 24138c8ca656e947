"""What the table screen says of the preparation rules: branches, running costs, early steps."""

from __future__ import annotations

from pathlib import Path

from game.client.scenes.wording import describe
from game.client.texts import PackTexts
from game.engine.events import BranchTaken, CardDeployed, RunningCostsPaid
from game.engine.public import public_pack
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
TEXTS = PackTexts(public_pack(load_pack(ROOT / "scenarios" / "ville-moyenne")))


def test_a_branch_that_held_says_attenuated_because_and_what_it_changed() -> None:
    event = BranchTaken(
        turn=2, source="fuite-donnees", held=True, text="un cadre d'usage", effects={"confiance": 3}
    )
    line = describe(event, TEXTS)
    assert line is not None
    assert "atténué parce que vous aviez un cadre d'usage" in line
    assert "Confiance & éthique +3" in line


def test_a_branch_that_did_not_hold_says_aggravated_for_lack_of() -> None:
    event = BranchTaken(
        turn=2, source="cyberattaque", held=False, text="sécurité", effects={"budget": -30}
    )
    line = describe(event, TEXTS)
    assert line is not None and "aggravé faute de sécurité" in line and "Budget −30 k€" in line


def test_running_costs_and_what_they_could_not_pay_are_in_the_feed() -> None:
    event = RunningCostsPaid(turn=3, amount=55, budget=120, unpaid=("callbot-standard",))
    line = describe(event, TEXTS)
    assert line == (
        "Coûts de fonctionnement payés : −55 k€ (reste 120 k€) ; "
        "faute de budget : Callbot au standard téléphonique."
    )


def test_a_use_case_deployed_before_the_method_s_steps_says_so() -> None:
    event = CardDeployed(turn=1, card="chatbot-site", missing_steps=(1, 4), exposure_factor=3.0)
    line = describe(event, TEXTS)
    assert line is not None
    assert "avant la cartographie (étape 1) et le cadre d'usage (étape 4)" in line


def test_the_market_shows_the_running_cost_beside_the_one_off_cost() -> None:
    callbot = TEXTS.card("callbot-standard")
    importee = next(v for v in callbot.vectors if v.type == "importee")
    assert importee.money() == f"{importee.cost} k€ + 25 k€/tour"
