"""Frame time of the table scene with the full market on screen (headless).

Prints JSON lines {name, value, unit}. `--quick` runs fewer frames.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import psutil

from game.client.app import App
from game.client.driver import Driver
from game.client.scenes.handover import HandoverScene
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession
from game.engine.phase import Phase
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--pack", default=str(ROOT / "scenarios" / "ville-moyenne"))
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    session = LocalSession(load_pack(Path(args.pack)), seed=1, clock=time.time)
    app = App((w, h))
    app.switch(HandoverScene(session, session.seats[0]))
    d = Driver(app)
    while session.log.state.phase != Phase.PROPOSITIONS:
        d.click("take") if isinstance(app.scene, HandoverScene) else d.click("ready")
    if isinstance(app.scene, HandoverScene):
        d.click("take")
    scene = app.scene
    assert isinstance(scene, TableScene)
    cards = sum(1 for k in scene.buttons if k.startswith("card:"))
    frames = 120 if args.quick else 1200
    times = []
    for _ in range(frames):
        t0 = time.perf_counter()
        app.step()
        times.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    scene.relayout()
    rebuild = (time.perf_counter() - t0) * 1000
    times.sort()
    out = [
        ("table_cards_on_screen", cards, "cards"),
        ("table_market_size", len(session.view.market) if session.view else 0, "cards"),
        ("table_frame_median", round(statistics.median(times), 3), "ms"),
        ("table_frame_p99", round(times[int(len(times) * 0.99) - 1], 3), "ms"),
        ("table_rebuild", round(rebuild, 2), "ms"),
        # the whole client process (pygame, pygame_gui, the engine and the pack) mid-game
        ("client_rss", round(psutil.Process().memory_info().rss / 2**20, 1), "MiB"),
    ]
    for name, value, unit in out:
        print(json.dumps({"name": name, "value": value, "unit": unit, "size": args.size}))


if __name__ == "__main__":
    main()
