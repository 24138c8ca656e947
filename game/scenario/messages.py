"""French messages for pydantic validation errors on a pack."""

from __future__ import annotations

import difflib
import re
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

_TYPE_NAMES = {
    "string_type": "un texte",
    "int_type": "un nombre entier",
    "int_parsing": "un nombre entier",
    "int_from_float": "un nombre entier (sans virgule)",
    "float_type": "un nombre",
    "float_parsing": "un nombre",
    "bool_type": "vrai ou faux (true / false)",
    "bool_parsing": "vrai ou faux (true / false)",
    "dict_type": "une liste de clés (clé: valeur)",
    "model_type": "une liste de clés (clé: valeur)",
    "model_attributes_type": "une liste de clés (clé: valeur)",
    "tuple_type": "une liste (lignes commençant par « - » ou [a, b])",
    "list_type": "une liste (lignes commençant par « - » ou [a, b])",
    "enum": "une des valeurs permises",
}

_ID_RULE = (
    "minuscules sans accent, chiffres, « - » ou « _ », 64 caractères au plus, "
    "commençant par une lettre ou un chiffre"
)


def describe(value: Any) -> str:
    """Say in French what kind of YAML value the author wrote."""
    if value is None:
        return "rien"
    if isinstance(value, bool):
        return "vrai/faux"
    if isinstance(value, int | float):
        return f"le nombre {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"le texte « {short} »"
    if isinstance(value, dict):
        return "des clés (clé: valeur)"
    if isinstance(value, list):
        return "une liste"
    return "une valeur d'un autre type"


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, tuple[...] and Annotated wrappers down to the item type."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin in (tuple, list) or hasattr(annotation, "__metadata__"):
            annotation = get_args(annotation)[0]
        else:
            return annotation


def allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """French keys accepted at `loc` (the mapping holding the bad key) under `model`."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        match = [f for f in current.model_fields.values() if (f.alias or "") == part]
        match += [f for n, f in current.model_fields.items() if n == part and not f.alias]
        if not match:
            return []
        current = _unwrap(match[0].annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _quoting_hint(value: Any, written: str | None) -> str:
    """Advice for a value that YAML read as a boolean or a number where a text is expected."""
    if not isinstance(value, bool | int | float):
        return ""
    if written:
        return f' (mettez-le entre guillemets : "{written}")'
    return " (mettez-le entre guillemets)"


#: YAML 1.1 readers turned `1:30` into 90; a pack is read as YAML 1.2, where it is a text.
_SEXAGESIMAL = re.compile(r"[-+]?[0-9]+(?::[0-5]?[0-9])+")
_NUMBER_KINDS = ("int_type", "int_parsing", "float_type", "float_parsing")


def _type_hint(kind: str, value: Any, written: str | None) -> str:
    """What to write instead, after "type incorrect : X attendu, trouvé Y"."""
    if kind in ("bool_type", "bool_parsing"):
        hint = " : écrivez true ou false"
        if isinstance(value, str):
            hint += " (oui/non, yes/no, on/off ne sont pas des booléens)"
        return hint
    if kind == "string_type":
        return _quoting_hint(value, written)
    text = value.strip() if isinstance(value, str) else ""
    if kind in _NUMBER_KINDS and _SEXAGESIMAL.fullmatch(text):
        seconds = 0
        for part in text.lstrip("+-").split(":"):
            seconds = seconds * 60 + int(part)
        return (
            f" : écrivez un seul nombre, sans « : » "
            f"(une durée {text} s'écrit {seconds}, en secondes)"
        )
    return ""


def french(err: ErrorDetails, model: type[BaseModel], written: str | None = None) -> str:
    """Translate one pydantic error on `model` into a French sentence for an author.

    `written` is the value as it stands in the file when YAML read it as a boolean, a
    number or null (`017` for the number 17), to quote it back to the author.
    """
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    loc = tuple(err["loc"])
    if kind == "missing":
        return f"champ obligatoire manquant : « {loc[-1]} »"
    if kind == "extra_forbidden":
        keys = allowed_keys(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), keys, n=1)
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        listing = f" (clés possibles : {', '.join(keys)})" if keys and not close else ""
        return f"clé inconnue « {loc[-1]} » refusée{hint}{listing}"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("' or '", "', '").replace("'", "")
        return f"valeur non permise « {value} » : valeurs possibles : {expected}"
    if kind == "string_pattern_mismatch":
        return f"identifiant invalide « {value} » : {_ID_RULE}"
    if kind in _TYPE_NAMES:
        expected = _TYPE_NAMES[kind]
        found = describe(value)
        return f"type incorrect : {expected} attendu, trouvé {found}" + _type_hint(
            kind, value, written
        )
    return _bounds(kind, ctx, value) or _fallback(err)


def _bounds(kind: str, ctx: dict[str, Any], value: Any) -> str | None:
    if kind == "greater_than_equal":
        return f"valeur trop petite ({value}) : au moins {ctx['ge']}"
    if kind == "less_than_equal":
        return f"valeur trop grande ({value}) : au plus {ctx['le']}"
    if kind == "greater_than":
        return f"valeur trop petite ({value}) : strictement plus de {ctx['gt']}"
    if kind == "less_than":
        return f"valeur trop grande ({value}) : strictement moins de {ctx['lt']}"
    if kind in ("too_short", "string_too_short"):
        return f"trop court : au moins {ctx.get('min_length')} élément(s) attendu(s)"
    if kind in ("too_long", "string_too_long"):
        return f"trop long : au plus {ctx.get('max_length')} élément(s)"
    return None


def _fallback(err: ErrorDetails) -> str:
    if err["type"] == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"valeur invalide ({err['msg']})"
