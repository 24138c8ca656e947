"""`capia playtest`: play many seeded bot games and report the pack's balance."""

from __future__ import annotations

import argparse
import gc
import json
import random
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
from game.gc_young import young_threshold
from game.scenario import PackError, load_pack
from game.scenario.bundled import PackNotFoundError, pack_folder
from game.scenario.models import Pack
from game.scenario.models import VectorType as VT

MAX_ACTIONS = 20_000
#: Strategies that play on purpose (random is the baseline they must beat).
DELIBERATE = ("greedy", "cautious", "roles")
#: Table sizes played in turn (occupied seats), capped by the pack's roles.
TABLE_SIZES = (6, 4, 3)


@dataclass
class GameResult:
    """What one bot game did, for the balance report."""

    strategy: str
    seed: int
    seats: tuple[str, ...] = ()
    team_score: float = 0.0
    actions: int = 0
    budget_left: int = 0
    proposed: set[str] = field(default_factory=set)
    deployed: set[str] = field(default_factory=set)
    vectors: set[str] = field(default_factory=set)
    risks: set[str] = field(default_factory=set)
    options: list[tuple[str, str]] = field(default_factory=list)
    objectives: dict[str, bool] = field(default_factory=dict)


def table_seats(pack: Pack, seed: int) -> tuple[str, ...]:
    """The seats occupied in game `seed`: 6, 4 or 3 of the roles in turn, drawn by the seed."""
    roles = [r.id for r in pack.scenario.roles]
    size = min(len(roles), TABLE_SIZES[seed % len(TABLE_SIZES)])
    chosen = set(random.Random(seed * 7919).sample(roles, size))
    return tuple(r for r in roles if r in chosen)


def play_game(pack: Pack, *, strategy: str, seed: int, log_dir: Path | None = None) -> GameResult:
    """Play one full game where every occupied seat uses `strategy`; return what happened."""
    seats = table_seats(pack, seed)
    result = GameResult(strategy=strategy, seed=seed, seats=seats)

    def watch(_action: Action, _state: GameState, events: tuple[GameEvent, ...]) -> None:
        for event in events:
            if isinstance(event, CardProposed):
                result.proposed.add(event.card)
            elif isinstance(event, RiskFired):
                result.risks.add(event.risk)
            elif isinstance(event, DilemmaDecided):
                result.options.append((event.dilemma, event.option))

    policy = BotRounds(BOTS[strategy])
    log = play(
        pack,
        policy,
        seed,
        seats=seats,
        max_steps=MAX_ACTIONS,
        watch=watch,
        record=log_dir is not None,  # the report reads the final state only
    )
    if log_dir is not None:
        (log_dir / f"{strategy}-{seed}.jsonl").write_text(log.to_jsonl(), encoding="utf-8")
    state = log.state
    result.team_score = state.team_score or 0.0
    result.actions = log.applied
    result.budget_left = state.budget
    result.deployed = {p.card for p in state.projects if p.deployed_turn is not None}
    result.vectors = {p.vector.value for p in state.projects if p.vector and p.deployed_turn}
    result.objectives = {r: ok for r, ok in state.objectives_met.items() if r in seats}
    return result


def _play(args: tuple[str, int], pack: Pack, log_dir: Path | None) -> GameResult:
    strategy, seed = args
    return play_game(pack, strategy=strategy, seed=seed, log_dir=log_dir)


# What each pool worker plays with, set once by `_init_worker` (not pickled per task).
_worker: dict[str, Any] = {}


def _init_worker(pack: Pack, log_dir: Path | None) -> None:
    _worker["pack"], _worker["log_dir"] = pack, log_dir
    gc.set_threshold(YOUNG_GC_THRESHOLD, *gc.get_threshold()[1:])  # the worker only plays


#: Allocations between two young collections of the cyclic GC while games are played.
#: A game allocates hundreds of thousands of short-lived objects and almost no
#: cycles: at Python's default (700) the young collections took ~8 % of a playtest.
YOUNG_GC_THRESHOLD = 50_000


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
        with young_threshold(YOUNG_GC_THRESHOLD):
            for item in plan:
                results.append(work(item))
                bar.update()
    bar.close()
    return results


def _share(hits: int, total: int) -> float:
    return round(hits / total, 3) if total else 0.0


