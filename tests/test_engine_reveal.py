"""What the rules reveal, and when: the pack a seat joins with holds nothing revealed later;
its view carries each text once the rules reveal it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from engine_helpers import MINI, random_game

from game.engine import Phase, apply, new_game, player_view, public_pack
from game.scenario import load_pack
from game.scenario.models import Pack

VILLE = Path(__file__).parent.parent / "scenarios" / "ville-moyenne"
DECOUVERTE = Path(__file__).parent.parent / "scenarios" / "decouverte"
PACKS = [MINI, VILLE, DECOUVERTE]

#: keys of the pack a seat must not find in `public_pack`: probabilities, deck make-up,
#: lessons, expert views, secret objectives (a gauge's « poids » is public)
HIDDEN_KEYS = {
    "objectif_secret",
    "probabilite_base",
    "exposition",
    "reduction",
    "lecon",
    "regard_expert",
    "tour_min",
    "tour_max",
}


def later_texts(pack: Pack) -> dict[str, str]:
    """Every text of `pack` the rules reveal during the game, by where it comes from."""
    texts: dict[str, str] = {}
    for d in pack.dilemmas:
        texts[f"dilemma {d.id} expert view"] = d.expert_view
        texts[f"dilemma {d.id} situation"] = d.situation
    for e in pack.events:
        texts[f"event {e.id}"] = e.text
    for r in pack.risks:
        texts[f"risk {r.id} lesson"] = r.lesson
    for role in pack.scenario.roles:
        texts[f"secret of {role.id}"] = role.secret.text
    for s in pack.scenario.collectivite.shadow_ai:
        texts[f"shadow AI {s.id}"] = s.title
    return texts


def _keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data).union(*(_keys(v) for v in data.values()))
    if isinstance(data, list):
        return set().union(*(_keys(v) for v in data))
    return set()


@pytest.mark.parametrize("pack_dir", PACKS, ids=lambda p: p.name)
def test_the_pack_a_seat_joins_with_reveals_nothing_the_rules_reveal_later(
    pack_dir: Path,
) -> None:
    # No expert view, lesson, event, dilemma, secret objective, shadow AI nor probability
    # in the card texts a seat receives; the cards, roles and gauges are all there.
    pack = load_pack(pack_dir)
    data = public_pack(pack)
    text = json.dumps(data, ensure_ascii=False)
    leaked = [where for where, t in later_texts(pack).items() if t in text]
    assert not leaked
    assert not _keys(data) & HIDDEN_KEYS
    assert data["dilemmes"] == [] and data["evenements"] == []
    assert [u["id"] for u in data["cas_usage"]] == [u.id for u in pack.use_cases]
    assert [r["titre"] for r in data["scenario"]["roles"]] == [r.title for r in pack.scenario.roles]
    assert all(r["description"] for r in data["risques"])  # what a risk is stays readable


@pytest.mark.parametrize(
    ("pack_dir", "seed"), [(MINI, 2), (MINI, 3), (VILLE, 1), (VILLE, 7), (DECOUVERTE, 3)]
)
def test_a_view_carries_each_text_once_the_rules_reveal_it(pack_dir: Path, seed: int) -> None:
    # Through a whole random game, every seat's view holds: the expert view of each
    # dilemma exactly once it is decided; the texts of the events drawn so far and of
    # the dilemmas opened so far, no others; the lessons at the end only.
    pack = load_pack(pack_dir)
    _, played = random_game(pack, seed)
    state = new_game(pack, seed=seed, seats=[r.id for r in pack.scenario.roles])
    experts = {d.id: d.expert_view for d in pack.dilemmas}
    lessons = {r.id: r.lesson for r in pack.risks}
    decided = 0
    for action in played:
        state, _ = apply(state, action)
        for seat in (*(r.id for r in pack.scenario.roles), None):
            view = player_view(state, seat)
            for d in view.dilemmas:
                assert d.expert_view == (experts[d.dilemma] if d.chosen is not None else None)
            assert [e.id for e in view.event_texts] == list(state.drawn_events)
            assert [d.id for d in view.dilemma_texts] == [d.dilemma for d in state.dilemmas]
            ended = state.phase is Phase.FIN or seat is None
            assert view.lessons == (lessons if ended else {})
        decided += sum(d.chosen is not None for d in state.dilemmas) > 0
    assert state.phase is Phase.FIN
    assert decided  # the game did reach a decided dilemma
