"""What a table panel may read and do: the view, the texts, the legal actions, the UI state."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from game.client.texts import PackTexts
from game.engine.actions import Action
from game.engine.view_models import PlayerView, SeatView


class TableControls(Protocol):
    """The only things a table panel's buttons can do."""

    def act(self, key: str) -> None:
        """Send the legal action behind button `key`."""

    def ready(self) -> None:
        """« Prêt·e »: asks first when a proposal or a dilemma still lacks this seat's vote."""

    def select(self, card: str) -> None:
        """Show `card` in the card panel."""

    def set_filter(self, axis: str | None, step: int | None) -> None:
        """Filter the market by axis (or « lever ») and step."""

    def toggle_board(self) -> None:
        """Show the roadmap instead of the phase panel, or back."""

    def help(self) -> None:
        """Show « Comment jouer »."""


@dataclass
class TableUi:
    """The screen's own state (not the game's): selection, filters, scroll, typed text."""

    selected: str | None = None
    axis_filter: str | None = None
    step_filter: int | None = None
    show_board: bool = False
    justification: str = ""
    scroll: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class TableContext:
    """Everything a table panel is given."""

    view: PlayerView
    texts: PackTexts
    legal: Mapping[str, Action]
    ui: TableUi
    do: TableControls
    read_only: bool = False
    #: lines the end of the game adds (where the hot-seat log was written)
    notes: tuple[str, ...] = ()
    #: the facilitator's messages to this table, oldest first (the feed keeps them)
    notices: tuple[str, ...] = ()

    def scroll(self, panel: str) -> int:
        return self.ui.scroll.get(panel, 0)

    @property
    def me(self) -> SeatView | None:
        """This seat's `SeatView` (None for the facilitator)."""
        return next((s for s in self.view.seats if s.role == self.view.seat), None)
