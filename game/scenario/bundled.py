"""The packs shipped with Cap IA, and the one rule that turns a pack argument into a folder.

Wherever a pack is asked for (`capia play --local X`, `capia serve --scenario X`,
`capia validate X`, …), X is an existing path, else the name of a bundled pack
(`decouverte`, `intercommunalite`, `ville-moyenne`): the folders of the `scenarios`
package, found with importlib.resources in an installed wheel as in a checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

#: The package whose folders are the bundled packs.
BUNDLE = "scenarios"


class PackNotFoundError(LookupError):
    """A pack argument that is neither an existing path nor a bundled pack's name."""

    def __init__(self, wanted: str) -> None:
        self.wanted = wanted
        names = ", ".join(bundled_names()) or "aucun"
        super().__init__(
            f"Pack introuvable : « {wanted} » n'est ni un dossier existant "
            f"ni un pack fourni (packs fournis : {names})."
        )


def package_folder(package: str) -> Path:
    """The folder of a package's data files (installed package or checkout).

    Packs and fonts are opened by file name, so a zipped install is refused.
    """
    root = resources.files(package)
    if not isinstance(root, Path):
        raise RuntimeError(f"Cap IA doit être installé en fichiers, pas en archive : {root}")
    return root


def bundled_root() -> Path:
    """The folder holding the bundled packs."""
    return package_folder(BUNDLE)


def bundled_names() -> list[str]:
    """The bundled packs' names, sorted."""
    return sorted(p.parent.name for p in bundled_root().glob("*/scenario.yaml"))


def pack_folder(wanted: str | Path) -> Path:
    """`wanted` if that path exists, else the bundled pack of that name.

    Raises PackNotFoundError (its French message lists the bundled packs).
    """
    path = Path(wanted)
    if path.exists():
        return path
    if len(path.parts) == 1 and path.name in bundled_names():
        return bundled_root() / path.name
    raise PackNotFoundError(str(wanted))
