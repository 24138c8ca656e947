"""A workshop table rehearsed end to end: three phones, one board, the facilitator console.

What a facilitator does on the day, with the real pieces: `capia serve` (a subprocess,
127.0.0.1 only), a workshop opened with the admin token (`open_workshop`, as « Nouvel
atelier » does), the table's join URL and QR code from `workshop_access` (the QR code
checked to be the one that URL makes: this machine has no camera to scan it with), three
phones (headless system Chromium at 360×740, Playwright) that open the join URL, pick a
role and play the whole game of `decouverte` through the page, the table's board
(`BoardSession`, what `capia play --board` polls) and the facilitator console
(`FacilitatorScene` over `RemoteFacilitatorSession`, its « Démarrer » and « Suivante »
clicked). It prints JSON lines: first-load weight of the page, seconds from opening the
URL to seated, the game's length, the board's views and that none held a secret.
Screenshots of a phone, the board and the console go to bench/results/room/.

Bounded: one table, at most 400 rounds of actions; it stops the server at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from _common import ROOT, emit, say
from _serve import ADMIN_TOKENS, free_port, start_capia, stop, wait_healthy

sys.path.insert(0, str(ROOT / "tests"))
from seat_browser import CHROMIUM, PHONE, SeatPage, new_seat

from game.client.app import App
from game.client.board import BoardScene, BoardSession
from game.client.driver import Driver
from game.client.scenes.facilitator import FacilitatorScene
from game.client.sessions.remote_facilitator import RemoteFacilitatorSession
from game.join_qr import join_qr_png
from game.scenario import load_pack
from game.scenario.bundled import pack_folder
from game.workshop_client import open_workshop, workshop_access

OUT = ROOT / "bench" / "results" / "room"
PHONES = (("DGS", "Ana"), ("DSI", "Bruno"), ("DPO", "Chloé"))
PACK = "decouverte"


def leaks(pack_name: str, views: list[str]) -> list[str]:
    """What a board showed that it must not: a secret objective (ever), a shadow-AI use
    while the table has not revealed them."""
    pack = load_pack(pack_folder(pack_name))
    secrets = [r.secret.text for r in pack.scenario.roles]
    shadow = [s.title for s in pack.scenario.collectivite.shadow_ai]
    out = []
    for text in views:
        hidden = json.loads(text).get("shadow_ai") is None
        out += [s for s in secrets + (shadow if hidden else []) if s in text]
    return out


async def rehearse(args: argparse.Namespace) -> None:
    from playwright.async_api import async_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="capia-room-"))
    port = free_port()
    server = f"http://127.0.0.1:{port}"
    proc = await start_capia(work / "capia.sqlite3", port, scenario=PACK)
    try:
        await wait_healthy(server)
        opened = open_workshop(server, ADMIN_TOKENS[server], PACK, 1, names=["Les Bleus"])
        token, wid = opened.facilitator_token, opened.workshop_id
        access = workshop_access(server, token, wid)
        table = access.tables[0]
        qr = await asyncio.to_thread(_get, server + table.qr_png)
        assert qr == join_qr_png(table.join_url), "the QR code is not the join URL's"
        say(f"table « {table.name} » {table.code} : {table.join_url}")
        # The console, as `capia facilitate --server` opens it.
        console = RemoteFacilitatorSession(server, token, workshop=wid).start()
        app = App((1280, 800))
        app.switch(FacilitatorScene(console))
        driver = Driver(app)
        driver.frames(3)
        # The board, as `capia play --board` polls it.
        board = BoardSession(server, table.code, every=0.2)
        board_views: list[str] = []
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
            )
            phones: list[SeatPage] = []
            seated: list[float] = []
            for title, name in PHONES:
                seat = await new_seat(browser, PHONE)
                t0 = time.monotonic()
                await seat.open(table.join_url)  # what scanning the QR code opens
                await seat.join(title, name)
                seated.append(time.monotonic() - t0)
                phones.append(seat)
            weight = await _weight(phones[0])
            started = time.monotonic()
            for rounds in range(400):  # noqa: B007 - printed after the loop
                board.poll()
                if board.view is not None:
                    board_views.append(board.view.model_dump_json())
                states = [await s.state() for s in phones]
                if all(st["phase"] == "fin" for st in states):
                    break
                acted = False
                for i, seat in enumerate(phones):
                    acted |= await seat.play_one(f"Avis de {PHONES[i][1]}.", i)
                if not acted:  # everyone is ready or waits: the facilitator moves on
                    key = "start" if states[0]["phase"] == "lobby" else "advance"
                    driver.frames(2)
                    driver.click(f"{table.table_id}:{key}")
                    await asyncio.sleep(0.3)
                    driver.frames(2)
            else:
                raise AssertionError("the game never reached its end")
            played = time.monotonic() - started
            await phones[0].shot("room-phone-fin", full=False)
            await browser.close()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:  # the board's last poll sees the end too
            board.poll()
            if board.view is not None and board.view.phase == "fin":
                board_views.append(board.view.model_dump_json())
                break
            await asyncio.sleep(0.1)
        driver.frames(3)
        app.screenshot(OUT / "room-console.png")
        app.switch(BoardScene(board))
        driver.frames(3)
        app.screenshot(OUT / "room-board-fin.png")
        board.close()
        console.close()
        leaked = leaks(PACK, board_views)
        assert board_views and not leaked, f"the board saw a secret: {leaked[:2]}"
        assert board_views[-1] and json.loads(board_views[-1])["phase"] == "fin"
        emit("room_page_first_load", weight, "KB transferred", requests_by="phone 1")
        for i, s in enumerate(seated, start=1):
            emit("room_open_to_seated", round(s, 2), "s", phone=i)
        emit("room_game", round(played, 1), "s", rounds=rounds, pack=PACK)
        emit("room_board_views", len(board_views), "views", secrets_seen=len(leaked))
        say(f"screenshots in {OUT}")
    finally:
        await stop(proc)


def _get(url: str) -> bytes:
    import urllib.request

    with urllib.request.urlopen(url, timeout=10) as r:
        return bytes(r.read())


async def _weight(seat: SeatPage) -> float:
    sent = await seat.page.evaluate(
        """() => [...performance.getEntriesByType('navigation'),
                  ...performance.getEntriesByType('resource')]
                 .reduce((n, e) => n + e.transferSize, 0)"""
    )
    return round(float(sent) / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="same run (it is short already)")
    args = parser.parse_args()
    if CHROMIUM is None:
        say("chromium is missing (make browser): nothing measured")
        return
    asyncio.run(rehearse(args))


if __name__ == "__main__":
    main()
