"""The wheel works outside the checkout, on each supported Python (CI runs this).

Builds the wheel once, then for Python 3.11, 3.12 and 3.13 (each skipped, saying
why, when no such interpreter is on the machine): a fresh venv in a temporary
folder, the locked dependencies (`requirements.lock`, hash-checked) and the wheel,
then from an empty temporary folder: `capia validate decouverte`, `capia serve
--port 0` with its default scenario until /healthz answers (then Ctrl+C), and a
headless `capia play --local decouverte --autoplay` (two seats) to the end of the game.

Usage: .venv/bin/python .ci/wheel_check.py [--python 3.12 ...]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UV = [sys.executable, "-m", "uv"]
VERSIONS = ("3.11", "3.12", "3.13")
#: files a working install cannot do without (checked in the wheel itself)
DATA = (
    "scenarios/ville-moyenne/scenario.yaml",
    "scenarios/decouverte/cas_usage.yaml",
    "scenarios/README.md",
    "assets/theme.json",
    "assets/fonts/NotoSans-Regular.ttf",
    "assets/fonts/OFL.txt",
    "game/scenario/starter/scenario.yaml",
    "game/report/templates/report.html.j2",
)
WAIT = 60.0  # seconds: a safety net, far above what each step takes


class CheckFailed(Exception):
    """One step of the check went wrong (the message says which and shows its output)."""


def run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run `cmd`; its output, or CheckFailed with that output."""
    done = subprocess.run(
        cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=WAIT, check=False
    )
    if done.returncode != 0:
        raise CheckFailed(f"{' '.join(cmd)} → {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def build_wheel(out: Path) -> Path:
    """Build the wheel from the checkout into `out`; check its package data."""
    run([*UV, "build", "--wheel", "--quiet", "--out-dir", str(out), str(ROOT)], cwd=ROOT)
    (wheel,) = out.glob("capia-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [d for d in DATA if d not in names]
    if missing:
        raise CheckFailed(f"{wheel.name} lacks {', '.join(missing)}")
    return wheel


def find_python(version: str) -> str | None:
    """An interpreter of `version` on this machine (PATH, then pyenv's folder), or None."""
    pyenv = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    candidates = [shutil.which(f"python{version}") or ""]
    candidates += sorted(glob.glob(f"{pyenv}/versions/{version}.*/bin/python{version}"))
    for exe in filter(None, candidates):
        probe = subprocess.run(
            [exe, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return exe
    return None


def clean_env() -> dict[str, str]:
    """This environment without CAPIA_* settings or PYTHONPATH, with headless SDL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAPIA_")}
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1")
    return env


def install(python: str, wheel: Path, venv: Path) -> Path:
    """A fresh venv of `python` with the locked dependencies and the wheel; its bin folder."""
    run([*UV, "venv", "--quiet", "--python", python, str(venv)], cwd=venv.parent)
    target = ["--python", str(venv)]
    lock = ROOT / "requirements.lock"
    run([*UV, "pip", "install", "--quiet", *target, "--require-hashes", "-r", str(lock)], cwd=ROOT)
    run([*UV, "pip", "install", "--quiet", *target, "--no-deps", str(wheel)], cwd=ROOT)
    run([*UV, "pip", "check", *target], cwd=ROOT)  # the wheel's requirements are all there
    return venv / ("Scripts" if os.name == "nt" else "bin")


def check_serve(capia: str, work: Path, env: dict[str, str]) -> str:
    """`capia serve --port 0` opens its demo workshop and answers /healthz; Ctrl+C stops it."""
    proc = subprocess.Popen(
        [capia, "serve", "--port", "0", "--db", str(work / "capia.sqlite3")],
        cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    lines: queue.Queue[str] = queue.Queue()
    out = proc.stdout
    assert out is not None

    def pump() -> None:
        for line in out:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    try:
        url = ""
        deadline = time.monotonic() + WAIT
        while not any(x.startswith("Ctrl+C") for x in seen):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise CheckFailed("capia serve stopped or hung:\n" + "".join(seen))
            try:
                seen.append(lines.get(timeout=0.5))
            except queue.Empty:
                continue
            if "serveur d'atelier sur " in seen[-1]:
                url = seen[-1].split(" sur ")[1].strip()
        with urllib.request.urlopen(f"{url}/healthz", timeout=10) as r:
            health = json.loads(r.read())
        if not (health.get("ok") and health.get("workshops") == 1):
            raise CheckFailed(f"/healthz: {health}")
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl+C (this script runs on CI's Linux)
        try:
            code = proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise CheckFailed("capia serve did not stop on Ctrl+C") from None
    if code != 0:
        raise CheckFailed(f"capia serve exited with {code}:\n" + "".join(seen))
    return f"serve {url} ({health['tables']} tables)"


def check_version(version: str, wheel: Path, tmp: Path) -> str:
    """Every check on one Python; a one-line summary."""
    python = find_python(version)
    if python is None:
        return "skipped: no Python " + version + " interpreter on this machine"
    started = time.monotonic()
    bin_dir = install(python, wheel, tmp / f"venv-{version}")
    work = tmp / f"work-{version}"
    work.mkdir()
    env = {**clean_env(), "CAPIA_CONFIG_DIR": str(tmp / f"config-{version}")}  # admin token
    exe = str(bin_dir / "python")
    where = run([exe, "-c", "import game, scenarios; print(game.__file__)"], cwd=work, env=env)
    if not Path(where.strip()).is_relative_to(tmp):
        raise CheckFailed(f"game imported from {where.strip()}, not from the fresh venv")
    capia = str(bin_dir / "capia")
    run([capia, "validate", "decouverte"], cwd=work, env=env)
    served = check_serve(capia, work, env)
    # two seats: the hand-over screen between them, half the clicks of a full table
    play = [capia, "play", "--local", "decouverte", "--seats", "dgs,dpo", "--autoplay"]
    out = run(play, cwd=work, env=env)
    log = Path(out.rsplit("Journal de la partie : ", 1)[-1].strip())
    if "Partie terminée" not in out or not log.is_file() or not log.is_relative_to(work):
        raise CheckFailed(f"capia play --local --autoplay:\n{out}")
    seconds = time.monotonic() - started
    return f"ok ({python}; {served}; play to the end, log {log.name}; {seconds:.0f} s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", action="append", help="version to check (default: all)")
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory(prefix="capia-wheel-") as name:
        tmp = Path(name).resolve()
        if tmp.is_relative_to(ROOT):
            raise SystemExit("the temporary folder must be outside the checkout")
        wheel = build_wheel(tmp / "dist")
        print(f"wheel check: built {wheel.name}", flush=True)
        for version in args.python or VERSIONS:
            try:
                result = check_version(version, wheel, tmp)
            except (CheckFailed, subprocess.TimeoutExpired) as exc:
                failed += 1
                result = f"FAILED: {exc}"
            print(f"wheel check: Python {version}: {result}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
