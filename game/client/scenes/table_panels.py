"""The table's phase panels: event, market and card detail, vote, dilemma, résolution, end."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.client.assets import font
from game.client.draw import Colour, blit_text, blit_wrapped, draw_mark, draw_panel, ellipsize, wrap
from game.client.palette import AXES, CARD_STATUS, INK, LEVER, MUTED, STEPS, VECTORS
from game.client.scenes import table_draw as td
from game.client.scenes.wording import ballot_text, refusal
from game.client.texts import CardText, VectorText
from game.engine.phase import Phase
from game.engine.view_models import MarketCard, PlayerView

if TYPE_CHECKING:
    from game.client.scenes.table import TableScene

# Phases whose centre panel takes the whole height (the roadmap is one key away).
FULL_PANEL_PHASES = (Phase.PROPOSITIONS, Phase.VOTE, Phase.DILEMMES, Phase.FIN)
ROW = 32


Op = Callable[[pygame.Surface], object]


def _ops(scene: TableScene) -> list[Op]:
    return scene.ops


def text_op(
    text: str,
    pos: tuple[int, int],
    size: int = 15,
    colour: Colour = INK,
    *,
    bold: bool = False,
    italic: bool = False,
) -> Op:
    """A deferred `blit_text`."""
    return lambda s: blit_text(s, text, pos, size, colour, bold=bold, italic=italic)


def wrapped_op(
    text: str, rect: pygame.Rect, size: int = 14, *, bold: bool = False, italic: bool = False
) -> Op:
    """A deferred `blit_wrapped`."""
    return lambda s: blit_wrapped(s, text, rect, size, INK, bold=bold, italic=italic)


def lines_op(rect: pygame.Rect, lines: list[tuple[str, bool]]) -> Op:
    return lambda s: td.draw_lines(s, rect, lines)


def warning_op(rect: pygame.Rect, text: str) -> Op:
    return lambda s: td.draw_warning(s, rect, text)


def mark_op(card: CardText, rect: pygame.Rect) -> Op:
    label = str(card.step) if card.kind == "lever" else ""
    return lambda s: draw_mark(s, card.mark, rect, label)


def build_center(scene: TableScene, view: PlayerView, rect: pygame.Rect) -> None:
    """Widgets of the centre for the current phase."""
    scene.ops = []
    scene.cells = []
    full = view.phase in FULL_PANEL_PHASES
    if full:
        label = "Revenir à la phase (F)" if scene.show_board else "Feuille de route (F)"
        scene.button(
            "board",
            pygame.Rect(rect.right - 198, rect.bottom - 40, 190, 32),
            label,
            scene.toggle_board,
            hotkey=pygame.K_f,
        )
        if scene.show_board:
            return
        panel = rect
    else:
        panel = pygame.Rect(
            rect.x,
            rect.y + rect.height * 9 // 20 + 8,
            rect.width,
            rect.height - rect.height * 9 // 20 - 8,
        )
    inner = panel.inflate(-16, -12)
    inner.y += 30
    inner.height -= 30
    scene.build_phase(view, inner)


def build_phase(scene: TableScene, view: PlayerView, inner: pygame.Rect) -> None:
    """The phase's own widgets inside the centre panel."""
    if view.phase == Phase.PROPOSITIONS:
        _build_market(scene, view, inner)
    elif view.phase == Phase.VOTE:
        _build_vote(scene, view, inner)
    elif view.phase == Phase.DILEMMES:
        _build_dilemma(scene, view, inner)


