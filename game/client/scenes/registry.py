"""Every scene by name, for `App.open`: the one module that imports them all."""

from __future__ import annotations

from collections.abc import Callable

from game.client.scene import Scene, SceneName
from game.client.scenes.connect import ConnectScene
from game.client.scenes.facilitator import FacilitatorScene
from game.client.scenes.facilitator_connect import FacilitatorConnectScene
from game.client.scenes.handover import HandoverScene
from game.client.scenes.help import HelpScene
from game.client.scenes.replay import replay_scene_from_jsonl
from game.client.scenes.table import TableScene

SCENES: dict[SceneName, Callable[..., Scene]] = {
    SceneName.CONNECT: ConnectScene,
    SceneName.TABLE: TableScene,
    SceneName.HANDOVER: HandoverScene,
    SceneName.FACILITATOR: FacilitatorScene,
    SceneName.FACILITATOR_CONNECT: FacilitatorConnectScene,
    SceneName.REPLAY: replay_scene_from_jsonl,
    SceneName.HELP: HelpScene,
}
