"""Message catalogues of the report: every label that is not pack content.

`messages(lang)` returns a callable `t(key, **values)`; only French exists now.
A second language is one more dict with the same keys in `CATALOGUES`.
"""

from __future__ import annotations

from game.report.i18n_exports import EXPORTS_FR

FR: dict[str, str] = {
    "doc_title": "Débriefing Cap IA — {scenario}",
    "heading": "Débriefing",
    "contents": "Sommaire",
    "compare_title": "Comparaison des tables",
    "table_of": "{table}",
    "collectivite": "Collectivité",
    "scenario": "Scénario",
    "seed": "graine {seed}",
    "turns_played": "{played} tour(s) joué(s) sur {total}",
    "unfinished": "Partie non terminée (phase « {phase} ») : scores provisoires.",
    "team_score": "Score d'équipe",
    "budget_left": "Budget restant",
    "kEUR": "{value} k€",
    "use_cases_deployed": "Cas d'usage déployés",
    "levers_done": "Leviers réalisés",
    "risks_fired": "Risques survenus",
    "dilemmas_decided": "Dilemmes tranchés",
    "players": "Autour de la table",
    "empty_seat": "siège vide",
    "unnamed": "sans nom",
    "person": "{title} ({name})",
    "budget": "Budget",
    "phase_lobby": "Accueil",
    "phase_evenement": "Événement",
    "phase_propositions": "Propositions",
    "phase_vote": "Vote",
    "phase_dilemmes": "Dilemmes",
    "phase_resolution": "Résolution",
    "phase_fin": "Fin de partie",
    "roadmap": "Feuille de route",
    "roadmap_help": (
        "Chaque projet financé est placé à son étape de la démarche et au tour où il a été "
        "engagé. Les cas d'usage figurent à l'étape 5 « Déployer » ; leurs leviers "
        "prérequis sont rappelés."
    ),
    "turn": "Tour",
    "step": "Étape",
    "turn_n": "Tour {n}",
    "start": "Départ",
    "t_n": "T{n}",
    "step_1": "1. Cartographier",
    "step_2": "2. S'outiller",
    "step_3": "3. Expérimenter, accompagner, organiser",
    "step_4": "4. Cadre d'usage",
    "step_5": "5. Déployer",
    "kind_use_case": "Cas d'usage",
    "kind_lever": "Levier",
    "vector_importee": "IA importée",
    "vector_etagere": "Solution sur étagère",
    "vector_interne": "Développement interne",
    "status_in_progress": "en cours",
    "status_deployed": "déployé",
    "status_deployed_lever": "réalisé",
    "status_suspended": "suspendu",
    "deployed_turn": "déployé au tour {n}",
    "done_turn": "réalisé au tour {n}",
    "requires": "prérequis : {levers}",
    "roadmap_empty": "Aucun projet n'a été financé.",
    "toolbox": "Boîte à outils",
    "toolbox_help": "Les leviers de préparation et de gouvernance engagés par la table.",
    "toolbox_empty": "Aucun levier n'a été engagé.",
    "gauges": "Jauges au fil des tours",
    "gauge": "Jauge",
    "weight": "poids {w}",
    "timeline": "Tour par tour",
    "events": "Événement",
    "injected": "injecté par l'animation",
    "funded": "Financé",
    "deployed": "Déployé",
    "none": "—",
    "proposals": "Propositions et votes",
    "proposals_empty": "Aucune proposition.",
    "proposed_by": "proposé par",
    "status_funded": "Financée",
    "status_rejected": "Rejetée",
    "status_open": "Non tranchée",
    "tally": "{pour} pour · {contre} contre · {abstention} abstention(s)",
    "choice_pour": "pour",
    "choice_contre": "contre",
    "choice_abstention": "abstention",
    "author": "auteur·rice",
    "no_justification": "(sans justification)",
    "dilemmas": "Dilemmes",
    "dilemmas_empty": "Aucun dilemme ne s'est présenté.",
    "raised_by": "déclenché par « {source} »",
    "option": "Option",
    "votes": "Voix",
    "chosen": "Retenue",
    "not_decided": "Pas tranché avant la fin de la partie.",
    "tie_break_arbitre": "égalité départagée par l'arbitre",
    "tie_break_tirage": "égalité départagée par tirage au sort",
    "who_voted": "Qui a voté quoi",
    "expert_view": "Regard d'expert",
    "risks": "Risques survenus",
    "risks_empty": "Aucun risque n'est survenu.",
    "probability": "probabilité ce tour-là : {p} %",
    "exposed_by": "Ce qui l'a exposé",
    "source_shadow_ai": "IA fantôme",
    "source_use_case": "Cas d'usage",
    "source_dilemma": "Suite d'un dilemme",
    "source_other": "Autre",
    "base_only": "le risque de base seul",
    "mitigated_by": "Ce qui l'atténuait déjà",
    "would_mitigate": "Ce qui l'aurait atténué",
    "mitigation_missing": "non engagé",
    "mitigation_later": "réalisé trop tard (tour {n})",
    "reduction": "−{p} pt(s) de probabilité",
    "nothing": "rien",
    "all_in_place": "tous les leviers utiles étaient en place",
    "consequences": "Conséquences",
    "suspended": "Cas d'usage suspendu : {card}",
    "remedies": "Parades",
    "lesson": "Leçon",
    "objectives": "Objectifs secrets",
    "role": "Rôle",
    "player": "Joueur·se",
    "objective": "Objectif secret",
    "met": "Atteint ?",
    "yes": "oui",
    "no": "non",
    "points": "Points",
    "score": "Score final",
    "final_score": "Score final",
    "score_help": "Score d'équipe (jauges pondérées, sur 100) ; chaque rôle y ajoute les "
    "points de son objectif secret s'il est atteint.",
    "compare_scores": "Scores d'équipe",
    "compare_gauges": "Jauges côte à côte",
    "compare_gauges_final": "Valeur finale des jauges",
    "compare_dilemmas": "Les mêmes dilemmes, des choix différents",
    "compare_dilemmas_empty": "Aucun dilemme commun à comparer.",
    "divergent": "choix différents selon les tables",
    "same_choice": "même choix partout",
    "not_faced": "non rencontré",
    "not_faced_by": "Non rencontré par : {tables}.",
    "single_table": "une seule table l'a tranché",
    "compare_legend": "✔ : option retenue par la table ; les nombres sont les voix.",
    "all_tables": "Toutes les tables",
    "table": "Table",
    "chart_votes": "Répartition des voix",
    "table_default_name": "Table {n}",
    "print_footer": "Rapport produit par Cap IA à partir des journaux de partie.",
    "shadow_ai": "IA fantôme de la collectivité",
    "shadow_revealed": "révélée par la cartographie pendant la partie",
    "shadow_hidden": "jamais cartographiée pendant la partie",
}

