"""CPU used by an idle client window: a table screen and the facilitator console.

Each screen runs in a child process through the real `App.run` loop, in a real X
window (an Xvfb server is started when there is no DISPLAY; `--quick` under
SDL_VIDEODRIVER=dummy keeps the dummy driver). The phase timers run, so the
countdown changes every second, as in a workshop; nobody touches mouse or keyboard.
The child measures its own CPU time (every thread) over `--seconds` after a warm-up,
and the figure is that time over the wall time: 100 % is one whole core.

`--src DIR` runs the child against another copy of the code (e.g. an older commit
exported with `git archive`), to compare. Prints JSON lines {name, value, unit}.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator

from _common import ROOT, emit, say

CHILD = r"""
import json, sys, threading, time
from pathlib import Path
import pygame
from game.client.app import App
from game.engine.actions import AdvancePhase, Ready, StartGame
from game.scenario import load_pack
try:
    from game.client.sessions.local import LocalSession, LocalWorkshop
except ImportError:  # an older tree
    from game.client.local import LocalSession, LocalWorkshop
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.table import TableScene

screen, pack_dir, size = sys.argv[1:4]
warm, secs = float(sys.argv[4]), float(sys.argv[5])
w, h = (int(x) for x in size.split("x"))
pack = load_pack(Path(pack_dir))
if screen == "table":
    session = LocalSession(pack, seed=1)
    while str(session.log.state.phase) != "propositions":  # everyone ready: the market
        for seat in session.seats:
            session.send(Ready(seat=seat))
    session.select(session.seats[0])
    scene_of = lambda: TableScene(session)
else:
    session = LocalWorkshop(pack, tables=3)
    for t in session.tables:
        session.control(t.table_id, StartGame())
        session.control(t.table_id, AdvancePhase())
    scene_of = lambda: FacilitatorScene(session)
app = App((w, h))
driver = pygame.display.get_driver()
app.switch(scene_of())
out = {}
def measure():
    time.sleep(warm)
    c0, t0 = time.process_time(), time.monotonic()
    time.sleep(secs)
    out["cpu"] = (time.process_time() - c0) / (time.monotonic() - t0)
    out["frames"] = getattr(app, "frames_drawn", -1)
    app.running = False
threading.Thread(target=measure, daemon=True).start()
app.run()
print(json.dumps({"cpu": out.get("cpu", -1), "driver": driver}))
"""


@contextlib.contextmanager
def display(quick: bool) -> Iterator[dict[str, str]]:
    """The environment of a child with a real X display (an Xvfb of our own if needed)."""
    env = dict(os.environ)
    if quick and env.get("SDL_VIDEODRIVER") == "dummy":
        yield env
        return
    env.pop("SDL_VIDEODRIVER", None)
    if env.get("DISPLAY"):
        yield env
        return
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb introuvable : apt-get install -y xvfb (ou lancez avec DISPLAY)")
    number = 90 + os.getpid() % 100
    proc = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(1.0)
        yield {**env, "DISPLAY": f":{number}"}
    finally:
        proc.terminate()
        proc.wait(5)


def run_child(env: dict[str, str], args: argparse.Namespace, screen: str) -> dict[str, object]:
    src = args.src or str(ROOT)
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            screen,
            args.pack,
            args.size,
            str(args.warm),
            str(args.seconds),
        ],
        env={
            **env,
            "PYTHONPATH": src,
            "SDL_AUDIODRIVER": "dummy",
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        },
        cwd=src,
        capture_output=True,
        text=True,
        timeout=args.warm + args.seconds + 60,
    )
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    line = next(x for x in proc.stdout.splitlines() if x.startswith("{"))
    result: dict[str, object] = json.loads(line)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--pack", default=str(ROOT / "scenarios" / "ville-moyenne"))
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warm", type=float, default=3.0)
    parser.add_argument("--src", default="", help="run another copy of the code")
    parser.add_argument("--runs", type=int, default=3, help="runs per screen (median)")
    args = parser.parse_args()
    if args.quick:
        args.seconds, args.warm, args.runs = 2.0, 1.0, 1
    with display(args.quick) as env:
        for screen in ("table", "console"):
            runs = [run_child(env, args, screen) for _ in range(args.runs)]
            pcts = sorted(100 * float(r["cpu"]) for r in runs)  # type: ignore[arg-type]
            pct = statistics.median(pcts)
            emit(
                f"client_idle_{screen}",
                pct,
                "% of a core",
                size=args.size,
                seconds=args.seconds,
                runs=[round(p, 2) for p in pcts],
                driver=runs[0]["driver"],
                src=args.src or "this tree",
                load=round(os.getloadavg()[0], 2),
            )
            say(f"{screen}: {pct:.1f} % of a core idle (runs {pcts}, {args.size})")


if __name__ == "__main__":
    main()
