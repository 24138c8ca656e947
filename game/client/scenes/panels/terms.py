"""The glossary where a term appears: under a card, a proposal or a dilemma, the pack's
entries for the acronyms and jargon its text uses (« AIPD : analyse d'impact… »)."""

from __future__ import annotations

from game.client.palette import MUTED
from game.client.scenes.panels.builder import PanelBuilder
from game.client.texts import PackTexts

NNBSP = "\u202f"


def term_lines(texts: PackTexts, *shown: str) -> list[str]:
    """One line per glossary entry the `shown` texts use: « AIPD (analyse…) : définition »."""
    out = []
    for g in texts.terms(*shown):
        name = f"{g.term} ({g.expansion})" if g.expansion else g.term
        out.append(f"{name}{NNBSP}: {g.definition}")
    return out


def terms_block(b: PanelBuilder, texts: PackTexts, *shown: str, indent: int = 0) -> None:
    """« Les mots de cette carte » and its lines, when the texts use any term."""
    lines = term_lines(texts, *shown)
    if not lines:
        return
    b.wrapped("Les mots employés :", 13, MUTED, bold=True, indent=indent, gap=1)
    for line in lines:
        b.wrapped(line, 12, MUTED, indent=indent + 8, gap=2)
