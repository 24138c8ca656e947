"""The roadmap as an editable OpenDocument text (ODT), with odfdo: A4 landscape, a title
page, then one page per table (its heading breaks the page), a heading per step.

Text goes in with `Paragraph`/`Header`, i.e. as text nodes (new lines and tabs become
ODF line breaks and tabs): nothing a player typed is parsed as markup or made a link.
"""

from __future__ import annotations

import io

from odfdo import Cell, Column, Document, Header, Paragraph, Row, Style, Table
from odfdo.header_rows import HeaderRows
from odfdo.style_base import StyleBase

from game.report.roadmap_doc import RoadmapDocument, StepSection

PAGE = {"width": "29.7cm", "height": "21cm", "margin": "1.5cm"}
#: Widths of the step tables' columns (cm), in the order of roadmap_doc.COLUMNS: 26.7 cm.
WIDTHS = (1.3, 6.0, 3.6, 2.8, 3.6, 2.4, 2.6, 4.4)
TABLE_HEADING = "CapIA_Table"  # the style of each table's heading: a page break before
SANS = "Liberation Sans"


def _landscape(doc: Document) -> None:
    """Turn the template's one page layout to A4 landscape with narrow margins."""
    layout = doc.get_style("page-layout", "Mpm1")
    assert isinstance(layout, StyleBase)
    layout.set_properties(
        area="page-layout",
        properties={
            "fo:page-width": PAGE["width"],
            "fo:page-height": PAGE["height"],
            "style:print-orientation": "landscape",
            "fo:margin-top": PAGE["margin"],
            "fo:margin-bottom": PAGE["margin"],
            "fo:margin-left": PAGE["margin"],
            "fo:margin-right": PAGE["margin"],
        },
    )


def _paragraph_style(name: str, parent: str, size: str, *, bold: bool = False) -> Style:
    style = Style("paragraph", name=name, display_name=name, parent_style=parent)
    text = {"fo:font-size": size, "style:font-name": SANS}
    if bold:
        text["fo:font-weight"] = "bold"
    style.set_properties(area="text", properties=text)
    return style


def _styles(doc: Document) -> None:
    """The few named styles the document uses (editable in the office suite)."""
    title = _paragraph_style("CapIA_Titre", "Heading_20_1", "26pt", bold=True)
    centre = {"fo:margin-top": "3cm", "fo:text-align": "center"}
    title.set_properties(area="paragraph", properties=centre)
    heading = _paragraph_style(TABLE_HEADING, "Heading_20_1", "18pt", bold=True)
    heading.set_properties(area="paragraph", properties={"fo:break-before": "page"})
    step = _paragraph_style("CapIA_Etape", "Heading_20_2", "12pt", bold=True)
    step.set_properties(area="paragraph", properties={"fo:margin-top": "0.3cm"})
    centred = _paragraph_style("CapIA_Chapeau", "Text_20_body", "13pt")
    centred.set_properties(area="paragraph", properties={"fo:text-align": "center"})
    styles = [
        title,
        heading,
        step,
        centred,
        _paragraph_style("CapIA_Texte", "Text_20_body", "10.5pt"),
        _paragraph_style("CapIA_Cellule", "Standard", "9pt"),
        _paragraph_style("CapIA_Entete", "Standard", "9pt", bold=True),
    ]
    for style in styles:
        doc.insert_style(style)
    border = "0.5pt solid #7f7f7f"
    cell = Style("table-cell", name="CapIA_Case", border=border, padding="0.08cm")
    head = Style("table-cell", name="CapIA_Case_Entete", border=border, padding="0.08cm")
    head.set_properties(area="table-cell", properties={"fo:background-color": "#e8eef4"})
    doc.insert_style(cell, automatic=True)
    doc.insert_style(head, automatic=True)
    for i, width in enumerate(WIDTHS):
        column = Style("table-column", name=f"CapIA_Col{i}", width=f"{width}cm")
        doc.insert_style(column, automatic=True)
    table = Style("table", name="CapIA_Tableau", width=f"{sum(WIDTHS):.1f}cm", align="left")
    doc.insert_style(table, automatic=True)


def _heading(level: int, text: str, style: str) -> Header:
    heading = Header(level, text)
    heading.style = style  # odfdo's Header ignores its `style` argument
    return heading


def _cell(text: str, *, head: bool = False) -> Cell:
    cell = Cell(style="CapIA_Case_Entete" if head else "CapIA_Case")
    cell.append(Paragraph(text, style="CapIA_Entete" if head else "CapIA_Cellule"))
    return cell


def _row(texts: tuple[str, ...], *, head: bool = False) -> Row:
    row = Row()
    for text in texts:
        row.append(_cell(text, head=head))
    return row


def _step_table(section: StepSection, columns: tuple[str, ...], name: str) -> Table:
    table = Table(name, style="CapIA_Tableau")
    for i in range(len(columns)):
        table.append(Column(style=f"CapIA_Col{i}"))
    head = HeaderRows()  # repeated at the top of each page the table runs onto
    head.append(_row(columns, head=True))
    table.append(head)
    for row in section.rows:
        table.append(_row(row))
    return table


def odt_document(roadmap: RoadmapDocument) -> Document:
    """The roadmap as an odfdo `Document` (A4 landscape)."""
    doc = Document("text")
    _landscape(doc)
    _styles(doc)
    doc.set_language("fr-FR" if roadmap.lang == "fr" else roadmap.lang)
    doc.meta.set_title(roadmap.title)
    body = doc.body
    body.clear()
    body.append(_heading(1, roadmap.title, "CapIA_Titre"))
    body.append(Paragraph(roadmap.subtitle, style="CapIA_Chapeau"))
    body.append(Paragraph(roadmap.meta, style="CapIA_Chapeau"))
    for text in roadmap.intro:
        body.append(Paragraph(text, style="CapIA_Texte"))
    body.append(_heading(2, roadmap.contents_heading, "CapIA_Etape"))
    for line in roadmap.contents:
        body.append(Paragraph(line, style="CapIA_Texte"))
    for n, page in enumerate(roadmap.pages, start=1):
        body.append(_heading(1, page.heading, TABLE_HEADING))
        body.append(Paragraph(page.facts, style="CapIA_Texte"))
        for section in page.steps:
            body.append(_heading(2, section.heading, "CapIA_Etape"))
            if section.rows:
                name = f"Table{n}_Etape{section.step}"
                body.append(_step_table(section, roadmap.columns, name))
            else:
                body.append(Paragraph(section.empty, style="CapIA_Texte"))
        body.append(Paragraph(page.totals, style="CapIA_Texte"))
        body.append(Paragraph(page.toolbox, style="CapIA_Texte"))
    return doc


def odt_bytes(roadmap: RoadmapDocument) -> bytes:
    """The roadmap as the bytes of an .odt file."""
    out = io.BytesIO()
    odt_document(roadmap).save(out)
    return out.getvalue()
