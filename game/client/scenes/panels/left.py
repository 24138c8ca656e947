"""The table's left column: the gauges, this seat's role and secret, the table's feed."""

from __future__ import annotations

import pygame

from game.client.assets import font
from game.client.draw import draw_bar
from game.client.palette import BAD, GOOD, INK, MUTED
from game.client.scenes.panels.base import Panel, moved
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.context import TableContext
from game.client.scenes.wording import describe

GAUGE_ROW = 34


def gauges_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """Each gauge with its change since last turn (a number, a sign and a hatched bar)."""
    view, texts = ctx.view, ctx.texts
    b = PanelBuilder("gauges", rect, "Jauges (évolution du tour)", scroll=ctx.scroll("gauges"))
    order = [g for g in texts.gauge_order if g in view.gauges] or list(view.gauges)
    for gid in order:
        label = texts.gauge_label(gid)
        value, delta = view.gauges[gid], view.gauge_delta.get(gid, 0)
        y = b.y
        wide = _wide(label, b.width)
        b.text_at(label, (b.x, y), 13, INK)
        bar_w = b.width if wide else b.width - 96
        numbers_y = y if wide else y + 19
        b.text_at(str(value), (b.x + b.width - 80, numbers_y), 14, INK, bold=True)
        sign = "=" if not delta else f"{'+' if delta > 0 else '−'}{abs(delta)}"
        colour = MUTED if not delta else (GOOD if delta > 0 else BAD)
        b.text_at(sign, (b.x + b.width - 36, numbers_y), 14, colour, bold=bool(delta))
        bar = pygame.Rect(b.x, y + (20 if wide else 24), bar_w, 10)
        lo_hi = texts.gauge_bounds(gid)
        b.draw(moved(draw_bar, bar, value, lo_hi, delta))
        b.space(GAUGE_ROW if wide else GAUGE_ROW + 6)
    return b.done()


def _wide(label: str, width: int) -> bool:
    """True when the label, the value and the change fit on one line above the bar."""
    return int(font(13).size(label)[0]) + 96 <= width


def gauges_height(ctx: TableContext, width: int) -> int:
    """The frame height that shows every gauge."""
    order = [g for g in ctx.texts.gauge_order if g in ctx.view.gauges] or list(ctx.view.gauges)
    rows = sum(
        GAUGE_ROW if _wide(ctx.texts.gauge_label(g), width - 16) else GAUGE_ROW + 6 for g in order
    )
    return 12 + 26 + 4 + rows


def role_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """My role's public mission and secret objective."""
    view, texts = ctx.view, ctx.texts
    title = f"Mon rôle : {texts.role_title(view.seat)}"
    b = PanelBuilder("role", rect, title, scroll=ctx.scroll("role"))
    if view.seat is not None:
        b.wrapped(texts.role_mission(view.seat), 14)
        b.space(4)
        b.wrapped("Objectif secret (vous seul·e le voyez) :", 13, MUTED, italic=True)
        b.wrapped(view.secret.text if view.secret else "", 14, italic=True)
    return b.done()


def feed_panel(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """What happened at the table, newest first."""
    view, texts = ctx.view, ctx.texts
    b = PanelBuilder("feed", rect, "Fil de la table", scroll=ctx.scroll("feed"))
    for notice in reversed(ctx.notices):
        b.wrapped(f"• Message de l'animation : {notice}", 13, bold=True)
    lines = [line for e in reversed(view.feed) if (line := describe(e, texts)) is not None]
    for line in lines:
        b.wrapped("• " + line, 13)
    if not lines and not ctx.notices:
        b.wrapped("Rien pour l'instant.", 13, MUTED, italic=True)
    return b.done()


def content_height(panel: Panel) -> int:
    """The frame height that would show `panel`'s whole content."""
    return panel.frame.height - panel.body.height + panel.content + 2
