"""`capia report LOG [LOG ...] -o report.html [--format html|md] [--lang fr]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.report.i18n import CATALOGUES


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `capia report`."""
    parser.add_argument("logs", nargs="+", type=Path, metavar="JOURNAL", help="journaux .jsonl")
    parser.add_argument(
        "-o", "--output", type=Path, default=None, help="fichier à écrire (défaut : rapport.html)"
    )
    parser.add_argument(
        "--format", choices=("html", "md"), default=None, help="html (défaut) ou md (Markdown)"
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
    return "md" if args.output is not None and args.output.suffix == ".md" else "html"


def report_command(args: argparse.Namespace) -> int:
    """Write the report of the given logs; return 0, or 1 with a French message on error."""
    from game.engine import IllegalAction
    from game.logerrors import LogError, where
    from game.report.extract import table_report_from_jsonl
    from game.report.render import render_html, render_markdown

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
    output: Path = args.output or Path("rapport.md" if fmt == "md" else "rapport.html")
    render = render_markdown if fmt == "md" else render_html
    output.write_text(render(tables, lang=args.lang), encoding="utf-8")
    print(f"rapport écrit : {output} ({len(tables)} table(s))")
    return 0
