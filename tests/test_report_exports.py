"""What the collectivité takes home: the roadmap as ODT and DOCX (landscape, a page per
table, the five steps as headings, costs and owners), and the votes as CSV for Excel.

Logs are bot-played games of both bundled packs; the files are reopened with the
libraries that read them (odfdo, python-docx, csv), as an office suite would."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from odfdo import Document as OdtDocument
from report_helpers import ROOT, bot_game

from game.cli import main
from game.report import build_export, table_reports
from game.report.model import TableReport
from game.report.roadmap_doc import amount
from game.report.votes_csv import guard

PACKS = ("decouverte", "ville-moyenne")
NAMES = ["Les Hérons", "Les Loutres"]
STEP_NAMES = (
    "Cartographier",
    "S'outiller",
    "Expérimenter, accompagner, organiser",
    "Cadre d'usage",
    "Déployer",
)
NBSP = "\u00a0"


@pytest.fixture(scope="module", params=PACKS)
def logs(request: pytest.FixtureRequest) -> list[str]:
    from game.scenario import load_pack

    pack = load_pack(ROOT / "scenarios" / request.param)
    return [bot_game(pack, seed=s, bots=("greedy", "cautious")).to_jsonl() for s in (1, 2)]


def _tables(logs: list[str]) -> list[TableReport]:
    return table_reports(logs, names=NAMES)


def _odt(logs: list[str]) -> OdtDocument:
    return OdtDocument(io.BytesIO(build_export(logs, "odt", names=NAMES)))


def _docx(logs: list[str]) -> DocxDocument:
    return docx.Document(io.BytesIO(build_export(logs, "docx", names=NAMES)))


def _odt_rows(doc: OdtDocument) -> list[list[str]]:
    return [
        [cell.text_recursive.rstrip("\n") for cell in row.get_cells()]
        for table in doc.body.get_tables()
        for row in table.get_rows()
    ]


def test_odt_pages_are_a4_landscape(logs: list[str]) -> None:
    # The office suite opens the roadmap lying down: 29.7 cm wide, 21 cm high.
    layout = _odt(logs).get_style("page-layout", "Mpm1")
    assert layout is not None
    props = layout.get_properties(area="page-layout")
    assert props is not None
    assert props["style:print-orientation"] == "landscape"
    assert (props["fo:page-width"], props["fo:page-height"]) == ("29.7cm", "21cm")


def test_odt_has_a_title_page_then_a_page_per_table_with_the_five_steps(logs: list[str]) -> None:
    doc = _odt(logs)
    headings = [(int(h.level), h.style, h.text_recursive) for h in doc.body.get_headers()]
    assert headings[0][:2] == (1, "CapIA_Titre")
    assert headings[0][2].startswith("Feuille de route IA — ")
    tables = [h for h in headings if h[1] == "CapIA_Table"]
    assert [h[2] for h in tables] == [f"{n} — feuille de route" for n in NAMES]
    page = doc.get_style("paragraph", "CapIA_Table")
    assert page is not None
    assert page.get_properties(area="paragraph")["fo:break-before"] == "page"  # type: ignore[index]
    # Under each table's heading, the five steps of the method, in order.
    steps = [h[2] for h in headings if h[0] == 2 and h[2].startswith("Étape")]
    expected = [f"Étape {n} — {name}" for n, name in enumerate(STEP_NAMES, start=1)]
    assert steps == expected * len(NAMES)


def _expected_cells(table: TableReport) -> list[tuple[str, str, str]]:
    """(project, one-off cost, owner's role) of every project the table funded."""
    out = []
    for card in table.roadmap:
        assert card.owner is not None, card.title  # every project was proposed by a seat
        out.append((card.title, f"{amount(card.cost)}{NBSP}k€", card.owner.title))
    return out


def test_odt_rows_carry_each_projects_costs_and_owner(logs: list[str]) -> None:
    rows = _odt_rows(_odt(logs))
    header = rows[0]
    assert header == [
        "Tour",
        "Projet",
        "Nature",
        "Avancement",
        "Porteur",
        "Investissement",
        "Fonctionnement",
        "Leviers de la boîte à outils",
    ]
    body = [r for r in rows if r != header]
    # The header row repeats on each page a long step's table runs onto.
    for table in _odt(logs).body.get_tables():
        assert table.get_elements("table:table-header-rows/table:table-row")
    tables = _tables(logs)
    assert len(body) == sum(len(tb.roadmap) for tb in tables)
    for tb in tables:
        for title, cost, owner in _expected_cells(tb):
            assert any(r[1] == title and r[5] == cost and r[4].startswith(owner) for r in body)
    running = [c for tb in tables for c in tb.roadmap if c.running_cost]
    assert running, "the packs have running costs (cout_par_tour)"
    for card in running:
        assert any(
            r[1] == card.title and r[6] == f"{card.running_cost}{NBSP}k€ / tour" for r in body
        )


def test_amounts_are_printed_the_french_way() -> None:
    # « 1 040 k€ »: thousands apart by a narrow no-break space.
    assert amount(1040) == "1\u202f040" and amount(950) == "950" and amount(0) == "0"


def test_each_page_ends_with_the_tables_totals(logs: list[str]) -> None:
    doc = _docx(logs)
    totals = [p.text for p in doc.paragraphs if p.text.startswith("Total engagé")]
    for text, table in zip(totals, _tables(logs), strict=True):
        cost = amount(sum(c.cost for c in table.roadmap))
        running = amount(sum(c.running_cost for c in table.roadmap))
        assert text == (
            f"Total engagé\u202f: {cost}{NBSP}k€ d'investissement\u202f; {running}{NBSP}k€ "
            "de fonctionnement par tour une fois tout déployé."
        )


def test_docx_is_landscape_with_a_page_per_table_and_the_five_steps(logs: list[str]) -> None:
    doc = _docx(logs)
    section = doc.sections[0]
    assert section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE
    assert section.page_width is not None and section.page_height is not None
    assert section.page_width > section.page_height
    paragraphs = [(p.style.name if p.style else "", p) for p in doc.paragraphs]
    assert paragraphs[0][0] == "Title"
    tables = [p for style, p in paragraphs if style == "Heading 1"]
    assert [p.text for p in tables] == [f"{n} — feuille de route" for n in NAMES]
    assert all(p.paragraph_format.page_break_before for p in tables)
    steps = [p.text for style, p in paragraphs if style == "Heading 2" and p.text.startswith("É")]
    expected = [f"Étape {n} — {name}" for n, name in enumerate(STEP_NAMES, start=1)]
    assert steps == expected * len(NAMES)


def test_docx_rows_carry_each_projects_costs_and_owner(logs: list[str]) -> None:
    doc = _docx(logs)
    for table in doc.tables:  # the header row repeats on each page the table runs onto
        assert table.rows[0]._tr.trPr is not None
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    body = [r for r in rows if r[0] != "Tour"]
    tables = _tables(logs)
    assert len(body) == sum(len(tb.roadmap) for tb in tables)
    for tb in tables:
        for title, cost, owner in _expected_cells(tb):
            assert any(r[1] == title and r[5] == cost and r[4].startswith(owner) for r in body)


def test_csv_has_a_row_per_vote_that_french_excel_opens(logs: list[str]) -> None:
    data = build_export(logs, "csv", names=NAMES)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark: Excel reads accents
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Table",
        "Tour",
        "Phase",
        "Intitulé",
        "Rôle",
        "Joueur·euse",
        "Vote",
        "Auteur·rice",
        "Justification",
        "Heure",
    ]
    tables = _tables(logs)
    ballots = sum(len(p.ballots) for tb in tables for p in tb.proposals)
    ballots += sum(len(d.ballots) for tb in tables for d in tb.dilemmas)
    assert len(rows) - 1 == ballots
    assert all(len(r) == 10 for r in rows)
    assert {r[2] for r in rows[1:]} <= {"Vote", "Dilemmes"}
    justified = [r for r in rows[1:] if r[8]]
    assert (
        "Sans cartographie des usages, on avance à l'aveugle : d'abord savoir ce qui existe."
        in {r[8] for r in justified}
    )
    assert all(r[9][2] == "/" and r[9][5] == "/" for r in rows[1:])  # « 14/11/2023 22:13:33 »


