"""`capia report LOG [LOG ...] -o report.html [--format html|md|odt|docx|csv] [--lang fr]`.

html and md are the debrief; odt and docx the roadmap the collectivité takes home (a title
page, then a page per table: given one log, that table's document); csv every vote.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from game.report.i18n import CATALOGUES

if TYPE_CHECKING:
    from game.report.model import TableReport

FORMATS = ("html", "md", "odt", "docx", "csv")
DEFAULT_OUTPUT = {
    "html": "rapport.html",
    "md": "rapport.md",
    "odt": "feuille-de-route.odt",
    "docx": "feuille-de-route.docx",
    "csv": "votes.csv",
}


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `capia report`."""
    parser.add_argument("logs", nargs="+", type=Path, metavar="JOURNAL", help="journaux .jsonl")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        help="fichier à écrire (défaut : rapport.html, feuille-de-route.odt… selon le format)",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="html (défaut), md (Markdown), odt ou docx (feuille de route modifiable), "
        "csv (votes et justifications, pour Excel) ; défaut : d'après l'extension de -o",
    )
    parser.add_argument("--lang", choices=sorted(CATALOGUES), default="fr", help="langue")
    parser.add_argument(
        "--names",
        default=None,
        help="noms des tables, séparés par des virgules (défaut : nom des fichiers)",
    )


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.output.suffix.lower().lstrip(".") if args.output is not None else ""
    return suffix if suffix in FORMATS else "html"


def _render(tables: list[TableReport], fmt: str, lang: str) -> str | bytes:
    """The report of `tables` in format `fmt`: text for html/md, bytes for the others."""
    from game.report.exports import export_bytes
    from game.report.render import render_html, render_markdown

    if fmt == "md":
        return render_markdown(tables, lang=lang)
    if fmt == "html":
        return render_html(tables, lang=lang)
    return export_bytes(tables, fmt, lang=lang)


def report_command(args: argparse.Namespace) -> int:
    """Write the report of the given logs; return 0, or 1 with a French message on error."""
    from game.engine import IllegalAction
    from game.logerrors import LogError, where
    from game.report.extract import table_report_from_jsonl

    paths: list[Path] = args.logs
    names = [n.strip() for n in args.names.split(",")] if args.names else [p.stem for p in paths]
    tables = []
    for i, path in enumerate(paths):
        name = names[i] if i < len(names) else path.stem
        try:
            tables.append(table_report_from_jsonl(path.read_text(encoding="utf-8"), name=name))
        except OSError as exc:
            print(f"erreur : {path} : lecture impossible ({exc.strerror})", file=sys.stderr)
            return 1
        except UnicodeDecodeError:
            print(f"erreur : {path} : ce n'est pas un texte UTF-8", file=sys.stderr)
            return 1
        except LogError as exc:
            print(
                f"erreur : {where(path, exc)} : journal illisible : {exc.detail}", file=sys.stderr
            )
            return 1
        except (ValueError, KeyError, IllegalAction) as exc:
            print(f"erreur : {path} : journal illisible ({exc})", file=sys.stderr)
            return 1
    fmt = _format(args)
    output: Path = args.output or Path(DEFAULT_OUTPUT[fmt])
    content = _render(tables, fmt, args.lang)
    if isinstance(content, bytes):
        output.write_bytes(content)
    else:
        output.write_text(content, encoding="utf-8")
    print(f"rapport écrit : {output} ({len(tables)} table(s))")
    return 0
