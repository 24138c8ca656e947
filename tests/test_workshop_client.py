"""The calls the facilitator console makes for « Nouvel atelier », the join QR codes, the
debrief in a browser and closing (game/workshop_client.py, no server import)."""

from __future__ import annotations

import asyncio
import io
import urllib.request

import pygame
import pytest
from server_fixtures import LiveServer, live_server

from game import workshop_client as api
from game.join_qr import join_qr_png

__all__ = ["live_server"]


async def test_the_console_opens_shows_links_and_closes_a_workshop(
    live_server: LiveServer,
) -> None:
    url = live_server.url
    with pytest.raises(api.WorkshopApiError) as refused:
        await asyncio.to_thread(api.open_workshop, url, None, "mini", 2)
    assert refused.value.status == 401 and "Jeton d'administration" in refused.value.message
    ws = await asyncio.to_thread(
        api.open_workshop, url, live_server.admin_token, "mini", 2, names=["A", "B"]
    )
    token = ws.facilitator_token
    access = await asyncio.to_thread(api.workshop_access, url, token, ws.workshop_id)
    assert [t.name for t in access.tables] == ["A", "B"]
    png = await asyncio.to_thread(api.join_qr_png_of, url, ws.tables[0].code)
    assert png == join_qr_png(access.tables[0].join_url)
    assert pygame.image.load(io.BytesIO(png), "qr.png").get_width() > 100
    link = await asyncio.to_thread(
        api.debrief_link, url, token, ws.workshop_id, ws.tables[1].table_id
    )

    def _fetch() -> str:
        with urllib.request.urlopen(link.url, timeout=10) as r:
            return str(r.read().decode("utf-8"))

    assert "<html" in (await asyncio.to_thread(_fetch))[:500].lower()
    closed = await asyncio.to_thread(api.close_workshop, url, token, ws.workshop_id)
    assert closed.workshop_id == ws.workshop_id
    listed = await asyncio.to_thread(api.list_workshops, url)
    assert listed.workshops == ()
