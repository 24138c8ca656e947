"""What a hostile player writes (a name, a justification, a table's name) stays plain text
in every file the debrief hands out: HTML, Markdown, ODT, DOCX and CSV."""

from __future__ import annotations

import csv
import io
import zipfile

import docx
import pytest
from odfdo import Document as OdtDocument
from report_helpers import Page, inline_texts, markdown, one_line, seeded_game, walk

from game.report import build_export, build_report_html, build_report_markdown, table_reports
from game.report.votes_csv import FORMULA_STARTS, guard

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![x](https://evil/x.png)",
    "{{ 7*7 }}",
    "{% raw %}",
    '=HYPERLINK("https://evil/","clic")',
    "| a | b |",
    "`code` et ```bloc```",
    "ligne 1\nligne 2\n    - puce",
    "+33 6 12 34 56 78",
    "@SOMME(A1:A9)",
    "-1 (contre)",
    "\tTabulé",
)
NAMES = {
    "dgs": HOSTILE[0],
    "dpo": HOSTILE[1],
    "elu": HOSTILE[5][:40],
    "drh": "`x` | a | b | {{ 7*7 }}",
}
TABLES = ["![x](https://evil/x.png) {% raw %}", '=HYPERLINK("x")\n| a | b |', "@table"]
JUSTIFICATIONS = (*HOSTILE, " ".join(HOSTILE))


@pytest.fixture(scope="module")
def logs() -> list[str]:
    return [seeded_game(NAMES, JUSTIFICATIONS, seed=s, turns=3).to_jsonl() for s in (1, 5, 7)]


def _owners(logs: list[str]) -> set[str]:
    """The hostile names that the roadmap documents print (as owners of a project)."""
    tables = table_reports(logs, names=TABLES)
    owners = {c.owner.name for tb in tables for c in tb.roadmap if c.owner and c.owner.name}
    assert owners, "some hostile seat owns a project"
    return owners


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_html_injects_no_tag_or_attribute(logs: list[str]) -> None:
    page = Page()
    page.feed(build_report_html(logs, names=TABLES))
    for tag, attrs in page.tags:
        assert tag not in {"script", "iframe", "object", "embed", "base", "form"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value is not None and value.startswith("#"), value
            if name == "src":
                assert value is not None and value.startswith("data:image/"), value[:40]
    text = _flat(" ".join(page.text))
    for written in (*NAMES.values(), *TABLES, *HOSTILE):
        assert _flat(written) in text, written


def test_markdown_renders_no_link_image_html_or_code(logs: list[str]) -> None:
    notes = build_report_markdown(logs, names=TABLES)
    tokens = walk(markdown().parse(notes))
    live = {"link_open", "image", "html_inline", "html_block", "code_inline", "fence"}
    assert not {t.type for t in tokens} & (live | {"code_block"})
    text = " ¶ ".join(inline_texts(markdown().parse(notes)))
    for written in (*NAMES.values(), *TABLES, *HOSTILE):
        assert one_line(written) in text, written


def test_odt_prints_the_text_as_typed_and_no_link(logs: list[str]) -> None:
    data = build_export(logs, "odt", names=TABLES)
    doc = OdtDocument(io.BytesIO(data))
    assert doc.body.get_links() == []
    content = zipfile.ZipFile(io.BytesIO(data)).read("content.xml").decode("utf-8")
    for element in ("<text:a ", "<img", "<text:user-field", "<text:script"):
        assert element not in content, element
    headings = [h.text_recursive for h in doc.body.get_headers()]
    for table in TABLES:  # a new line in a name is a line break, the rest as typed
        assert f"{table} — feuille de route" in headings, table
    cells = [
        cell.text_recursive
        for table in doc.body.get_tables()
        for row in table.get_rows()
        for cell in row.get_cells()
    ]
    for name in _owners(logs):
        assert any(name in cell for cell in cells), name


def test_docx_prints_the_text_as_typed_and_no_link_or_field(logs: list[str]) -> None:
    data = build_export(logs, "docx", names=TABLES)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    for element in ("<w:hyperlink", "<w:fldSimple", "<w:instrText", "<w:fldChar"):
        assert element not in xml, element
    doc = docx.Document(io.BytesIO(data))
    headings = [p.text for p in doc.paragraphs if p.style and p.style.name == "Heading 1"]
    assert headings == [f"{table} — feuille de route" for table in TABLES]
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for name in _owners(logs):
        assert any(name in cell for cell in cells), name


def test_csv_guards_formulas_and_keeps_every_row_whole(logs: list[str]) -> None:
    data = build_export(logs, "csv", names=TABLES)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    tables = table_reports(logs, names=TABLES)
    ballots = [
        (tb.name, b)
        for tb in tables
        for turn in range(1, tb.turns_played + 1)
        for record in (
            *[p for p in tb.proposals if p.turn == turn],
            *[d for d in tb.dilemmas if d.turn == turn],
        )
        for b in record.ballots
    ]
    assert len(rows) == 1 + len(ballots)
    assert all(len(r) == 10 for r in rows)
    for row, (table, ballot) in zip(rows[1:], ballots, strict=True):
        assert row[0] == guard(table)
        assert row[5] == guard(ballot.person.name)
        assert row[8] == guard(ballot.justification)  # new lines kept inside the cell
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    written = {r[8] for r in rows}
    assert '\'=HYPERLINK("https://evil/","clic")' in written
    assert "ligne 1\nligne 2\n    - puce" in written and "'\tTabulé" in written


def test_a_name_with_control_characters_still_gives_every_file() -> None:
    # XML cannot hold NUL or ESC: the documents drop them. A table named on the command
    # line may carry a lone surrogate (an undecodable file name): the CSV shows « ? ».
    names = {"dgs": "Ca\x00mi\x1bl\x0ble", "dpo": "Do", "elu": "Sacha", "drh": "Alix"}
    log = seeded_game(names, ("vu\x07",), seed=1).to_jsonl()
    odt = OdtDocument(io.BytesIO(build_export([log], "odt", names=["T\x01"])))
    assert "T — feuille de route" in [h.text_recursive for h in odt.body.get_headers()]
    word = docx.Document(io.BytesIO(build_export([log], "docx", names=["T\x01"])))
    assert "T — feuille de route" in [p.text for p in word.paragraphs]
    votes = build_export([log], "csv", names=["T\udcff"]).decode("utf-8-sig")
    assert votes.splitlines()[1].startswith("T?;1;")
