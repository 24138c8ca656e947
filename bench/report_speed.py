"""Time to build a debrief report of 8 tables, and to seek in a 6-turn game.

Prints one JSON line per figure: {"name", "value", "unit"}. `--quick` uses
fewer repetitions (for CI smoke runs).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

from game.randomplay import play_random_game, with_turns
from game.replay import Replayer
from game.report import build_report_html, build_report_markdown
from game.scenario import Pack, load_pack

ROOT = Path(__file__).resolve().parent.parent
PACKS = ("scenarios/ville-moyenne", "scenarios/decouverte", "tests/packs/mini")


def _pack() -> tuple[str, Pack]:
    for name in PACKS:
        try:
            return name, load_pack(ROOT / name)
        except Exception:  # a pack being written may not load yet
            continue
    raise SystemExit("aucun pack chargeable")


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def bench_report(pack: Pack, repeats: int) -> None:
    logs = [play_random_game(pack, seed=s).to_jsonl() for s in range(8)]
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        page = build_report_html(logs)
        times.append(time.perf_counter() - start)
    emit("report_html_8_tables", statistics.median(times), "s")
    emit("report_html_8_tables_size", len(page.encode()) / 1024, "KiB")
    start = time.perf_counter()
    build_report_markdown(logs)
    emit("report_md_8_tables", time.perf_counter() - start, "s")


def bench_seek(pack: Pack, seeks: int) -> None:
    text = play_random_game(with_turns(pack, 6), seed=7).to_jsonl()
    start = time.perf_counter()
    replayer = Replayer.from_jsonl(text)
    emit("replay_build_6_turns", time.perf_counter() - start, "s")
    emit("replay_actions_6_turns", len(replayer), "actions")
    rng = random.Random(1)
    times = []
    for _ in range(seeks):
        target = rng.randrange(len(replayer) + 1)
        start = time.perf_counter()
        replayer.seek(target)
        times.append(time.perf_counter() - start)
    emit("replay_seek_random_median", statistics.median(times) * 1000, "ms")
    emit("replay_seek_random_max", max(times) * 1000, "ms")
    start = time.perf_counter()
    Replayer.from_jsonl(text).seek(len(replayer) - 1)
    emit("replay_full_fold_for_comparison", (time.perf_counter() - start) * 1000, "ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    name, pack = _pack()
    print(f"pack : {name}", file=sys.stderr)
    bench_report(pack, 1 if args.quick else 3)
    bench_seek(pack, 50 if args.quick else 500)


if __name__ == "__main__":
    main()
