"""Helpers shared by the bench scripts (not a bench itself: run_all skips `_*.py`)."""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def emit(name: str, value: float, unit: str, **extra: Any) -> None:
    """Print one figure as a JSON line on stdout: {"name", "value", "unit", ...}."""
    row = {"name": name, "value": round(value, 4), "unit": unit, **extra}
    print(json.dumps(row, ensure_ascii=False), flush=True)


def say(text: str) -> None:
    """A line of the human summary, on stderr so stdout stays JSON lines only."""
    print(text, file=sys.stderr, flush=True)


def timed(fn: Callable[[], object]) -> float:
    """Seconds taken by one call of `fn`."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_of(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    """The median seconds of `runs` calls of `fn`, and every run's seconds."""
    times = [timed(fn) for _ in range(runs)]
    return statistics.median(times), times


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (or the platform's guess)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    """The machine the figures were measured on."""
    return {
        "nproc": len(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
