"""The pack's glossary: which terms a text uses, which acronyms a pack leaves unexplained.

Pure functions over a validated `Pack`, for the client (a tooltip or help panel on
a card), the debrief (the terms a table met) and `capia validate` (acronyms with no
entry). Acronyms are words of two capital letters or more (FRIA, RGPD, NIS…);
roman numerals (annexe III) are not acronyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from game.scenario.models import GlossaryEntry, Pack
from game.scenario.yamlsafe import Path_

_UPPER = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
#: A word with at least two capital letters and nothing lower-case (digits allowed).
_ACRONYM = re.compile(
    rf"(?<![\w])([{_UPPER}0-9]*[{_UPPER}][{_UPPER}0-9]*[{_UPPER}][{_UPPER}0-9]*)(?![\w])"
)
_ROMAN = re.compile(r"^[IVXLC]+$")


def acronyms(text: str) -> list[str]:
    """The acronyms written in `text`, in order, each once."""
    seen: dict[str, None] = {}
    for match in _ACRONYM.finditer(text):
        word = match.group(1)
        if not _ROMAN.match(word) and sum(c.isalpha() for c in word) >= 2:
            seen.setdefault(word, None)
    return list(seen)


def _forms(entry: GlossaryEntry) -> tuple[str, ...]:
    return (entry.term, *entry.variants)


@lru_cache(maxsize=4096)
def _pattern(form: str) -> re.Pattern[str]:
    """A whole-word pattern; case-sensitive for acronyms (« IA »), not for words."""
    flags = 0 if sum(c.isupper() for c in form) >= 2 else re.IGNORECASE
    return re.compile(rf"(?<![\w]){re.escape(form)}(?![\w])", flags)


def mentions(entry: GlossaryEntry, text: str) -> bool:
    """True when `text` uses the entry's term or one of its variants, as a whole word."""
    return any(_pattern(form).search(text) for form in _forms(entry))


def terms_in(pack: Pack, text: str) -> list[GlossaryEntry]:
    """The glossary entries whose term (or a variant) `text` uses, in glossary order."""
    return [entry for entry in pack.glossary if mentions(entry, text)]


def terms_in_texts(pack: Pack, texts: Iterable[str]) -> list[GlossaryEntry]:
    """The glossary entries used by any of `texts`, in glossary order."""
    joined = "\n".join(texts)
    return terms_in(pack, joined)


def covered(pack: Pack) -> set[str]:
    """Every acronym the glossary explains: its terms, variants and the capitals in them."""
    out: set[str] = set()
    for entry in pack.glossary:
        for form in _forms(entry):
            out.add(form)
            out.update(acronyms(form))
    return out


def pack_texts(pack: Pack) -> Iterator[tuple[str, Path_, str]]:
    """Every text a player reads in the pack, as (file key, path, text)."""
    s = pack.scenario
    c = s.collectivite
    yield "scenario", ("collectivite", "description"), c.description
    for i, shadow in enumerate(c.shadow_ai):
        yield "scenario", ("collectivite", "ia_fantome", i, "titre"), shadow.title
        yield "scenario", ("collectivite", "ia_fantome", i, "description"), shadow.description
    for i, role in enumerate(s.roles):
        yield "scenario", ("roles", i, "titre"), role.title
        yield "scenario", ("roles", i, "mission"), role.mission
        yield "scenario", ("roles", i, "objectif_secret", "texte"), role.secret.text
    for i, need in enumerate(s.needs):
        yield "scenario", ("besoins", i, "titre"), need.title
        yield "scenario", ("besoins", i, "description"), need.description
    for i, order in enumerate(s.rules.step_order):
        yield "scenario", ("regles", "ordre_des_etapes", i, "explication"), order.lesson
    for i, u in enumerate(pack.use_cases):
        yield "cas_usage", (i, "titre"), u.title
        yield "cas_usage", (i, "direction"), u.direction
        yield "cas_usage", (i, "description"), u.description
    for i, lever in enumerate(pack.levers):
        yield "leviers", (i, "titre"), lever.title
        yield "leviers", (i, "description"), lever.description
    for i, r in enumerate(pack.risks):
        yield "risques", (i, "titre"), r.title
        yield "risques", (i, "description"), r.description
        yield "risques", (i, "causes"), r.causes
        yield "risques", (i, "parades"), r.remedies
        yield "risques", (i, "lecon"), r.lesson
        for j, b in enumerate(r.consequences.branches):
            yield "risques", (i, "consequences", "selon", j, "parce_que"), b.because
            yield "risques", (i, "consequences", "selon", j, "faute_de"), b.for_lack
    for i, d in enumerate(pack.dilemmas):
        yield "dilemmes", (i, "titre"), d.title
        yield "dilemmes", (i, "situation"), d.situation
        yield "dilemmes", (i, "regard_expert"), d.expert_view
        for j, option in enumerate(d.options):
            yield "dilemmes", (i, "options", j, "libelle"), option.label
    for i, e in enumerate(pack.events):
        yield "evenements", (i, "titre"), e.title
        yield "evenements", (i, "texte"), e.text
        for j, b in enumerate(e.branches):
            yield "evenements", (i, "selon", j, "parce_que"), b.because
            yield "evenements", (i, "selon", j, "faute_de"), b.for_lack


def unexplained(pack: Pack) -> list[tuple[str, str, Path_]]:
    """Acronyms used in the pack's texts with no glossary entry: (acronym, file key, path
    of its first use), in the order they are first met."""
    known = covered(pack)
    found: dict[str, tuple[str, Path_]] = {}
    for key, path, text in pack_texts(pack):
        for word in acronyms(text):
            if word not in known and word not in found:
                found[word] = (key, path)
    return [(word, key, path) for word, (key, path) in found.items()]