def _strategy_figures(pack: Pack, rs: list[GameResult], wins: int) -> dict[str, Any]:
    scores = [r.team_score for r in rs]
    options: dict[str, Counter[str]] = {d.id: Counter() for d in pack.dilemmas}
    for r in rs:
        for dilemma, option in r.options:
            options[dilemma][option] += 1
    roles = [role.id for role in pack.scenario.roles]
    return {
        "games": len(rs),
        "mean": round(statistics.mean(scores), 2),
        "stdev": round(statistics.pstdev(scores), 2),
        "min": min(scores),
        "max": max(scores),
        "wins": wins,
        "budget_left": round(statistics.mean(r.budget_left for r in rs), 1),
        "vectors": {v.value: _share(sum(v.value in r.vectors for r in rs), len(rs)) for v in VT},
        "deployed": {
            c: _share(sum(c in r.deployed for r in rs), len(rs))
            for c in [u.id for u in pack.use_cases] + [lv.id for lv in pack.levers]
        },
        "dilemma_options": {d: dict(c) for d, c in options.items()},
        "objectives": {
            role: _share(
                sum(r.objectives.get(role, False) for r in rs),
                sum(role in r.objectives for r in rs),
            )
            for role in roles
        },
    }


def balance(pack: Pack, results: list[GameResult]) -> dict[str, Any]:
    """The balance figures of a playtest (JSON-able), overall and per strategy."""
    n = len(results)
    by_strategy: dict[str, list[GameResult]] = {}
    for r in results:
        by_strategy.setdefault(r.strategy, []).append(r)
    wins: Counter[str] = Counter()
    by_seed: dict[int, dict[str, GameResult]] = {}
    for r in results:
        by_seed.setdefault(r.seed, {})[r.strategy] = r
    for group in by_seed.values():
        if len(group) == len(by_strategy):
            wins[max(group.values(), key=lambda g: g.team_score).strategy] += 1
    pairs = [g for g in by_seed.values() if "cautious" in g and "greedy" in g]
    cautious_wins = sum(g["cautious"].team_score > g["greedy"].team_score for g in pairs)
    deliberate = [r for r in results if r.strategy in DELIBERATE]
    overall = _strategy_figures(pack, deliberate or results, 0)
    cards = [c.id for c in pack.use_cases] + [lv.id for lv in pack.levers]
    return {
        "games": n,
        "strategies": {s: _strategy_figures(pack, rs, wins[s]) for s, rs in by_strategy.items()},
        "cautious_beats_greedy": _share(cautious_wins, len(pairs)),
        "deliberate_spread": round(
            max((r.team_score for r in deliberate), default=0)
            - min((r.team_score for r in deliberate), default=0),
            2,
        ),
        "proposed": {c: _share(sum(c in r.proposed for r in results), n) for c in cards},
        "deployed": overall["deployed"],
        "vectors": overall["vectors"],
        "risks": {rk.id: _share(sum(rk.id in r.risks for r in results), n) for rk in pack.risks},
        "dilemma_options": overall["dilemma_options"],
        "objectives": overall["objectives"],
        "objectives_both_met": _pairs_both_met(pack, deliberate),
        "exclusive_objectives": [f"{a}+{b}" for a, b in exclusive_pairs(pack)],
        "actions_per_game": round(statistics.mean(r.actions for r in results), 1),
    }


def exclusive_pairs(pack: Pack) -> list[tuple[str, str]]:
    """Pairs of roles whose objectives cannot both hold: one asks at least N of a count
    (an axis, a vector) that the other caps below N."""
    counts: dict[str, list[tuple[str, int | None, int | None]]] = {}
    for role in pack.scenario.roles:
        for cond in role.secret.conditions:
            what = (
                f"axe:{cond.axis.value}"
                if cond.axis is not None
                else f"vecteur:{cond.vector.value}"
                if cond.vector is not None
                else None
            )
            if what is not None:
                low = cond.min if (cond.min is not None or cond.max is not None) else 1
                counts.setdefault(role.id, []).append((what, low, cond.max))
    pairs = []
    roles = [r.id for r in pack.scenario.roles]
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            clash = any(
                wa == wb
                and (
                    (la is not None and hb is not None and la > hb)
                    or (lb is not None and ha is not None and lb > ha)
                )
                for wa, la, ha in counts.get(a, [])
                for wb, lb, hb in counts.get(b, [])
            )
            if clash:
                pairs.append((a, b))
    return pairs


def _pairs_both_met(pack: Pack, results: list[GameResult]) -> dict[str, float]:
    """For each pair of roles, the share of games (both seated) where both objectives held."""
    roles = [r.id for r in pack.scenario.roles]
    out = {}
    for i, a in enumerate(roles):
        for b in roles[i + 1 :]:
            both = [r for r in results if a in r.objectives and b in r.objectives]
            hits = sum(r.objectives[a] and r.objectives[b] for r in both)
            out[f"{a}+{b}"] = _share(hits, len(both))
    return out


