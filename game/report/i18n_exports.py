"""Wording of the documents the collectivité takes home (ODT/DOCX roadmap, CSV of votes).

Written with plain spaces; `_french` puts the narrow no-break space (U+202F) before
« : ; ! ? » and inside « », and a no-break space before « k€ », as printed French wants
(word processors do not fix it on their own).
"""

from __future__ import annotations

import re

_BEFORE = re.compile(r" ([:;!?»])")
_AFTER = re.compile(r"« ")


def _french(text: str) -> str:
    text = _BEFORE.sub("\u202f\\1", text)
    return _AFTER.sub("«\u202f", text).replace(" k€", "\u00a0k€")


EXPORTS_FR: dict[str, str] = {
    key: _french(text)
    for key, text in {
        "export_title": "Feuille de route IA — {collectivite}",
        "export_subtitle": "Atelier Cap IA · scénario « {scenario} »",
        "export_meta": "{n} table(s) · atelier du {date}",
        "export_meta_undated": "{n} table(s)",
        "export_intro": (
            "Une page par table : les projets que la table a engagés, rangés selon les cinq "
            "étapes de la démarche puis par tour, avec leur coût d'investissement (payé une "
            "fois) et de fonctionnement (par tour une fois déployé), leur porteur (le rôle qui "
            "les a proposés) et les leviers de la boîte à outils dont ils dépendent."
        ),
        "export_editable": (
            "Ce document est modifiable : complétez-le avec la collectivité (échéances, "
            "services pilotes, financements)."
        ),
        "export_contents": "Les tables",
        "export_contents_line": (
            "{table} : {projects} projet(s) engagé(s), score d'équipe {score}, "
            "budget restant {budget} k€"
        ),
        "export_table_heading": "{table} — feuille de route",
        "export_table_facts": "{collectivite} · {turns} · score d'équipe {score} · "
        "budget restant {budget} k€",
        "export_step_heading": "Étape {n} — {name}",
        "export_step_empty": "Aucun projet engagé à cette étape.",
        "export_col_turn": "Tour",
        "export_col_project": "Projet",
        "export_col_kind": "Nature",
        "export_col_status": "Avancement",
        "export_col_owner": "Porteur",
        "export_col_cost": "Investissement",
        "export_col_running": "Fonctionnement",
        "export_col_levers": "Leviers de la boîte à outils",
        "export_kind_use_case": "Cas d'usage · {vector}",
        "export_cost": "{value} k€",
        "export_running": "{value} k€ / tour",
        "export_totals": (
            "Total engagé : {cost} k€ d'investissement ; {running} k€ de fonctionnement "
            "par tour une fois tout déployé."
        ),
        "export_toolbox": "Boîte à outils mobilisée : {levers}.",
        "export_toolbox_empty": "Aucun levier de la boîte à outils n'a été engagé.",
        "export_toolbox_item": "{title} (étape {step})",
        "export_csv_table": "Table",
        "export_csv_turn": "Tour",
        "export_csv_phase": "Phase",
        "export_csv_title": "Intitulé",
        "export_csv_role": "Rôle",
        "export_csv_player": "Joueur·euse",
        "export_csv_vote": "Vote",
        "export_csv_author": "Auteur·rice",
        "export_csv_justification": "Justification",
        "export_csv_time": "Heure",
        "export_csv_yes": "oui",
    }.items()
}
