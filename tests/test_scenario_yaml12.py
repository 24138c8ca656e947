"""Packs are read with the YAML 1.2 core schema, not PyYAML's YAML 1.1 rules."""

from __future__ import annotations

import math
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.scenario import check_pack, load_pack
from game.scenario.yamlsafe import read_yaml

ROOT = Path(__file__).resolve().parent.parent
PACKS = ROOT / "tests" / "packs"
ODD = PACKS / "odd" / "yaml-1-2"

#: Packs written on purpose with values that YAML 1.1 reads differently.
CHANGED = {
    PACKS / "odd" / "yaml-1-2",
    PACKS / "bad" / "booleen-no",
    PACKS / "bad" / "duree-deux-points",
    PACKS / "bad" / "identifiant-zero",
}


def _read(tmp_path: Path, text: str) -> Any:
    file = tmp_path / "f.yaml"
    file.write_text(text, encoding="utf-8")
    doc = read_yaml(file, tmp_path)
    assert doc.issues == []
    return doc.data


def _typed(value: Any) -> Any:
    """`value` with the type of every scalar beside it, so False != 0 and 1 != 1.0."""
    if isinstance(value, dict):
        return {_typed(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("no", "no"),
        ("No", "No"),
        ("yes", "yes"),
        ("on", "on"),
        ("OFF", "OFF"),
        ("y", "y"),
        ("n", "n"),
        ("oui", "oui"),
        ("non", "non"),
        ("~", None),
        ("null", None),
        ("NULL", None),
        ("", None),
        ("017", 17),
        ("-017", -17),
        ("0", 0),
        ("+12", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("08", 8),
        ("1:30", "1:30"),
        ("190:20:30", "190:20:30"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1.", 1.0),
        ("1e3", 1000.0),
        ("-2.5E-1", -0.25),
        ("-.inf", -math.inf),
        ("+.INF", math.inf),
        ("2024-01-01", "2024-01-01"),
        ("<<", "<<"),
        ("'no'", "no"),
        ('"017"', "017"),
        ("!!int 017", 17),
        ("!!str 17", "17"),
    ],
)
def test_a_scalar_reads_as_the_yaml_1_2_core_schema_says(
    tmp_path: Path, text: str, value: Any
) -> None:
    # Only true/false are booleans, no base 60, a leading zero stays decimal (017 is 17).
    assert _typed(_read(tmp_path, f"v: {text}\n")) == {("str", "v"): _typed(value)}


def test_nan_and_keys_follow_the_same_rules(tmp_path: Path) -> None:
    data = _read(tmp_path, "a: .nan\nno: 1\n017: x\ntrue: y\n")
    assert math.isnan(data["a"])
    assert _typed({k: v for k, v in data.items() if k != "a"}) == _typed(
        {"no": 1, 17: "x", True: "y"}
    )


def test_an_explicit_tag_that_does_not_fit_its_value_is_reported(tmp_path: Path) -> None:
    # "!!bool yes" was True for YAML 1.1; here it names the only two words allowed.
    file = tmp_path / "f.yaml"
    file.write_text("a: !!bool yes\nb: !!int 1:30\nc: !!null x\n", encoding="utf-8")
    assert [(i.line, i.column, i.message) for i in read_yaml(file, tmp_path).issues] == [
        (1, 4, "vrai/faux illisible : écrivez true ou false"),
        (2, 4, "nombre illisible ou trop long"),
        (3, 4, "valeur vide illisible : écrivez null ou rien"),
    ]


def test_the_odd_pack_loads_its_values_as_written() -> None:
    # `exemples: no`, `cout: 017`, `titre: 24:7`: a text, the number 17, a text.
    pack = load_pack(ODD)
    assert pack.use_cases[0].examples == "no"
    assert pack.levers[0].cost == 17
    assert pack.risks[0].title == "24:7"


def test_yaml_1_1_reads_the_odd_pack_otherwise() -> None:
    # What PyYAML's own SafeLoader makes of the same lines: why the pack is read as 1.2.
    def old(name: str) -> Any:
        return yaml.safe_load((ODD / name).read_text(encoding="utf-8"))[0]

    assert old("cas_usage.yaml")["exemples"] is False
    assert old("leviers.yaml")["cout"] == 15
    assert old("risques.yaml")["titre"] == 1447


def _bundled_files() -> list[Path]:
    folders = [ROOT / "scenarios", ROOT / "game" / "scenario" / "starter", PACKS]
    return sorted(f for folder in folders for f in folder.rglob("*.yaml"))


def test_every_bundled_pack_file_reads_as_it_did_with_yaml_1_1() -> None:
    # The switch to YAML 1.2 changes nothing in the packs shipped or tested, except the
    # packs written to show the difference: same values of the same types everywhere.
    compared, differ = 0, set()
    for file in _bundled_files():
        doc = read_yaml(file, file.parent)
        if doc.issues:
            continue  # syntax, alias, duplicate key...: a bad pack on purpose
        old = yaml.safe_load(file.read_text(encoding="utf-8-sig"))
        if _typed(doc.data) != _typed(old):
            differ.add(file.parent)
        compared += 1
    assert compared > 100
    assert differ == CHANGED


@pytest.mark.parametrize(
    "folder",
    sorted(
        [p.parent for p in (ROOT / "scenarios").glob("*/scenario.yaml")]
        + [ROOT / "game" / "scenario" / "starter", PACKS / "mini"]
    ),
    ids=lambda p: p.name,
)
def test_every_bundled_valid_pack_stays_clean(folder: Path) -> None:
    pack, problems = check_pack(folder)
    assert pack is not None
    assert [p for p in problems if not p.warning] == []


def _spoiled(tmp_path: Path, old: str, new: str) -> list[str]:
    target = tmp_path / "pack"
    shutil.copytree(PACKS / "mini", target)
    text = (target / "scenario.yaml").read_text(encoding="utf-8")
    assert old in text
    (target / "scenario.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    pack, problems = check_pack(target)
    assert pack is None
    return [str(p).removeprefix(f"{target}/") for p in problems if not p.warning]


def test_a_number_where_true_or_false_is_expected_says_what_to_write(tmp_path: Path) -> None:
    # `arbitre: 1` was taken as true by pydantic's lax mode; a pack field takes true/false only.
    assert _spoiled(tmp_path, "arbitre: true", "arbitre: 1") == [
        "scenario.yaml:24:5: scenario.roles[1].arbitre: type incorrect : vrai ou faux "
        "(true / false) attendu, trouvé le nombre 1 : écrivez true ou false"
    ]


def test_true_where_a_text_is_expected_is_quoted_back_as_written(tmp_path: Path) -> None:
    # Only true/false are booleans now: the hint no longer claims oui/non are.
    assert _spoiled(tmp_path, "titre: Mini-scénario de test", "titre: TRUE") == [
        "scenario.yaml:3:1: scenario.titre: type incorrect : un texte attendu, trouvé vrai/faux "
        '(mettez-le entre guillemets : "TRUE")'
    ]
