"""What « nothing overlaps, nothing is cut » means, checked on whatever scene is in front."""

from __future__ import annotations

import re

import pygame

from game.client.app import App
from game.client.scene import Scene
from game.client.scenes.panel_scene import PanelScene
from game.client.scenes.panels.base import fits
from game.scenario.models import Pack


def label_problems(scene: Scene) -> list[str]:
    """Buttons whose label is wider than the button (pygame_gui would cut it)."""
    out = []
    for key, b in scene.buttons.items():
        oid = b.object_ids[-1] if b.object_ids and b.object_ids[-1] else None
        if b.text and not fits(b.text, b.rect.width, oid):
            out.append(f"label of {key!r} cut: {b.text!r} in {b.rect.width} px")
    return out


def panel_problems(scene: PanelScene, size: tuple[int, int]) -> list[str]:
    """Overlaps between panels and their widgets, and text cut without a scroll band."""
    out: list[str] = []
    screen = pygame.Rect(0, 0, *size)
    panels = scene.panels
    for i, a in enumerate(panels):
        if not screen.contains(a.frame):
            out.append(f"panel {a.name} {a.frame} leaves the window {size}")
        for b in panels[i + 1 :]:
            if a.frame.colliderect(b.frame) and "modal" not in (a.name, b.name):
                out.append(f"panels {a.name} {a.frame} and {b.name} {b.frame} overlap")
        out += [f"{a.name}: text or label does not fit: {t!r}" for t in a.overflow]
        if a.scrollable != (a.more_above or a.more_below):
            out.append(f"{a.name}: content cut without « suite plus bas »")
    widgets = scene.widget_rects()
    frames = {p.name: p.frame for p in panels}
    for i, (pa, ka, ra) in enumerate(widgets):
        if pa in frames and not frames[pa].contains(ra):
            out.append(f"widget {ka!r} {ra} outside its panel {pa} {frames[pa]}")
        for pb, kb, rb in widgets[i + 1 :]:
            if pa != pb and ra.colliderect(rb):
                out.append(f"widgets {ka!r} ({pa}) and {kb!r} ({pb}) overlap")
    for p in panels:
        mine = [r for owner, _, r in widgets if owner == p.name]
        texts = p.visible_text_rects()
        for t in texts:
            hit = next((r for r in mine if r.colliderect(t)), None)
            if hit is not None:
                out.append(f"{p.name}: a text at {t} lies under a widget at {hit}")
        for j, t in enumerate(texts):
            if any(t.colliderect(u) for u in texts[j + 1 :]):
                out.append(f"{p.name}: two texts overlap at {t}")
    return out


def pack_ids(pack: Pack) -> set[str]:
    """The pack's internal ids a player must never read (slugs such as `ia-licence-x`)."""
    ids = {c.id for c in (*pack.use_cases, *pack.levers, *pack.risks, *pack.dilemmas)}
    ids |= {e.id for e in pack.events} | {s.id for s in pack.scenario.collectivite.shadow_ai}
    ids |= {o.id for d in pack.dilemmas for o in d.options}
    return {i for i in ids if "-" in i or "_" in i}


#: wording a player should never read: an exact probability, « tour(s) », « ?. »
BAD_WORDING = [
    (re.compile(r"probabilit\w*[^.]*\d+ ?%"), "an exact probability"),
    (re.compile(r"\(s\)"), "a « (s) » plural"),
    (re.compile(r"[?!]\."), "a « ?. »"),
    (
        re.compile(r"(?<![\d,])[01] (tours|votes|cartes|propositions|pts|voix exprimées)\b"),
        "a plural",
    ),
    (re.compile(r"\b([2-9]|\d\d+) (tour|vote|carte|proposition|pt)\b(?!·)"), "a singular"),
]


def shown_texts(scene: Scene) -> list[str]:
    """Every text on screen: the panels' texts and the buttons' labels."""
    out = [b.text for b in scene.buttons.values() if b.text]
    if isinstance(scene, PanelScene):
        out += [t for p in scene.panels for t in p.texts]
    return out


def wording_problems(scene: Scene, ids: set[str]) -> list[str]:
    out = []
    for text in shown_texts(scene):
        for bad, what in BAD_WORDING:
            if bad.search(text):
                out.append(f"{what} in {text!r}")
        words = set(re.findall(r"[\w-]+", text))
        out += [f"internal id {i!r} in {text!r}" for i in ids & words]
    return out


def problems(app: App, ids: set[str] | None = None) -> list[str]:
    """Everything wrong with the layout (and, given the pack's ids, the wording) in front."""
    scene = app.scene
    if scene is None:
        return []
    out = label_problems(scene)
    if isinstance(scene, PanelScene):
        out += panel_problems(scene, app.size)
    if ids is not None:
        out += wording_problems(scene, ids)
    return out
