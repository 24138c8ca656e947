"""What the collectivité takes home, as file bytes: the roadmap (ODT, DOCX) and the votes
(CSV), with the Content-Type each is served with."""

from __future__ import annotations

from collections.abc import Sequence

from game.report.model import TableReport

#: Export format → (file extension, media type).
EXPORTS = {
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "csv": ("csv", "text/csv; charset=utf-8"),
}


def export_bytes(tables: Sequence[TableReport], fmt: str, *, lang: str = "fr") -> bytes:
    """The file of format `fmt` ("odt", "docx" or "csv") for `tables`."""
    if fmt == "csv":
        from game.report.votes_csv import votes_csv_bytes

        return votes_csv_bytes(tables, lang=lang)
    from game.report.roadmap_doc import roadmap_document

    roadmap = roadmap_document(tables, lang=lang)
    if fmt == "odt":
        from game.report.odt import odt_bytes

        return odt_bytes(roadmap)
    if fmt == "docx":
        from game.report.word import docx_bytes

        return docx_bytes(roadmap)
    raise ValueError(f"format inconnu : {fmt} (odt, docx ou csv)")
