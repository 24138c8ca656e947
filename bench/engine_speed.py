"""Engine figures: apply actions/s, `capia playtest` games/s, replay and seek times.

    .venv/bin/python bench/engine_speed.py [--quick] [--runs N]

Prints one JSON line per figure on stdout, a human summary on stderr.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import ROOT, emit, median_of, say

from game.engine import Action, apply, new_game, parse_action, player_view, player_views
from game.log import replay
from game.playtest import play_game
from game.scenario import load_pack
from game.scenario.models import Pack

VILLE = ROOT / "scenarios" / "ville-moyenne"
MINI = ROOT / "tests" / "packs" / "mini"
STRATEGIES = ("random", "greedy", "cautious")


def record_games(pack: Pack, count: int, log_dir: Path) -> list[Path]:
    """Play `count` bot games (strategies in turn, seeds 1..), keep their JSONL logs."""
    for i in range(count):
        play_game(pack, strategy=STRATEGIES[i % 3], seed=1 + i // 3, log_dir=log_dir)
    return sorted(log_dir.glob("*.jsonl"))


def load_actions(path: Path) -> tuple[int, list[str], list[Action]]:
    """The seed, seats and parsed actions of one log."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    header = rows[0]
    return header["seed"], header["seats"], [parse_action(r["action"]) for r in rows[1:]]


def bench_apply(pack: Pack, logs: list[Path], runs: int) -> None:
    """Time `apply` alone over every recorded action list (states are built outside the timer)."""
    games = [load_actions(p) for p in logs]
    total = sum(len(actions) for _, _, actions in games)

    def fold_all() -> float:
        spent = 0.0
        for seed, seats, actions in games:
            state = new_game(pack, seed=seed, seats=seats)
            start = time.perf_counter()
            for action in actions:
                state, _ = apply(state, action)
            spent += time.perf_counter() - start
        return spent

    rates = [total / fold_all() for _ in range(runs)]
    rate = statistics.median(rates)
    emit("engine.apply", rate, "actions/s", games=len(games), actions=total, runs=runs)
    say(
        f"apply: {rate:,.0f} actions/s (median of {runs} folds of {total} actions, target ≥ 10 000)"
    )


def bench_views(pack: Pack, log: Path, runs: int) -> None:
    """Time player_view (and its JSON) for every seat after every action of one game."""
    seed, seats, actions = load_actions(log)
    state = new_game(pack, seed=seed, seats=seats)
    states = []
    for action in actions:
        state, _ = apply(state, action)
        states.append(state)
    roles = [s.role for s in state.seats]
    count = len(states) * len(roles)

    def views() -> None:
        for st in states:
            for role in roles:
                player_view(st, role)

    def views_json() -> None:
        for st in states:
            for role in roles:
                player_view(st, role).model_dump_json()

    def views_6() -> None:
        for st in states:
            player_views(st, roles)

    median, _ = median_of(views, runs)
    median_json, _ = median_of(views_json, runs)
    median_6, _ = median_of(views_6, runs)
    size = statistics.median(len(player_view(st, roles[0]).model_dump_json()) for st in states)
    emit("engine.player_view", median / count * 1e6, "us/view", views=count, runs=runs)
    emit("engine.player_view_json", median_json / count * 1e6, "us/view", bytes=size, runs=runs)
    per_state = median_6 / len(states) * 1e6
    emit("engine.player_views_6", per_state, "us/state", seats=len(roles), runs=runs)
    say(
        f"player_view: {median / count * 1e6:.0f} us per seat view, "
        f"{median_json / count * 1e6:.0f} us with model_dump_json ({size:.0f} bytes median); "
        f"{count} views, median of {runs}; player_views: {per_state:.0f} us "
        f"for the {len(roles)} seat views of one state"
    )


def bench_playtest(
    pack_dir: Path, label: str, games: int, jobs: int, runs: int, *, rate: bool = True
) -> float:
    """Run the real `capia playtest` command, emit games/s (if `rate`); return median seconds."""
    cmd = [sys.executable, "-m", "game.cli", "playtest", str(pack_dir)]
    cmd += ["--games", str(games), "--jobs", str(jobs), "--json"]
    seconds = []
    walls = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
        walls.append(time.perf_counter() - start)
        seconds.append(json.loads(out.stdout)["seconds"])
    s = statistics.median(seconds)
    wall = statistics.median(walls)
    if rate:
        name = f"playtest.{label}.jobs{jobs}"
        emit(
            name,
            games / s,
            "games/s",
            games=games,
            seconds=round(s, 3),
            wall_seconds=round(wall, 3),
        )
    say(
        f"capia playtest {label} --games {games} --jobs {jobs}: {games / s:.1f} games/s "
        f"({s:.2f} s playing, {wall:.2f} s with start-up; median of {runs})"
    )
    return s


