"""What the lobby, the event, the résolution and the end of the game say, as (text, heading)."""

from __future__ import annotations

from game.client.scenes.panels.terms import term_lines
from game.client.scenes.wording import effects_arrows, risk_level_text, turns_text
from game.client.texts import PackTexts
from game.engine.view_models import PlayerView

Lines = list[tuple[str, bool]]
LEVEL_ORDER = ("eleve", "moyen", "faible")


def lobby_lines(texts: PackTexts) -> Lines:
    coll = texts.data.get("scenario", {}).get("collectivite", {})
    return [
        (texts.title, True),
        (texts.collectivite_line, False),
        (str(coll.get("description", "")), False),
        (
            "Chaque personne lit son rôle et son objectif secret (colonne de gauche), "
            "puis clique « Prêt·e ». La partie commence quand tous les sièges sont prêts.",
            True,
        ),
    ]


def event_lines(view: PlayerView, texts: PackTexts) -> Lines:
    out: Lines = []
    for eid in view.current_events:
        ev = texts.events.get(eid, {})
        out.append((str(ev.get("titre", texts.title_of(eid))), True))
        out.append((str(ev.get("texte", "")), False))
        eff = effects_arrows(ev.get("effets", {}) or {}, texts)
        if eff:
            out.append((f"Effets : {eff}", False))
        terms = term_lines(texts, str(ev.get("titre", "")), str(ev.get("texte", "")))
        out += [(f"Les mots employés : {t}" if i == 0 else t, False) for i, t in enumerate(terms)]
    return out or [("Aucun événement ce tour-ci.", False)]


def source_title(view: PlayerView, texts: PackTexts, source: str) -> str:
    """A card's title, a revealed shadow-AI use's name, or words for a hidden one."""
    title = texts.title_of(source)
    if title != source:
        return title
    for s in view.shadow_ai or ():
        if s.id == source:
            return f"l'usage non encadré « {s.title} »"
    return "un usage d'IA non encadré"


def resolution_lines(view: PlayerView, texts: PackTexts) -> Lines:
    """This turn's deployments, fired risks and risk levels (the résolution panel shows this
    turn's dilemma outcomes above them: `expert_box`)."""
    t = texts.title_of
    lines: Lines = []
    this_turn = [e for e in view.feed if e.turn == view.turn]
    lines.append(("Déployé ou achevé ce tour", True))
    deployed = [e for e in this_turn if e.type == "card_deployed"]
    lines += [(f"• {t(e.card)}", False) for e in deployed] or [("• rien ce tour-ci", False)]
    adv = [e for e in this_turn if e.type == "project_advanced" and e.progress < e.duration]
    if adv:
        lines.append(("Projets en cours", True))
        for e in adv:
            left = turns_text(e.duration - e.progress)
            lines.append((f"• {t(e.card)} : encore {left} avant déploiement", False))
    lines.append(("Risques survenus", True))
    fired = [r for r in view.risks_fired if r.turn == view.turn]
    for r in fired:
        sources = ", ".join(source_title(view, texts, s) for s in r.sources)
        why = f"exposé par {sources}" if r.sources else "risque de fond"
        mit = f" ; atténué par {', '.join(t(m) for m in r.mitigations)}" if r.mitigations else ""
        sus = f" ; suspendu : {t(r.suspended)}" if r.suspended else ""
        lines.append((f"• {t(r.risk)} : {why}{mit}{sus}", False))
    if not fired:
        lines.append(("• aucun risque n'est survenu ce tour-ci", False))
    if view.risk_levels:
        lines.append(("Niveau des risques pour le prochain tour", True))
        for level in LEVEL_ORDER:
            names = [t(k) for k, v in view.risk_levels.items() if str(v) == level]
            if names:
                lines.append((f"{risk_level_text(level).capitalize()} : {', '.join(names)}", False))
    return lines


def end_lines(view: PlayerView, texts: PackTexts) -> Lines:
    score = f"{view.team_score:.0f}" if view.team_score is not None else "—"
    lines: Lines = [(f"Score d'équipe : {score}", True)]
    for role in texts.role_order:
        secret = view.secrets.get(role)
        verdict = "atteint" if view.objectives_met.get(role) else "non atteint"
        pts = view.scores.get(role)
        pts_txt = f" — {pts:.0f} points" if pts is not None else ""
        lines.append((f"{texts.role_title(role)} : objectif {verdict}{pts_txt}", True))
        if secret is not None:
            lines.append((secret.text, False))
    return lines
