"""Server under load: T tables × 6 real socket.io seats playing, a 5-second vote burst, and the
same load against a bare python-socketio server.

    .venv/bin/python bench/server_load.py [--quick] [--tables 50,100,200] [--repeat N]

`capia serve` (temporary SQLite file, scenario ville-moyenne) runs as a
subprocess; the seats live in separate load-generator processes
(bench/_load_client.py, each one asyncio loop holding many clients). Bots play
the game at a brisk pace up to the first vote, then every seat of every table
votes once within the same 5 s window (the burst), then they play on at
`--pace` seconds per seat action (steady). Latency is `act` sent → every seat
of that table received the view of the acked version. The bare server
(bench/_bare_server.py) then gets the same clients, message counts and payload
sizes, and the ratio Cap IA / bare says what our own work costs. In the full
run, bigger T are tried to find where the burst p99 passes 250 ms.
One JSON line per figure on stdout; the summary on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil
from _common import emit, say
from _probe import describe, summarise
from _serve import BENCH, create_workshops, free_port, start_bare, start_capia, stop, wait_healthy

BURST = 5.0
P99_LIMIT = 250.0  # ms: the "largest T" search bound


def pct(xs: list[float], q: float) -> float:
    """The q-quantile of xs (nearest rank), 0 for no data."""
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, math.ceil(q * len(xs)) - 1))]


def cpu(p: psutil.Process) -> float:
    """User + system CPU seconds of a process so far (nan once it is gone)."""
    try:
        t = p.cpu_times()
    except psutil.NoSuchProcess:
        return math.nan
    return float(t.user + t.system)


def machine_busy() -> float:
    """CPU seconds spent by every process of the machine so far (all cores)."""
    t = psutil.cpu_times()
    return float(t.user + t.nice + t.system + t.irq + t.softirq)


class Worker:
    """A load-generator subprocess and the latest line it printed."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.ps = psutil.Process(proc.pid)
        self.last: dict[str, Any] = {}
        self.result: dict[str, Any] | None = None
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stdout is not None
        async for line in self.proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            self.last = msg
            if "result" in msg:
                self.result = msg["result"]

    def send(self, text: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text.encode() + b"\n")


