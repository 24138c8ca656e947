"""« Comment jouer » (F1 or its button, from every scene): the rules on one screen."""

from __future__ import annotations

import pygame

from game.client.palette import STEPS, VECTORS
from game.client.scenes.panel_scene import PanelScene
from game.client.scenes.panels.base import Panel, label_width
from game.client.scenes.panels.builder import PanelBuilder
from game.client.texts import PackTexts
from game.engine.phase import PHASE_LABELS, TURN_PHASES, Phase

TITLE = "Comment jouer"
CLOSE = "Fermer (Échap ou F1)"
PHASES = {
    Phase.EVENEMENT: "un événement du contexte (loi, budget, presse…) est révélé et appliqué.",
    Phase.PROPOSITIONS: "chaque siège propose des cartes du marché (pour un cas d'usage, avec "
    "son vecteur).",
    Phase.VOTE: "chacun vote pour, contre ou abstention sur chaque proposition, avec une "
    "justification s'il le souhaite ; les propositions retenues sont financées dans l'ordre "
    "tant que budget et capacité suffisent.",
    Phase.DILEMMES: "chaque dilemme ouvert se tranche en votant pour une de ses options ; "
    "le regard d'expert est lu ensuite.",
    Phase.RESOLUTION: "les projets avancent, ceux qui ont fini leur durée sont déployés ; "
    "des risques peuvent survenir ; le bilan du tour s'affiche.",
}
VECTOR_WORDS = {
    "importee": "un outil grand public déjà prêt : vite en place et peu cher, mais peu de "
    "maîtrise des données et de la dépendance.",
    "etagere": "une solution d'éditeur, achetée et paramétrée : un coût et un délai moyens.",
    "interne": "développé par vos équipes ou avec des partenaires : plus long et plus cher, "
    "mais vous gardez la main (données, souveraineté).",
}


def sections(texts: PackTexts | None) -> list[tuple[str, list[str]]]:
    """The help's sections, as (heading, paragraphs)."""
    rules = (texts.data.get("scenario", {}) if texts else {}).get("regles", {})
    res = (texts.data.get("scenario", {}) if texts else {}).get("ressources", {})
    turns = f" ({rules['tours']} tours ici)" if "tours" in rules else ""
    budget = f" ({res['budget_par_tour']} k€ par tour ici)" if "budget_par_tour" in res else ""
    cap = f" ({res['capacite_par_tour']} points ici)" if "capacite_par_tour" in res else ""
    return [
        (
            "Le but",
            [
                "Ensemble, construire la feuille de route IA de la collectivité. Chaque tour "
                f"est un semestre{turns} : la table finance des projets, tranche des dilemmes "
                "et vit avec les risques. À la fin, le score d'équipe (les jauges) et les "
                "objectifs secrets de chaque rôle sont révélés."
            ],
        ),
        (
            "Un tour en cinq phases",
            [f"{PHASE_LABELS[p]} : {PHASES[p]}" for p in TURN_PHASES]
            + [
                "Une phase se termine quand tous les sièges occupés sont prêts (bouton "
                "« Prêt·e »), quand son temps est écoulé, ou quand l'animation passe à la "
                "suivante."
            ],
        ),
        (
            "Budget et coûts",
            [
                f"Le budget (k€) est accordé à chaque tour{budget} ; ce qui n'est pas dépensé "
                "est reporté. Un projet coûte une fois, quand il est financé.",
                "Certains projets changent ensuite le budget à chaque tour : économies ou "
                "frais de fonctionnement (« Puis chaque tour : budget −5 k€ »).",
            ],
        ),
        (
            "Capacité et durée",
            [
                f"La capacité est le temps de vos équipes, en points par tour{cap}, non "
                "reportés : chaque projet en cours en prend chaque tour jusqu'à son "
                "déploiement.",
                "La durée est le nombre de tours avant le déploiement ; ses effets « une fois "
                "déployé » n'arrivent qu'à la fin. Un projet financé trop tard n'aboutit pas "
                "avant la fin de la partie.",
            ],
        ),
        ("Les trois vecteurs", [f"{VECTORS[k]} : {v}" for k, v in VECTOR_WORDS.items()]),
        (
            "Les cinq étapes",
            [
                " · ".join(STEPS[s].replace(". ", ".\u00a0") for s in range(1, 6)),
                "Les leviers (données, gouvernance, formation) appartiennent à une étape ; "
                "les cas d'usage se déploient à l'étape 5. La feuille de route les range par "
                "étape et par tour.",
            ],
        ),
        (
            "Ce qui verrouille une carte",
            [
                "Un prérequis manque (une jauge trop basse, un levier pas encore achevé) ; "
                "elle se débloque plus tard grâce à un levier ou à un dilemme ; vous n'avez "
                "plus de proposition ce tour ; ou elle est déjà proposée, en cours ou "
                "déployée. La raison est écrite sur la carte.",
            ],
        ),
        (
            "Touches",
            [
                "F1 : cette aide · Entrée : Prêt·e · P / C / A : voter pour, contre, "
                "abstention · F : feuille de route · molette, flèches, Page préc. / suiv. : "
                "faire défiler · Tab : passer d'un panneau à l'autre · Échap : fermer."
            ],
        ),
    ]