def draw_center(
    scene: TableScene, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect
) -> None:
    """Read-only drawing of the centre."""
    full = view.phase in FULL_PANEL_PHASES
    if full and scene.show_board:
        td.draw_board(surface, rect, view, scene.texts)
        return
    if not full:
        top = pygame.Rect(rect.x, rect.y, rect.width, rect.height * 9 // 20)
        td.draw_board(surface, top, view, scene.texts)
        panel = pygame.Rect(rect.x, top.bottom + 8, rect.width, rect.height - top.height - 8)
    else:
        panel = rect
    titles = {
        Phase.LOBBY: "Accueil : découvrez votre rôle",
        Phase.EVENEMENT: "Événement du tour",
        Phase.PROPOSITIONS: "Marché des cartes : proposez un projet",
        Phase.VOTE: "Vote : pour, contre ou abstention sur chaque proposition",
        Phase.DILEMMES: "Dilemme à trancher",
        Phase.RESOLUTION: "Résolution du tour",
        Phase.FIN: "Fin de partie : scores et objectifs secrets",
    }
    inner = draw_panel(surface, panel, titles.get(view.phase, ""))
    if view.phase == Phase.LOBBY:
        texts = scene.texts
        coll = texts.data.get("scenario", {}).get("collectivite", {})
        lines = [
            (texts.title, True),
            (texts.collectivite_line, False),
            (coll.get("description", ""), False),
            (
                "Chaque personne lit son rôle et son objectif secret (colonne de gauche), "
                "puis clique « Prêt·e ». La partie commence quand tous les sièges sont prêts.",
                True,
            ),
        ]
        td.draw_lines(surface, inner, lines)
    elif view.phase == Phase.EVENEMENT:
        lines = []
        for title, text, eff in td.event_lines(view, scene.texts):
            lines += [(title, True), (text, False)] + ([(eff, False)] if eff else [])
        td.draw_lines(surface, inner, lines or [("Aucun événement ce tour-ci.", False)])
    elif view.phase == Phase.RESOLUTION:
        td.draw_lines(
            surface, inner, td.resolution_lines(view, scene.texts) + _expert_lines(scene, view)
        )
    elif view.phase == Phase.FIN:
        td.draw_lines(surface, inner, _end_lines(scene, view))
    for op in _ops(scene):
        op(surface)


def _expert_lines(scene: TableScene, view: PlayerView) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for d in view.dilemmas:
        if d.chosen is None or d.expert_view is None:  # the view carries it once decided
            continue
        dil = scene.texts.dilemmas.get(d.dilemma, {})
        out.append((f"Regard d'expert — {dil.get('titre', d.dilemma)}", True))
        out.append((f"Option retenue : {scene.texts.option_label(d.dilemma, d.chosen)}", False))
        out.append((d.expert_view, False))
    return out[-9:]


def _end_lines(scene: TableScene, view: PlayerView) -> list[tuple[str, bool]]:
    t = scene.texts
    score = f"{view.team_score:.0f}" if view.team_score is not None else "—"
    lines: list[tuple[str, bool]] = [(f"Score d'équipe : {score}", True)]
    for role in t.role_order:
        secret = view.secrets.get(role)
        met = view.objectives_met.get(role)
        verdict = "atteint" if met else "non atteint"
        pts = view.scores.get(role)
        pts_txt = f" — {pts:.0f} points" if pts is not None else ""
        lines.append((f"{t.role_title(role)} : objectif {verdict}{pts_txt}", True))
        if secret is not None:
            lines.append((secret.text, False))
    return lines


# --- market --------------------------------------------------------------------


def market_cards(scene: TableScene, view: PlayerView) -> list[MarketCard]:
    """The market after the axis / step filters."""
    out = []
    for mc in view.market:
        card = scene.texts.card(mc.card)
        if scene.axis_filter == "lever" and card.kind != "lever":
            continue
        if scene.axis_filter not in (None, "lever"):
            axis = scene.texts.use_cases.get(mc.card, {}).get("axe")
            if card.kind != "use_case" or axis != scene.axis_filter:
                continue
        if scene.step_filter is not None and card.step != scene.step_filter:
            continue
        out.append(mc)
    return out


def _build_market(scene: TableScene, view: PlayerView, inner: pygame.Rect) -> None:
    x, y = inner.x, inner.y
    filters: list[tuple[str, str | None, str]] = [("Tout", None, "all")]
    filters += [(f"{m.letter} · {m.label}", axis, axis) for axis, m in AXES.items()]
    filters.append((f"{LEVER.letter} · Leviers", "lever", "lever"))
    for text, axis, key in filters:
        on = scene.axis_filter == axis
        x, y = _flow(inner, x, y, text)
        scene.button(
            f"filter:{key}",
            pygame.Rect(x, y, _chip_w(text), 28),
            text,
            partial(_set_axis, scene, axis),
            object_id="#chosen" if on else "#small",
        )
        x += _chip_w(text) + 4
    x, y = inner.x, y + 32
    for s in range(1, 6):
        on = scene.step_filter == s
        target = None if on else s
        x, y = _flow(inner, x, y, STEPS[s])
        scene.button(
            f"step:{s}",
            pygame.Rect(x, y, _chip_w(STEPS[s]), 28),
            STEPS[s],
            partial(_set_step, scene, target),
            object_id="#chosen" if on else "#small",
            tooltip="Cliquer à nouveau pour retirer le filtre" if on else "Étape de la démarche",
        )
        x += _chip_w(STEPS[s]) + 4
    x, y = inner.x, y + 36
    cards = market_cards(scene, view)
    cols = max(1, inner.width // 300)
    cell_w = (inner.width - (cols - 1) * 6) // cols
    rows = max(1, (inner.bottom - y - 44) // ROW)
    per_page = rows * cols
    pages = max(1, -(-len(cards) // per_page))
    scene.page = min(scene.page, pages - 1)
    shown = cards[scene.page * per_page : (scene.page + 1) * per_page]
    for i, mc in enumerate(shown):
        col, row = i // rows, i % rows
        cell = pygame.Rect(x + col * (cell_w + 6), y + row * ROW, cell_w, ROW - 4)
        _card_button(scene, mc, cell)
    count = f"{len(cards)} cartes" + (f", page {scene.page + 1}/{pages}" if pages > 1 else "")
    _ops(scene).append(text_op(count, (inner.x, inner.bottom - 26), 14, MUTED))
    if pages > 1:
        scene.button(
            "page:prev",
            pygame.Rect(inner.x + 170, inner.bottom - 34, 90, 32),
            "Préc.",
            lambda: scene.turn_page(-1),
            enabled=scene.page > 0,
            reason="Première page.",
            hotkey=pygame.K_PAGEUP,
        )
        scene.button(
            "page:next",
            pygame.Rect(inner.x + 264, inner.bottom - 34, 90, 32),
            "Suiv.",
            lambda: scene.turn_page(1),
            enabled=scene.page < pages - 1,
            reason="Dernière page.",
            hotkey=pygame.K_PAGEDOWN,
        )


def _chip_w(text: str) -> int:
    return font(13).size(text)[0] + 22


def _flow(inner: pygame.Rect, x: int, y: int, text: str) -> tuple[int, int]:
    """Where the next filter button goes: on this row if it fits, else on the next."""
    if x + _chip_w(text) > inner.right and x > inner.x:
        return inner.x, y + 32
    return x, y


def _set_axis(scene: TableScene, axis: str | None) -> None:
    scene.set_filter(axis, scene.step_filter)


def _set_step(scene: TableScene, step: int | None) -> None:
    scene.set_filter(scene.axis_filter, step)


def _card_button(scene: TableScene, mc: MarketCard, cell: pygame.Rect) -> None:
    card = scene.texts.card(mc.card)
    badge_w = 84 if mc.status != "available" else 0
    rect = pygame.Rect(cell.x, cell.y, cell.width - badge_w, cell.height)
    oid = (
        "#card_selected"
        if scene.selected == mc.card
        else ("#card" if mc.status == "available" else "#card_locked")
    )
    title = ellipsize(card.title, 14, rect.width - 44, oid == "#card_selected")
    tip = card.title + (f" — {mc.reason}" if mc.reason else "")
    scene.button(
        f"card:{mc.card}",
        rect,
        title,
        partial(scene.select, mc.card),
        object_id=oid,
        tooltip=tip,
        reason=mc.reason,
    )
    scene.cells.append((cell, card, mc.status))


def draw_over(
    scene: TableScene, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect
) -> None:
    """Marks and status badges over the market's card buttons."""
    for cell, card, status in getattr(scene, "cells", ()):
        text = str(card.step) if card.kind == "lever" else ""
        draw_mark(surface, card.mark, pygame.Rect(cell.x + 6, cell.centery - 10, 20, 20), text)
        word = CARD_STATUS.get(status, status)
        if word:
            badge = pygame.Rect(cell.right - 80, cell.y + 2, 80, cell.height - 4)
            pygame.draw.rect(surface, (255, 255, 255), badge, border_radius=8)
            pygame.draw.rect(surface, MUTED, badge, 1, border_radius=8)
            blit_text(surface, word, (badge.x + 8, badge.y + 3), 13, INK, italic=True)


def build_right(scene: TableScene, view: PlayerView, rect: pygame.Rect) -> None:
    """The card detail (propositions) with its « Proposer » buttons."""
    scene.right_ops = []
    if view.phase != Phase.PROPOSITIONS:
        return
    texts = scene.texts
    mc = next((m for m in view.market if m.card == scene.selected), None)
    inner = rect.inflate(-16, -12)
    ops = scene.right_ops
    if mc is None:
        hint = [("Cliquez une carte du marché pour la lire et la proposer.", False)]
        ops.append(lines_op(inner.move(0, 30), hint))
        return
    card = texts.card(mc.card)
    y = inner.y + 30
    for text, size, bold in (
        (card.title, 16, True),
        (card.detail, 13, False),
        (card.description, 14, False),
    ):
        h = 21 * len(wrap(text, size, inner.width, bold)) + 4
        ops.append(wrapped_op(text, pygame.Rect(inner.x, y, inner.width, 400), size, bold=bold))
        y += h
    if mc.reason:
        why = f"Pourquoi c'est verrouillé : {mc.reason}" if mc.status == "locked" else mc.reason
        h = 10 + 19 * len(wrap(why, 14, inner.width - 16))
        ops.append(warning_op(pygame.Rect(inner.x, y, inner.width, 0), why))
        y += h + 6
    vectors = {v.type: v for v in card.vectors}
    vector_reasons: list[tuple[str, str]] = [(str(mv.type), mv.reason) for mv in mc.vectors]
    if card.kind == "use_case" and not vector_reasons:
        vector_reasons = [(v.type, mc.reason) for v in card.vectors]
    for vtype, why in vector_reasons:
        y = _propose_row(scene, view, mc.card, vtype, vectors.get(vtype), why, inner, y)
    if card.kind == "lever":
        y = _propose_row(scene, view, mc.card, None, card.vectors[0], mc.reason, inner, y)
    me = next((s for s in view.seats if s.role == view.seat), None)
    if me is not None:
        left = f"Il vous reste {me.proposals_left} proposition(s) ce tour-ci."
        ops.append(text_op(left, (inner.x, y), 13, MUTED, italic=True))


def _propose_row(
    scene: TableScene,
    view: PlayerView,
    card: str,
    vector: str | None,
    vt: VectorText | None,
    reason: str,
    inner: pygame.Rect,
    y: int,
) -> int:
    """A vector's line and its « Proposer » button (with the reason below when refused)."""
    key = f"propose:{card}:{vector or ''}"
    ok = key in scene.legal
    name = VECTORS.get(vector or "", "Levier")
    spec = f"{vt.money()} · {vt.capacity} pt/tour · {vt.duration} tour(s)" if vt else ""
    line = f"{name} : {spec}"
    scene.right_ops.append(
        wrapped_op(line, pygame.Rect(inner.x, y, inner.width, 60), 14, bold=True)
    )
    y += 21 * len(wrap(line, 14, inner.width, True))
    why = reason or refusal(view, "propose")
    if scene.read_only:
        seen = "Possible pour ce siège à ce moment." if ok else why
        scene.right_ops.append(
            wrapped_op(seen, pygame.Rect(inner.x, y + 2, inner.width, 80), 13, italic=True)
        )
        return y + 10 + 20 * len(wrap(seen, 13, inner.width))
    if not ok:
        scene.right_ops.append(
            wrapped_op(why, pygame.Rect(inner.x, y + 38, inner.width, 80), 13, italic=True)
        )
    scene.button(
        key,
        pygame.Rect(inner.x, y + 2, inner.width, 34),
        f"Proposer ({name})",
        partial(scene.act, key),
        enabled=ok,
        reason="" if ok else why,
        object_id="#primary" if ok else "#small",
    )
    extra = 0 if ok else 20 * len(wrap(why, 13, inner.width)) + 4
    return y + 44 + extra


def draw_right(
    scene: TableScene, surface: pygame.Surface, view: PlayerView, rect: pygame.Rect
) -> None:
    """Card detail (propositions) above the list of this turn's proposals."""
    if view.phase == Phase.PROPOSITIONS:
        detail = pygame.Rect(rect.x, rect.y, rect.width, rect.height * 3 // 5)
        draw_panel(surface, detail, "Carte choisie")
        for op in getattr(scene, "right_ops", ()):
            op(surface)
        rect = pygame.Rect(rect.x, detail.bottom + 8, rect.width, rect.height - detail.height - 8)
    inner = draw_panel(surface, rect, "Propositions du tour")
    status_words = {
        "open": "en attente du vote",
        "funded": "retenue et financée",
        "rejected": "rejetée",
    }
    lines: list[tuple[str, bool]] = []
    for p in view.proposals:
        vec = f" ({VECTORS.get(p.vector, p.vector)})" if p.vector else ""
        lines.append((f"{scene.texts.title_of(p.card)}{vec}", True))
        who = scene.texts.role_title(p.seat)
        why = f" : {p.reason}" if p.reason else ""
        lines.append(
            (
                f"par {who} — {status_words.get(p.status, p.status)}{why} — {len(p.votes)} vote(s)",
                False,
            )
        )
    td.draw_lines(surface, inner, lines or [("Aucune proposition pour l'instant.", False)])


# --- vote & dilemma ---------------------------------------------------------------


def _build_vote(scene: TableScene, view: PlayerView, inner: pygame.Rect) -> None:
    ops = _ops(scene)
    hint = "Justification (facultative, jointe à votre prochain vote) :"
    ops.append(text_op(hint, (inner.x, inner.y), 14, MUTED))
    scene.entry(
        "justification",
        pygame.Rect(inner.x, inner.y + 22, inner.width, 32),
        scene.justification,
        "Pourquoi ce vote ? (cliquez ici pour écrire)",
    )
    y = inner.y + 64
    if not view.proposals:
        none = "Aucune proposition ce tour-ci : cliquez « Prêt·e »."
        ops.append(text_op(none, (inner.x, y), 15))
    bw = 100
    text_w = inner.width - 3 * (bw + 4) - 30
    per_page = max(1, (inner.bottom - y - 40) // 70)
    pages = max(1, -(-len(view.proposals) // per_page))
    scene.page = min(scene.page, pages - 1)
    shown = view.proposals[scene.page * per_page : (scene.page + 1) * per_page]
    if pages > 1:
        for key, text, delta in (("page:prev", "Préc.", -1), ("page:next", "Suiv.", 1)):
            bx = inner.x if delta < 0 else inner.x + 110
            scene.button(
                key,
                pygame.Rect(bx, inner.bottom - 34, 104, 32),
                text,
                partial(scene.turn_page, delta),
                enabled=0 <= scene.page + delta < pages,
                reason="Pas d'autre page.",
            )
        where = f"propositions {scene.page * per_page + 1}–{scene.page * per_page + len(shown)}"
        ops.append(
            text_op(
                f"{where} sur {len(view.proposals)}", (inner.x + 224, inner.bottom - 28), 14, MUTED
            )
        )
    for p in shown:
        card = scene.texts.card(p.card)
        vec = f" · {VECTORS.get(p.vector, p.vector)}" if p.vector else ""
        by = f"proposée par {scene.texts.role_title(p.seat)}{vec}"
        votes = " ; ".join(
            f"{scene.texts.role_title(r)} : {ballot_text(b.choice)}" for r, b in p.votes.items()
        )
        votes = "Votes : " + (votes or "aucun pour l'instant")
        ops.append(mark_op(card, pygame.Rect(inner.x, y + 2, 20, 20)))
        x = inner.x + 26
        title_w = inner.width - 30
        ops.append(text_op(ellipsize(card.title, 15, title_w, True), (x, y), 15, bold=True))
        ops.append(text_op(ellipsize(by, 13, text_w), (x, y + 24), 13, MUTED))
        ops.append(text_op(ellipsize(votes, 13, text_w), (x, y + 42), 13))
        mine = p.votes.get(view.seat or "")
        for i, choice in enumerate(("pour", "contre", "abstention")):
            key = f"vote:{p.index}:{choice}"
            ok = key in scene.legal
            chosen = mine is not None and mine.choice == choice
            if mine is not None:
                why = f"Vous avez voté : {ballot_text(mine.choice)}."
            else:
                why = refusal(view, "vote")
            scene.button(
                key,
                pygame.Rect(inner.right - (3 - i) * (bw + 4), y + 24, bw, 36),
                ballot_text(choice),
                partial(scene.act, key),
                enabled=ok,
                reason="" if ok else why,
                object_id="#chosen" if chosen else None,
            )
        y += 70


def _build_dilemma(scene: TableScene, view: PlayerView, inner: pygame.Rect) -> None:
    ops = _ops(scene)
    pending = [d for d in view.dilemmas if d.chosen is None]
    shown = pending[0] if pending else (view.dilemmas[-1] if view.dilemmas else None)
    if shown is None:
        none = "Aucun dilemme ce tour-ci : cliquez « Prêt·e »."
        ops.append(text_op(none, (inner.x, inner.y), 15))
        return
    dil = scene.texts.dilemmas.get(shown.dilemma, {})
    y = inner.y
    source = scene.texts.title_of(shown.source)
    head = f"{dil.get('titre', shown.dilemma)}  (déclenché par : {source})"
    if len(pending) > 1:
        head += f" — encore {len(pending) - 1} autre(s) ensuite"
    for text, size, bold in ((head, 16, True), (dil.get("situation", ""), 14, False)):
        h = 21 * len(wrap(text, size, inner.width, bold)) + 6
        ops.append(wrapped_op(text, pygame.Rect(inner.x, y, inner.width, 300), size, bold=bold))
        y += h
    if shown.chosen is None:
        ops.append(text_op("Justification (facultative) :", (inner.x, y), 14, MUTED))
        scene.entry(
            "justification",
            pygame.Rect(inner.x, y + 20, inner.width, 32),
            scene.justification,
            "Pourquoi cette option ? (cliquez ici pour écrire)",
        )
        y += 60
    mine = shown.votes.get(view.seat or "")
    for n, opt in enumerate(dil.get("options", ()), start=1):
        key = f"option:{shown.index}:{opt['id']}"
        ok = key in scene.legal
        chosen = (mine is not None and mine.option == opt["id"]) or shown.chosen == opt["id"]
        why = "Vous avez déjà choisi." if mine is not None else refusal(view, "option")
        if shown.chosen is not None:
            why = "Le dilemme est tranché."
        scene.button(
            key,
            pygame.Rect(inner.x, y, 130, 34),
            f"Option {n}",
            partial(scene.act, key),
            enabled=ok,
            reason="" if ok else why,
            object_id="#chosen" if chosen else None,
            hotkey=pygame.K_1 + n - 1,
        )
        voters = [
            scene.texts.role_title(r) for r, v in shown.votes.items() if v.option == opt["id"]
        ]
        label = str(opt.get("libelle", opt["id"]))
        if voters:
            label += f"  — voix : {', '.join(voters)}"
        lines = wrap(label, 14, inner.width - 142)
        ops.append(wrapped_op(label, pygame.Rect(inner.x + 142, y + 2, inner.width - 142, 80)))
        y += max(40, 20 * len(lines) + 8)
    if shown.chosen is not None:
        expert = _expert_lines(scene, view.model_copy(update={"dilemmas": (shown,)}))
        ops.append(lines_op(pygame.Rect(inner.x, y, inner.width, inner.bottom - y), expert))


def handle_key(scene: TableScene, key: int) -> None:
    """Vote keys P / C / A on the first proposal this seat has not voted on yet."""
    view = scene.view
    if view is None or view.phase != Phase.VOTE:
        return
    choice = {pygame.K_p: "pour", pygame.K_c: "contre", pygame.K_a: "abstention"}.get(key)
    if choice is None:
        return
    for p in view.proposals:
        k = f"vote:{p.index}:{choice}"
        if k in scene.legal:
            scene.act(k)
            return