def warnings(pack: Pack, figures: dict[str, Any]) -> list[str]:
    """The balance problems the targets name, in French."""
    out: list[str] = []
    st = figures["strategies"]

    def mean(name: str) -> float:
        return float(st[name]["mean"]) if name in st else 0.0

    if "cautious" in st and "greedy" in st:
        if mean("cautious") <= mean("greedy"):
            out.append("« leviers d'abord » (cautious) ne bat pas « vite » (greedy) en moyenne")
        if figures["cautious_beats_greedy"] < 0.6:
            share = figures["cautious_beats_greedy"]
            out.append(f"« leviers d'abord » bat « vite » sur {share:.0%} des graines (< 60 %)")
        if st["cautious"]["stdev"] < 2:
            out.append(f"écart-type de cautious {st['cautious']['stdev']} (< 2)")
    if "greedy" in st and "random" in st and mean("greedy") <= mean("random"):
        out.append("« vite » (greedy) ne bat pas le hasard en moyenne")
    if len(figures["exclusive_objectives"]) < 2:
        out.append("moins de deux paires d'objectifs secrets incompatibles")
    if figures["deliberate_spread"] < 10:
        out.append(f"écart meilleure/pire table délibérée {figures['deliberate_spread']} (< 10)")
    out += [f"carte jamais proposée : {c}" for c, share in figures["proposed"].items() if not share]
    for card, share in figures["deployed"].items():
        if share > 0.85 or share < 0.05:
            out.append(f"carte déployée dans {share:.0%} des parties délibérées : {card}")
    for vector in figures["vectors"]:
        best = max(s["vectors"][vector] for n, s in st.items() if n in DELIBERATE) if st else 0
        if best < 0.10:
            out.append(f"vecteur {vector} déployé dans {best:.0%} des parties au mieux (< 10 %)")
    for risk, share in figures["risks"].items():
        if share < 0.02 or share > 0.60:
            out.append(f"risque hors de la plage 2-60 % : {risk} ({share:.0%})")
    for role, share in figures["objectives"].items():
        if share < 0.20 or share > 0.80:
            out.append(f"objectif hors de la plage 20-80 % : {role} ({share:.0%})")
    for dilemma, counts in figures["dilemma_options"].items():
        total = sum(counts.values())
        for option, count in counts.items():
            if total >= 20 and count == total:
                out.append(f"option toujours choisie par les bots délibérés : {dilemma} → {option}")
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
        "Score d'équipe par stratégie (jauges sur 100, plus les besoins couverts)",
        f"  {'stratégie':<10} {'parties':>7} {'moyenne':>8} {'écart':>6} {'min':>6} "
        f"{'max':>6} {'victoires':>9} {'budget':>7}  importée étagère interne",
    ]
    for name, s in figures["strategies"].items():
        v = s["vectors"]
        lines.append(
            f"  {name:<10} {s['games']:>7} {s['mean']:>8.1f} {s['stdev']:>6.1f} "
            f"{s['min']:>6.1f} {s['max']:>6.1f} {s['wins']:>9} {s['budget_left']:>7.0f}"
            f"  {v['importee']:>8.0%} {v['etagere']:>7.0%} {v['interne']:>7.0%}"
        )
    lines += [
        "",
        f"« Leviers d'abord » (cautious) bat « vite » (greedy) sur "
        f"{figures['cautious_beats_greedy']:.0%} des graines ; écart entre la meilleure et "
        f"la pire table délibérée : {figures['deliberate_spread']:.1f} points",
        "",
        "Objectifs secrets atteints, par stratégie (parties où le rôle est occupé)",
        "  " + " ".join(f"{n:>9}" for n in figures["strategies"]) + "  rôle",
    ]
    for role in figures["objectives"]:
        cells = " ".join(f"{s['objectives'][role]:>9.0%}" for s in figures["strategies"].values())
        lines.append(f"  {cells}  {role}")
    never = [p for p, share in figures["objectives_both_met"].items() if share == 0]
    lines.append("  jamais atteints ensemble : " + (", ".join(never) or "aucune paire"))
    exclusive = figures["exclusive_objectives"]
    lines.append("  incompatibles par construction : " + (", ".join(exclusive) or "aucune paire"))
    lines += ["", "Cartes : proposée / déployée (part des parties délibérées)"]
    for card, share in figures["proposed"].items():
        deployed = figures["deployed"][card]
        lines.append(f"  {share:>5.0%} {deployed:>5.0%}  {titles.get(card, card)} ({card})")
    lines += ["", "Risques : part des parties où il survient"]
    for risk, share in figures["risks"].items():
        lines.append(f"  {share:>5.0%}  {titles.get(risk, risk)} ({risk})")
    lines += ["", "Dilemmes : options retenues par les bots délibérés"]
    for dilemma, counts in figures["dilemma_options"].items():
        total = sum(counts.values()) or 1
        shares = ", ".join(f"{o} {c / total:.0%}" for o, c in counts.items()) or "jamais ouvert"
        lines.append(f"  {dilemma} : {shares}")
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
