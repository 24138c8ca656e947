"""Read one YAML file of a pack safely, keeping the line and column of every node.

Plain scalars follow the YAML 1.2 core schema (see `coreschema`): `no` is a text,
`1:30` a text, `017` the number 17. Hostile input (huge file, aliases, deep nesting,
odd tags, non-UTF-8 bytes, duplicate keys) becomes a list of French messages, never a
traceback.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.scenario.coreschema import CoreSafeLoader

#: Largest file accepted, in bytes.
MAX_BYTES = 2 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted (a pack needs about 8).
MAX_DEPTH = 24

Key = str | int | float | bool | None
Path_ = tuple[Key, ...]

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


@dataclass(frozen=True)
class Issue:
    """One problem in one file: 1-based line and column, French message."""

    line: int
    column: int
    message: str
    path: Path_ = ()


@dataclass
class Document:
    """A file's plain data plus where each part of it is written."""

    data: Any = None
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    sequences: set[Path_] = field(default_factory=set)
    #: Text as written of each plain scalar read as something other than a string.
    plain: dict[Path_, str] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int, int]:
        """Line and column of `path`, or of its nearest written ancestor."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(path[:end])
            if mark is not None:
                return mark
        return (1, 1)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


class _Loader(CoreSafeLoader):
    """Safe YAML 1.2 core loader whose composer refuses aliases and deep nesting."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise _Refused(
                event.start_mark,
                "les alias YAML (*nom) ne sont pas acceptés : recopiez le contenu voulu",
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    self.peek_event().start_mark,  # type: ignore[no-untyped-call]
                    f"imbrication trop profonde (plus de {MAX_DEPTH} niveaux)",
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_SYNTAX_HINTS = (
    ("could not find expected ':'", "« : » attendu après une clé (clé: valeur)"),
    (
        "mapping values are not allowed here",
        "« : » inattendu ici : mettez entre guillemets un texte qui contient « : »",
    ),
    ("cannot start any token", "caractère interdit ici (tabulation ? indentez avec des espaces)"),
    ("expected a single document", "un seul document par fichier : retirez les « --- » en trop"),
    ("expected <block end>", "indentation incohérente"),
    ("did not find expected key", "indentation incohérente ou clé manquante"),
    ("did not find expected '-'", "indentation incohérente dans une liste"),
    ("found unexpected end of stream", "fin de fichier inattendue : guillemet non fermé ?"),
    ("did not find expected ',' or ']'", "crochet « ] » ou virgule manquant"),
    ("did not find expected ',' or '}'", "accolade « } » ou virgule manquante"),
    ("found undefined tag handle", "étiquette YAML (!…) non acceptée"),
    ("could not determine a constructor", "étiquette YAML (!…) non acceptée"),
)


def _syntax_message(problem: str) -> str:
    for needle, french in _SYNTAX_HINTS:
        if needle in problem:
            return f"syntaxe YAML invalide : {french}"
    return f"syntaxe YAML invalide ({problem})"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _read_text(file: Path, root: Path) -> tuple[str | None, list[Issue]]:
    """Return the file's text, or the reasons it cannot be read."""
    try:
        real = file.resolve(strict=True)
    except (OSError, RuntimeError):
        return None, [Issue(1, 1, "fichier illisible (lien cassé ?)")]
    if not real.is_relative_to(root.resolve()):
        return None, [Issue(1, 1, f"le fichier pointe hors du pack ({real}) : refusé")]
    try:
        info = real.stat()
    except OSError:
        return None, [Issue(1, 1, "fichier illisible")]
    if not stat.S_ISREG(info.st_mode):
        return None, [Issue(1, 1, "ce n'est pas un fichier ordinaire : refusé")]
    if info.st_size > MAX_BYTES:
        size = f"{info.st_size / 1024 / 1024:.1f} Mo"
        return None, [Issue(1, 1, f"fichier trop gros ({size}, 2 Mo au plus) : refusé")]
    with real.open("rb") as fh:
        raw = fh.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        return None, [Issue(1, 1, "fichier trop gros (2 Mo au plus) : refusé")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Issue(line, col, "texte non UTF-8 : enregistrez le fichier en UTF-8 (octet invalide)")
        ]


