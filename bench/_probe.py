"""What server/probe.py recorded in a burst window, as figures (server_load.py --probe)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

STALL = 0.010  # s: a lag timer this late counts as a stall


def _pct(xs: list[float], q: float) -> float:
    if not xs:
        return 0.0
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, math.ceil(q * len(xs)) - 1))]


def summarise(path: Path, t0: float, t1: float) -> dict[str, Any]:
    """Figures (ms) of the probe file's samples stamped within [t0, t1] (epoch seconds)."""
    data = json.loads(path.read_text())

    def window(rows: list[list[float]]) -> list[list[float]]:
        return [r for r in rows if t0 <= r[0] <= t1]

    lag = window(data["lag"])
    lags = [r[1] for r in lag]
    stalls = sorted(lag, key=lambda r: -r[1])[:5]
    gcs = window(data["gc"])
    store = [r[1] for r in window(data["store"])]
    build = [r[1] for r in window(data["build"])]
    send = window(data["send"])
    act = [r[1] for r in window(data.get("act", []))]
    ms = 1000.0
    out: dict[str, Any] = {
        "lag_p50": _pct(lags, 0.5) * ms,
        "lag_p99": _pct(lags, 0.99) * ms,
        "lag_max": max(lags, default=0.0) * ms,
        "stall_ms_total": sum(x for x in lags if x >= STALL) * ms,
        "stalls": [[round((r[0] - t0), 2), round(r[1] * ms, 1)] for r in stalls],
        "gc_passes": len(gcs),
        "gc_ms_total": sum(r[2] for r in gcs) * ms,
        "gc_ms_max": max((r[2] for r in gcs), default=0.0) * ms,
        "gc_by_gen": [sum(1 for r in gcs if r[1] == g) for g in range(3)],
        "store_n": len(store),
        "store_ms_total": sum(store) * ms,
        "store_ms_p50": _pct(store, 0.5) * ms,
        "store_ms_p99": _pct(store, 0.99) * ms,
        "store_ms_max": max(store, default=0.0) * ms,
        "build_n": len(build),
        "build_ms_total": sum(build) * ms,
        "build_ms_p50": _pct(build, 0.5) * ms,
        "build_ms_p99": _pct(build, 0.99) * ms,
        "build_ms_max": max(build, default=0.0) * ms,
        "send_ms_total": sum(r[1] for r in send) * ms,
        "send_ms_p50": _pct([r[1] for r in send], 0.5) * ms,
        "send_ms_max": max((r[1] for r in send), default=0.0) * ms,
        "act_n": len(act),
        "act_ms_p50": _pct(act, 0.5) * ms,
        "act_ms_p99": _pct(act, 0.99) * ms,
        "act_ms_max": max(act, default=0.0) * ms,
        "window_s": t1 - t0,
    }
    txs = window((data.get("writer") or {}).get("transactions", []))
    if txs:
        out["tx_n"] = len(txs)
        out["tx_actions_mean"] = sum(r[1] for r in txs) / len(txs)
        out["tx_actions_max"] = max(r[1] for r in txs)
        out["tx_ms_total"] = sum(r[2] for r in txs) * ms
        out["tx_ms_p99"] = _pct([r[2] for r in txs], 0.99) * ms
        out["tx_ms_max"] = max(r[2] for r in txs) * ms
    return out


def describe(p: dict[str, Any]) -> str:
    """One human line of a summary."""
    return (
        f"  probe: loop lag p50 {p['lag_p50']:.1f} p99 {p['lag_p99']:.1f}"
        f" max {p['lag_max']:.0f} ms,"
        f" stalls ≥10 ms {p['stall_ms_total']:.0f} ms in all, longest {p['stalls']};"
        f" GC {p['gc_passes']} passes {p['gc_by_gen']} {p['gc_ms_total']:.0f} ms"
        f" (max {p['gc_ms_max']:.1f});"
        f" store {p['store_n']} writes {p['store_ms_total']:.0f} ms (p50 {p['store_ms_p50']:.2f}"
        f" p99 {p['store_ms_p99']:.2f} max {p['store_ms_max']:.1f});"
        f" build {p['build_n']} × p50 {p['build_ms_p50']:.2f} p99 {p['build_ms_p99']:.2f}"
        f" max {p['build_ms_max']:.1f} ms = {p['build_ms_total']:.0f} ms;"
        f" send p50 {p['send_ms_p50']:.2f} max {p['send_ms_max']:.1f} ms ="
        f" {p['send_ms_total']:.0f} ms;"
        f" act handler {p['act_n']} × p50 {p['act_ms_p50']:.2f} p99 {p['act_ms_p99']:.1f}"
        f" max {p['act_ms_max']:.0f} ms"
        + (
            f"; writer {p['tx_n']} transactions of {p['tx_actions_mean']:.1f} actions"
            f" (max {p['tx_actions_max']}), {p['tx_ms_total']:.0f} ms in the thread"
            f" (p99 {p['tx_ms_p99']:.2f} max {p['tx_ms_max']:.1f} ms)"
            if "tx_n" in p
            else ""
        )
    )
