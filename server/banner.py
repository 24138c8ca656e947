"""What `capia serve` prints when it starts: where to connect, the admin token the first
time, and every open workshop's tables with their join code, URL and QR code."""

from __future__ import annotations

from pathlib import Path

from game.join_qr import join_qr_text, join_url
from game.protocol import CreateWorkshopResponse
from server.hub import Hub


def banner_lines(
    hub: Hub,
    *,
    bases: list[str],
    local_url: str,
    reachable: bool,
    db: Path,
    new_admin: str | None = None,
    admin_file: Path | None = None,
    demo: CreateWorkshopResponse | None = None,
    qr: bool = True,
) -> list[str]:
    """The banner, line by line (QR codes only when others can reach the server)."""
    lines = [f"Cap IA — serveur d'atelier sur {bases[0]}"]
    if reachable:
        lines.append("Adresse(s) à donner aux participants : " + ", ".join(bases))
    else:
        lines += [
            f"Écoute sur {local_url.split('//')[1]} seulement : les autres appareils ne "
            "peuvent pas rejoindre.",
            "  Pour la salle : capia serve --host 0.0.0.0 (ou --public-url pour un serveur "
            "hébergé).",
        ]
    lines.append(f"Base de données : {db}")
    if new_admin is not None:
        lines.append(f"Jeton d'administration : {new_admin}")
        where = f"enregistré pour capia workshop dans {admin_file}" if admin_file else ""
        lines.append(
            f"  (affiché une seule fois ; {where}{' ; ' if where else ''}"
            "capia admin-token --reset le remplace)"
        )
    if demo is not None:
        lines += [
            f"Atelier de démonstration créé (scénario « {demo.scenario} », "
            f"{len(demo.tables)} tables).",
            f"Jeton d'animation : {demo.facilitator_token}",
            "  (capia workshop list le redonne avec le jeton d'administration)",
        ]
    else:
        counts = hub.counts()
        lines.append(
            f"Reprise : {counts['workshops']} atelier(s), {counts['tables']} table(s) en base."
        )
    for w in hub.workshops():
        if w.id in hub.closed:
            continue
        rows = hub.table_rows(w.id)
        lines.append(f"Atelier {w.id} (scénario « {w.scenario} », {len(rows)} tables) :")
        for i, row in enumerate(rows, 1):
            url = join_url(bases[0], row.code)
            name = hub.table_names.get(row.id)
            label = f"Table {i} « {name} »" if name else f"Table {i}"
            lines.append(f"  {label} : code {row.code} — {url}")
            if qr and reachable:
                lines += ["    " + x for x in join_qr_text(url).splitlines()]
    lines += [
        f"Pour jouer :   capia play --server {bases[0]} --code CODE (ou un navigateur : "
        f"{bases[0]}/t/CODE)",
        f"Pour animer :  capia facilitate --server {bases[0]} --token JETON",
        "Ateliers :     capia workshop new | list | close | link (capia workshop --help)",
        "Ctrl+C pour arrêter.",
    ]
    return lines
