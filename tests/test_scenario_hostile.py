"""Hostile or broken input is refused with a clear French message, never a traceback."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.scenario import check_pack
from game.scenario.yamlsafe import MAX_BYTES

BASE = Path(__file__).parent / "packs" / "bad" / "type-incorrect"
MINI = Path(__file__).parent / "packs" / "mini"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the valid mini pack that a test may spoil."""
    target = tmp_path / "pack"
    shutil.copytree(MINI, target)
    return target


def errors(folder: Path) -> list[str]:
    """Every error line `capia validate` would print for `folder`."""
    result, problems = check_pack(folder)
    assert result is None
    return [str(p) for p in problems if not p.warning]


def test_a_file_over_two_megabytes_is_refused_before_parsing(pack: Path) -> None:
    # A 3 MB risques.yaml: refused at once, not parsed.
    (pack / "risques.yaml").write_text("# x\n" * (3 * 1024 * 1024 // 4), encoding="utf-8")
    assert errors(pack) == [
        f"{pack}/risques.yaml:1:1: risques: fichier trop gros (3.0 Mo, 2 Mo au plus) : refusé"
    ]


def test_a_file_just_under_the_cap_is_read(pack: Path) -> None:
    # Comments up to the cap are fine: the pack stays valid.
    text = (pack / "risques.yaml").read_text(encoding="utf-8")
    padding = MAX_BYTES - len(text.encode()) - 10
    (pack / "risques.yaml").write_text(text + "#" * padding + "\n", encoding="utf-8")
    assert check_pack(pack)[0] is not None


def test_an_alias_bomb_is_refused_at_the_first_alias(pack: Path) -> None:
    # The "billion laughs": nine levels of lists of aliases; refused at line 2, column 9.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    (pack / "scenario.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert errors(pack) == [
        f"{pack}/scenario.yaml:2:10: scenario: les alias YAML (*nom) ne sont pas acceptés : "
        "recopiez le contenu voulu"
    ]


def test_deep_nesting_is_refused(pack: Path) -> None:
    # 5000 nested lists would crash a recursive reader: refused at the 25th level.
    (pack / "evenements.yaml").write_text("[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    assert errors(pack) == [
        f"{pack}/evenements.yaml:1:25: evenements: imbrication trop profonde (plus de 24 niveaux)"
    ]


def test_non_utf8_bytes_are_refused_with_their_place(pack: Path) -> None:
    # A file saved in Latin-1: "é" is the byte 0xE9, on line 2 column 8.
    (pack / "dilemmes.yaml").write_bytes(b"- id: x\n  titre: \xe9t\xe9\n")
    assert errors(pack) == [
        f"{pack}/dilemmes.yaml:2:10: dilemmes: texte non UTF-8 : enregistrez le fichier en UTF-8 "
        "(octet invalide)"
    ]


def test_a_symlink_to_a_file_outside_the_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    # leviers.yaml pointing at a file elsewhere on the disk is not read.
    outside = tmp_path / "ailleurs.yaml"
    shutil.copyfile(pack / "leviers.yaml", outside)
    (pack / "leviers.yaml").unlink()
    os.symlink(outside, pack / "leviers.yaml")
    assert errors(pack) == [
        f"{pack}/leviers.yaml:1:1: leviers: le fichier pointe hors du pack ({outside}) : refusé"
    ]


def test_a_symlink_inside_the_pack_is_accepted(pack: Path) -> None:
    # A link to another file of the same folder stays inside the pack.
    (pack / "leviers.yaml").rename(pack / "mes-leviers.txt")
    os.symlink(pack / "mes-leviers.txt", pack / "leviers.yaml")
    assert check_pack(pack)[0] is not None


def test_a_pack_argument_that_is_a_file_is_refused(pack: Path) -> None:
    # `capia validate scenario.yaml` instead of the folder.
    assert errors(pack / "scenario.yaml") == [
        f"{pack}/scenario.yaml:1:1: pack: "
        "un pack est un dossier (avec scenario.yaml), pas un fichier"
    ]


def test_a_missing_folder_is_reported(tmp_path: Path) -> None:
    assert errors(tmp_path / "absent") == [f"{tmp_path}/absent:1:1: pack: dossier introuvable"]


def test_python_object_tags_are_refused(pack: Path) -> None:
    # The unsafe loader would run code here; the safe one names the tag and goes on.
    text = "- id: x\n  titre: !!python/object/apply:os.system [echo]\n"
    (pack / "evenements.yaml").write_text(text, encoding="utf-8")
    assert (
        f"{pack}/evenements.yaml:2:10: evenements[1].titre: étiquette YAML non acceptée "
        "(tag:yaml.org,2002:python/object/apply:os.system)"
    ) in errors(pack)


def test_a_number_too_long_to_read_is_refused(pack: Path) -> None:
    # 5000 digits overflow Python's int parsing limit: a message, not a ValueError.
    text = (pack / "leviers.yaml").read_text(encoding="utf-8")
    (pack / "leviers.yaml").write_text(text.replace("cout: 10", "cout: " + "9" * 5000, 1))
    assert (
        errors(pack)[0]
        == f"{pack}/leviers.yaml:5:9: leviers[1].cout: nombre illisible ou trop long"
    )


def test_two_documents_in_one_file_are_refused(pack: Path) -> None:
    (pack / "risques.yaml").write_text("- id: a\n---\n- id: b\n", encoding="utf-8")
    assert errors(pack) == [
        f"{pack}/risques.yaml:2:1: risques: syntaxe YAML invalide : un seul document par fichier : "
        "retirez les « --- » en trop"
    ]


def test_problems_from_every_file_are_reported_together(pack: Path) -> None:
    # One mistake in three files: three lines, in file order.
    for name, old, new in [
        ("scenario.yaml", "tours: 3", "tours: trois"),
        ("leviers.yaml", "etape: 1", "etape: 0"),
        ("evenements.yaml", "poids: 2", "poids: [2]"),
    ]:
        text = (pack / name).read_text(encoding="utf-8")
        (pack / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    found = errors(pack)
    assert [line.split(":")[0].rsplit("/", 1)[1] for line in found] == [
        "scenario.yaml",
        "leviers.yaml",
        "evenements.yaml",
    ]
