"""Player text of the bundled packs follows French typography and credits its sources.

A « ; : ! ? » after an ordinary space can be wrapped to the start of a line, and
« » can lose their content: French puts a no-break space there (narrow U+202F, or
U+00A0). Player text names the source (« le retour d'expérience INET ») rather than
« le document source », a phrase from the authors' brief that players never saw.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from enum import Enum
from pathlib import Path

import pytest
from pydantic import BaseModel

from game.scenario import Pack, load_pack

ROOT = Path(__file__).resolve().parent.parent
#: The packs shipped in scenarios/ (test packs under tests/packs are not player text).
BUNDLED = sorted(p.parent for p in (ROOT / "scenarios").glob("*/scenario.yaml"))
NO_BREAK = "\u202f\u00a0"
#: A « ; : ! ? » or » not preceded by a no-break space, or a « not followed by one.
BAD_SPACING = re.compile(rf"(?<![{NO_BREAK}])[;:!?»]|«(?![{NO_BREAK}])")


def player_texts(node: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string a player can read in `node`, with its place (ids included, harmless)."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from player_texts(getattr(node, name), f"{where}.{name}")
    elif isinstance(node, (tuple, list)):
        for i, item in enumerate(node):
            yield from player_texts(item, f"{where}[{i}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from player_texts(item, f"{where}[{key}]")
    elif isinstance(node, str) and not isinstance(node, Enum):
        yield where, node


@pytest.fixture(scope="module", params=BUNDLED, ids=lambda p: p.name)
def pack(request: pytest.FixtureRequest) -> Pack:
    return load_pack(request.param)


def test_the_bundled_packs_are_found() -> None:
    assert {"decouverte", "intercommunalite", "ville-moyenne"} <= {p.name for p in BUNDLED}


def test_the_walk_reaches_card_texts_options_and_roles(pack: Pack) -> None:
    # The guard below is only as good as the walk: it must see every kind of text.
    places = {re.sub(r"\[\d+\]", "", where) for where, _ in player_texts(pack)}
    for place in (".use_cases.description", ".dilemmas.options.label", ".risks.lesson"):
        assert place in places
    assert ".scenario.roles.mission" in places


def test_punctuation_and_guillemets_have_no_break_spaces(pack: Pack) -> None:
    bad = [
        f"{where}: …{text[max(0, m.start() - 25) : m.end() + 5]!r}…"
        for where, text in player_texts(pack)
        for m in BAD_SPACING.finditer(text)
    ]
    assert bad == []


def test_no_text_says_document_source(pack: Pack) -> None:
    # Credit the INET return of experience (AFIGESE, 2024) or the cities instead.
    bad = [where for where, text in player_texts(pack) if "document source" in text.casefold()]
    assert bad == []


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("Quelle place lui donner\u202f?", True),
        ("Quelle place lui donner ?", False),
        ("Quelle place lui donner?", False),
        ("deux règles\u00a0: une, deux", True),
        ("«\u202fà risque\u202f»", True),
        ("« à risque »", False),
        ("«\u202fà risque »", False),
    ],
)
def test_the_spacing_rule_itself(text: str, ok: bool) -> None:
    assert (BAD_SPACING.search(text) is None) is ok
