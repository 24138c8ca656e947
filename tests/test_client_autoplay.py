"""`capia play --local PACK --autoplay`: a hot-seat game played to its end with no one there."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pytest

from game.cli import main
from game.engine.phase import Phase
from game.log import GameLog

MINI = Path(__file__).parent / "packs" / "mini"


def test_autoplay_plays_every_seat_to_the_end_and_says_where_the_log_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Two seats share the screen; clicks alone take the game to « Fin de partie », the
    # window closes and the last line names the log, which replays to that very end.
    monkeypatch.chdir(tmp_path)
    assert main(["play", "--local", str(MINI), "--seats", "dgs,dpo", "--autoplay"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-2].startswith("Partie terminée en ")
    assert out[-1] == f"Journal de la partie : {tmp_path / 'capia-mini-1.jsonl'}"
    log = GameLog.from_jsonl((tmp_path / "capia-mini-1.jsonl").read_text(encoding="utf-8"))
    assert log.state.phase == Phase.FIN


def test_autoplay_needs_a_local_game(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--autoplay"]) == 2
    assert "--local PACK" in capsys.readouterr().err
