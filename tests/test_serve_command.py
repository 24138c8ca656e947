"""`capia serve` from any folder: settings from flags or CAPIA_*, a banner, a clean stop."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from pathlib import Path

import aiohttp
import pytest
from server_fixtures import ROOT, WAIT

from game.scenario.bundled import bundled_root
from server.main import add_serve_arguments, settings_from

CAPIA = Path(sys.executable).parent / "capia"


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_serve_arguments(parser)
    return parser.parse_args(argv)


@pytest.fixture(autouse=True)
def no_capia_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sets the CAPIA_* variables it is about, and no other."""
    for name in ("HOST", "PORT", "DB", "SCENARIO", "DEMO_TABLES", "LOG_LEVEL"):
        monkeypatch.delenv(f"CAPIA_{name}", raising=False)


def test_the_defaults_serve_ville_moyenne_on_localhost_8080() -> None:
    s = settings_from(_args())
    assert (s.host, s.port, s.log_level) == ("127.0.0.1", 8080, "INFO")
    assert s.db == Path("var/capia.sqlite3")
    assert (s.demo_scenario, s.scenario_roots) == ("ville-moyenne", (bundled_root(),))


def test_the_environment_sets_what_no_flag_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPIA_HOST", "0.0.0.0")
    monkeypatch.setenv("CAPIA_PORT", "9123")
    monkeypatch.setenv("CAPIA_DB", "/srv/capia/atelier.sqlite3")
    monkeypatch.setenv("CAPIA_SCENARIO", "decouverte")
    monkeypatch.setenv("CAPIA_LOG_LEVEL", "debug")
    s = settings_from(_args("--port", "8001"))
    assert (s.host, s.port, s.db) == ("0.0.0.0", 8001, Path("/srv/capia/atelier.sqlite3"))
    assert (s.demo_scenario, s.log_level) == ("decouverte", "DEBUG")


def test_a_pack_folder_becomes_a_name_under_its_parent() -> None:
    s = settings_from(_args("--scenario", str(ROOT / "tests" / "packs" / "mini")))
    assert s.demo_scenario == "mini"
    assert s.scenario_roots == (ROOT / "tests" / "packs", bundled_root())


def test_an_unknown_pack_or_a_bad_port_is_refused_with_the_reason() -> None:
    with pytest.raises(
        ValueError, match="packs fournis : decouverte, intercommunalite, ville-moyenne"
    ):
        settings_from(_args("--scenario", "nulle-part"))
    with pytest.raises(ValueError, match=r"^--port : "):
        settings_from(_args("--port", "70000"))


async def _banner(proc: asyncio.subprocess.Process) -> list[str]:
    assert proc.stdout is not None
    lines: list[str] = []
    while not any(x.startswith("Ctrl+C") for x in lines):
        line = await asyncio.wait_for(proc.stdout.readline(), WAIT)
        assert line, "\n".join(lines)
        lines.append(line.decode().rstrip())
    return lines


async def _serve_once(work: Path) -> list[str]:
    """`capia serve --port 0` in `work`: its banner; /healthz answers; Ctrl+C stops it."""
    proc = await asyncio.create_subprocess_exec(
        str(CAPIA), "serve", "--port", "0", "--db", "atelier.sqlite3",
        cwd=work, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        lines = await _banner(proc)
        url = next(x.split(" sur ")[1] for x in lines if "serveur d'atelier sur" in x)
        async with aiohttp.ClientSession() as s, s.get(f"{url}/healthz") as r:
            assert (await r.json())["ok"] is True
    finally:
        proc.send_signal(signal.SIGINT)
        rest, _ = await asyncio.wait_for(proc.communicate(), WAIT)
    assert proc.returncode == 0, rest
    return lines + rest.decode().splitlines()


@pytest.mark.skipif(sys.platform == "win32", reason="Ctrl+C is a POSIX signal here")
async def test_capia_serve_runs_from_an_empty_folder_and_restarts_on_its_database(
    tmp_path: Path,
) -> None:
    # Started from a folder with no scenarios/ in it, the server opens its demo workshop
    # of « ville-moyenne »; restarted on the same database it takes the 4 tables back.
    first = await _serve_once(tmp_path)
    assert "Atelier de démonstration créé (scénario « ville-moyenne », 4 tables)." in first
    assert any("INFO Atelier w-" in x and "« ville-moyenne », 4 table(s)" in x for x in first)
    second = await _serve_once(tmp_path)
    assert "Reprise : 1 atelier(s), 4 table(s) en base." in second
    assert any("4 table(s) reprise(s) de la base, 1 atelier(s) en tout." in x for x in second)
