"""`capia report`: one or more logs in, one HTML (or Markdown) file out."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.randomplay import play_random_game
from game.scenario import load_pack

MINI = Path(__file__).resolve().parent / "packs" / "mini"


@pytest.fixture()
def log_files(tmp_path: Path) -> list[Path]:
    # Two tables of the mini scenario, saved as the server would hand them out.
    paths = []
    for n in (1, 2):
        path = tmp_path / f"table-{n}.jsonl"
        path.write_text(play_random_game(load_pack(MINI), seed=n).to_jsonl(), encoding="utf-8")
        paths.append(path)
    return paths


def test_report_writes_one_html_file_named_after_the_logs(
    log_files: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `capia report table-1.jsonl table-2.jsonl -o debrief.html` names tables after their files.
    out = tmp_path / "debrief.html"
    assert main(["report", *map(str, log_files), "-o", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "table-1" in page and "table-2" in page and "atelier : toutes les tables" in page
    assert "rapport écrit" in capsys.readouterr().out


def test_report_writes_markdown_with_format_md(log_files: list[Path], tmp_path: Path) -> None:
    # `--format md` gives notes for the trainees, with the same sections.
    out = tmp_path / "notes.txt"
    assert main(["report", str(log_files[0]), "-o", str(out), "--format", "md"]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Débriefing")
    assert "### Feuille de route" in text and "### Objectifs secrets" in text


def test_a_md_suffix_selects_markdown(log_files: list[Path], tmp_path: Path) -> None:
    # `-o notes.md` alone is enough to get Markdown.
    out = tmp_path / "notes.md"
    assert main(["report", str(log_files[0]), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Débriefing")


def test_table_names_can_be_given(log_files: list[Path], tmp_path: Path) -> None:
    # `--names "Les Hérons,Les Loutres"` replaces the file names.
    out = tmp_path / "r.html"
    args = ["report", *map(str, log_files), "-o", str(out), "--names", "Les Hérons,Les Loutres"]
    assert main(args) == 0
    page = out.read_text(encoding="utf-8")
    assert "Les Hérons" in page and "Les Loutres" in page


def test_a_file_that_is_not_a_log_is_refused_with_its_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A wrong file gives exit code 1 and a French message naming the file; nothing is written.
    bad = tmp_path / "notes.jsonl"
    bad.write_text('{"kind": "autre chose"}\n', encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", str(bad), "-o", str(out)]) == 1
    assert "notes.jsonl" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A typo in the path gives exit code 1 and « lecture impossible ».
    assert main(["report", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "r.html")]) == 1
    assert "lecture impossible" in capsys.readouterr().err
