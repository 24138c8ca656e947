"""`PanelBuilder`: lays a panel's content top to bottom and returns the `Panel`."""

from __future__ import annotations

import pygame

from game.client.assets import font
from game.client.draw import Colour, blit_text, blit_wrapped, wrap
from game.client.palette import INK, MUTED, WARN_BG
from game.client.scenes.panels.base import (
    LINE_GAP,
    TITLE_SIZE,
    ButtonSpec,
    Callback,
    EntrySpec,
    Op,
    Panel,
    fits,
)

#: French typography: these signs never start a line (no-break spaces, as the packs have)
NO_BREAK: tuple[tuple[str, str], ...] = (
    (" :", "\u00a0:"),
    (" ;", "\u202f;"),
    (" !", "\u202f!"),
    (" ?", "\u202f?"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
)


def french(text: str) -> str:
    """`text` with no-break spaces before : ; ! ? and inside « », so a line never starts
    with one of them."""
    for plain, kept in NO_BREAK:
        text = text.replace(plain, kept)
    return text


class PanelBuilder:
    """Lays content top to bottom (`y` is the cursor, in content coordinates)."""

    def __init__(
        self,
        name: str,
        frame: pygame.Rect,
        title: str = "",
        *,
        scroll: int = 0,
        footer: int = 0,
        framed: bool = True,
    ) -> None:
        self.name, self.frame, self.framed = name, frame, framed
        inner = frame.inflate(-16, -12) if framed else frame.copy()
        self.title_lines = wrap(title, TITLE_SIZE, inner.width, True) if title else ()
        head = font(TITLE_SIZE, bold=True).get_linesize() * len(self.title_lines)
        if head:
            inner.y += head + 4
            inner.height -= head + 4
        self.foot = pygame.Rect(inner.x, inner.bottom - footer, inner.width, footer)
        if footer:
            inner.height -= footer + 4
        self.body = inner
        self.x, self.width = inner.x, inner.width
        self.y = 0
        self.scroll = scroll
        self.ops: list[Op] = []
        self.fixed_ops: list[Op] = []
        self.over_ops: list[tuple[str | None, Op]] = []
        self.buttons: list[ButtonSpec] = []
        self.fixed_buttons: list[ButtonSpec] = []
        self.fixed_entries: list[EntrySpec] = []
        self.entries: list[EntrySpec] = []
        self.texts: list[str] = []
        self.text_rects: list[pygame.Rect] = []
        self.fixed_text_rects: list[pygame.Rect] = []
        self.drawn: list[tuple[str, tuple[int, int, int, int]]] = []
        self.overflow: list[str] = []

    # --- text --------------------------------------------------------------------------
    def wrapped(
        self,
        text: str,
        size: int = 14,
        colour: Colour = INK,
        *,
        bold: bool = False,
        italic: bool = False,
        indent: int = 0,
        width: int | None = None,
        gap: int = LINE_GAP,
    ) -> int:
        """`text` wrapped at the cursor; the cursor moves below it. Returns its height."""
        if not text:
            return 0
        asked, text = text, french(text)
        x, w = self.x + indent, (width or self.width - indent)
        lines = wrap(text, size, w, bold)
        f = font(size, bold=bold, italic=italic)
        widest = max(f.size(line)[0] for line in lines)
        if widest > w:
            self.overflow.append(text)
        h = f.get_linesize() * len(lines)
        rect = pygame.Rect(x, self.y, w, h + 2)
        self.ops.append(
            lambda s, dy: blit_wrapped(
                s, text, rect.move(0, dy), size, colour, bold=bold, italic=italic
            )
        )
        self._record(asked, pygame.Rect(x, self.y, widest, h))
        self.y += h + gap
        return h

    def heading(self, text: str, size: int = 15) -> None:
        self.y += 4
        self.wrapped(text, size, bold=True, gap=4)

    def lines(self, lines: list[tuple[str, bool]]) -> None:
        """(text, is_heading) pairs, as the phase summaries are written."""
        for text, heading in lines:
            if heading:
                self.heading(text)
            else:
                self.wrapped(text, 14)

    def text_at(
        self,
        text: str,
        pos: tuple[int, int],
        size: int = 14,
        colour: Colour = INK,
        *,
        bold: bool = False,
        italic: bool = False,
        limit: int | None = None,
    ) -> int:
        """One line at a content position (the cursor does not move); returns its width."""
        w = font(size, bold=bold, italic=italic).size(text)[0]
        if w > (limit if limit is not None else self.x + self.width - pos[0]):
            self.overflow.append(text)
        self.ops.append(
            lambda s, dy: blit_text(
                s, text, (pos[0], pos[1] + dy), size, colour, bold=bold, italic=italic
            )
        )
        self._record(text, pygame.Rect(pos[0], pos[1], w, font(size).get_linesize()))
        return w

    def warning(self, text: str) -> None:
        """A pale-yellow box with a wrapped text at the cursor."""
        asked, text = text, french(text)
        lines = wrap(text, 14, self.width - 16)
        h = 10 + font(14).get_linesize() * len(lines)
        box = pygame.Rect(self.x, self.y, self.width, h)

        def op(s: pygame.Surface, dy: int) -> None:
            b = box.move(0, dy)
            pygame.draw.rect(s, WARN_BG, b, border_radius=4)
            pygame.draw.rect(s, MUTED, b, 1, border_radius=4)
            blit_wrapped(s, text, b.inflate(-16, -8), 14, INK)

        self.ops.append(op)
        self._record(asked, box.inflate(-16, -8))
        self.y += h + 6

    def _record(self, text: str, rect: pygame.Rect) -> None:
        self.texts.append(text)
        self.text_rects.append(rect)
        self.drawn.append((text, (rect.x, rect.y, rect.width, rect.height)))

    # --- drawings and widgets ----------------------------------------------------------------
    def draw(self, op: Op) -> None:
        """A custom drawing in content coordinates."""
        self.ops.append(op)

    def button(
        self, key: str, rect: pygame.Rect, text: str, on_click: Callback | None, **kw: object
    ) -> None:
        """A button at a content rect (its label must fit: the layout test checks it)."""
        spec = ButtonSpec(key, rect, text, on_click, **kw)  # type: ignore[arg-type]
        if not fits(text, rect.width, spec.object_id):
            self.overflow.append(text)
        self.buttons.append(spec)

    def fixed_button(
        self, key: str, rect: pygame.Rect, text: str, on_click: Callback | None, **kw: object
    ) -> None:
        """A button that does not scroll (in the footer: screen coordinates)."""
        spec = ButtonSpec(key, rect, text, on_click, **kw)  # type: ignore[arg-type]
        if not fits(text, rect.width, spec.object_id):
            self.overflow.append(text)
        self.fixed_buttons.append(spec)

    def fixed_text(
        self, text: str, pos: tuple[int, int], size: int = 14, colour: Colour = MUTED
    ) -> None:
        """One line that does not scroll (footer notes), in screen coordinates."""
        w = font(size).size(text)[0]
        if pos[0] + w > self.frame.right - 4:
            self.overflow.append(text)
        self.fixed_ops.append(lambda s, dy: blit_text(s, text, pos, size, colour))
        self.texts.append(text)
        self.fixed_text_rects.append(pygame.Rect(pos[0], pos[1], w, font(size).get_linesize()))

    def label_on(
        self,
        key: str,
        rect: pygame.Rect,
        text: str,
        size: int = 14,
        *,
        indent: int = 0,
        right: int = 0,
        bold: bool = False,
        italic: bool = False,
        colour: Colour = INK,
    ) -> None:
        """A wrapped label drawn over button `key` at content rect `rect` (it must fit)."""
        asked, text = text, french(text)
        inner = pygame.Rect(rect.x + indent, rect.y, rect.width - indent - right, rect.height)
        lines = wrap(text, size, inner.width, bold)
        line_h = font(size, bold=bold).get_linesize()
        widest = max(font(size, bold=bold, italic=italic).size(t)[0] for t in lines)
        if line_h * len(lines) > inner.height or widest > inner.width:
            self.overflow.append(text)
        top = inner.y + (inner.height - line_h * len(lines)) // 2
        area = pygame.Rect(inner.x, top, inner.width, line_h * len(lines) + 2)
        self.over_ops.append(
            (
                key,
                lambda s, dy: blit_wrapped(
                    s, text, area.move(0, dy), size, colour, bold=bold, italic=italic
                ),
            )
        )
        self.texts.append(asked)

    def over(self, key: str | None, op: Op) -> None:
        """A drawing over button `key` (None: always), in content coordinates."""
        self.over_ops.append((key, op))

    @staticmethod
    def label_height(text: str, width: int, size: int = 14, *, bold: bool = False) -> int:
        """How tall `text` wrapped at `width` is."""
        return font(size, bold=bold).get_linesize() * len(wrap(french(text), size, width, bold))

    def entry(self, key: str, rect: pygame.Rect, text: str = "", placeholder: str = "") -> None:
        self.entries.append(EntrySpec(key, rect, text, placeholder))

    def fixed_entry(
        self, key: str, rect: pygame.Rect, text: str = "", placeholder: str = ""
    ) -> None:
        """A text field that does not scroll (in the footer: screen coordinates)."""
        self.fixed_entries.append(EntrySpec(key, rect, text, placeholder))

    def space(self, n: int) -> None:
        self.y += n

    def done(self) -> Panel:
        """The panel, its scroll offset kept within what the content allows."""
        panel = Panel(
            self.name,
            self.frame,
            self.body,
            tuple(self.title_lines),
            self.ops,
            self.buttons,
            self.entries,
            self.y,
            framed=self.framed,
            fixed_ops=self.fixed_ops,
            over_ops=self.over_ops,
            fixed_buttons=self.fixed_buttons,
            fixed_entries=self.fixed_entries,
            texts=self.texts,
            text_rects=self.text_rects,
            fixed_text_rects=self.fixed_text_rects,
            drawn=self.drawn,
            overflow=self.overflow,
        )
        panel.scroll = max(0, min(self.scroll, panel.max_scroll))
        return panel
