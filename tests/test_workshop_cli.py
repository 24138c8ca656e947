"""`capia workshop new|list|close|link` against a running server, `capia admin-token
--reset` while it runs."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

import aiohttp
import pytest
from server_fixtures import LiveServer, live_server

from game.cli import main
from game.local_config import save_admin_token

__all__ = ["live_server"]


async def _capia(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = await asyncio.to_thread(main, list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("CAPIA_CONFIG_DIR", str(folder))
    monkeypatch.delenv("CAPIA_ADMIN_TOKEN", raising=False)
    return folder


async def test_a_workshop_day_from_the_command_line(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    url = live_server.url
    assert live_server.admin_token is not None
    # Without an admin token on this machine: refused, saying what to do.
    code, _, err = await _capia(
        capsys, "workshop", "--server", url, "new", "--scenario", "mini", "--tables", "2"
    )
    assert code == 1 and "Jeton d'administration" in err and "--admin-token" in err
    save_admin_token(live_server.admin_token)  # as `capia serve` does on its first start
    code, out, err = await _capia(
        capsys, "workshop", "--server", url, "new", "--scenario", "mini", "--tables", "3",
        "--names", "Les Bleus, Les Verts,Les Rouges",
    )  # fmt: skip
    assert code == 0, err
    workshop_id = out.split()[1]
    assert "Jeton d'animation : " in out
    for name in ("Les Bleus", "Les Verts", "Les Rouges"):
        assert f"  {name} : code " in out and f"{url}/t/" in out
    code, out, _ = await _capia(capsys, "workshop", "--server", url, "list")
    assert code == 0 and workshop_id in out and out.count("Jeton d'animation") == 1
    assert out.count(" — http://") == 3
    # The admin token given as an option overrides the saved one; a wrong one is refused.
    code, _, err = await _capia(
        capsys, "workshop", "--server", url, "--admin-token", "faux", "new", "--tables", "1"
    )
    assert code == 1 and "Jeton d'administration manquant ou refusé" in err
    # A debrief link that opens in a browser.
    code, out, err = await _capia(capsys, "workshop", "--server", url, "link", workshop_id)
    assert code == 0, err
    link = out.splitlines()[0]
    async with aiohttp.ClientSession() as s, s.get(link) as r:
        assert r.status == 200 and "Les Verts" in await r.text()
    # Closed: it leaves the list (still there with --all, marked closed).
    code, out, err = await _capia(capsys, "workshop", "--server", url, "close", workshop_id)
    assert code == 0 and "clos" in out, err
    code, out, _ = await _capia(capsys, "workshop", "--server", url, "list")
    assert workshop_id not in out
    code, out, _ = await _capia(capsys, "workshop", "--server", url, "list", "--all")
    assert f"Atelier {workshop_id}" in out and "— clos" in out


async def test_no_server_is_said_in_french(
    capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    code, _, err = await _capia(capsys, "workshop", "--server", "http://127.0.0.1:9", "list")
    assert code == 1 and "Aucun serveur ne répond" in err


async def test_resetting_the_admin_token_while_the_server_runs(
    live_server: LiveServer, capsys: pytest.CaptureFixture[str], config: Path
) -> None:
    old = live_server.admin_token
    code, out, err = await _capia(capsys, "admin-token", "--reset", "--db", str(live_server.db))
    assert code == 0, err
    new = out.split(" : ")[1].split()[0]
    saved = config / "admin-token"
    assert saved.read_text().strip() == new
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    body = {"scenario": "mini", "tables": 1}
    assert (await live_server.http("POST", "/api/workshops", token=old, body=body))[0] == 401
    assert (await live_server.http("POST", "/api/workshops", token=new, body=body))[0] == 201
    code, out, _ = await _capia(capsys, "admin-token")
    assert code == 0 and out.strip() == new
