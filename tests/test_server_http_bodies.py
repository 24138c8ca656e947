"""Hostile HTTP requests: whatever the body, content type, method or path, every route
answers with a French refusal (or its usual answer when it reads no body), never a 500."""

from __future__ import annotations

import asyncio
import gzip
import json
import logging
import re
from typing import Any

import aiohttp
import pytest
from server_fixtures import LiveServer, live_server

from game.protocol import CreateWorkshopResponse, ErrorCode

__all__ = ["live_server"]

JSON = "application/json"
#: (name, body bytes, headers): bodies no route should answer with a 500
HOSTILE: list[tuple[str, bytes, dict[str, str]]] = [
    ("deep arrays", b"[" * 30_000 + b"]" * 30_000, {"Content-Type": JSON}),
    ("deep objects", b'{"a":' * 10_000 + b"1" + b"}" * 10_000, {"Content-Type": JSON}),
    ("deep in a field", b'{"scenario":' + b"[" * 900 + b"]" * 900 + b"}", {"Content-Type": JSON}),
    ("truncated JSON", b'{"scenario": "mini", "tab', {"Content-Type": JSON}),
    ("not JSON", b"scenario=mini&tables=1", {"Content-Type": JSON}),
    ("not UTF-8", '{"scenario": "été", "tables": 1}'.encode("latin-1"), {"Content-Type": JSON}),
    ("UTF-16", '{"scenario": "mini", "tables": 1}'.encode("utf-16"), {"Content-Type": JSON}),
    ("huge", b'{"scenario": "' + b"x" * 1_000_000 + b'"}', {"Content-Type": JSON}),
    (
        "gzip bomb",
        gzip.compress(b" " * 5_000_000),
        {"Content-Type": JSON, "Content-Encoding": "gzip"},
    ),
    ("bad gzip", b"not gzip at all", {"Content-Type": JSON, "Content-Encoding": "gzip"}),
    ("empty", b"", {"Content-Type": JSON}),
    ("null", b"null", {"Content-Type": JSON}),
    ("a list", b'["mini", 1]', {"Content-Type": JSON}),
    (
        "huge number",
        b'{"scenario": "mini", "tables": 1' + b"0" * 5000 + b"}",
        {"Content-Type": JSON},
    ),
    ("NaN", b'{"scenario": "mini", "tables": NaN}', {"Content-Type": JSON}),
    ("text/plain", b'{"scenario": "mini", "tables": 1}', {"Content-Type": "text/plain"}),
    ("form", b"scenario=mini&tables=1", {"Content-Type": "application/x-www-form-urlencoded"}),
    (
        "multipart",
        b"--x\r\n\r\nmini\r\n--x--\r\n",
        {"Content-Type": "multipart/form-data; boundary=x"},
    ),
    ("no content type", b'{"scenario": "mini", "tables": 1}', {}),
]

_FRENCH = re.compile(
    r"[éèêàçùôû«»]|\b(de|la|le|les|du|des|à|au|ou|sur|aucun|aucune)\b|\b[dlnj]'", re.IGNORECASE
)


def assert_french_refusal(status: int, body: Any) -> None:
    """A 4xx whose body is an ErrorAck with a French message."""
    assert 400 <= status < 500, (status, body)
    assert isinstance(body, dict) and body.get("ok") is False, body
    assert body["error"]["code"] in set(ErrorCode) - {ErrorCode.INTERNAL}, body
    assert _FRENCH.search(body["error"]["message"]), body


async def send(
    server: LiveServer, method: str, path: str, data: bytes, headers: dict[str, str]
) -> tuple[int, Any]:
    """(status, parsed JSON or text) of one request with a raw body (no client help)."""
    async with (
        aiohttp.ClientSession(auto_decompress=False, skip_auto_headers=["Content-Type"]) as s,
        s.request(method, server.url + path, data=data, headers=headers) as r,
    ):
        text = await r.text()
    try:
        return r.status, json.loads(text)
    except ValueError:
        return r.status, text


def route_paths(ws: CreateWorkshopResponse) -> list[tuple[str, str, bool]]:
    """(method, path, reads a body) of every HTTP route, for workshop `ws`."""
    w, t = ws.workshop_id, ws.tables[0]
    return [
        ("GET", "/healthz", False),
        ("POST", "/api/workshops", True),
        ("GET", f"/api/workshops/{w}", False),
        ("GET", f"/api/tables/by-code/{t.code}", False),
        ("GET", f"/api/tables/{t.table_id}/log", False),
        ("GET", f"/api/tables/{t.table_id}/report", False),
        ("GET", f"/api/workshops/{w}/report", False),
        ("GET", f"/api/workshops/{w}/pack", False),
        ("GET", f"/api/workshops/{w}/access", False),
        ("GET", f"/api/join/{t.code}/qr.svg", False),
        ("POST", f"/api/workshops/{w}/debrief-link", True),
    ]


