"""`capia serve`'s banner: LAN addresses (never 0.0.0.0), each table's code, join URL and
QR code; the admin token once, kept for the local user; open workshops after a restart."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import sys
from pathlib import Path

import aiohttp
import pytest
from server_fixtures import PACK_ROOTS, ROOT, WAIT

from server import lan
from server.banner import banner_lines
from server.hub import Hub
from server.scenarios import ScenarioLibrary
from server.store import SqliteStore

CAPIA = Path(sys.executable).parent / "capia"


def _hub(tmp_path: Path) -> Hub:
    hub = Hub(SqliteStore(tmp_path / "capia.sqlite3"), ScenarioLibrary(PACK_ROOTS), sio=None)  # type: ignore[arg-type]
    hub.load()
    return hub


async def test_a_wildcard_host_prints_the_lan_addresses_codes_urls_and_qr_codes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lan, "lan_addresses", lambda ipv6=False: ["192.168.1.20", "10.0.0.5"])
    hub = _hub(tmp_path)
    ws = await hub.create_workshop("mini", 2, seed=1)
    bases = lan.base_urls("0.0.0.0", 8080)
    text = "\n".join(
        banner_lines(hub, bases=bases, local_url="http://0.0.0.0:8080", reachable=True,
                     db=tmp_path / "capia.sqlite3")
    )  # fmt: skip
    assert "0.0.0.0" not in text
    assert "Cap IA — serveur d'atelier sur http://192.168.1.20:8080" in text
    assert "http://192.168.1.20:8080, http://10.0.0.5:8080" in text
    for i, t in enumerate(ws.tables, 1):
        assert f"Table {i} : code {t.code} — http://192.168.1.20:8080/t/{t.code}" in text
    assert text.count("▀▀▀▀▀▀▀") >= 2  # a QR code under each table
    hub.store.close()


async def _serve(work: Path, env: dict[str, str]) -> list[str]:
    proc = await asyncio.create_subprocess_exec(
        str(CAPIA), "serve", "--port", "0", "--db", "atelier.sqlite3", "--scenario",
        str(ROOT / "tests" / "packs" / "mini"), "--demo-tables", "2",
        cwd=work, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert proc.stdout is not None
    lines: list[str] = []
    try:
        while not any(x.startswith("Ctrl+C") for x in lines):
            line = await asyncio.wait_for(proc.stdout.readline(), WAIT)
            assert line, "\n".join(lines)
            lines.append(line.decode().rstrip())
        url = next(x.split(" sur ")[1] for x in lines if "serveur d'atelier sur" in x)
        async with aiohttp.ClientSession() as s, s.get(f"{url}/healthz") as r:
            assert r.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        await asyncio.wait_for(proc.communicate(), WAIT)
    return lines


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a POSIX signal here")
async def test_localhost_says_others_cannot_join_and_the_admin_token_is_shown_once(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config"
    env = {**os.environ, "CAPIA_CONFIG_DIR": str(config)}
    first = await _serve(tmp_path, env)
    assert any("les autres appareils ne peuvent pas rejoindre" in x for x in first)
    token = next(x.split(" : ")[1] for x in first if x.startswith("Jeton d'administration"))
    saved = config / "admin-token"
    assert saved.read_text().strip() == token
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    codes = [x.split("code ")[1].split(" ")[0] for x in first if x.startswith("  Table ")]
    assert len(codes) == 2
    assert not any("▀▀▀" in x for x in first)  # no QR code for an address phones cannot open
    second = await _serve(tmp_path, env)
    assert not any(x.startswith("Jeton d'administration") for x in second)
    assert [x.split("code ")[1].split(" ")[0] for x in second if x.startswith("  Table ")] == codes
    assert any(f"/t/{codes[0]}" in x for x in second)
