"""What a player reads: titles not ids, levels not probabilities, arrows not numbers,
proper plurals, no « ?. »."""

from __future__ import annotations

from pathlib import Path

from game.client.scenes.panels.card import cost_lines
from game.client.scenes.panels.summaries import resolution_lines, source_title
from game.client.scenes.wording import capacity_text, effects_arrows, plural, sentence
from game.client.texts import PackTexts, VectorText
from game.engine import public_pack
from game.engine.state import RiskFiring
from game.engine.view_models import PlayerView, RiskLevel
from game.scenario import load_pack

BIG = Path(__file__).parent.parent / "scenarios" / "ville-moyenne"


def _texts() -> PackTexts:
    return PackTexts(public_pack(load_pack(BIG)))


def _view(**kw: object) -> PlayerView:
    base: dict[str, object] = {
        "seat": "dpo",
        "turn": 1,
        "turns": 6,
        "phase": "resolution",
        "paused": False,
        "budget": 315,
        "capacity_left": 4,
        "capacity_per_turn": 8,
        "gauges": {},
        "gauge_delta": {},
        "seats": (),
    }
    return PlayerView.model_validate({**base, **kw})


def test_plurals_in_french() -> None:
    assert [plural(n, "tour") for n in (0, 1, 2)] == ["0 tour", "1 tour", "2 tours"]
    assert plural(3, "pt restant", "pts restants") == "3 pts restants"


def test_a_title_ending_with_a_question_mark_takes_no_full_stop() -> None:
    assert sentence("Dilemme ouvert : Faut-il publier l'algorithme ?.") == (
        "Dilemme ouvert : Faut-il publier l'algorithme ?"
    )
    assert sentence("Déployé : Chatbot.") == "Déployé : Chatbot."


def test_capacity_says_what_is_left() -> None:
    # « Capacité 0 / 8 » read as used or left? It now says it.
    assert capacity_text(_view(capacity_left=0)) == "Capacité : 0 pt restant sur 8"
    assert capacity_text(_view(capacity_left=5)) == "Capacité : 5 pts restants sur 8"


def test_effects_read_as_arrows_per_gauge_and_money_in_k_euros() -> None:
    texts = _texts()
    gid = texts.gauge_order[0]
    label = texts.gauge_label(gid)
    assert effects_arrows({gid: 2, "budget": -5}, texts) == f"{label} ↑, budget −5 k€"
    assert effects_arrows({gid: -6}, texts) == f"{label} ↓↓"


def test_a_vector_s_one_off_cost_is_read_against_the_budget_left() -> None:
    lines = cost_lines(VectorText("etagere", 60, 1, 2), 100, _texts())
    assert lines[:2] == [
        "Coût : 60 k€ une fois (il resterait 40 k€)",
        "Temps d'équipe : 1 pt par tour · durée : 2 tours",
    ]


def test_the_resolution_names_sources_and_levels_without_ids_nor_probabilities() -> None:
    # A risk fired through a hidden shadow-AI use: « un usage d'IA non encadré », and the
    # levels read « Élevé : … », never « (probabilité 9%) » nor `ia-licence-bureautique`.
    texts = _texts()
    risk = next(iter(texts.risks))
    fired = RiskFiring(turn=1, risk=risk, probability=0.09, sources=("ia-licence-bureautique",))
    view = _view(risks_fired=(fired,), risk_levels={risk: RiskLevel.ELEVE})
    text = "\n".join(t for t, _ in resolution_lines(view, texts))
    assert "%" not in text and "ia-licence-bureautique" not in text
    assert "exposé par un usage d'IA non encadré" in text
    assert f"Élevé : {texts.title_of(risk)}" in text
    assert source_title(view, texts, "ia-licence-bureautique") == "un usage d'IA non encadré"
