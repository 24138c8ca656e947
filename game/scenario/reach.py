"""Reachability: locked cards something can unlock, dilemmas something can trigger."""

from __future__ import annotations

from collections.abc import Sequence

from game.scenario.checks import references
from game.scenario.models import Lever, Pack, UseCase
from game.scenario.problems import Locator, Problem


def obtainable(pack: Pack) -> tuple[set[str], set[str]]:
    """Use cases and levers that can become available, and dilemmas that can be triggered."""
    locked = {u.id for u in pack.use_cases if u.locked} | {lv.id for lv in pack.levers if lv.locked}
    available = {u.id for u in pack.use_cases} | {lv.id for lv in pack.levers}
    available -= locked
    options = {d.id: d.options for d in pack.dilemmas}
    from_events = {ev.dilemma for ev in pack.events if ev.dilemma is not None}
    while True:
        dilemmas = from_events | {
            u.dilemma for u in pack.use_cases if u.id in available and u.dilemma is not None
        }
        dilemmas |= {
            lv.dilemma for lv in pack.levers if lv.id in available and lv.dilemma is not None
        }
        unlocked = {card for lv in pack.levers if lv.id in available for card in lv.unlocks}
        unlocked |= {
            card
            for d in dilemmas
            for option in options.get(d, ())
            for card in option.follow_ups.unlocks
        }
        grown = available | (unlocked & locked)
        if grown == available:
            return available, dilemmas
        available = grown


def check_locks(pack: Pack, at: Locator) -> list[Problem]:
    """Locked cards can be unlocked; nothing requires a lever locked forever."""
    available, dilemmas = obtainable(pack)
    out = []
    decks: tuple[tuple[str, Sequence[UseCase | Lever]], ...] = (
        ("cas_usage", pack.use_cases),
        ("leviers", pack.levers),
    )
    for key, deck in decks:
        for i, card in enumerate(deck):
            if card.locked and card.id not in available:
                message = (
                    "carte verrouillée que rien ne peut débloquer : aucun levier accessible "
                    "(debloque) ni option de dilemme (suites.debloque) ne la nomme"
                )
                out.append(at.problem(key, (i, "verrouille"), message))
    locked = {u.id for u in pack.use_cases if u.locked} | {lv.id for lv in pack.levers if lv.locked}
    levers = {lv.id for lv in pack.levers}
    for kind, key, path, value in references(pack):
        if kind == "lever" and value in levers and value not in available:
            message = f"prérequis impossible : le levier « {value} » reste verrouillé pour toujours"
            out.append(at.problem(key, path, message))
        if kind == "unlock" and value in available - locked:
            message = f"« {value} » n'est pas verrouillé : ce déblocage est sans effet"
            out.append(at.problem(key, path, message, warning=True))
    for i, d in enumerate(pack.dilemmas):
        if d.id not in dilemmas:
            message = (
                "dilemme jamais déclenché : aucun cas d'usage ou levier accessible "
                "ni événement ne le nomme"
            )
            out.append(at.problem("dilemmes", (i, "id"), message, warning=True))
    return out
