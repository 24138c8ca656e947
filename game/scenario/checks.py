"""Checks across a validated pack: ids, references, effects, reachability, text lengths."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from datetime import date

from game.scenario.models import (
    RESOURCE_KEYS,
    Branch,
    Condition,
    Dilemma,
    Event,
    Lever,
    Pack,
    Risk,
    UseCase,
)
from game.scenario.problems import Locator, Problem
from game.scenario.yamlsafe import Path_

Where = tuple[str, Path_]
Card = UseCase | Lever | Risk | Dilemma | Event
#: Text length limits: (field alias, limit, what).
TITLE, TEXT, LESSON = 60, 300, 600


def _unknown(kind: str, value: str, known: set[str]) -> str:
    """`kind` reads like "risque inconnu"; adds the closest known id as a suggestion."""
    close = difflib.get_close_matches(value, sorted(known), n=1)
    hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
    return f"{kind} « {value} »{hint}"


def _cards(pack: Pack) -> Iterator[tuple[str, int, str]]:
    """Every card as (file key, index, id), in file order."""
    decks: tuple[tuple[str, Sequence[Card]], ...] = (
        ("cas_usage", pack.use_cases),
        ("leviers", pack.levers),
        ("risques", pack.risks),
        ("dilemmes", pack.dilemmas),
        ("evenements", pack.events),
    )
    for key, deck in decks:
        for index, card in enumerate(deck):
            yield key, index, card.id


def _duplicates(items: Iterator[tuple[str, Path_, str]], at: Locator, scope: str) -> list[Problem]:
    seen: dict[str, Where] = {}
    out = []
    for key, path, value in items:
        if value in seen:
            first_key, first_path = seen[value]
            where = f"{at.names[first_key]} ligne {at.line_of(first_key, first_path)}"
            message = f"« {value} » est déjà utilisé ({where}) : {scope}"
            out.append(at.problem(key, path, message))
        else:
            seen[value] = (key, path)
    return out


def check_ids(pack: Pack, at: Locator) -> list[Problem]:
    """Ids are unique: cards share one namespace; roles, gauges, options have their own."""
    s = pack.scenario
    out = _duplicates(
        ((k, (i, "id"), v) for k, i, v in _cards(pack)),
        at,
        "un identifiant de carte doit être unique dans tout le pack",
    )
    groups: list[tuple[Iterator[tuple[str, Path_, str]], str]] = [
        (
            (("scenario", ("roles", i, "id"), r.id) for i, r in enumerate(s.roles)),
            "chaque rôle a un identifiant unique",
        ),
        (
            (("scenario", ("jauges", i, "id"), g.id) for i, g in enumerate(s.gauges)),
            "chaque jauge a un identifiant unique",
        ),
        (
            (
                ("scenario", ("collectivite", "ia_fantome", i, "id"), a.id)
                for i, a in enumerate(s.collectivite.shadow_ai)
            ),
            "chaque IA fantôme a un identifiant unique",
        ),
    ]
    for i, d in enumerate(pack.dilemmas):
        options = [("dilemmes", (i, "options", o, "id"), op.id) for o, op in enumerate(d.options)]
        groups.append((iter(options), "chaque option d'un dilemme a un identifiant unique"))
    for i, u in enumerate(pack.use_cases):
        vectors = [
            ("cas_usage", (i, "vecteurs", v, "type"), x.type.value) for v, x in enumerate(u.vectors)
        ]
        groups.append((iter(vectors), "un cas d'usage a au plus un vecteur de chaque type"))
    for items, scope in groups:
        out += _duplicates(items, at, scope)
    for i, g in enumerate(s.gauges):
        if g.id in RESOURCE_KEYS:
            message = (
                f"« {g.id} » est réservé à la ressource budget : choisissez un autre identifiant"
            )
            out.append(at.problem("scenario", ("jauges", i, "id"), message))
    return out


def references(pack: Pack) -> Iterator[tuple[str, str, Path_, str]]:
    """Every id reference as (kind, file key, path, id); kind in risk/lever/dilemma/unlock."""
    for i, a in enumerate(pack.scenario.collectivite.shadow_ai):
        for j, e in enumerate(a.risks):
            yield (
                "risk",
                "scenario",
                ("collectivite", "ia_fantome", i, "risques", j, "risque"),
                e.risk,
            )
    for i, u in enumerate(pack.use_cases):
        for v, x in enumerate(u.vectors):
            for j, e in enumerate(x.risks):
                yield "risk", "cas_usage", (i, "vecteurs", v, "risques", j, "risque"), e.risk
            for j, lever in enumerate(x.requirements.levers):
                yield "lever", "cas_usage", (i, "vecteurs", v, "prerequis", "leviers", j), lever
            for j, m in enumerate(x.mitigations):
                yield "risk", "cas_usage", (i, "vecteurs", v, "attenuations", j, "risque"), m.risk
        if u.dilemma is not None:
            yield "dilemma", "cas_usage", (i, "dilemme"), u.dilemma
    for i, lv in enumerate(pack.levers):
        for j, lever in enumerate(lv.requirements.levers):
            yield "lever", "leviers", (i, "prerequis", "leviers", j), lever
        if lv.dilemma is not None:
            yield "dilemma", "leviers", (i, "dilemme"), lv.dilemma
        for j, m in enumerate(lv.mitigations):
            yield "risk", "leviers", (i, "attenuations", j, "risque"), m.risk
        for j, card in enumerate(lv.unlocks):
            yield "unlock", "leviers", (i, "debloque", j), card
    for i, d in enumerate(pack.dilemmas):
        for o, op in enumerate(d.options):
            base: Path_ = (i, "options", o, "suites")
            for j, e in enumerate(op.follow_ups.adds_risks):
                yield "risk", "dilemmes", (*base, "ajoute_risques", j, "risque"), e.risk
            for j, card in enumerate(op.follow_ups.unlocks):
                yield "unlock", "dilemmes", (*base, "debloque", j), card
            for j, lever in enumerate(op.follow_ups.requires_levers):
                yield "lever", "dilemmes", (*base, "exige_leviers", j), lever
    for i, ev in enumerate(pack.events):
        if ev.dilemma is not None:
            yield "dilemma", "evenements", (i, "dilemme"), ev.dilemma


def check_references(pack: Pack, at: Locator) -> list[Problem]:
    """Every referenced risk, lever, dilemma or unlocked card exists."""
    known = {
        "risk": ({r.id for r in pack.risks}, "risque inconnu"),
        "lever": ({lv.id for lv in pack.levers}, "levier inconnu"),
        "dilemma": ({d.id for d in pack.dilemmas}, "dilemme inconnu"),
        "unlock": (
            {u.id for u in pack.use_cases} | {lv.id for lv in pack.levers},
            "cas d'usage ou levier inconnu",
        ),
    }
    out = []
    for kind, key, path, value in references(pack):
        ids, name = known[kind]
        if value not in ids:
            out.append(at.problem(key, path, _unknown(name, value, ids)))
    return out


def effects(pack: Pack) -> Iterator[tuple[str, Path_, dict[str, int]]]:
    """Every effects mapping as (file key, path, effects)."""
    for i, u in enumerate(pack.use_cases):
        for v, x in enumerate(u.vectors):
            yield "cas_usage", (i, "vecteurs", v, "effets_deploiement"), x.on_deploy
            yield "cas_usage", (i, "vecteurs", v, "effets_par_tour"), x.per_turn
    for i, lv in enumerate(pack.levers):
        yield "leviers", (i, "effets"), lv.effects
        yield "leviers", (i, "effets_par_tour"), lv.per_turn
    for i, r in enumerate(pack.risks):
        yield "risques", (i, "consequences", "effets"), r.consequences.effects
    for i, d in enumerate(pack.dilemmas):
        for o, op in enumerate(d.options):
            yield "dilemmes", (i, "options", o, "effets"), op.effects
    for i, ev in enumerate(pack.events):
        yield "evenements", (i, "effets"), ev.effects
    for key, path, branch in _branches(pack):
        yield key, (*path, "alors"), branch.then
        yield key, (*path, "sinon"), branch.otherwise


def _branches(pack: Pack) -> Iterator[tuple[str, Path_, Branch]]:
    """Every `selon` branch of events and risk consequences."""
    for i, r in enumerate(pack.risks):
        for b, branch in enumerate(r.consequences.branches):
            yield "risques", (i, "consequences", "selon", b), branch
    for i, ev in enumerate(pack.events):
        for b, branch in enumerate(ev.branches):
            yield "evenements", (i, "selon", b), branch


def conditions(pack: Pack) -> Iterator[tuple[str, Path_, Condition]]:
    """Every condition (secret objectives, `si` of branches) as (file key, path, condition)."""
    for i, role in enumerate(pack.scenario.roles):
        for c, cond in enumerate(role.secret.conditions):
            yield "scenario", ("roles", i, "objectif_secret", "conditions", c), cond
    for key, path, branch in _branches(pack):
        for c, cond in enumerate(branch.when):
            yield key, (*path, "si", c), cond


def check_effects(pack: Pack, at: Locator) -> list[Problem]:
    """Effects act on a declared gauge or on the budget."""
    gauges = {g.id for g in pack.scenario.gauges}
    allowed = gauges | set(RESOURCE_KEYS)
    out = []
    for key, path, mapping in effects(pack):
        for name in mapping:
            if name not in allowed:
                message = _unknown("jauge inconnue", name, allowed)
                message += " (une jauge du scénario ou budget)"
                out.append(at.problem(key, (*path, name), message))
    return out


def _gauge_thresholds(pack: Pack) -> Iterator[tuple[str, Path_, dict[str, int]]]:
    for i, u in enumerate(pack.use_cases):
        for v, x in enumerate(u.vectors):
            yield "cas_usage", (i, "vecteurs", v, "prerequis", "jauges"), x.requirements.gauges
    for i, lv in enumerate(pack.levers):
        yield "leviers", (i, "prerequis", "jauges"), lv.requirements.gauges


def check_thresholds(pack: Pack, at: Locator) -> list[Problem]:
    """Gauge requirements and objective conditions name real gauges and reachable values."""
    gauges = {g.id: g for g in pack.scenario.gauges}
    out = []
    checks: list[tuple[str, Path_, str, int | None, int | None]] = []
    for key, path, mapping in _gauge_thresholds(pack):
        checks += [(key, (*path, name), name, value, None) for name, value in mapping.items()]
    condition_keys = set()
    for key, cpath, cond in conditions(pack):
        if cond.gauge is not None:
            checks.append((key, (*cpath, "jauge"), cond.gauge, cond.min, cond.max))
            condition_keys.add((key, (*cpath, "jauge")))
    for key, path, name, low, high in checks:
        gauge = gauges.get(name)
        if gauge is None:
            out.append(at.problem(key, path, _unknown("jauge inconnue", name, set(gauges))))
        elif low is not None and low > gauge.max:
            message = f"seuil impossible : {low} dépasse le maximum de « {name} » ({gauge.max})"
            out.append(at.problem(key, path, message))
        elif high is not None and high < gauge.min:
            message = f"seuil impossible : {high} sous le minimum de « {name} » ({gauge.min})"
            out.append(at.problem(key, path, message))
        elif low is not None and low <= gauge.min and (key, path) not in condition_keys:
            message = (
                f"seuil toujours atteint : la jauge « {name} » ne descend pas sous {gauge.min}"
            )
            out.append(at.problem(key, path, message, warning=True))
    return out


def check_objectives(pack: Pack, at: Locator) -> list[Problem]:
    """Conditions (objectives, branches) name levers, use cases and risks that exist."""
    kinds: list[tuple[str, str, set[str], str]] = [
        ("lever", "levier", {lv.id for lv in pack.levers}, "levier inconnu"),
        ("use_case", "cas_usage", {u.id for u in pack.use_cases}, "cas d'usage inconnu"),
        ("risk_avoided", "risque_evite", {r.id for r in pack.risks}, "risque inconnu"),
    ]
    out = []
    for key, cpath, cond in conditions(pack):
        for attr, alias, ids, name in kinds:
            value = getattr(cond, attr)
            if value is not None and value not in ids:
                out.append(at.problem(key, (*cpath, alias), _unknown(name, value, ids)))
    return out


def check_needs(pack: Pack, at: Locator) -> list[Problem]:
    """Use cases answer declared needs; every need is answered by some use case."""
    needs = {n.id for n in pack.scenario.needs}
    answered: set[str] = set()
    out = []
    for i, u in enumerate(pack.use_cases):
        for j, need in enumerate(u.needs):
            answered.add(need)
            if need not in needs:
                out.append(
                    at.problem(
                        "cas_usage", (i, "repond_a", j), _unknown("besoin inconnu", need, needs)
                    )
                )
    for i, n in enumerate(pack.scenario.needs):
        if n.id not in answered:
            message = f"aucun cas d'usage ne répond au besoin « {n.id} » (repond_a)"
            out.append(at.problem("scenario", ("besoins", i, "id"), message, warning=True))
    return out


def check_step_order(pack: Pack, at: Locator) -> list[Problem]:
    """Step-order rules name steps that some lever belongs to, and concern some use case."""
    steps = {lv.step for lv in pack.levers}
    generative = any(u.generative for u in pack.use_cases)
    out = []
    for i, rule in enumerate(pack.scenario.rules.step_order):
        base: Path_ = ("regles", "ordre_des_etapes", i)
        for j, step in enumerate(rule.steps):
            if step not in steps:
                message = f"aucun levier de l'étape {step} : ce cas ne serait jamais évité"
                out.append(at.problem("scenario", (*base, "etapes_avant", j), message))
        if rule.generative_only and not generative:
            message = "aucun cas d'usage n'est marqué ia_generative : cette règle ne joue jamais"
            out.append(
                at.problem("scenario", (*base, "ia_generative_seulement"), message, warning=True)
            )
    return out


def check_events(pack: Pack, at: Locator) -> list[Problem]:
    """Events can be drawn: tour_min within the game and not after tour_max."""
    turns = pack.scenario.rules.turns
    out = []
    for i, ev in enumerate(pack.events):
        if ev.min_turn > turns:
            message = f"tour_min {ev.min_turn} après le dernier tour ({turns}) : jamais tiré"
            out.append(at.problem("evenements", (i, "tour_min"), message))
        if ev.max_turn is not None and ev.max_turn < ev.min_turn:
            message = f"tour_max {ev.max_turn} avant tour_min {ev.min_turn} : jamais tiré"
            out.append(at.problem("evenements", (i, "tour_max"), message))
    return out


def check_arbiter(pack: Pack, at: Locator) -> list[Problem]:
    """At most one arbitre; with the majority rule, exactly one is expected."""
    arbiters = [i for i, r in enumerate(pack.scenario.roles) if r.arbiter]
    out = [
        at.problem("scenario", ("roles", i, "arbitre"), "un seul rôle peut être arbitre")
        for i in arbiters[1:]
    ]
    if not arbiters and pack.scenario.rules.vote_rule == "majorite":
        message = "aucun rôle arbitre : les égalités de vote ne seront pas départagées"
        out.append(at.problem("scenario", ("roles",), message, warning=True))
    return out


def _texts(pack: Pack) -> Iterator[tuple[str, Path_, str, int]]:
    decks: list[tuple[str, Sequence[Card], str, str]] = [
        ("cas_usage", pack.use_cases, "description", "description"),
        ("leviers", pack.levers, "description", "description"),
        ("risques", pack.risks, "description", "description"),
        ("dilemmes", pack.dilemmas, "situation", "situation"),
        ("evenements", pack.events, "text", "texte"),
    ]
    for key, deck, attr, alias in decks:
        for i, card in enumerate(deck):
            yield key, (i, "titre"), card.title, TITLE
            yield key, (i, alias), getattr(card, attr), TEXT
    for i, r in enumerate(pack.risks):
        yield "risques", (i, "lecon"), r.lesson, LESSON
    for i, d in enumerate(pack.dilemmas):
        yield "dilemmes", (i, "regard_expert"), d.expert_view, LESSON


def check_lengths(pack: Pack, at: Locator) -> list[Problem]:
    """Warn about card texts too long for a screen."""
    return [
        at.problem(
            key, path, f"texte long : {len(text)} caractères ({limit} au plus)", warning=True
        )
        for key, path, text, limit in _texts(pack)
        if len(text) > limit
    ]


def check_calendar(pack: Pack, at: Locator) -> list[Problem]:
    """A calendar gives each turn its date: as many labels as turns, each once."""
    rules = pack.scenario.rules
    labels = rules.calendar
    out = []
    if labels and len(labels) != rules.turns:
        message = (
            f"{len(labels)} dates pour {rules.turns} tours : donnez une date par tour "
            "(ex. S1 2027, S2 2027, …)"
        )
        out.append(at.problem("scenario", ("regles", "calendrier"), message))
    seen: set[str] = set()
    for i, label in enumerate(labels):
        if label in seen:
            message = f"« {label} » est déjà la date d'un autre tour"
            out.append(at.problem("scenario", ("regles", "calendrier", i), message))
        seen.add(label)
    return out


def check_glossary(pack: Pack, at: Locator) -> list[Problem]:
    """Warn about each acronym a text uses that the glossary does not explain (first use),
    and about glossary terms written twice. Packs without a glossary are not checked."""
    if not pack.glossary:
        return []
    from game.scenario.glossary import unexplained

    out = [
        at.problem(
            key,
            path,
            f"sigle « {word} » sans entrée dans glossaire.yaml : ajoutez-le (terme, définition)",
            warning=True,
        )
        for word, key, path in unexplained(pack)
    ]
    items = ((("glossaire", (i, "terme"), e.term)) for i, e in enumerate(pack.glossary))
    out += _duplicates(iter(items), at, "un terme par entrée du glossaire")
    return out


#: A legal check older than this many months is stale.
FRESHNESS_MONTHS = 6


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it has fewer)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in range(day.day, 0, -1):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def check_freshness(pack: Pack, at: Locator, today: date) -> list[Problem]:
    """Warn when the pack's oldest legal check is more than six months old on `today`."""
    if not pack.freshness:
        return []
    oldest_index, oldest = min(enumerate(pack.freshness), key=lambda item: item[1].checked_on)
    limit = months_before(today, FRESHNESS_MONTHS)
    if oldest.checked_on >= limit:
        return []
    message = (
        f"fiche de fraîcheur juridique périmée : « {oldest.subject} » vérifié le "
        f"{oldest.checked_on.isoformat()}, il y a plus de {FRESHNESS_MONTHS} mois ; "
        "revérifiez le texte à la source et mettez la date à jour"
    )
    return [at.problem("fraicheur", (oldest_index, "verifie_le"), message, warning=True)]


def check_session(pack: Pack, at: Locator) -> list[Problem]:
    """Warn when the game, every phase run to its timer, does not fit in the session."""
    scenario = pack.scenario
    plan = scenario.session
    if plan is None:
        return []
    room = plan.total - plan.briefing - plan.debrief
    play = scenario.play_minutes()
    if play <= room:
        return []
    message = (
        f"la partie peut durer {play:.0f} min (minuteurs × tours + lecture) mais la séance "
        f"ne lui laisse que {room} min ({plan.total} − {plan.briefing} d'accueil − "
        f"{plan.debrief} de débriefing) : raccourcissez les minuteurs ou les tours"
    )
    return [at.problem("scenario", ("seance",), message, warning=True)]
