"""The bench scripts keep running: each one runs with --quick and prints its figures.

Figures are not checked against targets here (no timed assertions): a bench
that crashes or prints no figure fails; how fast it was is bench/README.md's job.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
RUN_ALL = (sys.executable, str(BENCH / "run_all.py"))
SCRIPTS = sorted(
    p.name for p in BENCH.glob("*.py") if p.name != "run_all.py" and not p.name.startswith("_")
)


def _figures(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


@pytest.mark.parametrize("script", SCRIPTS)
def test_each_bench_script_runs_quick_and_prints_figures(script: str) -> None:
    # `python bench/<script> --quick` exits 0 and prints {"name", "value", "unit"} lines.
    proc = subprocess.run(
        [sys.executable, str(BENCH / script), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=BENCH.parent,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = _figures(proc.stdout)
    assert figures, "no figure printed"
    for row in figures:
        assert isinstance(row["name"], str) and row["name"]
        assert isinstance(row["value"], int | float)
        assert isinstance(row["unit"], str) and row["unit"]


def test_run_all_runs_every_script_but_helpers_and_passes_flags(tmp_path: Path) -> None:
    # A folder with a.py, b.py and _helper.py: run_all runs a and b with --quick, skips
    # _helper, tags each figure with its script and writes the results file.
    (tmp_path / "_helper.py").write_text("raise SystemExit(3)\n")
    for name in ("a", "b"):
        code = (
            "import json, sys\n"
            f"print(json.dumps({{'name': '{name}', 'value': len(sys.argv), 'unit': 'args'}}))\n"
            "print('résumé lisible', file=sys.stderr)\n"
        )
        (tmp_path / f"{name}.py").write_text(code)
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [*RUN_ALL, "--bench-dir", str(tmp_path), "--out", str(out), "--quick"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    figures = _figures(proc.stdout)
    assert [(f["script"], f["name"], f["value"]) for f in figures] == [("a", "a", 2), ("b", "b", 2)]
    saved = json.loads(out.read_text())
    assert saved["flags"] == ["--quick"] and saved["failed"] == []
    assert saved["machine"]["nproc"] >= 1


def test_run_all_fails_when_a_script_fails(tmp_path: Path) -> None:
    # A script exiting 1 makes run_all exit 1 and name it.
    (tmp_path / "broken.py").write_text("raise SystemExit(1)\n")
    proc = subprocess.run(
        [*RUN_ALL, "--bench-dir", str(tmp_path), "--out", str(tmp_path / "r.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "broken.py" in proc.stderr
