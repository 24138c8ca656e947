"""`capia playtest`: play many seeded bot games and report the pack's balance."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from tqdm import tqdm

from game.bots import BOTS
from game.driver import BotRounds, play
from game.engine import Action, GameEvent, GameState
from game.engine.events import CardProposed, DilemmaDecided, RiskFired
from game.scenario import PackError, load_pack
from game.scenario.bundled import PackNotFoundError, pack_folder
from game.scenario.models import Pack

MAX_ACTIONS = 20_000


@dataclass
class GameResult:
    """What one bot game did, for the balance report."""

    strategy: str
    seed: int
    team_score: float = 0.0
    actions: int = 0
    proposed: set[str] = field(default_factory=set)
    deployed: set[str] = field(default_factory=set)
    risks: set[str] = field(default_factory=set)
    options: list[tuple[str, str]] = field(default_factory=list)
    objectives: dict[str, bool] = field(default_factory=dict)


def play_game(pack: Pack, *, strategy: str, seed: int, log_dir: Path | None = None) -> GameResult:
    """Play one full game where every seat uses `strategy`; return what happened."""
    result = GameResult(strategy=strategy, seed=seed)

    def watch(_action: Action, _state: GameState, events: tuple[GameEvent, ...]) -> None:
        for event in events:
            if isinstance(event, CardProposed):
                result.proposed.add(event.card)
            elif isinstance(event, RiskFired):
                result.risks.add(event.risk)
            elif isinstance(event, DilemmaDecided):
                result.options.append((event.dilemma, event.option))

    log = play(pack, BotRounds(BOTS[strategy]), seed, max_steps=MAX_ACTIONS, watch=watch)
    if log_dir is not None:
        (log_dir / f"{strategy}-{seed}.jsonl").write_text(log.to_jsonl(), encoding="utf-8")
    state = log.state
    result.team_score = state.team_score or 0.0
    result.actions = len(log.records)
    result.deployed = {p.card for p in state.projects if p.deployed_turn is not None}
    result.objectives = dict(state.objectives_met)
    return result


def _play(args: tuple[str, int], pack: Pack, log_dir: Path | None) -> GameResult:
    strategy, seed = args
    return play_game(pack, strategy=strategy, seed=seed, log_dir=log_dir)


# What each pool worker plays with, set once by `_init_worker` (not pickled per task).
_worker: dict[str, Any] = {}


def _init_worker(pack: Pack, log_dir: Path | None) -> None:
    _worker["pack"], _worker["log_dir"] = pack, log_dir


def _play_in_worker(args: tuple[str, int]) -> GameResult:
    return _play(args, _worker["pack"], _worker["log_dir"])


def run_playtest(
    pack: Pack,
    *,
    games: int,
    seed: int = 1,
    jobs: int = 1,
    log_dir: Path | None = None,
    progress: bool = False,
) -> list[GameResult]:
    """Play `games` games, rotating strategies; the same seed is played by each strategy."""
    names = list(BOTS)
    plan = [(names[i % len(names)], seed + i // len(names)) for i in range(games)]
    work = partial(_play, pack=pack, log_dir=log_dir)
    bar = tqdm(total=games, disable=not progress, unit="partie", file=sys.stderr)
    results: list[GameResult] = []
    if jobs > 1:
        with Pool(jobs, initializer=_init_worker, initargs=(pack, log_dir)) as pool:
            for r in pool.imap(_play_in_worker, plan, chunksize=8):
                results.append(r)
                bar.update()
    else:
        for item in plan:
            results.append(work(item))
            bar.update()
    bar.close()
    return results


def balance(pack: Pack, results: list[GameResult]) -> dict[str, Any]:
    """The balance figures of a playtest (JSON-able)."""
    n = len(results)
    by_strategy: dict[str, list[GameResult]] = {}
    for r in results:
        by_strategy.setdefault(r.strategy, []).append(r)
    wins: Counter[str] = Counter()
    by_seed: dict[int, list[GameResult]] = {}
    for r in results:
        by_seed.setdefault(r.seed, []).append(r)
    for group in by_seed.values():
        if len(group) == len(by_strategy):
            wins[max(group, key=lambda g: g.team_score).strategy] += 1
    cards = [c.id for c in pack.use_cases] + [lv.id for lv in pack.levers]
    options: dict[str, Counter[str]] = {d.id: Counter() for d in pack.dilemmas}
    for r in results:
        for dilemma, option in r.options:
            options[dilemma][option] += 1
    return {
        "games": n,
        "strategies": {
            s: {
                "games": len(rs),
                "mean": round(statistics.mean(r.team_score for r in rs), 2),
                "stdev": round(statistics.pstdev(r.team_score for r in rs), 2),
                "min": min(r.team_score for r in rs),
                "max": max(r.team_score for r in rs),
                "wins": wins[s],
            }
            for s, rs in by_strategy.items()
        },
        "proposed": {c: round(sum(c in r.proposed for r in results) / n, 3) for c in cards},
        "deployed": {c: round(sum(c in r.deployed for r in results) / n, 3) for c in cards},
        "risks": {rk.id: round(sum(rk.id in r.risks for r in results) / n, 3) for rk in pack.risks},
        "dilemma_options": {d: dict(c) for d, c in options.items()},
        "objectives": {
            role.id: round(sum(r.objectives.get(role.id, False) for r in results) / n, 3)
            for role in pack.scenario.roles
        },
        "actions_per_game": round(statistics.mean(r.actions for r in results), 1),
    }


def warnings(pack: Pack, figures: dict[str, Any]) -> list[str]:
    """The balance problems the issue's targets name, in French."""
    out: list[str] = []
    strategies = figures["strategies"]
    seeds = max((s["wins"] for s in strategies.values()), default=0)
    total_wins = sum(s["wins"] for s in strategies.values())
    if total_wins and seeds == total_wins:
        out.append("une stratégie gagne à chaque fois")
    if (
        "cautious" in strategies
        and "random" in strategies
        and strategies["cautious"]["mean"] <= strategies["random"]["mean"]
    ):
        out.append("« leviers d'abord » ne bat pas le hasard en moyenne")
    out += [f"carte jamais proposée : {c}" for c, share in figures["proposed"].items() if not share]
    for risk, share in figures["risks"].items():
        if share < 0.02 or share > 0.60:
            out.append(f"risque hors de la plage 2-60 % : {risk} ({share:.0%})")
    for dilemma, counts in figures["dilemma_options"].items():
        total = sum(counts.values())
        for option, count in counts.items():
            if total >= 20 and count == total:
                out.append(f"option toujours choisie : {dilemma} → {option}")
    return out