async def until(predicate: Any, timeout: float, what: str) -> None:
    """Wait until predicate() holds, or raise after `timeout` seconds."""
    limit = time.time() + timeout
    while not predicate():
        if time.time() > limit:
            raise RuntimeError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def profile(pid: int, out: Path | None) -> asyncio.subprocess.Process | None:
    """Start `py-spy record` on the server (when --profile is given), or None."""
    if out is None:
        return None
    spy = Path(sys.executable).parent / "py-spy"
    return await asyncio.create_subprocess_exec(
        str(spy), "record", "--pid", str(pid), "--rate", "100", "--nonblocking", "-o", str(out),
        "--format", "raw" if out.suffix == ".txt" else "flamegraph",
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


def split(tables: int, workers: int) -> list[int]:
    """Workshop sizes: at most 50 tables each, at least one workshop per worker."""
    n = min(tables, max(workers, math.ceil(tables / 50)))
    return [tables // n + (1 if i < tables % n else 0) for i in range(n)]


async def run_once(
    kind: str, tables: int, args: argparse.Namespace, sizes: dict[str, int]
) -> dict[str, Any]:
    """One load run against `kind` ("capia", "bare" or "floor"); return its figures."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    probe: Path | None = None
    with tempfile.TemporaryDirectory() as tmp:
        if kind == "capia":
            probe = Path(tmp) / "probe.json" if args.probe else None
            server = await start_capia(
                Path(tmp) / "capia.sqlite3", port, probe=probe, src=args.server_src
            )
        else:
            server = await start_bare(port, sizes["view"], sizes["summary"], kind == "floor")
        workers: list[Worker] = []
        try:
            await wait_healthy(url)
            ps = psutil.Process(server.pid)
            rss0 = ps.memory_info().rss
            ws = await create_workshops(url, split(tables, args.workers), "ville-moyenne")
            rss_open = ps.memory_info().rss
            n_workers = min(args.workers, len(ws))
            for i in range(n_workers):
                mine = [
                    {"token": w["facilitator_token"], "tables": w["tables"]}
                    for w in ws[i::n_workers]
                ]
                spec = {"url": url, "mode": "game" if kind == "capia" else "transport",
                        "pace": args.pace, "steady": args.steady, "seed": 17 + i,
                        "workshops": mine, "gc_off": not args.client_gc,
                        "loop": args.client_loop}  # fmt: skip
                path = Path(tmp) / f"spec{i}.json"
                path.write_text(json.dumps(spec))
                proc = await asyncio.create_subprocess_exec(
                    sys.executable, str(BENCH / "_load_client.py"), str(path),
                    stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, limit=2**28,
                )  # fmt: skip
                workers.append(Worker(proc))
            await until(lambda: all("seated" in w.last or "at_vote" in w.last for w in workers),
                        120 + tables, "seats")  # fmt: skip
            rss_seated = ps.memory_info().rss
            peak = [rss_seated]

            async def sample() -> None:
                while True:
                    peak[0] = max(peak[0], ps.memory_info().rss)
                    await asyncio.sleep(0.2)

            sampler = asyncio.create_task(sample())
            t_go = time.time()
            for w in workers:
                w.send("go")
            spy = await profile(server.pid, args.profile) if kind == args.profile_kind else None
            await asyncio.sleep(0.5)
            with_vote = lambda: sum(w.last.get("at_vote", 0) for w in workers)  # noqa: E731
            try:
                await until(lambda: with_vote() >= tables, 90, "every table at its vote")
            except RuntimeError:
                say(f"  ! only {with_vote()} of {tables} tables reached the vote in time")
            burst_at = time.time() + 1.0
            for w in workers:
                w.send(f"burst {burst_at}")
            await asyncio.sleep(max(0.0, burst_at - time.time()))
            c0 = [cpu(ps), *(cpu(w.ps) for w in workers)]
            m0 = machine_busy()
            await asyncio.sleep(BURST + 0.5)
            c1 = [cpu(ps), *(cpu(w.ps) for w in workers)]
            m1 = machine_busy()
            await asyncio.sleep(max(0.0, burst_at + BURST + args.steady - time.time()))
            c2 = [cpu(ps), *(cpu(w.ps) for w in workers)]
            t_end = time.time()
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                await spy.wait()
            await until(lambda: all(w.result is not None for w in workers), 60, "results")
            sampler.cancel()
        finally:
            for w in workers:
                if w.proc.returncode is None:
                    w.proc.kill()
                    await w.proc.wait()
            await stop(server)
        window = (burst_at, burst_at + BURST + 0.5)
        probed = summarise(probe, *window) if probe is not None else None
    results = [w.result for w in workers if w.result is not None]
    lat = {k: [x for r in results for x in r["latency_ms"][k]] for k in ("warm", "burst", "steady")}
    acks = sorted(t for r in results for t in r["ack_times"])
    in_burst = [t for t in acks if burst_at <= t <= burst_at + BURST + 0.5]
    views = sum(r["views"] for r in results)
    summaries = sum(r["summaries"][0] for r in results)
    steady_wall = burst_at + BURST + args.steady - (burst_at + BURST + 0.5)
    out = {
        "kind": kind, "tables": tables,
        "burst_p50": pct(lat["burst"], 0.5), "burst_p99": pct(lat["burst"], 0.99),
        "burst_max": max(lat["burst"], default=0.0), "burst_n": len(lat["burst"]),
        "steady_p50": pct(lat["steady"], 0.5), "steady_p99": pct(lat["steady"], 0.99),
        "steady_max": max(lat["steady"], default=0.0), "steady_n": len(lat["steady"]),
        "warm_p99": pct(lat["warm"], 0.99),
        "burst_acks_per_s": len(in_burst) / BURST,
        "acks_per_s": len(acks) / max(1e-9, t_end - t_go),
        "lost": sum(r["lost"] for r in results),
        "timeouts": sum(r["timeouts"] for r in results),
        "dropped": sum(r["dropped"] for r in results),
        "gaps": sum(r.get("gaps", 0) for r in results),
        "refused": sum(sum(r["refused"].values()) for r in results),
        "server_cpu_burst": (c1[0] - c0[0]) / (BURST + 0.5) * 100,
        "server_cpu_steady": (c2[0] - c1[0]) / steady_wall * 100,
        "server_cpu_ms_per_ack_burst": (c1[0] - c0[0]) * 1000 / max(1, len(in_burst)),
        "client_cpu_burst": max(
            (b - a) / (BURST + 0.5) * 100 for a, b in zip(c0[1:], c1[1:], strict=True)
        ),
        "client_lag_p99": max((r.get("lag_ms", [0, 0, 0])[1] for r in results), default=0.0),
        "client_lag_max": max((r.get("lag_ms", [0, 0, 0])[2] for r in results), default=0.0),
        "others_cpu_burst": ((m1 - m0) - sum(c1) + sum(c0)) / (BURST + 0.5) * 100,
        "server_rss_peak": peak[0] / 2**20,
        "server_rss_per_table": (rss_seated - rss0) / tables / 2**10,
        "server_rss_open_per_table": (rss_open - rss0) / tables / 2**10,
        "view_bytes": sum(r["view_bytes"] for r in results) / max(1, views),
        "summary_bytes": sum(r["summaries"][1] for r in results) / max(1, summaries),
    }  # fmt: skip
    if probed is not None:
        say(describe(probed))
        out["probe"] = probed
    return out


UNITS = {"ms_per_ack": "ms", "lag": "ms", "p50": "ms", "p99": "ms", "max": "ms",
         "acks_per_s": "actions/s", "lost": "views", "gaps": "patches", "cpu": "% of a core",
         "rss_peak": "MiB", "per_table": "KiB", "bytes": "B"}  # fmt: skip
SHOWN = ("burst_p50", "burst_p99", "burst_max", "steady_p50", "steady_p99", "burst_acks_per_s",
         "acks_per_s", "lost", "gaps", "server_cpu_burst", "server_cpu_steady",
         "client_cpu_burst", "client_lag_p99", "client_lag_max",
         "others_cpu_burst", "server_cpu_ms_per_ack_burst", "server_rss_peak",
         "view_bytes")  # fmt: skip


def unit_of(key: str) -> str:
    for suffix, unit in UNITS.items():
        if key.endswith(suffix) or suffix in key:
            return unit
    return ""


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each figure's median over the runs; losses, drops and timeouts: the worst run."""
    first = runs[0]
    out: dict[str, Any] = {}
    for k, v in first.items():
        if k == "probe":
            out[k] = {
                pk: statistics.median(r[k][pk] for r in runs)
                for pk, pv in v.items()
                if isinstance(pv, int | float)
            }
        elif k in ("lost", "dropped", "timeouts", "gaps"):
            out[k] = max(r[k] for r in runs)
        elif isinstance(v, int | float) and k != "tables":
            out[k] = statistics.median(r[k] for r in runs)
        else:
            out[k] = v
    return out


def report(fig: dict[str, Any], repeat: int) -> None:
    for key in SHOWN:
        emit(f"load.{fig['kind']}.t{fig['tables']}.{key}", fig[key], unit_of(key), runs=repeat)
    for key, value in fig.get("probe", {}).items():
        emit(f"load.{fig['kind']}.t{fig['tables']}.probe.{key}", value, "", runs=repeat)
    f = fig
    say(f"{f['kind']:5} T={f['tables']:3}: burst p50 {f['burst_p50']:.1f} p99 "
        f"{f['burst_p99']:.1f} max {f['burst_max']:.0f} ms ({f['burst_acks_per_s']:.0f} acks/s);"
        f" steady p99 {f['steady_p99']:.1f} ms; lost {f['lost']}, dropped {f['dropped']},"
        f" patch gaps {f['gaps']};"
        f" server CPU burst {f['server_cpu_burst']:.0f} %, clients ≤ {f['client_cpu_burst']:.0f} %"
        f" (their loop lag p99 {f['client_lag_p99']:.1f} max {f['client_lag_max']:.0f} ms),"
        f" other processes {f['others_cpu_burst']:.0f} %;"
        f" RSS peak {f['server_rss_peak']:.0f} MiB; view {f['view_bytes']:.0f} B")  # fmt: skip


async def measure(
    kind: str, tables: int, args: argparse.Namespace, sizes: dict[str, int]
) -> dict[str, Any]:
    runs = [await run_once(kind, tables, args, sizes) for _ in range(args.repeat)]
    fig = median_run(runs)
    report(fig, args.repeat)
    return fig


def passes(fig: dict[str, Any]) -> bool:
    """Whether a run kept the burst p99 under P99_LIMIT and lost nothing."""
    return bool(fig["burst_p99"] < P99_LIMIT and not fig["lost"] and not fig["gaps"])


async def largest_t(
    capia: dict[int, dict[str, Any]], args: argparse.Namespace, sizes: dict[str, int]
) -> int:
    """The largest T that passes: `--search` upwards while T passes, else two bisection steps
    (to 25 tables) between the largest passing and the smallest failing T; adds to `capia`."""
    for t in args.search:
        if not all(passes(f) for f in capia.values()):
            break
        capia[t] = await measure("capia", t, args, sizes)
    for _ in range(2 if args.search else 0):
        good = max((t for t, f in capia.items() if passes(f)), default=0)
        bad = min((t for t, f in capia.items() if not passes(f)), default=0)
        mid = (good + bad) // 50 * 25
        if not bad or bad - good <= 25 or mid in capia or mid <= good:
            break
        capia[mid] = await measure("capia", mid, args, sizes)
    return max((t for t, f in capia.items() if passes(f)), default=0)


async def main(args: argparse.Namespace) -> None:
    sizes = {"view": 23_000, "summary": 0}
    capia: dict[int, dict[str, Any]] = {}
    for t in args.tables:
        capia[t] = fig = await measure("capia", t, args, sizes)
        emit(f"load.capia.t{t}.rss_per_seated_table", fig["server_rss_per_table"], "KiB")
        sizes = {"view": round(fig["view_bytes"]), "summary": round(fig["summary_bytes"])}
        if args.only_capia:
            continue
        bare = await measure("floor" if args.bare_floor else "bare", t, args, sizes)
        ratio_p99 = fig["burst_p99"] / max(1e-9, bare["burst_p99"])
        ratio_cpu = fig["server_cpu_ms_per_ack_burst"] / max(
            1e-9, bare["server_cpu_ms_per_ack_burst"]
        )
        emit(f"load.ratio.t{t}.burst_p99", ratio_p99, "×", note="Cap IA / bare transport")
        emit(f"load.ratio.t{t}.cpu_per_ack", ratio_cpu, "×", note="Cap IA / bare transport")
        say(
            f"  Cap IA / bare at T={t}: p99 ×{ratio_p99:.2f}, server CPU per action"
            f" ×{ratio_cpu:.2f}"
        )
    best = await largest_t(capia, args, sizes)
    emit(
        "load.capia.max_tables_p99_under_250ms",
        best,
        "tables",
        tried=sorted(capia),
    )
    say(f"largest T tried with burst p99 < {P99_LIMIT:.0f} ms and nothing lost: {best}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 tables, a few seconds")
    parser.add_argument("--tables", default="50,100,200", help="comma-separated table counts")
    parser.add_argument("--search", default="300,400", help="bigger T tried for the p99 bound")
    parser.add_argument("--repeat", type=int, default=1, help="runs per T (medians are printed)")
    parser.add_argument("--workers", type=int, default=2, help="load-generator processes")
    parser.add_argument(
        "--pace", type=float, default=6.0, help="mean seconds between a seat's actions"
    )
    parser.add_argument(
        "--steady", type=float, default=10.0, help="seconds of play after the burst"
    )
    parser.add_argument(
        "--profile", type=Path, help="py-spy record the Cap IA server into this file"
    )
    parser.add_argument("--only-capia", action="store_true", help="skip the bare server runs")
    parser.add_argument(
        "--bare-floor",
        action="store_true",
        help="run the bare server on Cap IA's transport and loop (bench/_bare_server.py --floor)",
    )
    parser.add_argument(
        "--profile-kind",
        choices=("capia", "bare", "floor"),
        default="capia",
        help="which server --profile records",
    )
    parser.add_argument(
        "--client-gc",
        action="store_true",
        help="keep the load generators' garbage collector on while they measure",
    )
    parser.add_argument(
        "--client-loop",
        choices=("uvloop", "asyncio"),
        default="asyncio",
        help="the load generators' event loop",
    )
    parser.add_argument(
        "--probe",
        action="store_true",
        help="the server records its loop lag, GC passes, store writes and broadcasts"
        " (server/probe.py); their burst-window figures are printed",
    )
    parser.add_argument(
        "--server-src", type=Path, help="run the Cap IA server of this source tree (before/after)"
    )
    args = parser.parse_args()
    args.tables = [int(x) for x in args.tables.split(",") if x]
    args.search = [int(x) for x in args.search.split(",") if x]
    if args.quick:
        args.tables, args.search, args.repeat, args.pace, args.steady = [2], [], 1, 1.0, 2.0
    asyncio.run(main(args))
