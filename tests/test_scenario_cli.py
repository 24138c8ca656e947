"""`capia validate`, `capia schema` and `capia new`, as a facilitator runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.cli import main
from game.scenario.loader import FILES
from game.scenario.schema import combined_schema, file_schema
from game.scenario.yamlsafe import read_yaml

PACKS = Path(__file__).parent / "packs"
MINI = PACKS / "mini"
STARTER = Path(__file__).parent.parent / "game" / "scenario" / "starter"


def test_validate_a_clean_pack_prints_a_summary_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(MINI)]) == 0
    assert capsys.readouterr().out == (
        "mini : 4 rôles, 4 jauges, 3 cas d'usage, 6 leviers, 3 risques, 3 dilemmes, "
        "4 événements, 3 tours\n"
    )


def test_validate_a_bad_pack_prints_each_problem_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = PACKS / "bad" / "type-incorrect"
    assert main(["validate", str(bad)]) == 1
    out = capsys.readouterr()
    assert out.out.startswith(f"{bad}/cas_usage.yaml:9:7: cas_usage[1].vecteurs[1].cout: ")
    assert out.err == "1 erreur, 0 avertissement : pack refusé\n"


def test_validate_with_warnings_only_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # No arbiter under the majority rule: warned, but the pack is playable.
    pack = tmp_path / "pack"
    pack.mkdir()
    for name in FILES.values():
        text = (MINI / name).read_text(encoding="utf-8")
        (pack / name).write_text(text.replace("    arbitre: true\n", ""), encoding="utf-8")
    assert main(["validate", str(pack)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{pack}/scenario.yaml:20:1: scenario.roles: attention : ")
    assert lines[1].endswith("3 tours (1 avertissement)")


def test_the_capia_command_returns_the_exit_code() -> None:
    # The installed console script, in a separate process.
    run = [sys.executable, "-m", "game.cli", "validate"]
    assert subprocess.run([*run, str(MINI)], capture_output=True).returncode == 0
    bad = subprocess.run([*run, str(PACKS / "bad" / "alias-yaml")], capture_output=True)
    assert bad.returncode == 1
    assert b"Traceback" not in bad.stderr


def _validate(schema: dict[str, Any], file: Path) -> None:
    # Read as YAML 1.2, as editors do (PyYAML's 1.1 would turn 2026-12-01 into a date).
    data = read_yaml(file, file.parent).data
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("key", sorted(FILES))
@pytest.mark.parametrize("pack", [MINI, STARTER], ids=["mini", "starter"])
def test_the_file_schema_accepts_the_valid_packs(key: str, pack: Path) -> None:
    _validate(file_schema(key), pack / FILES[key])


def test_the_file_schema_rejects_a_wrong_type(tmp_path: Path) -> None:
    # "cout: dix" is a text where a whole number is expected.
    text = (MINI / "cas_usage.yaml").read_text(encoding="utf-8")
    (tmp_path / "cas_usage.yaml").write_text(text.replace("cout: 10", "cout: dix", 1))
    with pytest.raises(jsonschema.ValidationError) as caught:
        _validate(file_schema("cas_usage"), tmp_path / "cas_usage.yaml")
    assert list(caught.value.absolute_path) == [0, "vecteurs", 0, "cout"]


def test_the_combined_schema_checks_scenario_yaml_and_holds_every_file() -> None:
    schema = combined_schema()
    _validate(schema, MINI / "scenario.yaml")
    for key in ("cas_usage", "leviers", "risques", "dilemmes", "evenements"):
        ref = {"$ref": f"#/$defs/fichier_{key}", "$defs": schema["$defs"]}
        _validate(ref, MINI / FILES[key])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "regles": {"tours": "trois"}}, schema)


def test_every_field_of_the_schema_has_a_french_description() -> None:
    # An editor shows this help while the author types each key.
    schema = combined_schema()
    missing = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, spec in definition.get("properties", {}).items()
        if not spec.get("description")
    ]
    missing += [f"{p}" for p, s in schema["properties"].items() if not s.get("description")]
    assert missing == []


def test_schema_to_a_folder_writes_one_schema_per_pack_file(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path / "schemas")]) == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    assert written == sorted(f"{key}.schema.json" for key in FILES)
    loaded = json.loads((tmp_path / "schemas" / "leviers.schema.json").read_text("utf-8"))
    assert loaded["type"] == "array"


def test_schema_without_output_prints_the_combined_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Cap IA : scenario.yaml"


def test_new_creates_a_starter_pack_that_validates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mon-pack"
    assert main(["new", str(target)]) == 0
    assert (target / "schemas" / "scenario.schema.json").exists()
    first = (target / "cas_usage.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemas/cas_usage.schema.json"
    assert main(["validate", str(target)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("mon-scenario : 3 rôles")


def test_new_refuses_to_overwrite_an_existing_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "pris").mkdir()
    (tmp_path / "pris" / "notes.txt").write_text("à garder")
    assert main(["new", str(tmp_path / "pris")]) == 1
    assert "existe déjà" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "pris").iterdir()] == ["notes.txt"]
