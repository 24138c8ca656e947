"""A question in a box over the screen (« Quitter la partie ? »): two answers, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.client.scenes.panels.base import Callback, Panel, fits
from game.client.scenes.panels.builder import PanelBuilder

NAME = "modal"
BUTTON_H = 40


@dataclass(frozen=True)
class Modal:
    """The question, and what each answer does (« non » only closes it by default)."""

    title: str
    text: str
    yes: str
    no: str
    on_yes: Callback
    on_no: Callback | None = None


def modal_panel(modal: Modal, size: tuple[int, int], close: Callback) -> Panel:
    """The box, centred; Échap answers « no »."""
    w = min(620, size[0] - 80)
    probe = PanelBuilder(NAME, pygame.Rect(0, 0, w, 2000), modal.title)
    probe.wrapped(modal.text, 15)
    h = min(size[1] - 80, 2000 - probe.body.height + probe.y + BUTTON_H + 24)
    frame = pygame.Rect((size[0] - w) // 2, (size[1] - h) // 2, w, h)
    b = PanelBuilder(NAME, frame, modal.title, footer=BUTTON_H + 8)
    b.wrapped(modal.text, 15)
    half = (b.foot.width - 8) // 2
    no = modal.no if fits(modal.no, half) else modal.no.split(" (")[0]
    yes = modal.yes if fits(modal.yes, half, "#primary") else modal.yes.split(" (")[0]

    def answer(then: Callback | None) -> Callback:
        def run() -> None:
            close()
            if then is not None:
                then()

        return run

    foot = b.foot
    b.fixed_button(
        "modal:no",
        pygame.Rect(foot.x, foot.y + 4, half, BUTTON_H),
        no,
        answer(modal.on_no),
        hotkey=pygame.K_ESCAPE,
    )
    b.fixed_button(
        "modal:yes",
        pygame.Rect(foot.right - half, foot.y + 4, half, BUTTON_H),
        yes,
        answer(modal.on_yes),
        object_id="#primary",
    )
    return b.done()