FR.update(
    {
        # the summary page of a table
        "summary": "L'essentiel",
        "key_moments": "Moments clés",
        "key_moments_empty": "Aucun vote partagé, aucun dilemme disputé, aucun risque survenu.",
        "method": "L'ordre de la démarche",
        "questions": "Trois questions pour la salle",
        "details": "Le détail de la partie",
        "details_help": "Les sections repliées s'ouvrent d'un clic ; elles ne s'impriment pas "
        "repliées.",
        "moment_vote": "Vote partagé",
        "moment_dilemma": "Dilemme disputé",
        "moment_risk": "Risque survenu",
        "fired_at": "survenu au tour {turns}",
        "fired_times": "survenu {n} fois (tours {turns})",
        "nothing_missing": "Les leviers utiles étaient tous en place.",
        "dissent": "{n} voix pour une autre option",
        "suspended_count": "dont {n} suspendu(s)",
        "also_suspended": "+ {n} suspendu(s)",
        "unanimous": "à l'unanimité",
        "result": "Résultat",
        "t_short": "T.",
        "tally_short": "{pour} pour · {contre} contre · {abstention} abst.",
        "unanimous_votes": "Votes sans opposition",
        "unopposed": "sans opposition",
        "contested_votes": "Votes partagés",
        "contested_empty": "Aucun vote n'a partagé la table.",
        "all_ballots": "Tous les bulletins ({n})",
        "justifications": "Justifications écrites",
        "no_written": "Aucune justification écrite.",
        "not_decided_yet": "Pas encore tranché : la partie n'est pas terminée.",
        "gauge_values": "Valeurs des jauges, tour par tour",
        "mark_risk": "risque survenu",
        "mark_event": "événement",
        "threshold_kept": "seuil tenu",
        "threshold_missed": "seuil manqué",
        "threshold_min": "{role} ≥ {value}",
        "threshold_max": "{role} ≤ {value}",
        "chart_help": "Une courbe par jauge, tour par tour. Lignes horizontales : les seuils "
        "des objectifs secrets (tirets : tenu en fin de partie, pointillés : manqué). "
        "R1, R2… : risques survenus ; E1, E2… : événements qui ont touché la jauge.",
        "turns_list": "{turns}",
        # the method order sentence
        "list_and": "{head} et {last}",
        "quoted": "« {text} »",
        "n_others": "{n} autre(s)",
        "step_n": "étape {n}",
        "step_named": "l'étape {n} « {name} »",
        "step_at_turn": "{step} (tour {turn})",
        "step_short_1": "Cartographier",
        "step_short_2": "S'outiller",
        "step_short_3": "Expérimenter, accompagner, organiser",
        "step_short_4": "Cadre d'usage",
        "step_short_5": "Déployer",
        "method_nothing": "La table n'a financé aucun projet : rien à comparer avec la démarche.",
        "method_no_use_case": "La table a préparé le terrain ({steps}) sans engager aucun cas "
        "d'usage.",
        "method_in_order": "L'ordre suit la démarche : {steps} sont venues avant le premier cas "
        "d'usage (tour {turn}).",
        "method_reordered": "La préparation a précédé les cas d'usage, mais {later} (tour "
        "{later_turn}) est venue avant {earlier} (tour {earlier_turn}), à rebours de la "
        "démarche.",
        "method_late_one": "{steps} n'est venue qu'après {n} cas d'usage",
        "method_late_many": "{steps} ne sont venues qu'après {n} cas d'usage",
        "method_never_one": "{steps} n'a jamais été engagée",
        "method_never_many": "{steps} n'ont jamais été engagées",
        "method_and": "{first} ; {second}",
        "method_with_use_cases": "{text}, pour {n} cas d'usage financés",
        # questions for the room
        "question_order": "{sentence} : pourquoi cet ordre-là, et qu'aurait changé celui de "
        "la démarche ?",
        "question_vote": "« {title} » a partagé la table ({pour} pour, {contre} contre) : quel "
        "argument aurait pu faire changer d'avis l'un ou l'autre camp ?",
        "question_risk": "« {risk} » est survenu au tour {turn} alors que « {lever} » "
        "l'aurait atténué : pourquoi ce levier n'a-t-il pas été engagé à temps ?",
        "question_dilemma": "Sur « {title} », {n} voix sont allées à une autre option que "
        "« {chosen} » : que retenir des arguments de la minorité ?",
        "question_dilemma_one": "Sur « {title} », une voix est allée à une autre option que "
        "« {chosen} » : que retenir de son argument ?",
        "question_objective": "Le rôle {role} n'a pas atteint son objectif secret : à quel "
        "moment la table aurait-elle pu l'y aider ?",
        "question_shadow_ai": "L'IA fantôme ({uses}) n'a jamais été cartographiée : comment "
        "la repérer dans votre collectivité ?",
        "question_followed": "La table a suivi la démarche : qu'est-ce qui l'a rendu possible, "
        "et que faudrait-il pour faire de même chez vous ?",
        "question_again": "Quelle décision de la partie prendriez-vous autrement aujourd'hui, "
        "et pourquoi ?",
        "question_first_step": "Par quelle étape commenceriez-vous dans votre propre "
        "collectivité ?",
        # the workshop page
        "workshop": "L'atelier : toutes les tables",
        "alike": "Ce que les tables ont fait de pareil, et d'autrement",
        "roadmaps_side_by_side": "Les feuilles de route côte à côte",
        "roadmaps_help": "Chaque carte financée, à son étape, avec le tour où la table l'a "
        "engagée (T1, T2…).",
        "final_gauges": "Jauges en fin de partie",
        "dilemma_choices": "Les dilemmes, table par table",
        "alike_scores": "Les scores d'équipe vont de {low} ({low_table}) à {high} ({high_table}).",
        "alike_all_funded": "Toutes les tables ont financé {cards}.",
        "alike_only_one": "Seule la table « {table} » a financé {cards}.",
        "alike_none_followed": "Aucune table n'a suivi l'ordre de la démarche : {n} sur "
        "{total} ont déployé des cas d'usage avant d'avoir préparé le terrain (étapes 1 à 4).",
        "alike_no_late": "Aucune table n'a déployé de cas d'usage avant d'avoir préparé le "
        "terrain (étapes 1 à 4).",
        "alike_some_followed": "{prepared}, alors que {deployed}.",
        "prepared_one": "{tables} a préparé le terrain (étapes 1 à 4) avant de déployer",
        "prepared_many": "{tables} ont préparé le terrain (étapes 1 à 4) avant de déployer",
        "deployed_first_one": "{tables} a déployé d'abord",
        "deployed_first_many": "{tables} ont déployé d'abord",
        "table_chose": "{table} : « {option} »",
        "alike_dilemma_split": "Sur « {title} », les tables ont tranché différemment — {picks}.",
        "alike_dilemma_same": "Sur « {title} », les {n} tables qui l'ont rencontré ont toutes "
        "choisi « {option} ».",
        "alike_gauges_equal": "Les jauges finissent au même niveau à toutes les tables.",
        "alike_gauge": "C'est la jauge « {label} » qui sépare le plus les tables : de {low} "
        "({low_table}) à {high} ({high_table}).",
        "alike_no_risk": "Aucun risque n'est survenu, à aucune table.",
        "alike_risk": "« {risk} » est survenu à {n} tables sur {total}.",
    }
)