Section = tuple[str, list[str]]


def _section(b: PanelBuilder, heading: str, paragraphs: list[str]) -> None:
    small = b.width < 520  # two columns on a small window: a size less, more on screen
    b.heading(heading, 15 if small else 16)
    for para in paragraphs:
        b.wrapped(para, 13 if small else 14, gap=4 if small else 5)


def _columns(parts: list[Section], cols: int, width: int) -> list[list[Section]]:
    """The sections in order, cut into `cols` columns of about the same height."""
    heights = []
    for heading, paragraphs in parts:
        probe = PanelBuilder("probe", pygame.Rect(0, 0, width + 16, 4000))
        _section(probe, heading, paragraphs)
        heights.append(probe.y)
    goal = sum(heights) / cols
    out: list[list[Section]] = [[]]
    used = 0
    for part, h in zip(parts, heights, strict=True):
        if out[-1] and used + h / 2 > goal and len(out) < cols:
            out.append([])
            used = 0
        out[-1].append(part)
        used += h
    return out


class HelpScene(PanelScene):
    """The rules, in columns; it is pushed over a scene, which finds itself intact after."""

    is_help = True

    def __init__(self, texts: PackTexts | None = None) -> None:
        super().__init__()
        self.texts = texts

    def build_panels(self) -> list[Panel]:
        w, h = self.app.size
        top = PanelBuilder("help-top", pygame.Rect(0, 0, w, 56), framed=False)
        top.text_at(TITLE, (16, 12), 24, bold=True)
        cw = label_width(CLOSE, "#primary")
        top.fixed_button(
            "help:close",
            pygame.Rect(w - cw - 16, 10, cw, 36),
            CLOSE,
            self.close,
            object_id="#primary",
            hotkey=pygame.K_ESCAPE,
        )
        cols = 3 if w >= 1200 else 2
        col_w = (w - 16 - (cols - 1) * 8) // cols
        out = [top.done()]
        for c, part in enumerate(_columns(sections(self.texts), cols, col_w - 16)):
            frame = pygame.Rect(8 + c * (col_w + 8), 60, col_w, h - 68)
            name = f"help:{c}"
            b = PanelBuilder(name, frame, scroll=self.scroll.get(name, 0))
            for heading, paragraphs in part:
                _section(b, heading, paragraphs)
            out.append(b.done())
        return out

    def close(self) -> None:
        self.app.pop()

    def draw(self, surface: pygame.Surface) -> None:
        self.draw_panels(surface)

    def draw_over(self, surface: pygame.Surface) -> None:
        self.draw_panels_over(surface)