def format_report(pack: Pack, figures: dict[str, Any], *, seconds: float, seed: int) -> str:
    """The balance report as French text."""
    n = figures["games"]
    titles = {c.id: c.title for c in pack.use_cases}
    titles |= {c.id: c.title for c in pack.levers}
    titles |= {c.id: c.title for c in pack.risks}
    lines = [
        f"Pack {pack.scenario.id} : {n} parties (graine {seed}) en {seconds:.1f} s "
        f"({n / max(seconds, 1e-9):.1f} parties/s), "
        f"{figures['actions_per_game']} actions par partie en moyenne",
        "",
        "Score d'équipe par stratégie (0-100)",
        f"  {'stratégie':<10} {'parties':>7} {'moyenne':>8} {'écart':>6} {'min':>6} "
        f"{'max':>6} {'victoires':>9}",
    ]
    for name, s in figures["strategies"].items():
        lines.append(
            f"  {name:<10} {s['games']:>7} {s['mean']:>8.1f} {s['stdev']:>6.1f} "
            f"{s['min']:>6.1f} {s['max']:>6.1f} {s['wins']:>9}"
        )
    lines += ["", "Cartes : proposée / déployée (part des parties)"]
    for card, share in figures["proposed"].items():
        deployed = figures["deployed"][card]
        lines.append(f"  {share:>5.0%} {deployed:>5.0%}  {titles.get(card, card)} ({card})")
    lines += ["", "Risques : part des parties où il survient"]
    for risk, share in figures["risks"].items():
        lines.append(f"  {share:>5.0%}  {titles.get(risk, risk)} ({risk})")
    lines += ["", "Dilemmes : options retenues"]
    for dilemma, counts in figures["dilemma_options"].items():
        total = sum(counts.values()) or 1
        shares = ", ".join(f"{o} {c / total:.0%}" for o, c in counts.items()) or "jamais ouvert"
        lines.append(f"  {dilemma} : {shares}")
    lines += ["", "Objectifs secrets atteints"]
    for role, share in figures["objectives"].items():
        lines.append(f"  {share:>5.0%}  {role}")
    problems = warnings(pack, figures)
    lines += ["", "Alertes d'équilibre : " + ("aucune" if not problems else str(len(problems)))]
    lines += [f"  - {p}" for p in problems]
    return "\n".join(lines)


def add_playtest_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of `capia playtest`."""
    parser.add_argument("pack", help="dossier du pack ou nom d'un pack fourni")
    parser.add_argument("--games", type=int, default=300, help="nombre de parties")
    parser.add_argument("--seed", type=int, default=1, help="graine de départ")
    parser.add_argument("--jobs", type=int, default=1, help="processus en parallèle")
    parser.add_argument("--log-dir", type=Path, default=None, help="garder chaque journal ici")
    parser.add_argument("--json", action="store_true", help="sortie JSON")


def playtest_command(args: argparse.Namespace) -> int:
    """Run `capia playtest`; exit 0, or 1 if the pack does not load."""
    try:
        pack = load_pack(pack_folder(args.pack))
    except (PackError, PackNotFoundError) as exc:
        print(exc, file=sys.stderr)
        return 1
    if args.games < 1:
        print("--games doit être au moins 1", file=sys.stderr)
        return 2
    if args.log_dir is not None:
        args.log_dir.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    results = run_playtest(
        pack,
        games=args.games,
        seed=args.seed,
        jobs=max(1, args.jobs),
        log_dir=args.log_dir,
        progress=sys.stderr.isatty() or args.games >= 200,
    )
    seconds = time.perf_counter() - start
    figures = balance(pack, results)
    if args.json:
        print(json.dumps({**figures, "seconds": round(seconds, 3)}, ensure_ascii=False))
    else:
        print(format_report(pack, figures, seconds=seconds, seed=args.seed))
    return 0
