"""The HTTP side: opening a workshop, reading it, the public table card, health."""

from __future__ import annotations

from server_fixtures import LiveServer, live_server

__all__ = ["live_server"]


async def test_opening_a_workshop_gives_a_token_and_one_short_code_per_table(
    live_server: LiveServer,
) -> None:
    # POST /api/workshops {mini, 3 tables} → three 6-letter codes and a facilitator token.
    ws = await live_server.workshop(tables=3)
    assert len(ws.tables) == 3 and all(len(t.code) == 6 for t in ws.tables)
    assert len(ws.facilitator_token) >= 32
    status, body = await live_server.http(
        "GET", f"/api/workshops/{ws.workshop_id}", token=ws.facilitator_token
    )
    assert status == 200 and [t["code"] for t in body["tables"]] == [t.code for t in ws.tables]


async def test_a_scenario_is_chosen_by_plain_name_only(live_server: LiveServer) -> None:
    # « ../scenarios/ville-moyenne » is refused; an unknown name is « Scénario inconnu ».
    for name, expected in (("../scenarios/ville-moyenne", 400), ("nulle-part", 404)):
        status, body = await live_server.http(
            "POST", "/api/workshops", token=live_server.admin_token,
            body={"scenario": name, "tables": 1},
        )  # fmt: skip
        assert status == expected and body["ok"] is False, body
    status, body = await live_server.http(
        "POST", "/api/workshops", token=live_server.admin_token, body=[1, 2]
    )
    assert status == 400


async def test_the_connect_screen_reads_a_table_by_its_code(live_server: LiveServer) -> None:
    # Typing the code in lower case shows the four roles, the DGS taken by Ana.
    ws = await live_server.workshop()
    p = await live_server.player()
    assert (await p.join(ws.tables[0].code, name="Ana", seat="dgs"))["ok"]
    status, table = await live_server.http(
        "GET", f"/api/tables/by-code/{ws.tables[0].code.lower()}"
    )
    assert status == 200
    assert [(s["role"], s["occupied"]) for s in table["seats"]] == [
        ("dgs", True),
        ("dpo", False),
        ("elu", False),
        ("drh", False),
    ]
    assert table["seats"][0]["title"] == "DGS" and table["seats"][0]["name"] == "Ana"
    status, _ = await live_server.http("GET", "/api/tables/by-code/AAAAAA")
    assert status == 404


async def test_health_answers(live_server: LiveServer) -> None:
    # GET /healthz → {ok: true, ...counts}
    status, body = await live_server.http("GET", "/healthz")
    assert status == 200 and body["ok"] is True


async def test_the_facilitator_downloads_a_table_report_and_the_workshop_report(
    live_server: LiveServer,
) -> None:
    # GET /api/tables/{id}/report and /api/workshops/{id}/report → one HTML page each.
    ws = await live_server.workshop(tables=2)
    p = await live_server.player()
    assert (await p.join(ws.tables[0].code, name="Ana", seat="dgs"))["ok"]
    table = ws.tables[0].table_id
    status, html = await live_server.http(
        "GET", f"/api/tables/{table}/report", token=ws.facilitator_token
    )
    assert status == 200 and "<html" in html and f"Table {ws.tables[0].code}" in html
    status, html = await live_server.http(
        "GET", f"/api/workshops/{ws.workshop_id}/report", token=ws.facilitator_token
    )
    assert status == 200 and all(f"Table {t.code}" in html for t in ws.tables)


async def test_reports_and_the_pack_need_the_facilitator_token_of_that_workshop(
    live_server: LiveServer,
) -> None:
    # Another workshop's token, or none, gets 403 on the report and pack routes.
    ws = await live_server.workshop()
    other = await live_server.workshop()
    for token in (None, other.facilitator_token):
        status, _ = await live_server.http(
            "GET", f"/api/tables/{ws.tables[0].table_id}/report", token=token
        )
        assert status == 403
        status, _ = await live_server.http(
            "GET", f"/api/workshops/{ws.workshop_id}/report", token=token
        )
        assert status == 403
        status, _ = await live_server.http(
            "GET", f"/api/workshops/{ws.workshop_id}/pack", token=token
        )
        assert status == 403
