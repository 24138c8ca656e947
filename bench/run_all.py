"""Run every bench script (bench/*.py but this one and `_*.py`) and collect their figures.

    .venv/bin/python bench/run_all.py [--quick] [--only NAME] [other flags passed to each script]

Each script's JSON lines are echoed on stdout; its summary goes to stderr. The
figures and the machine are also written to bench/results/latest.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from _common import machine

HERE = Path(__file__).resolve().parent


def bench_scripts(folder: Path) -> list[Path]:
    """The bench scripts of `folder`, in name order."""
    return sorted(
        p for p in folder.glob("*.py") if p.name != "run_all.py" and not p.name.startswith("_")
    )


def figures_of(stdout: str) -> list[dict[str, object]]:
    """The figure lines ({"name", "value", "unit"}) of a script's output."""
    rows = []
    for line in stdout.splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict) and {"name", "value", "unit"} <= row.keys():
            rows.append(row)
    return rows


def run_script(
    script: Path, flags: list[str], timeout: float
) -> tuple[int, list[dict[str, object]]]:
    """Run one script with `flags`; return its exit code and figures."""
    print(f"== {script.name} {' '.join(flags)}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, str(script), *flags],
            stdout=subprocess.PIPE,
            text=True,
            timeout=timeout,
            cwd=script.parent.parent,
        )
    except subprocess.TimeoutExpired:
        print(f"!! {script.name}: timed out after {timeout:.0f} s", file=sys.stderr)
        return 124, []
    rows = figures_of(proc.stdout)
    for row in rows:
        print(json.dumps({**row, "script": script.stem}, ensure_ascii=False), flush=True)
    took = time.perf_counter() - start
    status = "ok" if proc.returncode == 0 else f"FAILED (exit {proc.returncode})"
    print(f"== {script.name}: {status}, {len(rows)} figures, {took:.1f} s", file=sys.stderr)
    return proc.returncode, rows


def main() -> int:
    """Run the scripts; exit 1 if any of them failed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", action="append", default=[], help="run only this script (stem)")
    parser.add_argument("--bench-dir", type=Path, default=HERE, help="folder of the scripts")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per script")
    parser.add_argument("--out", type=Path, default=None, help="results file (JSON)")
    args, flags = parser.parse_known_args()
    scripts = bench_scripts(args.bench_dir)
    if args.only:
        scripts = [s for s in scripts if s.stem in args.only]
    failed = []
    results = []
    for script in scripts:
        code, rows = run_script(script, flags, args.timeout)
        results += [{**row, "script": script.stem} for row in rows]
        if code != 0:
            failed.append(script.name)
    out = args.out or args.bench_dir / "results" / "latest.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    report = {"machine": machine(), "flags": flags, "figures": results, "failed": failed}
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"== {len(results)} figures from {len(scripts)} scripts → {out}", file=sys.stderr)
    if failed:
        print(f"!! failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
