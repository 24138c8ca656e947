"""The Markdown debrief: what players wrote stays plain text in any Markdown viewer.

Each test renders the report with a real Markdown renderer (markdown-it-py, GitHub-like:
tables, strikethrough, bare links made live, raw HTML allowed) and reads its tokens.
"""

from __future__ import annotations

from report_helpers import inline_texts, markdown, one_line, seeded_game, walk

from game.report import build_report_markdown

PIXEL = "![pixel](https://exemple.invalid/p.png)"
LINK = "[lien](javascript:alert(3))"
OBRIEN = "Dominique | O'Brien"
#: Every Markdown construct a player could type, one per line (newlines included).
CONSTRUCTS = (
    f"{PIXEL} {LINK} <https://exemple.invalid/a> https://exemple.invalid/b\n"
    "www.exemple.invalid a@exemple.invalid <b>gras</b> <img src=x onerror=alert(1)>\n"
    "**fort** __fort__ *it* _it_ `code` ~~barré~~ \\*pas\\* &amp; &#60;x&#62; [ref]\n"
    "# titre\n## sous-titre\n- puce\n+ puce\n* puce\n1. un\n2) deux\n> citation\n"
    "    code indenté\n```\nbloc\n```\n---\n===\n| a | b |\n|---|---|\n"
    "[ref]: https://exemple.invalid/r\n<div>bloc html</div>\n$x^2$ :smile: @tout-le-monde"
)
NAMES = {"dgs": PIXEL, "dpo": OBRIEN, "elu": LINK, "drh": "<b>Alix</b> *_`x`_*"}
TABLES = [f"{LINK} # {OBRIEN}", f"{PIXEL} <i>t</i>"]
LIVE = {"link_open", "image", "html_inline", "html_block", "code_inline", "code_block", "fence"}


def report(justifications: tuple[str, ...] = (CONSTRUCTS,)) -> str:
    logs = [seeded_game(NAMES, justifications, seed=s).to_jsonl() for s in (1, 5)]
    return build_report_markdown(logs, names=TABLES)


def test_player_text_makes_no_link_image_html_or_code() -> None:
    # `![pixel](…)` would fetch an image and `[lien](javascript:…)` make a link: neither does.
    tokens = walk(markdown().parse(report()))
    live = sorted({t.type for t in tokens if t.type in LIVE})
    assert live == []
    html = markdown().render(report())
    for tag in ("<a ", "<img", "<b>", "<i>", "<div", "<code", "<pre", "<em", "<strong>fort"):
        assert tag not in html


def test_player_text_reads_exactly_as_typed() -> None:
    # Every character a player typed is shown (no emphasis, no list, no heading eaten it),
    # on one line where it had several.
    texts = inline_texts(markdown().parse(report()))
    seen = " ¶ ".join(texts)
    for name in (*NAMES.values(), *TABLES):
        assert name in seen
    assert one_line(CONSTRUCTS) in seen


def test_a_name_with_a_pipe_is_escaped_once_everywhere() -> None:
    # « Dominique | O'Brien » shows as typed in every line that names her, table cells too.
    text = report(("",))
    assert "\\\\|" not in text
    lines = [line for line in text.splitlines() if "O'Brien" in line]
    assert len(lines) > 5
    for line in lines:
        shown = " ".join(inline_texts(markdown().parse(line)))
        assert OBRIEN in shown, line


def test_names_in_table_cells_keep_the_table_shape() -> None:
    # A `|` in a name does not split its cell: the objectives table names her in one cell.
    rows: list[list[str]] = []
    for token in markdown().parse(report()):
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows and token.level > 2:
            rows[-1] += inline_texts([token])
    dpo = [row for row in rows if row and row[0] == "DPO"]
    assert len(dpo) == 2  # one objectives table per table
    assert all(row[1] == OBRIEN for row in dpo)