@pytest.mark.parametrize("text", ["=1+1", "+33 6", "-2", "@SOMME(A1)", "\tx", "\rx"])
def test_a_cell_that_starts_like_a_formula_gets_an_apostrophe(text: str) -> None:
    # Excel shows the text as typed instead of computing it.
    assert guard(text) == "'" + text


@pytest.mark.parametrize("text", ["Trop cher", "", "1er tour", "« = »"])
def test_other_cells_are_left_as_they_are(text: str) -> None:
    assert guard(text) == text
    assert guard(3) == 3


def test_capia_report_writes_odt_docx_and_csv(tmp_path: Path, logs: list[str]) -> None:
    # `capia report a.jsonl b.jsonl --format odt` (or `-o x.docx`, `-o votes.csv`).
    paths = []
    for i, text in enumerate(logs):
        path = tmp_path / f"table-{i + 1}.jsonl"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    odt = tmp_path / "atelier.odt"
    assert main(["report", *paths, "--format", "odt", "-o", str(odt)]) == 0
    with zipfile.ZipFile(odt) as z:
        assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    word = tmp_path / "atelier.docx"
    assert main(["report", *paths, "-o", str(word)]) == 0
    assert [p.text for p in docx.Document(str(word)).paragraphs if p.text.startswith("table-")]
    votes = tmp_path / "votes.csv"
    assert main(["report", paths[0], "-o", str(votes)]) == 0
    assert votes.read_bytes().startswith(b"\xef\xbb\xbfTable;Tour;Phase;")


def test_the_documents_say_they_are_in_french(logs: list[str]) -> None:
    # The spell checker of the office suite checks French, not English.
    word = _docx(logs)
    langs = {el.get(qn("w:val")) for el in word.styles.element.iter(qn("w:lang"))}
    assert langs == {"fr-FR"}
    assert _odt(logs).language == "fr-FR"