class _Failures(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def route_failures() -> Any:
    """Failures the server's own code logged while handling a route (a 500 in the making)."""
    handler = _Failures()
    logger = logging.getLogger("server")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


@pytest.mark.parametrize(("name", "data", "headers"), HOSTILE, ids=[h[0] for h in HOSTILE])
async def test_opening_a_workshop_refuses_any_bad_body_in_french(
    live_server: LiveServer,
    route_failures: list[logging.LogRecord],
    name: str,
    data: bytes,
    headers: dict[str, str],
) -> None:
    # A 60 KB nest of brackets, a latin-1 body, 1 MB, a gzip bomb or a form: each gets a
    # French 4xx, and no workshop is opened.
    headers = {**headers, "Authorization": f"Bearer {live_server.admin_token}"}
    status, body = await send(live_server, "POST", "/api/workshops", data, headers)
    assert_french_refusal(status, body)
    _, health = await live_server.http("GET", "/healthz")
    assert health["workshops"] == 0
    assert not route_failures


async def test_the_refusal_says_what_is_wrong(live_server: LiveServer) -> None:
    # Too large → 413 payload_too_large; not JSON → 415; bad JSON → 400.
    cases = {
        "huge": (413, ErrorCode.PAYLOAD_TOO_LARGE),
        "gzip bomb": (413, ErrorCode.PAYLOAD_TOO_LARGE),
        "text/plain": (415, ErrorCode.BAD_REQUEST),
        "no content type": (415, ErrorCode.BAD_REQUEST),
        "deep arrays": (400, ErrorCode.BAD_REQUEST),
        "not UTF-8": (400, ErrorCode.BAD_REQUEST),
        "a list": (400, ErrorCode.BAD_REQUEST),
    }
    for name, data, headers in HOSTILE:
        if name in cases:
            headers = {**headers, "Authorization": f"Bearer {live_server.admin_token}"}
            status, body = await send(live_server, "POST", "/api/workshops", data, headers)
            assert (status, body["error"]["code"]) == cases[name], (name, body)


async def test_routes_that_read_no_body_ignore_any_body(
    live_server: LiveServer, route_failures: list[logging.LogRecord]
) -> None:
    # Every GET route answers the same with or without a hostile body (here without the
    # facilitator's token: health and the table card answer 200, the rest a French 403).
    ws = await live_server.workshop()
    for method, path, reads_body in route_paths(ws):
        if reads_body:
            continue
        plain_status, _ = await send(live_server, method, path, b"", {})
        for name, data, headers in HOSTILE:
            status, body = await send(live_server, method, path, data, headers)
            assert status == plain_status, (path, name, body)
            if status >= 400:
                assert_french_refusal(status, body)
    assert not route_failures


async def test_a_wrong_method_or_path_is_refused_in_french(live_server: LiveServer) -> None:
    # POST on a read-only route, GET on the opening route, DELETE, an unknown path, an
    # odd id: French 404 / 405, never aiohttp's English page.
    ws = await live_server.workshop()
    for _, path, reads_body in route_paths(ws):
        wrong = "PUT" if reads_body else "POST"
        status, body = await send(live_server, wrong, path, b"{}", {"Content-Type": JSON})
        assert status == 405, (wrong, path)
        assert_french_refusal(status, body)
        status, body = await send(live_server, "DELETE", path, b"", {})
        assert status == 405
        assert_french_refusal(status, body)
    for path in ("/api", "/api/nothing", "/api/tables/x/y/z", "/%ff%fe", "/api/" + "x" * 4000):
        status, body = await send(live_server, "GET", path, b"", {})
        assert status == 404, path
        assert_french_refusal(status, body)
    for path in ("/api/tables/by-code/%00", "/api/tables/%ff/log", "/api/workshops/%C3%A9t%C3%A9"):
        status, body = await send(live_server, "GET", path, b"", {})
        assert status in (403, 404), path
        assert_french_refusal(status, body)


async def _raw(server: LiveServer, request: bytes) -> bytes:
    """What the server sends back to one raw request, its writing side then closed."""
    host, port = server.url.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(request)
    writer.write_eof()
    try:
        return await asyncio.wait_for(reader.read(), 10)
    finally:
        writer.close()


async def test_a_body_cut_short_leaves_the_server_serving(
    live_server: LiveServer, route_failures: list[logging.LogRecord]
) -> None:
    # Content-Length promises 100 bytes, 6 come, then the client hangs up: no 500, no
    # workshop, and the next request is served.
    head = b"POST /api/workshops HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    answer = await _raw(live_server, head + b'Content-Length: 100\r\n\r\n{"scen')
    assert b" 500 " not in answer.split(b"\r\n", 1)[0]
    status, health = await live_server.http("GET", "/healthz")
    assert status == 200 and health["workshops"] == 0
    assert not route_failures
