"""Refusals sent back as `{ok: false, error: {code, message}}`, with French messages."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from game.engine import IllegalAction
from game.protocol import ErrorAck, ErrorCode, ErrorInfo


class Refused(Exception):
    """A request refused by the server (not by the rules): a code and a French message."""

    def __init__(self, code: ErrorCode, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


_KINDS = {
    "missing": "champ obligatoire manquant",
    "extra_forbidden": "champ inconnu",
    "string_type": "texte attendu",
    "string_too_long": "texte trop long",
    "string_too_short": "texte vide",
    "string_pattern_mismatch": "caractères non permis",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu",
    "int_parsing_size": "nombre trop grand",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "finite_number": "nombre fini attendu",
    "bool_type": "vrai ou faux attendu",
    "bool_parsing": "vrai ou faux attendu",
    "string_unicode": "texte UTF-8 attendu",
    "greater_than": "valeur trop petite",
    "greater_than_equal": "valeur trop petite",
    "less_than": "valeur trop grande",
    "less_than_equal": "valeur trop grande",
    "json_invalid": "JSON invalide",
    "json_type": "JSON attendu",
    "recursion_loop": "imbrication trop profonde",
    "model_type": "objet attendu",
    "model_attributes_type": "objet attendu",
    "dict_type": "objet attendu",
    "union_tag_invalid": "type d'action inconnu",
    "union_tag_not_found": "type d'action manquant",
    "literal_error": "valeur non permise",
    "enum": "valeur non permise",
}


def error_ack(code: ErrorCode, message: str, rule: str | None = None) -> dict[str, Any]:
    """An error ack as sent on the wire."""
    return ErrorAck(error=ErrorInfo(code=code, message=message, rule=rule)).model_dump(mode="json")


def validation_message(exc: ValidationError) -> str:
    """A French one-line account of the first problem pydantic found."""
    errors = exc.errors(include_url=False, include_input=False)
    if not errors:
        return "Message mal formé."
    err = errors[0]
    where = ".".join(str(p) for p in err["loc"]) or "message"
    what = _KINDS.get(err["type"], "valeur invalide")
    if err["type"] == "value_error":  # our own validators' French sentence
        return "Message mal formé : " + str(err["msg"]).removeprefix("Value error, ")
    return f"Message mal formé : « {where[:80]} » : {what}."


def ack_for(exc: Exception) -> dict[str, Any]:
    """The error ack for an exception raised while handling a request."""
    if isinstance(exc, Refused):
        return error_ack(exc.code, exc.message)
    if isinstance(exc, IllegalAction):
        return error_ack(ErrorCode.ILLEGAL_ACTION, exc.message, rule=exc.code)
    if isinstance(exc, ValidationError):
        return error_ack(ErrorCode.BAD_REQUEST, validation_message(exc))
    return error_ack(
        ErrorCode.INTERNAL, "Erreur interne du serveur : resynchronisez puis réessayez."
    )
