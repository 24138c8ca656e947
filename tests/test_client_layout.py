"""Whole hot-seat games of every pack, through the real scenes, at three window sizes:
in every state reached, no panel overlaps another, no widget lies on another panel's,
no text sits under a widget, and nothing is cut without « suite plus bas »; and no
text shows an internal id, an exact probability, « tour(s) » or « ?. »."""

from __future__ import annotations

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import pytest
from layout_checks import pack_ids, problems

from game.client.app import App
from game.client.driver import Driver, autoplay
from game.client.scene import SceneName
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession
from game.engine.phase import Phase
from game.scenario import load_pack
from game.scenario.models import Pack

ROOT = Path(__file__).parent
PACKS = {
    "decouverte": ROOT.parent / "scenarios" / "decouverte",
    "ville-moyenne": ROOT.parent / "scenarios" / "ville-moyenne",
    "mini": ROOT / "packs" / "mini",
}
SIZES = [(1024, 640), (1280, 800), (1920, 1080)]


def longest_card(pack: Pack) -> str:
    """The use case with the most vectors and the most text: the tallest card panel."""
    return max(
        pack.use_cases,
        key=lambda u: (len(u.vectors), len(u.title) + len(u.description) + len(u.direction)),
    ).id


class Checker:
    """Runs the layout checks each time the front scene was built anew."""

    def __init__(self, app: App, ids: set[str]) -> None:
        self.app = app
        self.ids = ids
        self.seen: set[int] = set()
        self.states = 0
        self.found: list[str] = []

    def __call__(self) -> None:
        scene = self.app.scene
        key = id(getattr(scene, "panels", scene)) if scene is not None else 0
        if key in self.seen:
            return
        self.seen.add(key)
        self.states += 1
        self.found += [p for p in problems(self.app, self.ids) if p not in self.found]


@pytest.mark.slow
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(PACKS))
def test_a_whole_game_never_overlaps_nor_cuts_text(name: str, size: tuple[int, int]) -> None:
    pack = load_pack(PACKS[name])
    seats = [r.id for r in pack.scenario.roles][:3]  # three people pass the screen around
    session = LocalSession(pack, seed=4, seats=seats, clock=lambda: 1000.0)
    app = App(size)
    check = Checker(app, pack_ids(pack))
    app.open(SceneName.HANDOVER, session=session, seat=seats[0])
    d = Driver(app, after_frame=check)
    d.frames(1)
    card = longest_card(pack)
    opened = False

    def on_phase(phase: str) -> None:
        nonlocal opened
        if phase == Phase.PROPOSITIONS and not opened and isinstance(app.scene, TableScene):
            opened = True  # the tallest card panel, scrolled to its last « Proposer »
            d.click(f"card:{card}")
            last = [k for k in app.scene.all_keys() if k.startswith(f"propose:{card}:")]
            d.scroll_to(last[-1])

    autoplay(d, session, on_phase=on_phase)
    d.frames(2)
    assert session.log.state.phase == Phase.FIN
    assert opened and check.states > 20
    assert check.found == []
