"""Each bad pack under tests/packs/bad/ holds one mistake, reported at its exact place."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario import PackError, check_pack, load_pack

BAD = Path(__file__).parent / "packs" / "bad"

# pack name -> every error expected, as "file:line:column: path: start of the message"
EXPECTED = {
    "syntaxe-deux-points": [
        "cas_usage.yaml:4:3: cas_usage: syntaxe YAML invalide : « : » attendu après une clé"
    ],
    "tabulation": ["risques.yaml:7:1: risques: syntaxe YAML invalide : caractère interdit ici"],
    "cle-en-double": [
        "scenario.yaml:31:3: scenario.regles.tours: clé « tours » en double (déjà écrite ligne 30)"
    ],
    "type-incorrect": [
        "cas_usage.yaml:9:7: cas_usage[1].vecteurs[1].cout: type incorrect : "
        "un nombre entier attendu, trouvé le texte « dix »"
    ],
    "cle-inconnue": [
        "leviers.yaml:1:3: leviers[1].titre: champ obligatoire manquant : « titre »",
        "leviers.yaml:2:3: leviers[1].titr: clé inconnue « titr » refusée ; "
        "vouliez-vous dire « titre » ?",
    ],
    "valeur-non-permise": [
        "cas_usage.yaml:3:3: cas_usage[1].axe: valeur non permise « usagers » : valeurs possibles "
        ": politiques_publiques, relation_usagers, ressources_internes"
    ],
    "champ-manquant": [
        "leviers.yaml:1:3: leviers[1].duree: champ obligatoire manquant : « duree »"
    ],
    "identifiant-en-double": [
        "leviers.yaml:1:3: leviers[1].id: « chatbot » est déjà utilisé (cas_usage.yaml ligne 1)"
    ],
    "risque-inconnu": [
        "cas_usage.yaml:14:12: cas_usage[1].vecteurs[1].risques[1].risque: "
        "risque inconnu « fuites » ; vouliez-vous dire « fuite » ?"
    ],
    "jauge-inconnue": [
        "leviers.yaml:8:12: leviers[1].effets.donnee: jauge inconnue « donnee » ; "
        "vouliez-vous dire « donnees » ?"
    ],
    "seuil-impossible": [
        "cas_usage.yaml:12:28: cas_usage[1].vecteurs[1].prerequis.jauges.donnees: "
        "seuil impossible : 150 dépasse le maximum de « donnees » (100)"
    ],
    "carte-inaccessible": [
        "cas_usage.yaml:6:3: cas_usage[1].verrouille: carte verrouillée que rien ne peut débloquer"
    ],
    "prerequis-verrouille": [
        "cas_usage.yaml:12:29: cas_usage[1].vecteurs[1].prerequis.leviers[1]: "
        "prérequis impossible : le levier « cadre » reste verrouillé pour toujours",
        "leviers.yaml:8:3: leviers[1].verrouille: carte verrouillée que rien ne peut débloquer",
    ],
    "evenement-trop-tard": [
        "evenements.yaml:5:3: evenements[1].tour_min: tour_min 9 après le dernier tour (4)"
    ],
    "dilemme-inconnu": [
        "evenements.yaml:4:3: evenements[1].dilemme: dilemme inconnu « dialogue-social »"
    ],
    "deux-arbitres": [
        "scenario.yaml:19:5: scenario.roles[2].arbitre: un seul rôle peut être arbitre"
    ],
    "jauge-budget": [
        "scenario.yaml:25:6: scenario.jauges[2].id: « budget » est réservé à la ressource budget"
    ],
    "alias-yaml": [
        "risques.yaml:11:17: risques: les alias YAML (*nom) ne sont pas acceptés",
    ],
    "imbrication-profonde": [
        "risques.yaml:8:33: risques: imbrication trop profonde (plus de 24 niveaux)"
    ],
    "liste-attendue": [
        "cas_usage.yaml:1:1: cas_usage: type incorrect : une liste (lignes commençant par « - »"
    ],
    "fichier-scalaire": [
        "scenario.yaml:1:1: scenario: type incorrect : une liste de clés (clé: valeur) attendu, "
        "trouvé le texte « Un scénario très simple. »"
    ],
    "scenario-manquant": ["scenario.yaml:1:1: scenario: fichier manquant : scenario.yaml"],
    # YAML 1.2 core schema: only true/false are booleans, no base 60, no octal from a 0.
    "booleen-no": [
        "cas_usage.yaml:6:3: cas_usage[1].crpa: type incorrect : vrai ou faux (true / false) "
        "attendu, trouvé le texte « no » : écrivez true ou false "
        "(oui/non, yes/no, on/off ne sont pas des booléens)"
    ],
    "booleen-non": [
        "cas_usage.yaml:7:3: cas_usage[1].verrouille: type incorrect : vrai ou faux "
        "(true / false) attendu, trouvé le texte « non » : écrivez true ou false "
        "(oui/non, yes/no, on/off ne sont pas des booléens)"
    ],
    "duree-deux-points": [
        "scenario.yaml:32:5: scenario.regles.minuteurs.vote: type incorrect : un nombre entier "
        "attendu, trouvé le texte « 1:30 » : écrivez un seul nombre, sans « : » "
        "(une durée 1:30 s'écrit 90, en secondes)"
    ],
    "identifiant-zero": [
        "leviers.yaml:1:3: leviers[1].id: type incorrect : un texte attendu, "
        'trouvé le nombre 17 (mettez-le entre guillemets : "017")'
    ],
}


def test_every_bad_pack_has_an_expectation() -> None:
    # A new folder under tests/packs/bad/ without an expected message is a test forgotten.
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_pack_reports_its_mistake_at_the_exact_place(name: str) -> None:
    # The author sees one line per mistake, pointing at the file, line and column.
    pack, problems = check_pack(BAD / name)
    errors = [str(p) for p in problems if not p.warning]
    assert pack is None
    assert len(errors) == len(EXPECTED[name]), errors
    for error, expected in zip(errors, EXPECTED[name], strict=True):
        assert error.startswith(f"{BAD / name}/{expected}"), error


@pytest.mark.parametrize("name", ["type-incorrect", "scenario-manquant"])
def test_load_pack_raises_pack_error_listing_the_problems(name: str) -> None:
    # The engine and the server call load_pack: a bad pack raises, carrying every problem.
    with pytest.raises(PackError) as caught:
        load_pack(BAD / name)
    assert str(caught.value.problems[0]).startswith(str(BAD / name))
