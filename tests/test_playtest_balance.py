"""`capia playtest` on the bundled packs: the method pays, and the report says what it measures.

Small fixed-seed runs, deterministic and not timed; the balance figures quoted in
scenarios/README.md come from 300-game runs on other seeds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.playtest import balance, exclusive_pairs, run_playtest, warnings
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("pack", "games"), [("decouverte", 48), ("intercommunalite", 32), ("ville-moyenne", 24)]
)
def test_levers_first_beats_greedy_which_beats_random_on_the_mean(pack: str, games: int) -> None:
    loaded = load_pack(ROOT / "scenarios" / pack)
    figures = balance(loaded, run_playtest(loaded, games=games, seed=1))
    mean = {name: s["mean"] for name, s in figures["strategies"].items()}
    assert mean["cautious"] > mean["greedy"] > mean["random"], mean


@pytest.mark.parametrize("pack", ["decouverte", "intercommunalite", "ville-moyenne"])
def test_at_least_two_pairs_of_secret_objectives_cannot_both_be_met(pack: str) -> None:
    assert len(exclusive_pairs(load_pack(ROOT / "scenarios" / pack))) >= 2


def test_the_json_report_has_each_figure_per_strategy(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "game.cli",
            "playtest",
            str(ROOT / "tests" / "packs" / "mini"),
            "--games",
            "8",
            "--seed",
            "3",
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    figures = json.loads(out.stdout)
    assert set(figures["strategies"]) == {"random", "greedy", "cautious", "roles"}
    for s in figures["strategies"].values():
        for key in (
            "mean",
            "stdev",
            "wins",
            "dilemma_options",
            "vectors",
            "deployed",
            "objectives",
            "budget_left",
        ):
            assert key in s, key
        assert set(s["vectors"]) == {"importee", "etagere", "interne"}
    assert 0 <= figures["cautious_beats_greedy"] <= 1


def test_the_french_report_flags_what_the_targets_forbid() -> None:
    pack = load_pack(ROOT / "tests" / "packs" / "mini")
    figures = balance(pack, run_playtest(pack, games=8, seed=3))
    figures["objectives"]["dgs"] = 0.95
    figures["deployed"]["cartographie"] = 0.9
    figures["dilemma_options"]["mention-ia"] = {"annoncer": 25}
    found = warnings(pack, figures)
    assert "objectif hors de la plage 20-80 % : dgs (95%)" in found
    assert "carte déployée dans 90% des parties délibérées : cartographie" in found
    assert "option toujours choisie par les bots délibérés : mention-ia → annoncer" in found
