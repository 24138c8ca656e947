"""YAML 1.2 core-schema reading of plain scalars, on PyYAML's resolver and constructor API.

PyYAML resolves plain scalars with the YAML 1.1 rules: `no`, `off` and `y` become
booleans, `1:30` the number 90 (base 60), `017` the number 15 (octal), `1_000` the
number 1000. A pack author means none of that. Here only the YAML 1.2 core schema
applies (https://yaml.org/spec/1.2.2/#1032-tag-resolution):

- null: `null`, `Null`, `NULL`, `~` or nothing;
- booleans: `true`, `True`, `TRUE`, `false`, `False`, `FALSE` only;
- integers: decimal `[-+]?[0-9]+`, octal `0o17`, hexadecimal `0x1F`; a leading zero
  stays decimal, so `017` is 17 (as the 1.2 spec says, and as the author reads it);
- floats: `1.5`, `.5`, `1.`, `1e3`, `-.inf`, `.nan`;
- everything else is a string: `yes`, `no`, `on`, `off`, `1:30`, `1_000`, `0b101`,
  `2024-01-01`, `<<`.

Explicit tags (`!!int 017`) go through the same constructors, so they agree with the
implicit reading; a value that does not fit its tag raises `ValueError`.
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import ScalarNode

_TAG = "tag:yaml.org,2002:"

_NULL = re.compile(r"(?:~|null|Null|NULL|)\Z")
_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_FLOAT = re.compile(
    r"""(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))\Z""",
    re.X,
)

_DIGITS = list("0123456789")


class CoreSafeLoader(yaml.SafeLoader):
    """PyYAML's SafeLoader whose plain scalars follow the YAML 1.2 core schema.

    Its own table of implicit resolvers replaces the inherited YAML 1.1 one (bool
    yes/no/on/off, base 60, octal from a leading 0, merge `<<`, value `=`, timestamps),
    and its null, bool, int and float constructors read the 1.2 forms only.
    """

    # PyYAML keeps one table per class; starting empty drops every YAML 1.1 resolver.
    yaml_implicit_resolvers = {}  # noqa: RUF012 (filled by add_implicit_resolver below)

    def _text(self, node: yaml.Node, pattern: re.Pattern[str], what: str) -> str:
        if not isinstance(node, ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, f"expected a scalar {what}", node.start_mark
            )
        text = str(node.value)
        if not pattern.match(text):
            raise ValueError(f"not a YAML 1.2 {what}: {text!r}")
        return text

    def construct_core_null(self, node: yaml.Node) -> None:
        self._text(node, _NULL, "null")

    def construct_core_bool(self, node: yaml.Node) -> bool:
        return self._text(node, _BOOL, "boolean").lower() == "true"

    def construct_core_int(self, node: yaml.Node) -> int:
        text = self._text(node, _INT, "integer")
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)  # "017" is 17: a leading zero is not octal in YAML 1.2

    def construct_core_float(self, node: yaml.Node) -> float:
        text = self._text(node, _FLOAT, "float").lower()
        if text.endswith(".nan"):
            return float("nan")
        if text.endswith(".inf"):
            return float("-inf") if text.startswith("-") else float("inf")
        return float(text)


# Order matters where two match the same text: "12" is an int, not a float.
for _tag, _pattern, _first, _build in (
    ("null", _NULL, ["~", "n", "N", ""], CoreSafeLoader.construct_core_null),
    ("bool", _BOOL, list("tTfF"), CoreSafeLoader.construct_core_bool),
    ("int", _INT, ["-", "+", *_DIGITS], CoreSafeLoader.construct_core_int),
    ("float", _FLOAT, ["-", "+", ".", *_DIGITS], CoreSafeLoader.construct_core_float),
):
    CoreSafeLoader.add_implicit_resolver(f"{_TAG}{_tag}", _pattern, _first)
    CoreSafeLoader.add_constructor(f"{_TAG}{_tag}", _build)
