"""Time from `capia play --server URL --code CODE` starting to the connect screen drawn.

Each run is a fresh Python process going through the real CLI (imports, pygame
init, theme, first frame); the child's `App.run` is replaced by one frame that
prints the clock. Prints JSON lines {name, value, unit}. `--quick` runs fewer times.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from _common import ROOT, emit, say

CHILD = """
import sys, time
from game.client.app import App
def one_frame(self, fps=60):
    self.step()
    print("drawn", time.time(), type(self.scene).__name__, flush=True)
App.run = one_frame
from game.cli import main
sys.exit(main(sys.argv[1:]))
"""


def one_run(env: dict[str, str]) -> float:
    """Seconds from spawning the process to the connect scene's first frame."""
    argv = ["play", "--server", "http://127.0.0.1:9", "--code", "ABCDEF", "--name", "Bench"]
    t0 = time.time()
    out = subprocess.run(
        [sys.executable, "-c", CHILD, *argv],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(x for x in out.splitlines() if x.startswith("drawn "))
    _, at, scene = line.split()
    assert scene == "ConnectScene", scene
    return float(at) - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "CAPIA_TOKEN_FILE": os.devnull + ".capia-bench-none",
    }
    runs = 3 if args.quick else 10
    times = sorted(one_run(env) for _ in range(runs))
    emit("client_startup_to_connect_median", statistics.median(times) * 1000, "ms", runs=runs)
    emit("client_startup_to_connect_max", times[-1] * 1000, "ms", runs=runs)
    say(f"capia play → écran de connexion : médiane {statistics.median(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
