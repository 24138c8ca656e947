"""Frame time of the replay scene while scrubbing, and the time of one seek (headless).

Prints JSON lines {name, value, unit}. `--quick` runs fewer frames.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from game.client.app import App
from game.client.scenes.replay import replay_scene_from_jsonl
from game.playtest import play_game
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parents[1]


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[max(0, int(len(values) * q) - 1)], 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--pack", default=str(ROOT / "scenarios" / "ville-moyenne"))
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    with tempfile.TemporaryDirectory() as tmp:
        play_game(load_pack(Path(args.pack)), strategy="cautious", seed=3, log_dir=Path(tmp))
        text = (Path(tmp) / "cautious-3.jsonl").read_text(encoding="utf-8")
    t0 = time.perf_counter()
    scene = replay_scene_from_jsonl(text)
    load = (time.perf_counter() - t0) * 1000
    app = App((w, h))
    app.switch(scene)
    n = scene.replay.length
    rng = random.Random(7)
    seeks = []
    for _ in range(200 if args.quick else 2000):
        target = rng.randrange(n + 1)
        t0 = time.perf_counter()
        scene.replay.replayer.seek(target)
        seeks.append((time.perf_counter() - t0) * 1000)
    frames = []
    for i in range(120 if args.quick else 600):
        scene.target = (i * 7) % (n + 1)  # what a slider drag asks each frame
        t0 = time.perf_counter()
        app.step()
        frames.append((time.perf_counter() - t0) * 1000)
    out = [
        ("replay_actions", n, "actions"),
        ("replay_load", round(load, 1), "ms"),
        ("replay_seek_median", _pct(seeks, 0.5), "ms"),
        ("replay_seek_p99", _pct(seeks, 0.99), "ms"),
        ("replay_scrub_frame_median", round(statistics.median(frames), 3), "ms"),
        ("replay_scrub_frame_p99", _pct(frames, 0.99), "ms"),
    ]
    for name, value, unit in out:
        print(json.dumps({"name": name, "value": value, "unit": unit, "size": args.size}))


if __name__ == "__main__":
    main()