def read_yaml(file: Path, root: Path) -> Document:
    """Parse `file` (inside pack folder `root`) into a `Document`; problems land in `issues`."""
    doc = Document()
    text, issues = _read_text(file, root)
    if text is None:
        doc.issues.extend(issues)
        return doc
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _Refused as exc:
        line, col = (exc.mark.line + 1, exc.mark.column + 1) if exc.mark else (1, 1)
        doc.issues.append(Issue(line, col, exc.message))
        return doc
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        doc.issues.append(Issue(line, col, f"caractère non accepté (#x{exc.character:04x})"))
        return doc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context == "while scanning a simple key" and exc.context_mark is not None:
            mark = exc.context_mark  # the key missing its ":" rather than the next line
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = f"{exc.context or ''} {exc.problem or ''}".strip()
        doc.issues.append(Issue(line, col, _syntax_message(problem)))
        return doc
    finally:
        loader.dispose()
    if node is None:
        return doc
    doc.marks[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    doc.data = _Builder(loader, doc).build(node, ())
    return doc


_UNREADABLE = {
    "tag:yaml.org,2002:bool": "vrai/faux illisible : écrivez true ou false",
    "tag:yaml.org,2002:null": "valeur vide illisible : écrivez null ou rien",
}


class _Builder:
    """Turn a composed node tree into plain data, recording marks and issues."""

    def __init__(self, loader: _Loader, doc: Document) -> None:
        self.loader = loader
        self.doc = doc

    def _issue(self, node: Node, message: str, path: Path_) -> None:
        mark = node.start_mark
        self.doc.issues.append(Issue(mark.line + 1, mark.column + 1, message, path))

    def build(self, node: Node, path: Path_) -> Any:
        if isinstance(node, ScalarNode):
            return self._scalar(node, path)
        if isinstance(node, SequenceNode):
            if node.tag != _SEQ_TAG:
                self._issue(node, f"étiquette YAML non acceptée ({node.tag})", path)
            self.doc.sequences.add(path)
            items = []
            for index, item in enumerate(node.value):
                self.doc.marks[(*path, index)] = (
                    item.start_mark.line + 1,
                    item.start_mark.column + 1,
                )
                items.append(self.build(item, (*path, index)))
            return items
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        self._issue(node, "élément YAML non reconnu", path)  # pragma: no cover
        return None

    def _scalar(self, node: ScalarNode, path: Path_) -> Any:
        try:
            value = self.loader.construct_object(node)
        except yaml.constructor.ConstructorError:
            self._issue(node, f"étiquette YAML non acceptée ({node.tag})", path)
        except ValueError:
            self._issue(node, _UNREADABLE.get(node.tag, "nombre illisible ou trop long"), path)
        else:
            if node.style is None and not isinstance(value, str):
                self.doc.plain[path] = node.value
            return value
        return None

    def _mapping(self, node: MappingNode, path: Path_) -> dict[Key, Any]:
        if node.tag != _MAP_TAG:
            self._issue(node, f"étiquette YAML non acceptée ({node.tag})", path)
        result: dict[Key, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._issue(key_node, "une clé doit être un simple mot", path)
                continue
            key = self._scalar(key_node, (*path, "?"))
            if not isinstance(key, Key):  # dates and other non-hashable-friendly keys
                key = str(key)
            where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in result:
                first = self.doc.marks[(*path, key)]
                self._issue(
                    key_node,
                    f"clé « {key} » en double (déjà écrite ligne {first[0]})",
                    (*path, key),
                )
                continue
            self.doc.marks[(*path, key)] = where
            result[key] = self.build(value_node, (*path, key))
        return result