FR.update(
    {
        # conditions and the order of steps (same wording as the client's feed)
        "conditions": "Conditions et ordre des étapes",
        "and": "et",
        "branch_held": "{source} : atténué parce que vous aviez {text}",
        "branch_missed": "{source} : aggravé faute de {text}",
        "branch_effects": " ({effects})",
        "branches_empty": "Aucun événement n'a dépendu de ce que la table avait mis en place.",
        "step_before_1": "la cartographie (étape 1)",
        "step_before_2": "l'outillage (étape 2)",
        "step_before_3": "l'expérimentation et l'organisation des données (étape 3)",
        "step_before_4": "le cadre d'usage (étape 4)",
        "step_before_5": "le déploiement (étape 5)",
        "early_deployed": "{card} ({turn}) : mis en service avant {steps} : expositions ×{factor}",
        "early_none": "Aucun cas d'usage n'a été mis en service avant les étapes de la démarche.",
        "method_early_one": "Un cas d'usage a été mis en service avant {steps} : ses expositions "
        "×{factor} pour toute la partie.",
        "method_early_many": "{n} cas d'usage ont été mis en service avant {steps} : leurs "
        "expositions ×{factor} pour toute la partie.",
        "running_costs": "Coûts de fonctionnement",
        "costs_turn": "{turn} : −{amount} k€ (reste {budget} k€)",
        "costs_unpaid": "faute de budget, suspendu(s) : {cards}",
        "costs_total": "{amount} k€ en tout",
        "costs_empty": "Aucun coût de fonctionnement payé.",
        "needs": "Besoins de la collectivité",
        "needs_covered": "Besoins couverts",
        "needs_tile": "{met} / {total}",
        "need_met": "couvert : +{points} points",
        "need_missed": "non couvert : {points} points manqués",
        "needs_points": "Besoins couverts : {met} sur {total}, +{points} points au score d'équipe.",
        "moment_branch_held": "Condition remplie",
        "moment_branch_missed": "Condition manquante",
    }
)

FR.update(EXPORTS_FR)

CATALOGUES: dict[str, dict[str, str]] = {"fr": FR}


class Messages:
    """`t(key, **values)`: the catalogue's text for `key`, formatted with `values`."""

    def __init__(self, lang: str, catalogue: dict[str, str]) -> None:
        self.lang = lang
        self._catalogue = catalogue

    def __call__(self, key: str, **values: object) -> str:
        text = self._catalogue[key]
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """True when the catalogue has `key`."""
        return key in self._catalogue


def messages(lang: str = "fr") -> Messages:
    """The catalogue of `lang`; ValueError (French message) for an unknown language."""
    if lang not in CATALOGUES:
        available = ", ".join(sorted(CATALOGUES))
        raise ValueError(f"langue non disponible : {lang} (disponibles : {available})")
    return Messages(lang, CATALOGUES[lang])


def number(value: float, lang: str = "fr", digits: int = 1) -> str:
    """`value` written the French way: comma as decimal separator, no useless zeros."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",") if lang == "fr" else text
