"""`capia play --local PACK --autoplay`: a hot-seat game played to its end with no one there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.engine.phase import Phase
from game.log import GameLog

CAPIA = Path(sys.executable).parent / "capia"
MINI = Path(__file__).parent / "packs" / "mini"
HEADLESS = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}


def _capia(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A process of its own: it quits pygame at the end, as `capia` does.
    return subprocess.run(
        [str(CAPIA), *args], cwd=cwd, env=HEADLESS, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip


def test_autoplay_plays_every_seat_to_the_end_and_says_where_the_log_is(tmp_path: Path) -> None:
    # Two seats share the screen; clicks alone take the game to « Fin de partie », the
    # window closes and the last line names the log, which replays to that very end.
    done = _capia("play", "--local", str(MINI), "--seats", "dgs,dpo", "--autoplay", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[-2].startswith("Partie terminée en ")
    where = Path(out[-1].removeprefix("Journal de la partie : "))
    assert out[-1].startswith("Journal de la partie : ")
    assert where.parent == (tmp_path / "var" / "parties").resolve()  # the hot-seat default
    assert where.name.startswith("mini-") and where.suffix == ".jsonl"
    log = GameLog.from_jsonl(where.read_text(encoding="utf-8"))
    assert log.state.phase == Phase.FIN


def test_autoplay_needs_a_local_game(tmp_path: Path) -> None:
    done = _capia("play", "--autoplay", cwd=tmp_path)
    assert done.returncode == 2 and "--local PACK" in done.stderr
