"""French messages for a game log that cannot be read, naming the bad line.

A hand-edited log can hold anything: a justification longer than the engine
allows, an unknown action type, a line that is not JSON. The reader is told what
and where in French, with pydantic's English left out.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

#: pydantic error type → French, when the context adds nothing
_KINDS = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu",
    "string_type": "un texte était attendu",
    "string_too_short": "texte vide",
    "string_pattern_mismatch": "caractères non permis",
    "int_type": "un nombre entier était attendu",
    "int_parsing": "un nombre entier était attendu",
    "int_from_float": "un nombre entier était attendu",
    "float_type": "un nombre était attendu",
    "float_parsing": "un nombre était attendu",
    "finite_number": "un nombre fini était attendu",
    "bool_type": "vrai ou faux était attendu",
    "bool_parsing": "vrai ou faux était attendu",
    "model_type": "un objet { … } était attendu",
    "model_attributes_type": "un objet { … } était attendu",
    "dict_type": "un objet { … } était attendu",
    "list_type": "une liste était attendue",
    "tuple_type": "une liste était attendue",
    "union_tag_invalid": "type d'action inconnu",
    "union_tag_not_found": "type d'action manquant",
    "literal_error": "valeur non permise",
    "enum": "valeur non permise",
}


class LogError(ValueError):
    """A log that cannot be read: a French `detail` and the `line` (1-based) it is about."""

    def __init__(self, detail: str, line: int | None = None) -> None:
        super().__init__(f"ligne {line} : {detail}" if line is not None else detail)
        self.detail = detail
        self.line = line


def _count(value: object) -> str:
    return f"{value:,}".replace(",", " ") if isinstance(value, int) else str(value)


def french_error(err: ErrorDetails) -> str:
    """One pydantic error as a French phrase: where, then what."""
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    where = ".".join(str(p) for p in err["loc"] if not isinstance(p, int))
    if kind == "string_too_long":
        size = f", {_count(len(value))} reçus" if isinstance(value, str) else ""
        what = f"texte trop long ({_count(ctx.get('max_length'))} caractères au plus{size})"
    elif kind == "too_long":
        what = f"trop d'éléments ({_count(ctx.get('max_length'))} au plus)"
    elif kind in ("greater_than_equal", "greater_than"):
        what = f"valeur trop petite ({value}) : au moins {ctx.get('ge', ctx.get('gt'))}"
    elif kind in ("less_than_equal", "less_than"):
        what = f"valeur trop grande ({value}) : au plus {ctx.get('le', ctx.get('lt'))}"
    elif kind == "union_tag_invalid":
        what = f"type d'action inconnu « {ctx.get('tag', '')} »"
    else:
        what = _KINDS.get(kind, "valeur invalide")
    return f"« {where} » : {what}" if where else what


def validation_problem(exc: ValidationError) -> str:
    """Every problem pydantic found (three at most), in French, separated by « ; »."""
    errors = exc.errors(include_url=False)
    problems = [french_error(e) for e in errors[:3]]
    more = f" ; et {len(errors) - 3} autre(s)" if len(errors) > 3 else ""
    return " ; ".join(problems) + more if problems else "valeur invalide"


def where(path: object, exc: LogError) -> str:
    """« journal.jsonl:12 », the file and line a LogError is about (the file alone if no line)."""
    return f"{path}:{exc.line}" if exc.line is not None else str(path)
