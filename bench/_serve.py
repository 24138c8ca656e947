"""Server bench helpers: a free port, `capia serve` as a subprocess, workshops over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

from server.credentials import reset_admin_token_at

ROOT = Path(__file__).resolve().parent.parent
CAPIA = Path(sys.executable).parent / "capia"
BENCH = Path(__file__).resolve().parent


#: server URL → the admin token its database was given
ADMIN_TOKENS: dict[str, str] = {}


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def start_capia(
    db: Path,
    port: int,
    scenario: str = "scenarios/ville-moyenne",
    *,
    probe: Path | None = None,
    src: Path | None = None,
) -> asyncio.subprocess.Process:
    """Start `capia serve` on 127.0.0.1:`port` with database `db` (not waiting for it), with
    an admin token `create_workshops` knows.

    `probe`: the file server/probe.py writes on shutdown. `src`: run the server of
    another checkout (e.g. `git worktree`/`git archive` of an older commit) with this
    environment, to measure before and after in the same sitting.
    """
    ADMIN_TOKENS[f"http://127.0.0.1:{port}"] = reset_admin_token_at(db)
    env = dict(os.environ)
    if probe is not None:
        env["CAPIA_PROBE"] = str(probe)
    cmd = [str(CAPIA)]
    if src is not None:
        env["PYTHONPATH"] = str(src)
        cmd = [sys.executable, "-c", "import sys; from game.cli import main; sys.exit(main())"]
    return await asyncio.create_subprocess_exec(
        *cmd, "serve", "--db", str(db), "--port", str(port), "--scenario", scenario,
        cwd=src or ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def start_bare(
    port: int, view_bytes: int, summary_bytes: int, floor: bool = False
) -> asyncio.subprocess.Process:
    """Start the bare python-socketio echo/broadcast server on `port` (`floor`: on Cap IA's
    transport and loop, bench/_bare_server.py)."""
    return await asyncio.create_subprocess_exec(
        sys.executable, str(BENCH / "_bare_server.py"), "--port", str(port),
        "--view-bytes", str(view_bytes), "--summary-bytes", str(summary_bytes),
        *(["--floor"] if floor else []),
        cwd=ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip


async def wait_healthy(url: str, timeout: float = 30.0) -> float:
    """Poll GET /healthz until it answers 200; return the time it took (raises on timeout)."""
    start = time.perf_counter()
    async with aiohttp.ClientSession() as s:
        while time.perf_counter() - start < timeout:
            with contextlib.suppress(aiohttp.ClientError, OSError):
                async with s.get(f"{url}/healthz") as r:
                    if r.status == 200:
                        return time.perf_counter() - start
            await asyncio.sleep(0.01)
    raise RuntimeError(f"no server answering at {url}")


async def create_workshops(url: str, sizes: list[int], scenario: str) -> list[dict[str, Any]]:
    """Open one workshop per entry of `sizes` (tables each); return the HTTP answers."""
    out = []
    async with aiohttp.ClientSession() as s:
        for i, n in enumerate(sizes):
            body = {"scenario": scenario, "tables": n, "seed": 1000 + 100 * i}
            token = ADMIN_TOKENS.get(url)  # the bare server takes any request
            headers = {"Authorization": f"Bearer {token}"} if token else {}
            async with s.post(f"{url}/api/workshops", json=body, headers=headers) as r:
                if r.status != 201:
                    raise RuntimeError(f"workshop refused: {r.status} {await r.text()}")
                out.append(dict(await r.json()))
    return out


async def stop(proc: asyncio.subprocess.Process) -> None:
    """Terminate a server subprocess started here and wait for it."""
    if proc.returncode is None:
        proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), 10)
        except TimeoutError:
            proc.kill()
            await proc.wait()
