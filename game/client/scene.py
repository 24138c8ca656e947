"""Scene base: enter/exit/handle/update/draw, plus a registry of named buttons.

Buttons are pygame_gui widgets; a press comes back as a pygame event and is
routed to the callback registered with the button. Every button carries the
reason it is disabled; the scene shows the hovered button's reason.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

import pygame
import pygame_gui
from pygame_gui.core import ObjectID, UIElement
from pygame_gui.elements import UIButton, UILabel, UITextEntryLine

from game.client.draw import widget_text
from game.client.scenes.panels.base import label_width

if TYPE_CHECKING:
    from game.client.app import App

Callback = Callable[[], None]


class SceneName(StrEnum):
    """The scenes `App.open` knows: a scene names its successor, it never imports it."""

    CONNECT = "connect"
    TABLE = "table"
    HANDOVER = "handover"
    FACILITATOR = "facilitator"
    FACILITATOR_CONNECT = "facilitator_connect"
    REPLAY = "replay"
    HELP = "help"


HELP_LABEL = "Comment jouer (F1)"


class Scene:
    """One screen. `draw()` only draws; state changes happen in handle/update."""

    app: App
    #: the help screen itself (F1 closes it instead of opening another)
    is_help = False

    def __init__(self) -> None:
        self.elements: list[UIElement] = []
        self.buttons: dict[str, UIButton] = {}
        self.entries: dict[str, UITextEntryLine] = {}
        self.reasons: dict[str, str] = {}
        self._callbacks: dict[int, Callback] = {}
        self._keys: dict[int, str] = {}
        self.hover_reason = ""
        # Buttons of the previous build, kept when built again identical (creating a
        # pygame_gui button costs ~2 ms: a market of 40 cards would cost 80 ms a click).
        self._sigs: dict[str, tuple[object, ...]] = {}
        self._spare: dict[str, tuple[tuple[object, ...], UIButton]] = {}
        #: something on screen changed since the last frame drawn (the app then redraws)
        self.dirty = True
        #: parts of the screen that changed when the rest did not (the countdown's line)
        self.dirty_rects: list[pygame.Rect] = []
        self._hover_looked: object = None

    # --- lifecycle -------------------------------------------------------
    def enter(self, app: App) -> None:
        """Become the front scene: build the widgets."""
        self.app = app
        self.relayout()

    def exit(self) -> None:
        """Leave: remove every widget."""
        self.clear()

    def relayout(self) -> None:
        """Rebuild every widget for the current window size and state."""
        self.stash()
        self.build()
        self.drop_spares()
        self.dirty = True
        self._hover_looked = None

    def stash(self, keep: set[int] | None = None) -> None:
        """Clear the widgets, keeping the buttons aside for `button()` to reuse; elements whose
        id is in `keep` are not touched (the caller keeps them)."""
        keep = keep or set()
        buttons = {id(b): k for k, b in self.buttons.items()}
        self._spare = {}
        for element in self.elements:
            key = buttons.get(id(element))
            if id(element) in keep:
                continue
            if key is not None and key in self._sigs:
                self._spare[key] = (self._sigs[key], element)  # type: ignore[assignment]
            else:
                element.kill()  # type: ignore[no-untyped-call]
        self.elements = [e for e in self.elements if id(e) in keep]
        self.buttons = {k: b for k, b in self.buttons.items() if id(b) in keep}
        self.entries.clear()
        self.reasons = {k: r for k, r in self.reasons.items() if k in self.buttons}
        self._callbacks = {i: c for i, c in self._callbacks.items() if i in keep}
        self._keys = {h: k for h, k in self._keys.items() if k in self.buttons}

    def drop_spares(self) -> None:
        """Remove the stashed buttons that the new build did not reuse."""
        for key, (_, b) in self._spare.items():
            b.kill()  # type: ignore[no-untyped-call]
            self._sigs.pop(key, None)
        self._spare = {}

    def build(self) -> None:
        """Create the widgets (subclasses)."""

    def touch(self, rect: pygame.Rect) -> None:
        """Only `rect` changed: the app redraws and sends that part of the window alone."""
        self.dirty_rects.append(rect.copy())

    def help_button(self, right: int, y: int) -> None:
        """« Comment jouer (F1) », its right edge at `right`."""
        w = label_width(HELP_LABEL, "#small")
        rect = pygame.Rect(right - w, y, w, 32)
        self.button("help", rect, HELP_LABEL, self.help, object_id="#small")

    def help(self) -> None:
        """Show « Comment jouer » over this scene (F1 does the same from anywhere)."""
        self.app.push(SceneName.HELP, texts=getattr(self, "texts", None))

    def request_quit(self) -> bool:
        """The window's close button was pressed: True to quit now (a scene may ask first)."""
        return True

    def handle(self, event: pygame.event.Event) -> None:
        """React to one event: button presses, keys."""
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            cb = self._callbacks.get(id(event.ui_element))
            if cb is not None:
                cb()
        elif event.type == pygame.KEYDOWN and not self.typing():
            key = self._keys.get(event.key)
            if key is not None:
                button = self.buttons.get(key)
                cb = self._callbacks.get(id(button)) if button is not None else None
                if button is not None and button.is_enabled and cb is not None:
                    cb()

    def update(self, dt: float) -> None:
        """Advance timers, poll sessions; find the hovered button's reason."""
        pos = self.app.manager.get_mouse_position()
        looked = (pos, len(self.elements), id(self.buttons))
        if looked == self._hover_looked:
            return  # the pointer did not move and no widget changed: same reason
        self._hover_looked = looked
        reason = ""
        for key, button in self.buttons.items():
            alive = button.alive()  # type: ignore[no-untyped-call]
            if alive and button.rect.collidepoint(pos) and self.reasons.get(key):
                reason = self.reasons[key]
                break
        if reason != self.hover_reason:
            self.hover_reason, self.dirty = reason, True

    def draw(self, surface: pygame.Surface) -> None:
        """Draw under the widgets."""

    def draw_over(self, surface: pygame.Surface) -> None:
        """Draw over the widgets (badges, marks)."""

    # --- widgets ---------------------------------------------------------
    def clear(self) -> None:
        for element in self.elements:
            element.kill()  # type: ignore[no-untyped-call]
        for _, b in self._spare.values():
            b.kill()  # type: ignore[no-untyped-call]
        self.elements.clear()
        self.buttons.clear()
        self.entries.clear()
        self.reasons.clear()
        self._callbacks.clear()
        self._keys.clear()
        self._sigs.clear()
        self._spare = {}

    def typing(self) -> bool:
        """True while a text field has the keyboard."""
        return any(e.is_focused for e in self.entries.values() if e.alive())  # type: ignore[no-untyped-call]

    def button(
        self,
        key: str,
        rect: pygame.Rect,
        text: str,
        on_click: Callback | None = None,
        *,
        enabled: bool = True,
        reason: str = "",
        tooltip: str = "",
        object_id: str | None = None,
        hotkey: int | None = None,
    ) -> UIButton:
        """A named button; disabled ones keep their `reason` (shown on hover)."""
        tip = tooltip or (reason if not enabled else "")
        sig = (rect.size, text, enabled, tip, object_id)
        spare = self._spare.pop(key, None)
        if spare is not None and spare[0] == sig:
            b = spare[1]
            if b.rect.topleft != rect.topleft:  # a scrolled panel: move, do not rebuild
                b.set_relative_position(rect.topleft)
        else:
            if spare is not None:
                spare[1].kill()  # type: ignore[no-untyped-call]
            b = UIButton(
                rect,
                widget_text(text),
                manager=self.app.manager,
                tool_tip_text=widget_text(tip) or None,
                object_id=ObjectID(object_id=object_id) if object_id else None,
            )
            if not enabled:
                b.disable()  # type: ignore[no-untyped-call]
        self._sigs[key] = sig
        self.elements.append(b)
        self.buttons[key] = b
        if reason or not enabled:
            self.reasons[key] = reason
        if on_click is not None:
            self._callbacks[id(b)] = on_click
        if hotkey is not None:
            self._keys[hotkey] = key
        return b

    def label(self, rect: pygame.Rect, text: str, object_id: str | None = None) -> UILabel:
        lab = UILabel(
            rect,
            widget_text(text),
            manager=self.app.manager,
            object_id=ObjectID(object_id=object_id) if object_id else None,
        )
        self.elements.append(lab)
        return lab

    def entry(
        self, key: str, rect: pygame.Rect, text: str = "", placeholder: str = ""
    ) -> UITextEntryLine:
        e = UITextEntryLine(
            rect, manager=self.app.manager, placeholder_text=widget_text(placeholder) or None
        )
        if text:
            e.set_text(text)
        self.elements.append(e)
        self.entries[key] = e
        return e

    def add(self, element: Any) -> Any:
        """Keep a custom widget so `clear()` removes it."""
        self.elements.append(element)
        return element
