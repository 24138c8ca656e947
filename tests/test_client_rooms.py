"""How the client is arranged: no import cycle, scenes opened by name, panels that do not
reach into the scene, event names from the protocol, files one can read in a sitting."""

from __future__ import annotations

import ast
import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

from game.client.app import App, default_scenes
from game.client.scene import SceneName
from game.client.scenes.table import TableScene
from game.client.sessions.local import LocalSession
from game.scenario import load_pack

CLIENT = Path(__file__).parent.parent / "game" / "client"
MINI = Path(__file__).parent / "packs" / "mini"


def _module(path: Path) -> str:
    rel = path.relative_to(CLIENT.parent.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _runtime_imports(path: Path) -> set[str]:
    """Modules of game.client imported when the file runs (TYPE_CHECKING blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m.startswith("game.client")}


def test_no_client_module_imports_itself_back_at_run_time() -> None:
    # scenes/table.py and scenes/handover.py used to import each other: now nothing loops.
    graph = {_module(p): _runtime_imports(p) for p in CLIENT.rglob("*.py")}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in graph.get(m, ()):
            assert state.get(n) != 1, "import cycle: " + " → ".join([*path, m, n])
            if n in graph and n not in state:
                visit(n, [*path, m])
        state[m] = 2

    for m in graph:
        if m not in state:
            visit(m, [])


def test_a_scene_never_imports_the_scene_it_opens() -> None:
    # The hand-over opens the table by name (App.open), it does not import it.
    scenes = CLIENT / "scenes"
    opened = ("table", "handover", "connect", "facilitator")
    for name in ("table", "handover", "connect", "facilitator", "facilitator_connect"):
        imports = _runtime_imports(scenes / f"{name}.py")
        others = {f"game.client.scenes.{o}" for o in opened}
        assert not (imports & (others - {f"game.client.scenes.{name}"})), name
        assert "game.client.app" not in imports, name


def test_every_scene_name_is_registered_and_opens() -> None:
    assert set(default_scenes()) == set(SceneName)
    app = App((1024, 640))
    session = LocalSession(load_pack(MINI), seed=1, clock=lambda: 1000.0)
    assert isinstance(app.open(SceneName.TABLE, session=session), TableScene)


def test_panels_take_a_context_not_the_scene() -> None:
    # No panel module knows TableScene: it gets a TableContext and returns a Panel.
    for path in (CLIENT / "scenes" / "panels").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "TableScene" not in text and "scene.button(" not in text, path.name


def test_socket_io_event_names_come_from_the_protocol() -> None:
    # `_call("join", …)` or `.on("view", …)` would be a string the server may not share.
    for path in (CLIENT / "sessions").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            named = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if named and node.func.attr in ("_call", "_send", "on", "emit", "call") and node.args:  # type: ignore[attr-defined]
                first = node.args[0]  # type: ignore[attr-defined]
                assert not isinstance(first, ast.Constant), (path.name, ast.unparse(node))


def test_no_client_file_is_longer_than_three_hundred_lines() -> None:
    long = {p.name: n for p in CLIENT.rglob("*.py") if (n := len(p.read_text().splitlines())) > 300}
    assert long == {}
