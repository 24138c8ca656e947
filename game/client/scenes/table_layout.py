"""Where each table panel goes: top bar, left column, centre, right column, at any size."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pygame

from game.client.scenes.panels.banner import Banner, banner_panels
from game.client.scenes.panels.base import Panel, fits
from game.client.scenes.panels.builder import PanelBuilder
from game.client.scenes.panels.card import card_panel
from game.client.scenes.panels.centre import TABLE_BUILDERS, PhaseBuilder, centre_panels
from game.client.scenes.panels.context import TableContext
from game.client.scenes.panels.left import (
    content_height,
    feed_panel,
    gauges_height,
    gauges_panel,
    role_panel,
)
from game.client.scenes.panels.proposals import proposals_panel, ready_panel
from game.client.scenes.panels.top import HEIGHT, top_bar
from game.client.scenes.wording import refusal
from game.engine.phase import Phase

GAP = 8
READY_H = 48
PanelFn = Callable[[TableContext, pygame.Rect], Panel]


@dataclass(frozen=True)
class Layout:
    top: pygame.Rect
    left: pygame.Rect
    center: pygame.Rect
    right: pygame.Rect


def layout_in(area: pygame.Rect, *, left_min: int = 0) -> Layout:
    """Split `area` (the window, or what a host scene leaves) into bar and three columns."""
    x, y, w, h = area
    side = 260 if w < 1200 else (300 if w < 1600 else 380)
    right = 320 if w < 1200 else (340 if w < 1600 else 440)
    side = max(side, left_min)
    body = h - HEIGHT - 2 * GAP
    return Layout(
        pygame.Rect(x, y, w, HEIGHT),
        pygame.Rect(x + GAP, y + HEIGHT + GAP, side, body),
        pygame.Rect(x + side + 2 * GAP, y + HEIGHT + GAP, w - side - right - 4 * GAP, body),
        pygame.Rect(x + w - right - GAP, y + HEIGHT + GAP, right, body),
    )


@dataclass(frozen=True)
class TableParts:
    """What a host scene may change in the table: phase panels, the role panel, widths."""

    builders: Mapping[Phase, PhaseBuilder] = field(default_factory=lambda: TABLE_BUILDERS)
    role: PanelFn = role_panel
    left_min: int = 0
    ready_button: bool = True


def _fit(fn: PanelFn, ctx: TableContext, rect: pygame.Rect, most: int) -> Panel:
    """`fn`'s panel as tall as its content, at most `most` pixels (it scrolls beyond)."""
    probe = fn(ctx, pygame.Rect(rect.x, rect.y, rect.width, 4000))
    h = max(60, min(most, content_height(probe)))
    return fn(ctx, pygame.Rect(rect.x, rect.y, rect.width, h))


def left_panels(ctx: TableContext, col: pygame.Rect, parts: TableParts) -> list[Panel]:
    gh = min(gauges_height(ctx, col.width), col.height // 2)
    gauges = gauges_panel(ctx, pygame.Rect(col.x, col.y, col.width, gh))
    y = gauges.frame.bottom + GAP
    rest = col.bottom - y
    role = _fit(parts.role, ctx, pygame.Rect(col.x, y, col.width, 0), max(100, rest * 55 // 100))
    y = role.frame.bottom + GAP
    feed = feed_panel(ctx, pygame.Rect(col.x, y, col.width, col.bottom - y))
    return [gauges, role, feed]


def right_panels(ctx: TableContext, col: pygame.Rect, parts: TableParts) -> list[Panel]:
    out: list[Panel] = []
    bottom = col.bottom
    if parts.ready_button:
        out.append(ready_button(ctx, pygame.Rect(col.x, bottom - READY_H, col.width, READY_H)))
        bottom -= READY_H + GAP
    ready = _fit(ready_panel, ctx, pygame.Rect(col.x, 0, col.width, 0), 110)
    ready = ready_panel(
        ctx, pygame.Rect(col.x, bottom - ready.frame.height, col.width, ready.frame.height)
    )
    out.append(ready)
    bottom = ready.frame.y - GAP
    y = col.y
    if ctx.view.phase == Phase.PROPOSITIONS:
        wanted = _fit(proposals_panel, ctx, pygame.Rect(col.x, 0, col.width, 0), 150)
        most = max(160, bottom - y - wanted.frame.height - GAP)  # the proposals keep theirs
        card = _fit(card_panel, ctx, pygame.Rect(col.x, y, col.width, 0), most)
        out.append(card)
        y = card.frame.bottom + GAP
    out.append(proposals_panel(ctx, pygame.Rect(col.x, y, col.width, bottom - y)))
    return out


def ready_button(ctx: TableContext, rect: pygame.Rect) -> Panel:
    """« Prêt·e — j'ai fini cette phase (Entrée) », or why it is not possible."""
    b = PanelBuilder("actions", rect, framed=False)
    ok = "ready" in ctx.legal
    long = ("Prêt·e — j'ai fini cette phase (Entrée)", "Prêt·e : j'ai fini (Entrée)", "Prêt·e")
    text = next((t for t in long if fits(t, rect.width, "#primary")), "Prêt·e") if ok else "Prêt·e"
    b.fixed_button(
        "ready",
        rect,
        text,
        ctx.do.ready,
        enabled=ok,
        reason="" if ok else refusal(ctx.view, "ready"),
        object_id="#primary" if ok else None,
        hotkey=pygame.K_RETURN,
    )
    return b.done()


def table_panels(
    ctx: TableContext,
    area: pygame.Rect,
    *,
    clock: str,
    who: str,
    parts: TableParts,
    banners: list[Banner] | None = None,
) -> list[Panel]:
    """Every panel of one seat's table screen, none overlapping another; the bands that
    stay until dealt with go under the top bar and push the columns down."""
    panels = [top_panel(ctx, area, clock=clock, who=who, parts=parts)]
    below = pygame.Rect(area.x, area.y + HEIGHT, area.width, area.height - HEIGHT)
    bands, used = banner_panels(banners or [], below)
    panels += bands
    area = pygame.Rect(area.x, area.y + used, area.width, area.height - used)
    lay = layout_in(area, left_min=parts.left_min)
    panels += left_panels(ctx, lay.left, parts)
    panels += centre_panels(ctx, lay.center, parts.builders)
    panels += right_panels(ctx, lay.right, parts)
    return panels


def top_panel(
    ctx: TableContext,
    area: pygame.Rect,
    *,
    clock: str,
    who: str,
    parts: TableParts,
) -> Panel:
    """The top bar alone (redrawn each second of the countdown, with no widget rebuilt)."""
    lay = layout_in(area, left_min=parts.left_min)
    return top_bar(ctx, lay.top, clock, who)
