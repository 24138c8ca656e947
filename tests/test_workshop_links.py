"""Join links, their QR codes, and the debrief in a browser through a signed, expiring link."""

from __future__ import annotations

import time
from pathlib import Path

import aiohttp
from server_fixtures import LiveServer, live_server, start_server, stop_server

from game.join_qr import join_qr_png, join_url
from game.workshop_api import DebriefLink, WorkshopAccess
from server.credentials import DebriefGrant, debrief_key
from server.keys import HUB_KEY

__all__ = ["live_server"]


async def _get(url: str) -> tuple[int, str, bytes]:
    async with aiohttp.ClientSession() as s, s.get(url) as r:
        return r.status, r.content_type, await r.read()


async def test_the_facilitator_gets_each_table_s_join_url_and_qr_code(tmp_path: Path) -> None:
    # Behind a reverse proxy: the join links and QR codes use the public URL.
    public = "https://atelier.example.org"
    server = await start_server(tmp_path / "capia.sqlite3", public_url=public)
    try:
        ws = await server.workshop(tables=2)
        path = f"/api/workshops/{ws.workshop_id}/access"
        assert (await server.http("GET", path))[0] == 403
        status, body = await server.http("GET", path, token=ws.facilitator_token)
        assert status == 200, body
        access = WorkshopAccess.model_validate(body)
        assert access.base_urls == (public,) and access.reachable_from_network
        code = ws.tables[1].code
        table = access.tables[1]
        assert table.join_url == f"{public}/t/{code}"
        status, kind, png = await _get(server.url + table.qr_png)
        assert (status, kind) == (200, "image/png")
        assert png == join_qr_png(join_url(public, code))
        status, kind, svg = await _get(server.url + table.qr_svg)
        assert (status, kind) == (200, "image/svg+xml") and b"<svg" in svg
        assert (await _get(server.url + "/api/join/ZZZZZZ/qr.png"))[0] == 404
    finally:
        await stop_server(server)


async def test_a_local_only_server_says_others_cannot_join(live_server: LiveServer) -> None:
    ws = await live_server.workshop()
    path = f"/api/workshops/{ws.workshop_id}/access"
    _, body = await live_server.http("GET", path, token=ws.facilitator_token)
    assert body["reachable_from_network"] is False
    assert body["base_urls"] == [live_server.url]


async def test_a_debrief_link_opens_in_a_browser_without_a_header(live_server: LiveServer) -> None:
    ws = await live_server.workshop(tables=2)
    path = f"/api/workshops/{ws.workshop_id}/debrief-link"
    assert (await live_server.http("POST", path))[0] == 403
    status, body = await live_server.http("POST", path, token=ws.facilitator_token)
    assert status == 200, body
    link = DebriefLink.model_validate(body)
    assert link.url.startswith(f"{live_server.url}/debrief/{ws.workshop_id}?k=")
    assert 6.9 * 86400 < link.expires - time.time() <= 7 * 86400 + 1
    status, kind, page = await _get(link.url)
    assert (status, kind) == (200, "text/html")
    for t in ws.tables:
        assert f"Table {t.code}".encode() in page
    # The workshop's link opens each of its tables too.
    one = ws.tables[0]
    key = link.url.split("?k=")[1]
    status, _, page = await _get(
        f"{live_server.url}/debrief/{ws.workshop_id}/{one.table_id}?k={key}"
    )
    assert status == 200 and f"Table {one.code}".encode() in page
    assert f"Table {ws.tables[1].code}".encode() not in page


async def test_a_table_s_link_opens_that_table_only(live_server: LiveServer) -> None:
    ws = await live_server.workshop(tables=2)
    first, second = ws.tables
    path = f"/api/workshops/{ws.workshop_id}/debrief-link"
    status, body = await live_server.http(
        "POST", path, token=ws.facilitator_token, body={"table_id": first.table_id, "days": 1}
    )
    assert status == 200, body
    url = body["url"]
    assert url.startswith(f"{live_server.url}/debrief/{ws.workshop_id}/{first.table_id}?k=")
    assert (await _get(url))[0] == 200
    key = url.split("?k=")[1]
    for other in (f"/debrief/{ws.workshop_id}/{second.table_id}", f"/debrief/{ws.workshop_id}"):
        status, _, page = await _get(f"{live_server.url}{other}?k={key}")
        assert status == 403 and "autre table" in page.decode()


async def test_forged_expired_or_other_workshop_links_get_a_french_403(
    live_server: LiveServer,
) -> None:
    ws = await live_server.workshop()
    other = await live_server.workshop()
    path = f"/api/workshops/{ws.workshop_id}/debrief-link"
    _, body = await live_server.http("POST", path, token=ws.facilitator_token)
    url: str = body["url"]
    assert live_server.runner is not None
    secret = live_server.runner.app[HUB_KEY].secret
    expired = debrief_key(secret, DebriefGrant(ws.workshop_id, None, time.time() - 1))
    forged = debrief_key("not-the-secret", DebriefGrant(ws.workshop_id, None, time.time() + 99))
    cases = {
        url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB"): "modifié",
        url.replace(ws.workshop_id, other.workshop_id): "modifié",
        url.split("?")[0]: "modifié",
        url.split("?")[0] + f"?k={forged}": "modifié",
        url.split("?")[0] + f"?k={expired}": "expiré",
    }
    for bad, reason in cases.items():
        status, kind, page = await _get(bad)
        assert (status, kind) == (403, "text/html"), bad
        text = page.decode()
        assert "Lien de débriefing refusé" in text and reason in text, (bad, text)
    status, body = await live_server.http(
        "POST", path, token=ws.facilitator_token, body={"table_id": other.tables[0].table_id}
    )
    assert status == 404 and body["ok"] is False
