"""`terms`: one object says what taking a card (with a vector) costs, gives and risks."""

from __future__ import annotations

import dataclasses

import pytest
from engine_helpers import mini_pack

from game.engine.catalog import Catalog
from game.engine.terms import terms_of, vector_types
from game.scenario.models import VectorType

CAT = Catalog(mini_pack())


def test_a_use_case_vector_has_its_own_terms():
    t = CAT.terms("chatbot-usagers", VectorType.ETAGERE)
    assert t is not None
    assert (t.kind, t.vector, t.cost, t.capacity, t.duration) == ("use_case", "etagere", 50, 2, 2)
    assert t.running_cost == 0  # no pack sets one yet
    assert dict(t.on_deploy) == {"performance": 6, "confiance": 2}
    assert dict(t.per_turn) == {"performance": 1}
    assert dict(t.exposures) == {"hallucination": 0.08}
    assert dict(t.mitigations) == {"fuite-donnees": 0.05}
    assert t.requirements.levers == ("cadre-usage",)
    assert (t.unlocks, t.reveals_shadow_ai) == ((), False)


def test_a_lever_has_terms_without_a_vector():
    t = CAT.terms("aipd", None)
    assert t is not None
    assert (t.kind, t.vector, t.cost, t.capacity, t.duration) == ("lever", None, 15, 1, 1)
    assert dict(t.on_deploy) == {"confiance": 3}
    assert dict(t.exposures) == {}
    assert dict(t.mitigations) == {"discrimination": 0.10}
    assert t.unlocks == ("analyse-cv",)
    assert CAT.terms("cartographie", None).reveals_shadow_ai


@pytest.mark.parametrize(
    ("card", "vector"),
    [
        ("chatbot-usagers", None),  # a use case needs a vector
        ("chatbot-usagers", VectorType.INTERNE),  # not one of its vectors
        ("aipd", VectorType.IMPORTEE),  # a lever has none
        ("inconnue", None),
    ],
)
def test_no_terms_for_a_way_the_card_does_not_offer(card, vector):
    assert CAT.terms(card, vector) is None


def test_every_way_to_take_every_card_has_terms_and_they_are_frozen():
    for card in (*CAT.pack.use_cases, *CAT.pack.levers):
        for vector in vector_types(card):
            t = CAT.terms(card.id, vector)
            assert t == terms_of(card, vector)
            with pytest.raises(dataclasses.FrozenInstanceError):
                t.cost = 0
            with pytest.raises(TypeError):
                t.on_deploy["budget"] = 1
