"""The roadmap as an editable Word document (DOCX), with python-docx: the same pages as
the ODT (`odt.py`): A4 landscape, a title page, one page per table, a heading per step.

Text goes in as runs (python-docx turns new lines and tabs into breaks and tabs):
nothing a player typed is parsed as markup or made a field or a hyperlink.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell

from game.report.odt import WIDTHS
from game.report.roadmap_doc import RoadmapDocument, StepSection

FONT = "Calibri"
HEADER_FILL = "E8EEF4"


def _landscape(doc: DocxDocument) -> None:
    """A4 landscape, 1.5 cm margins."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Cm(1.5))


def _typography(doc: DocxDocument, lang: str) -> None:
    """One sans font, readable sizes, the document's language (for the spell checker)."""
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    for lang_el in doc.styles.element.iter(qn("w:lang")):  # the template's defaults
        lang_el.set(qn("w:val"), "fr-FR" if lang == "fr" else lang)
    for name, size in (("Title", 26), ("Heading 1", 18), ("Heading 2", 12)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _fill(cell: _Cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size = Pt(9)
    run.bold = bold


def _step_table(doc: DocxDocument, section: StepSection, columns: tuple[str, ...]) -> None:
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        _fill(cell, title, bold=True)
        _shade(cell)
    # The header row is repeated at the top of each page the table runs onto.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for texts in section.rows:
        for cell, text in zip(table.add_row().cells, texts, strict=True):
            _fill(cell, text)
    for row in table.rows:
        for cell, width in zip(row.cells, WIDTHS, strict=True):
            cell.width = Cm(width)


def _centred(doc: DocxDocument, text: str, size: int) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).font.size = Pt(size)


def docx_document(roadmap: RoadmapDocument) -> DocxDocument:
    """The roadmap as a python-docx `Document` (A4 landscape)."""
    doc = Document()
    _landscape(doc)
    _typography(doc, roadmap.lang)
    doc.core_properties.title = roadmap.title
    doc.core_properties.language = roadmap.lang
    title = doc.add_heading(level=0)
    title.add_run(roadmap.title)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Cm(3)
    _centred(doc, roadmap.subtitle, 13)
    _centred(doc, roadmap.meta, 13)
    for text in roadmap.intro:
        doc.add_paragraph().add_run(text)
    doc.add_heading(level=2).add_run(roadmap.contents_heading)
    for line in roadmap.contents:
        doc.add_paragraph().add_run(line)
    for page in roadmap.pages:
        heading = doc.add_heading(level=1)
        heading.add_run(page.heading)
        heading.paragraph_format.page_break_before = True
        doc.add_paragraph().add_run(page.facts)
        for section in page.steps:
            doc.add_heading(level=2).add_run(section.heading)
            if section.rows:
                _step_table(doc, section, roadmap.columns)
            else:
                doc.add_paragraph().add_run(section.empty)
        doc.add_paragraph().add_run(page.totals)
        doc.add_paragraph().add_run(page.toolbox)
    return doc


def docx_bytes(roadmap: RoadmapDocument) -> bytes:
    """The roadmap as the bytes of a .docx file."""
    out = io.BytesIO()
    docx_document(roadmap).save(out)
    return out.getvalue()
