"""The server's console: one INFO line per workshop opened, join, leave, phase change."""

from __future__ import annotations

import logging

import pytest
from server_fixtures import LiveServer, live_server

__all__ = ["live_server"]


def _lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "capia.server"]


async def test_a_table_s_life_is_one_line_per_step(
    live_server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    # The facilitator's console reads: the workshop opened with its code, Camille sat
    # at the DPO seat, the game went to « Événement » of turn 1, Camille left her seat,
    # and Paul's connection dropped while his seat waits for him.
    caplog.set_level(logging.INFO, logger="capia.server")
    ws = await live_server.workshop(tables=1)
    code = ws.tables[0].code
    camille, paul = await live_server.player(), await live_server.player()
    assert (await camille.join(code, name="Camille", seat="dpo"))["ok"]
    assert (await paul.join(code, name="Paul", seat="dgs"))["ok"]
    fac = await live_server.facilitator(ws.facilitator_token)
    assert (await fac.control(ws.tables[0].table_id, {"type": "start_game"}))["ok"]
    assert (await camille.call("leave", {}))["ok"]
    await paul.sio.disconnect()
    await fac.wait_for(lambda: any("connexion perdue" in x for x in _lines(caplog)))
    assert _lines(caplog) == [
        f"Atelier {ws.workshop_id} ouvert : scénario « mini », 1 table(s) (codes {code}).",
        f"Table {code} : « Camille » a rejoint la place dpo.",
        f"Table {code} : « Paul » a rejoint la place dgs.",
        f"Table {code} : phase « Événement », tour 1.",
        f"Table {code} : la place dpo est libérée.",
        f"Table {code} : connexion perdue (dgs), la place attend son retour.",
    ]


async def test_taking_a_seat_back_with_its_token_says_so(
    live_server: LiveServer, caplog: pytest.LogCaptureFixture
) -> None:
    # Paul's laptop slept; he comes back with his token: « a repris la place dgs ».
    caplog.set_level(logging.INFO, logger="capia.server")
    ws = await live_server.workshop(tables=1)
    code = ws.tables[0].code
    first = await live_server.player()
    token = (await first.join(code, name="Paul", seat="dgs"))["token"]
    await first.sio.disconnect()
    again = await live_server.player()
    assert (await again.join(code, token=token))["ok"]
    assert _lines(caplog)[-1] == f"Table {code} : « Paul » a repris la place dgs."
