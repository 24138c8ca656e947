"""Load a pack folder into a validated `Pack`, reporting every problem at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from game.scenario import checks
from game.scenario.messages import french
from game.scenario.models import (
    Dilemma,
    Event,
    FreshnessCheck,
    GlossaryEntry,
    Lever,
    Pack,
    Risk,
    Scenario,
    UseCase,
)
from game.scenario.problems import Locator, PackError, Problem
from game.scenario.reach import check_locks
from game.scenario.yamlsafe import Document, read_yaml

__all__ = ["FILES", "PackError", "Problem", "check_pack", "load_pack"]


@dataclass(frozen=True)
class PackFile:
    """One file of a pack: its name, the model of one entry, whether it is a list of cards."""

    name: str
    model: type[BaseModel]
    is_list: bool
    required: bool


SPECS: dict[str, PackFile] = {
    "scenario": PackFile("scenario.yaml", Scenario, False, True),
    "cas_usage": PackFile("cas_usage.yaml", UseCase, True, True),
    "leviers": PackFile("leviers.yaml", Lever, True, True),
    "risques": PackFile("risques.yaml", Risk, True, True),
    "dilemmes": PackFile("dilemmes.yaml", Dilemma, True, False),
    "evenements": PackFile("evenements.yaml", Event, True, False),
    "glossaire": PackFile("glossaire.yaml", GlossaryEntry, True, False),
    "fraicheur": PackFile("fraicheur.yaml", FreshnessCheck, True, False),
}

#: Pack part (also the Pack alias) -> file name.
FILES = {key: spec.name for key, spec in SPECS.items()}


def _validate(spec: PackFile, data: Any, key: str, at: Locator) -> tuple[Any, list[Problem]]:
    """Validate one file's data; return the typed value (or None) and its problems."""
    if data is None:
        if not spec.is_list:
            return None, [at.problem(key, (), "fichier vide")]
        data = []
    adapter: TypeAdapter[Any] = TypeAdapter(
        tuple[spec.model, ...] if spec.is_list else spec.model  # type: ignore[name-defined]
    )
    try:
        return adapter.validate_python(data), []
    except ValidationError as exc:
        doc = at.docs.get(key)
        plain = doc.plain if doc is not None else {}
        problems = []
        for err in exc.errors(include_url=False):
            if _consequence(err):
                continue
            loc = tuple(err["loc"])  # keys as written: the same path as in the Document
            problems.append(at.problem(key, loc, french(err, spec.model, plain.get(loc))))
        return None, problems


def _consequence(err: ErrorDetails) -> bool:
    """True for a "too short" error caused only by invalid items (already reported)."""
    items = err.get("input")
    minimum = (err.get("ctx") or {}).get("min_length", 0)
    return err["type"] == "too_short" and isinstance(items, list) and len(items) >= minimum


def _within(path: str, spoiled: set[str]) -> bool:
    """True when `path` lies at or under a place already reported as unreadable."""
    return any(path == s or path.startswith((f"{s}.", f"{s}[")) for s in spoiled)


def _folder_problems(root: Path) -> list[Problem]:
    if not root.exists():
        return [Problem(str(root), 1, 1, "pack", "dossier introuvable")]
    if not root.is_dir():
        message = "un pack est un dossier (avec scenario.yaml), pas un fichier"
        return [Problem(str(root), 1, 1, "pack", message)]
    return []


def _stray_files(root: Path) -> list[Problem]:
    known = list(FILES.values())
    return [
        Problem(str(f), 1, 1, f.stem, f"fichier ignoré : seuls {', '.join(known)} sont lus", True)
        for f in sorted(root.glob("*.y*ml"))
        if f.name not in known
    ]


def _order(root: Path) -> Any:
    rank = {str(root / name): i for i, name in enumerate(FILES.values())}
    return lambda p: (rank.get(p.file, len(rank)), p.file, p.line, p.column)


CHECKS: tuple[Callable[[Pack, Locator], list[Problem]], ...] = (
    checks.check_ids,
    checks.check_references,
    checks.check_effects,
    checks.check_thresholds,
    checks.check_objectives,
    checks.check_needs,
    checks.check_step_order,
    checks.check_events,
    check_locks,
    checks.check_arbiter,
    checks.check_lengths,
    checks.check_calendar,
    checks.check_glossary,
    checks.check_session,
)


def check_pack(path: Path | str, *, today: date | None = None) -> tuple[Pack | None, list[Problem]]:
    """Read and check the pack in folder `path`: the pack if it has no error, and every problem.

    With `today` (the caller's clock: this module reads none), also warn when the
    pack's legal checks (`fraicheur.yaml`) are more than six months old.
    """
    root = Path(path)
    folder = _folder_problems(root)
    if folder:
        return None, folder
    docs: dict[str, Document] = {}
    at = Locator(root, FILES, docs)
    problems: list[Problem] = []
    parts: dict[str, Any] = {}
    failed = False
    for key, spec in SPECS.items():
        file = root / spec.name
        if not file.exists() and not file.is_symlink():
            if spec.required:
                problems.append(at.problem(key, (), f"fichier manquant : {spec.name}"))
                failed = True
            continue
        doc = docs[key] = read_yaml(file, root)
        problems += [
            at.problem(key, i.path, i.message, position=(i.line, i.column)) for i in doc.issues
        ]
        failed = failed or bool(doc.issues)
        if doc.issues and doc.data is None:
            continue
        value, found = _validate(spec, doc.data, key, at)
        spoiled = {at.problem(key, i.path, "").path for i in doc.issues}
        problems += [p for p in found if not _within(p.path, spoiled)]
        failed = failed or value is None
        parts[key] = value
    problems += _stray_files(root)
    pack = None
    if not failed:
        pack = Pack.model_validate(parts)
        problems += [p for check in CHECKS for p in check(pack, at)]
        if today is not None:
            problems += checks.check_freshness(pack, at, today)
    problems.sort(key=_order(root))
    if any(not p.warning for p in problems):
        return None, problems
    return pack, problems


def load_pack(path: Path | str) -> Pack:
    """Load and validate the pack in folder `path`; raise `PackError` listing every problem."""
    pack, problems = check_pack(path)
    if pack is None:
        raise PackError([p for p in problems if not p.warning])
    return pack
