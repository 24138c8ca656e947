"""The console's downloads: the roadmap (ODT, DOCX) and the votes (CSV) of a workshop
or of one table, over a real server on 127.0.0.1, with the facilitator token."""

from __future__ import annotations

import csv
import io
import random
from urllib.parse import unquote

import aiohttp
import docx
from odfdo import Document as OdtDocument
from server_fixtures import LiveServer, live_server

from game.protocol import CreateWorkshopResponse
from server.exports import ascii_filename, content_disposition

__all__ = ["live_server"]

ODT = "application/vnd.oasis.opendocument.text"
NAMES = {"dgs": "Camille", "dpo": '=HYPERLINK("http://x")', "elu": "Sacha", "drh": "Alix"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def _get(
    server: LiveServer, path: str, token: str | None
) -> tuple[int, dict[str, str], bytes]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with aiohttp.ClientSession() as s, s.get(server.url + path, headers=headers) as r:
        return r.status, dict(r.headers), await r.read()


async def _played(server: LiveServer) -> CreateWorkshopResponse:
    """A mini table played to the end with random legal moves; « =HYPERLINK… » sits at DPO."""
    ws = await server.workshop()
    players = []
    for role, name in NAMES.items():
        p = await server.player()
        assert (await p.join(ws.tables[0].code, name=name, seat=role))["ok"]
        players.append(p)
    fac = await server.facilitator(ws.facilitator_token)
    rng = random.Random(3)
    for _ in range(600):
        if all(p.view.view.phase == "fin" for p in players):
            break
        movers = [p for p in players if p.view.view.legal_actions]
        if movers:
            p = rng.choice(movers)
            ack = await p.act(p.random_action(rng))
        else:
            ack = await fac.control(ws.tables[0].table_id, {"type": "advance_phase"})
        if ack["ok"]:
            for q in players:
                await q.wait_version(ack["version"])
    assert all(p.view.view.phase == "fin" for p in players)
    return ws


async def test_the_console_downloads_the_workshop_roadmap_and_votes(
    live_server: LiveServer,
) -> None:
    ws = await _played(live_server)
    base = f"/api/workshops/{ws.workshop_id}/report"
    status, headers, body = await _get(live_server, base + ".odt", ws.facilitator_token)
    assert status == 200 and headers["Content-Type"] == ODT
    disposition = headers["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Feuille de route - ')
    exact = unquote(disposition.split("filename*=UTF-8''")[1])
    assert exact.startswith("Feuille de route — ") and exact.endswith(".odt")
    odt = OdtDocument(io.BytesIO(body))
    headings = [h.text_recursive for h in odt.body.get_headers()]
    assert f"Table {ws.tables[0].code} — feuille de route" in headings

    status, headers, body = await _get(live_server, base + ".docx", ws.facilitator_token)
    assert status == 200 and headers["Content-Type"] == DOCX
    assert headers["Content-Disposition"].endswith(".docx")
    word = docx.Document(io.BytesIO(body))
    assert f"Table {ws.tables[0].code} — feuille de route" in [p.text for p in word.paragraphs]

    status, headers, body = await _get(live_server, base + ".csv", ws.facilitator_token)
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Table" and len(rows) > 1
    # The DPO's name would be a formula in Excel: it comes with an apostrophe.
    assert {r[5] for r in rows if r[4] == "DPO"} == {'\'=HYPERLINK("http://x")'}


async def test_one_tables_files_are_named_after_the_table(live_server: LiveServer) -> None:
    ws = await live_server.workshop(tables=2)
    table = ws.tables[1]
    for fmt in ("odt", "docx", "csv"):
        path = f"/api/tables/{table.table_id}/report.{fmt}"
        status, headers, _body = await _get(live_server, path, ws.facilitator_token)
        assert status == 200, fmt
        exact = unquote(headers["Content-Disposition"].split("filename*=UTF-8''")[1])
        assert exact.endswith(f" — Table {table.code}.{fmt}")
    status, _headers, body = await _get(
        live_server, f"/api/tables/{table.table_id}/report.odt", ws.facilitator_token
    )
    headings = [h.text_recursive for h in OdtDocument(io.BytesIO(body)).body.get_headers()]
    assert f"Table {ws.tables[0].code} — feuille de route" not in headings


async def test_downloads_need_the_facilitator_token_of_that_workshop(
    live_server: LiveServer,
) -> None:
    # No token, or another workshop's token: 403 with the French message, no file.
    ws = await live_server.workshop()
    other = await live_server.workshop()
    for token in (None, other.facilitator_token, "pas-un-jeton"):
        for path in (
            f"/api/workshops/{ws.workshop_id}/report.odt",
            f"/api/workshops/{ws.workshop_id}/report.csv",
            f"/api/tables/{ws.tables[0].table_id}/report.docx",
        ):
            status, body = await live_server.http("GET", path, token=token)
            assert status == 403 and body["error"]["code"] == "forbidden", (path, token)


async def test_an_unknown_format_is_a_french_404(live_server: LiveServer) -> None:
    ws = await live_server.workshop()
    status, body = await live_server.http(
        "GET", f"/api/workshops/{ws.workshop_id}/report.pdf", token=ws.facilitator_token
    )
    assert status == 404 and body["error"]["message"] == "Aucune ressource à cette adresse."


def test_the_ascii_filename_keeps_letters_and_drops_what_could_break_the_header() -> None:
    name = 'Feuille de route — Ville de Vaubrézy "x";\r\n.odt'
    assert ascii_filename(name) == "Feuille de route - Ville de Vaubrezy -x-.odt"
    header = content_disposition(name)
    assert "\r" not in header and "\n" not in header and header.count('"') == 2
    assert unquote(header.split("filename*=UTF-8''")[1]) == name