def bench_replay(text: str, runs: int) -> None:
    """Time `game.log.replay` of a finished game's full JSONL text."""
    median, _ = median_of(lambda: replay(text), runs)
    actions = text.count("\n") - 1
    emit("replay.full_game", median * 1000, "ms", actions=actions, runs=runs)
    say(
        f"replay of a finished 6-turn game ({actions} actions): {median * 1000:.1f} ms "
        f"(median of {runs}, target < 50 ms)"
    )


def bench_seek(text: str, seeks: int) -> None:
    """Time seeks to random positions with game.replay.Replayer (or a fold from the start)."""
    rng = random.Random(8)
    try:
        from game.replay import Replayer
    except ImportError:
        Replayer = None
    if Replayer is None:
        rows = [json.loads(line) for line in text.splitlines()]
        actions = [parse_action(r["action"]) for r in rows[1:]]
        pack = Pack.model_validate(rows[0]["scenario"])

        def seek(n: int) -> None:
            state = new_game(pack, seed=rows[0]["seed"], seats=rows[0]["seats"])
            for action in actions[:n]:
                state, _ = apply(state, action)

        size, how = len(actions), "fold from the start (no game.replay.Replayer)"
    else:
        build, _ = median_of(lambda: Replayer.from_jsonl(text), 5)
        emit("replay.replayer_build", build * 1000, "ms", runs=5)
        say(
            f"Replayer.from_jsonl (parse + fold + checkpoints): {build * 1000:.1f} ms (median of 5)"
        )
        replayer = Replayer.from_jsonl(text)
        seek, size, how = replayer.seek, len(replayer), "Replayer.seek from the previous position"
    times = []
    for _ in range(seeks):
        target = rng.randint(0, size)
        start = time.perf_counter()
        seek(target)
        times.append(time.perf_counter() - start)
    times.sort()
    median = statistics.median(times)
    emit(
        "replay.seek",
        median * 1000,
        "ms",
        seeks=seeks,
        max_ms=round(times[-1] * 1000, 3),
        method=how,
    )
    say(
        f"seek to a random point ({how}): median {median * 1000:.2f} ms, "
        f"max {times[-1] * 1000:.2f} ms over {seeks} seeks (target < 20 ms)"
    )


def main() -> int:
    """Run every engine figure; --quick makes each load small."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small loads, for tests")
    parser.add_argument("--runs", type=int, default=None, help="repeats per figure")
    parser.add_argument("--no-playtest", action="store_true", help="skip the playtest figures")
    args = parser.parse_args()
    runs = args.runs or (1 if args.quick else 5)
    ville = load_pack(VILLE)
    with tempfile.TemporaryDirectory() as tmp:
        logs = record_games(ville, 3 if args.quick else 30, Path(tmp))
        bench_apply(ville, logs, runs)
        bench_views(ville, logs[0], runs)
        texts = [p.read_text(encoding="utf-8") for p in logs]
    longest = max(texts, key=len)
    bench_replay(longest, 3 if args.quick else 20)
    bench_seek(longest, 20 if args.quick else 500)
    if args.no_playtest:
        return 0
    playtest_runs = 1 if args.quick else 3
    for pack_dir, label, games in ((VILLE, "ville-moyenne", 300), (MINI, "mini", 1000)):
        for jobs in (1, 2):
            n = 6 if args.quick else games
            bench_playtest(pack_dir, label, n, jobs, playtest_runs)
    if not args.quick:
        s = bench_playtest(VILLE, "ville-moyenne", 1000, 2, playtest_runs, rate=False)
        emit("playtest.ville-moyenne.1000_games.jobs2", s, "s", games=1000, runs=playtest_runs)
        say(f"1 000-game playtest of ville-moyenne with 2 jobs: {s:.1f} s (target < 60 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
