"""A log that does not replay is refused in French, naming the file and line of the bad
record: `capia report` and `capia replay` on hand-edited logs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from report_helpers import seeded_game

from game.cli import main

ENGLISH = re.compile(
    r"validation error|should|Input|Field required|Expecting|Extra inputs|characters|"
    r"for further information|value_error|type=",
)
NAMES = {"dgs": "Camille", "dpo": "Dominique"}


def _log_lines() -> list[str]:
    return seeded_game(NAMES, ("Parce que.",), seed=1).to_jsonl().splitlines()


def _first(lines: list[str], kind: str) -> int:
    """The 1-based line number of the first record of action type `kind`."""
    return next(i for i, line in enumerate(lines, 1) if f'"type": "{kind}"' in line)


def _edit(lines: list[str], number: int, change: Callable[[dict], None]) -> list[str]:
    record = json.loads(lines[number - 1])
    change(record)
    return [*lines[: number - 1], json.dumps(record, ensure_ascii=False), *lines[number:]]


def _too_long(lines: list[str]) -> tuple[list[str], int]:
    number = _first(lines, "vote")
    return _edit(lines, number, lambda r: r["action"].update(justification="x" * 2000)), number


def _unknown_type(lines: list[str]) -> tuple[list[str], int]:
    number = _first(lines, "vote")
    return _edit(lines, number, lambda r: r["action"].update(type="tricher")), number


def _not_json(lines: list[str]) -> tuple[list[str], int]:
    return [*lines[:3], '{"seq": 3, "action": {', *lines[4:]], 4


def _refused_by_rules(lines: list[str]) -> tuple[list[str], int]:
    # the second seat's first vote moved before the game started
    number = _first(lines, "vote")
    return [lines[0], lines[number - 1], *lines[1:]], 2


CASES = {
    "trop long": (_too_long, ["justification", "2 000", "500 caractères au plus"]),
    "type inconnu": (_unknown_type, ["type d'action inconnu « tricher »"]),
    "pas du JSON": (_not_json, ["JSON invalide"]),
    "refusé par les règles": (_refused_by_rules, ["action refusée par les règles"]),
}


def _run(command: str, path: Path, tmp_path: Path) -> int:
    if command == "report":
        return main(["report", str(path), "-o", str(tmp_path / "r.html")])
    return main(["replay", str(path)])


@pytest.mark.parametrize("command", ["report", "replay"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_record_is_refused_in_french_with_its_file_and_line(
    case: str, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = CASES[case]
    lines, number = make(_log_lines())
    path = tmp_path / "table-1.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert _run(command, path, tmp_path) == 1
    err = capsys.readouterr().err
    assert f"{path}:{number} :" in err, err
    for text in expected:
        assert text in err, err
    assert not ENGLISH.search(err), err
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("command", ["report", "replay"])
def test_a_file_that_is_not_utf8_is_refused_in_french(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "table-1.jsonl"
    path.write_bytes(b'{"kind": "capia-log", "seed": "\xe9"}\n')
    assert _run(command, path, tmp_path) == 1
    err = capsys.readouterr().err
    assert "UTF-8" in err and str(path) in err and not ENGLISH.search(err), err
