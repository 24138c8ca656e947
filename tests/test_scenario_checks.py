"""Rules checked across a whole pack, each shown on a spoiled copy of the mini pack."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from game.scenario import check_pack, load_pack
from game.scenario.loader import SPECS
from game.scenario.messages import _unwrap
from game.scenario.yamlsafe import read_yaml

MINI = Path(__file__).parent / "packs" / "mini"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the valid mini pack that a test may spoil."""
    target = tmp_path / "pack"
    shutil.copytree(MINI, target)
    return target


def edit(pack: Path, name: str, old: str, new: str) -> None:
    """Replace the first `old` by `new` in one file of the pack."""
    text = (pack / name).read_text(encoding="utf-8")
    assert old in text
    (pack / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def lines(pack: Path) -> list[str]:
    """Every problem as printed, with the pack folder left out."""
    return [str(p).removeprefix(f"{pack}/") for p in check_pack(pack)[1]]


def test_the_mini_pack_is_clean() -> None:
    # `capia validate tests/packs/mini` prints no problem at all.
    pack, problems = check_pack(MINI)
    assert pack is not None
    assert problems == []


def test_the_mini_pack_uses_every_field_of_every_model() -> None:
    # The test pack is the living example of the format: no key is left unused.
    declared: set[str] = set()
    used: set[str] = set()

    def walk(model: Any, data: Any) -> None:
        if isinstance(data, list):
            for item in data:
                walk(model, item)
            return
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return
        for name, field in model.model_fields.items():
            key = field.alias or name
            declared.add(f"{model.__name__}.{key}")
            if isinstance(data, dict) and key in data:
                used.add(f"{model.__name__}.{key}")
            walk(_unwrap(field.annotation), data.get(key) if isinstance(data, dict) else None)

    for spec in SPECS.values():
        walk(spec.model, read_yaml(MINI / spec.name, MINI).data)
    assert declared - used == set()


def test_an_unknown_unlock_target_is_an_error(pack: Path) -> None:
    # The lever unlocks a card that does not exist, so the locked card stays locked.
    edit(pack, "leviers.yaml", "debloque: [analyse-cv]", "debloque: [analyse-cvs]")
    assert lines(pack) == [
        "cas_usage.yaml:51:3: cas_usage[3].verrouille: carte verrouillée que rien ne peut "
        "débloquer : aucun levier accessible (debloque) ni option de dilemme (suites.debloque) "
        "ne la nomme",
        "leviers.yaml:40:14: leviers[4].debloque[1]: cas d'usage ou levier inconnu « analyse-cvs » "
        "; vouliez-vous dire « analyse-cv » ?",
    ]


def test_a_card_unlocked_only_by_a_card_locked_forever_is_unreachable(pack: Path) -> None:
    # The dilemma that unlocks the hosting lever is never triggered; the lever unlocks the CV
    # analysis: both stay locked for good.
    edit(pack, "leviers.yaml", "  debloque: [analyse-cv]\n", "")
    edit(
        pack,
        "leviers.yaml",
        "  verrouille: true\n",
        "  verrouille: true\n  debloque: [analyse-cv]\n",
    )
    edit(pack, "evenements.yaml", "  dilemme: greve-numerique\n", "")
    assert lines(pack) == [
        "cas_usage.yaml:51:3: cas_usage[3].verrouille: carte verrouillée que rien ne peut "
        "débloquer : aucun levier accessible (debloque) ni option de dilemme (suites.debloque) "
        "ne la nomme",
        "leviers.yaml:57:3: leviers[6].verrouille: carte verrouillée que rien ne peut débloquer "
        ": aucun levier accessible (debloque) ni option de dilemme (suites.debloque) ne la nomme",
        "dilemmes.yaml:15:3: dilemmes[2].id: attention : dilemme jamais déclenché : aucun cas "
        "d'usage ou levier accessible ni événement ne le nomme",
        "dilemmes.yaml:33:3: dilemmes[3].id: attention : dilemme jamais déclenché : aucun cas "
        "d'usage ou levier accessible ni événement ne le nomme",
    ]


def test_an_event_whose_last_turn_comes_before_its_first_is_an_error(pack: Path) -> None:
    edit(pack, "evenements.yaml", "  tour_min: 2\n", "  tour_min: 2\n  tour_max: 1\n")
    assert lines(pack) == [
        "evenements.yaml:18:3: evenements[3].tour_max: tour_max 1 avant tour_min 2 : jamais tiré"
    ]


def test_an_objective_on_an_unknown_gauge_or_lever_is_an_error(pack: Path) -> None:
    edit(pack, "scenario.yaml", "{jauge: social, min: 55}", "{jauge: sociale, min: 55}")
    edit(pack, "scenario.yaml", "{levier: aipd}", "{levier: rgpd}")
    assert lines(pack) == [
        "scenario.yaml:38:12: scenario.roles[2].objectif_secret.conditions[2].levier: "
        "levier inconnu « rgpd »",
        "scenario.yaml:55:12: scenario.roles[4].objectif_secret.conditions[1].jauge: "
        "jauge inconnue « sociale » ; vouliez-vous dire « social » ?",
    ]


def test_a_threshold_at_the_gauge_minimum_is_a_warning(pack: Path) -> None:
    # donnees never goes below 0: the requirement is always met, which is likely a slip.
    edit(pack, "cas_usage.yaml", "{jauges: {donnees: 30}", "{jauges: {donnees: 0}")
    assert lines(pack) == [
        "cas_usage.yaml:23:28: cas_usage[1].vecteurs[2].prerequis.jauges.donnees: attention : "
        "seuil toujours atteint : la jauge « donnees » ne descend pas sous 0"
    ]


def test_unlocking_a_card_that_is_not_locked_is_a_warning(pack: Path) -> None:
    edit(pack, "leviers.yaml", "  verrouille: true\n", "")
    edit(pack, "cas_usage.yaml", "  verrouille: true\n", "")
    assert lines(pack) == [
        "leviers.yaml:40:14: leviers[4].debloque[1]: attention : « analyse-cv » n'est pas "
        "verrouillé : ce déblocage est sans effet",
        "dilemmes.yaml:32:20: dilemmes[2].options[3].suites.debloque[1]: attention : "
        "« hebergement-souverain » n'est pas verrouillé : ce déblocage est sans effet",
    ]


def test_no_arbiter_under_majority_is_a_warning_and_the_pack_loads(pack: Path) -> None:
    edit(pack, "scenario.yaml", "    arbitre: true\n", "")
    assert lines(pack) == [
        "scenario.yaml:20:1: scenario.roles: attention : aucun rôle arbitre : les égalités "
        "de vote ne seront pas départagées"
    ]
    assert load_pack(pack).scenario.id == "mini"


def test_texts_too_long_for_a_card_are_warnings(pack: Path) -> None:
    # A 61-character title and a 301-character event text: warned, still playable.
    edit(pack, "evenements.yaml", "titre: Baisse de la dotation", "titre: " + "t" * 61)
    edit(pack, "evenements.yaml", "texte: Rien de notable ne se produit.", "texte: " + "x" * 301)
    assert lines(pack) == [
        "evenements.yaml:7:3: evenements[2].titre: attention : texte long : 61 caractères "
        "(60 au plus)",
        "evenements.yaml:20:3: evenements[4].texte: attention : texte long : 301 caractères "
        "(300 au plus)",
    ]
    assert load_pack(pack).events[1].title == "t" * 61


def test_two_vectors_of_the_same_type_are_an_error(pack: Path) -> None:
    # A proposal names a use case and a vector type: two "etagere" would be ambiguous.
    edit(
        pack,
        "cas_usage.yaml",
        "    - type: etagere\n      cout: 50",
        "    - type: importee\n      cout: 50",
    )
    assert lines(pack) == [
        "cas_usage.yaml:19:7: cas_usage[1].vecteurs[2].type: « importee » est déjà utilisé "
        "(cas_usage.yaml ligne 10) : un cas d'usage a au plus un vecteur de chaque type"
    ]


def test_a_yaml_file_the_pack_does_not_read_is_a_warning(pack: Path) -> None:
    # "evenement.yaml" (no s) beside the real files is not read: the author is told.
    (pack / "evenement.yaml").write_text("- id: oubli\n", encoding="utf-8")
    assert lines(pack) == [
        "evenement.yaml:1:1: evenement: attention : fichier ignoré : seuls scenario.yaml, "
        "cas_usage.yaml, leviers.yaml, risques.yaml, dilemmes.yaml, evenements.yaml, "
        "glossaire.yaml, fraicheur.yaml sont lus",
    ]


def test_a_use_case_answering_an_undeclared_need_is_an_error(pack: Path) -> None:
    edit(pack, "cas_usage.yaml", "repond_a: [accueil-sature]", "repond_a: [accueil-saturee]")
    found = lines(pack)
    assert any(
        line.startswith("cas_usage.yaml:")
        and "besoin inconnu « accueil-saturee »" in line
        and "vouliez-vous dire « accueil-sature »" in line
        for line in found
    ), found
    # (paths count from 1, as an author reads them) and the need nobody answers now warns
    assert any(line.startswith("scenario.yaml:") and "accueil-sature" in line for line in found)


def test_a_branch_naming_an_unknown_lever_is_an_error_with_its_line(pack: Path) -> None:
    edit(pack, "risques.yaml", "si: [{levier: aipd}]", "si: [{levier: aipdd}]")
    found = lines(pack)
    assert any(
        line.startswith("risques.yaml:")
        and "risques[3].consequences.selon[1].si[1].levier: levier inconnu « aipdd »" in line
        for line in found
    ), found


def test_branch_effects_on_an_unknown_gauge_are_an_error(pack: Path) -> None:
    edit(pack, "evenements.yaml", "alors: {donnees: 2}", "alors: {donnes: 2}")
    found = lines(pack)
    assert any("evenements[4].selon[1].alors.donnes: jauge inconnue" in line for line in found), (
        found
    )


def test_a_step_order_rule_on_a_step_without_levers_is_an_error(pack: Path) -> None:
    edit(pack, "scenario.yaml", "etapes_avant: [1, 4]", "etapes_avant: [1, 5]")
    found = lines(pack)
    assert any(
        "regles.ordre_des_etapes[1].etapes_avant[2]: aucun levier de l'étape 5" in line
        for line in found
    ), found
