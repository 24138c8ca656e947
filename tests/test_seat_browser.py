"""The browser seat in a real browser: headless Chromium (the distribution's) driven by
Playwright against a real server on 127.0.0.1, trainees acting through the page only.

Screenshots of each phase (phone 360×740, laptop 1280×800) go to tests/screenshots/.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from seat_browser import (
    LAPTOP,
    PHONE,
    SHOTS,
    SeatPage,
    axe_violations,
    browser,
    needs_browser,
    new_seat,
)
from server_fixtures import PACK_ROOTS, LiveServer, Player, live_server, stop_server

from game.log import GameLog
from server.app import create_app
from server.credentials import reset_admin_token_at
from server.settings import Settings

__all__ = ["browser", "live_server"]

pytestmark = [needs_browser, pytest.mark.slow]

ROLES = (("DGS", "Ana"), ("DSI", "Bruno"), ("DPO", "Chloé"), ("Élu·e référent·e IA", "Dév"))
XSS = "<img src=x onerror=alert(1)>"


async def _version(server: LiveServer, ws: Any) -> int:
    """The table's version, as the facilitator's HTTP summary says."""
    status, body = await server.http(
        "GET", f"/api/workshops/{ws.workshop_id}", token=ws.facilitator_token
    )
    assert status == 200, body
    return int(body["tables"][0]["version"])


async def _page_weight(seat: SeatPage) -> dict[str, float]:
    """KB the first load transferred (page, script, style, socket.io handshake)."""
    data = await seat.page.evaluate(
        """() => {
            const all = [...performance.getEntriesByType('navigation'),
                         ...performance.getEntriesByType('resource')];
            return all.map(e => [e.name, e.transferSize, e.decodedBodySize]);
        }"""
    )
    sent = sum(t for _, t, _ in data)
    decoded = sum(d for _, _, d in data)
    return {"requests": len(data), "transferred_kb": sent / 1024, "decoded_kb": decoded / 1024}


async def _shoot(seat: SeatPage, device: str, shot: set[str]) -> None:
    """Screenshots of the first screen of each phase, of an open card and of an expert view;
    on a phone nothing may stick out sideways."""
    page = seat.page
    phase = (await seat.state())["phase"]
    names = [f"{device}-{phase}"]
    if phase == "propositions":
        names.append(f"{device}-propositions-carte")
    if await page.locator(".expert").count():
        names.append(f"{device}-regard-expert")
    for name in names:
        if name in shot:
            continue
        shot.add(name)
        if name.endswith("-carte"):
            card = page.locator("li.card.can").first
            await card.locator(":scope > details > summary").click()
            await card.scroll_into_view_if_needed()
        if name.endswith("-regard-expert"):
            await page.locator(".expert").first.scroll_into_view_if_needed()
        await seat.shot(name, full=device == "phone")
        if device == "phone":
            wide = await page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= PHONE["width"], f"{name}: {wide} px wide on a 360 px phone"


async def test_four_browser_seats_play_decouverte_to_the_end(
    live_server: LiveServer, browser: Any
) -> None:
    # Four trainees open /t/CODE (three phones, one laptop), pick their role and play the
    # whole game through the page; the facilitator only starts and unblocks phases.
    ws = await live_server.workshop("decouverte", seed=11)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    seats: list[SeatPage] = []
    seated: list[float] = []
    shown: list[float] = []  # the roles listed
    for i, (title, name) in enumerate(ROLES):
        seat = await new_seat(browser, LAPTOP if i == 1 else PHONE)
        t0 = time.monotonic()
        await seat.open(f"{live_server.url}/t/{code}")
        await seat.page.get_by_role("button", name="Rejoindre la table").wait_for()
        shown.append(time.monotonic() - t0)
        await seat.join(title, name)
        seated.append(time.monotonic() - t0)
        seats.append(seat)
    weight = await _page_weight(seats[0])
    phone, laptop = seats[0], seats[1]
    shot: set[str] = set()
    for _ in range(400):
        states = [await s.state() for s in seats]
        if all(st["phase"] == "fin" for st in states):
            break
        acted = False
        for i, seat in enumerate(seats):
            if i < 2:  # a phone and the laptop: each phase's first screen, before acting
                await _shoot(seat, "phone" if i == 0 else "laptop", shot)
            acted |= await seat.play_one(f"Avis de {ROLES[i][1]} : priorité au service rendu.", i)
        if not acted:
            kind = "start_game" if states[0]["phase"] == "lobby" else "advance_phase"
            ack = await fac.control(table_id, {"type": kind})
            assert ack["ok"], ack
        version = await _version(live_server, ws)
        for seat in seats:
            await seat.wait_version(version)
    else:
        raise AssertionError("the game never reached its end")
    await _shoot(phone, "phone", shot)
    await _shoot(laptop, "laptop", shot)
    assert "phone-regard-expert" in shot
    for seat in seats:
        assert "Score d'équipe" in await seat.page.locator(".score").inner_text()
        assert seat.errors == [] and seat.dialogs == []
    # What the browsers did is in the table's log, as from any client.
    status, text = await live_server.http(
        "GET", f"/api/tables/{table_id}/log", token=ws.facilitator_token
    )
    assert status == 200
    game = GameLog.from_jsonl(text)
    actions = [r["action"] for r in game.records]
    assert {a["seat"] for a in actions if a["type"] == "propose"} == {"dgs", "dsi", "dpo", "elu"}
    assert any(a["type"] == "vote" and a["justification"].startswith("Avis") for a in actions)
    assert any(a["type"] == "choose_option" and a["justification"] for a in actions)
    assert any(d.chosen for d in game.state.dilemmas) and game.state.phase == "fin"
    SHOTS.mkdir(parents=True, exist_ok=True)
    metrics = {
        **weight,
        "roles_shown_s": [round(s, 2) for s in shown],
        "seated_s": [round(s, 2) for s in seated],
    }
    (SHOTS / "metrics.json").write_text(json.dumps(metrics, indent=1))
    print("browser seat first load:", metrics)


async def _start(fac: Any, table_id: str, phases: int) -> None:
    """Start the game, then advance `phases` phases."""
    assert (await fac.control(table_id, {"type": "start_game"}))["ok"]
    for _ in range(phases):
        assert (await fac.control(table_id, {"type": "advance_phase"}))["ok"]


async def test_a_browser_seat_reloads_mid_turn_and_gets_its_seat_back(
    live_server: LiveServer, browser: Any
) -> None:
    # The DGS proposes from a phone, reloads the page: same seat, its proposal still there.
    # The Wi-Fi drops while the DSI proposes: back online, the page catches up by token.
    # A patch that does not follow the view held makes the page `sync`.
    ws = await live_server.workshop("decouverte", seed=5)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    dsi: Player = await live_server.player()
    assert (await dsi.join(code, name="Bruno", seat="dsi"))["ok"]
    seat = await new_seat(browser)
    await seat.open(f"{live_server.url}/t/{code}")
    await seat.join("DGS", "Ana")
    await _start(fac, table_id, 1)
    await seat.wait_version(await _version(live_server, ws))
    assert await seat.play_one("", 0)
    page = seat.page
    kept = "() => JSON.parse(localStorage.getItem('capia.seat.' + capia.code))"
    token = await page.evaluate(kept)
    await page.reload()
    await page.locator("#h-phase", has_text="Marché").wait_for()
    assert await page.locator("h1").first.inner_text() == "DGS · Ville de Lisereuil"
    assert await page.get_by_role("button", name="Rejoindre la table").count() == 0
    assert token == await page.evaluate(kept) and token["name"] == "Ana"
    assert "par DGS" in await page.locator("#h-props").locator("..").inner_text()
    # The connection drops; meanwhile the DSI proposes; then the page is back online.
    await page.evaluate("() => capia.session.socket.disconnect()")
    legal = [a for a in dsi.view.view.legal_actions if a.type == "propose"]
    assert (await dsi.act(legal[0]))["ok"]
    await page.evaluate("() => capia.session.socket.connect()")
    await seat.wait_version(await _version(live_server, ws))
    assert "par DSI" in await page.locator("#h-props").locator("..").inner_text()
    # A dropped transport reconnects by itself, with the same seat.
    joins = await page.evaluate(
        "() => { capia.session.socket.io.engine.close(); return capia.session.joins; }"
    )
    await page.wait_for_function("n => capia.session.joins > n", arg=joins)
    assert await page.evaluate("() => capia.session.connected && capia.session.seat") == "dgs"
    # A gap: the page holds an older version than the next patch's base → `sync`. (The
    # first view after a join is whole: the patches come after it.)
    await dsi.wait_version(await _version(live_server, ws))
    legal = [a for a in dsi.view.view.legal_actions if a.type == "propose"]
    assert (await dsi.act(legal[-1]))["ok"]
    await seat.wait_version(await _version(live_server, ws))
    await page.evaluate(
        """() => { const s = capia.session; s.syncs = 0; const f = s.sync.bind(s);
                   s.sync = () => { s.syncs++; return f(); }; s.held.version -= 1; }"""
    )
    assert (await dsi.act({"type": "ready"}))["ok"]
    await seat.wait_version(await _version(live_server, ws))
    assert await page.evaluate("() => capia.session.syncs") == 1
    assert "DSI (Bruno) : prêt·e" in await page.locator("#h-seats").locator("..").inner_text()
    # A second tab of the same browser takes the seat with the kept token; the first
    # says so and offers to take it back.
    other = await seat.context.new_page()
    await other.goto(f"{live_server.url}/t/{code}")
    await other.locator("#h-phase").wait_for()
    take_back = page.get_by_role("button", name="Reprendre ma place ici")
    await take_back.wait_for()
    assert await page.get_by_role("button", name="Je suis prêt·e").is_disabled()
    await take_back.click()
    await other.get_by_role("button", name="Reprendre ma place ici").wait_for()
    await page.get_by_role("button", name="Je suis prêt·e").click()  # both seats ready: vote
    await page.locator("#phase-name", has_text="Vote").wait_for()
    assert seat.errors == []


async def _one_seat_at_propositions(
    live_server: LiveServer, browser: Any, role: str, name: str
) -> tuple[Any, str, SeatPage]:
    """A decouverte table with one phone seated as `role`, the game at its market."""
    ws = await live_server.workshop("decouverte", seed=5)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    seat = await new_seat(browser)
    await seat.open(f"{live_server.url}/t/{code}")
    await seat.join(role, name)
    await _start(fac, table_id, 1)
    await seat.wait_version(await _version(live_server, ws))
    return ws, table_id, seat


async def test_an_action_whose_ack_was_lost_is_retried_with_the_same_action_id(
    live_server: LiveServer, browser: Any
) -> None:
    # The DGS proposes; the server applies it but the ack is lost on the way (a timeout on
    # the phone). Retrying the same proposal sends the same action_id: the server answers
    # it as done, and the log holds one proposal, not two (nor a refusal).
    ws, table_id, seat = await _one_seat_at_propositions(live_server, browser, "DGS", "Ana")
    sent = await seat.page.evaluate(
        """async () => {
            const s = capia.session, call = s.call.bind(s), ids = [];
            let lose = true;
            s.call = async (event, data) => {
                if (event === "act") ids.push(data.action_id);
                const ack = await call(event, data);
                if (event === "act" && lose) {
                    lose = false;
                    return { ok: false, error: { code: "timeout", message: "perdu" } };
                }
                return ack;
            };
            const action = capia.view.legal_actions.find(a => a.type === "propose");
            const first = await s.act(action);
            const again = await s.act(action);
            const next = await s.act({ type: "ready", seat: action.seat });
            return { ids, first: first.ok, again: again.ok, next: next.ok };
        }"""
    )
    assert sent["first"] is False and sent["again"] is True and sent["next"] is True
    first, again, other = sent["ids"]
    assert first == again and other != first
    status, text = await live_server.http(
        "GET", f"/api/tables/{table_id}/log", token=ws.facilitator_token
    )
    assert status == 200
    records = GameLog.from_jsonl(text).records
    assert [r["action"]["type"] for r in records].count("propose") == 1
    assert seat.errors == []


async def test_a_card_explains_its_acronyms_and_the_turn_is_dated(
    live_server: LiveServer, browser: Any
) -> None:
    # The top bar dates the turn by the pack's calendar; a card whose text uses « AIPD »
    # folds the glossary's entry under it (a phone has no hover tooltip).
    _, _, seat = await _one_seat_at_propositions(live_server, browser, "DPO", "Chloé")
    page = seat.page
    assert "Tour 1/3 · S1 2027" in await page.locator(".top").inner_text()
    title = page.locator(".c-title", has_text="Analyses d'impact (AIPD")
    card = page.locator("li.card").filter(has=title).first
    await card.locator(":scope > details > summary").click()
    terms = card.locator("details.terms")
    await terms.locator("summary").click()
    text = await terms.inner_text()
    assert "Les mots employés" in text and "AIPD" in text and "analyse d" in text.lower()
    await terms.scroll_into_view_if_needed()
    await seat.shot("phone-lexique", full=False)
    assert seat.errors == []


async def test_player_text_shows_as_text_never_as_html(
    live_server: LiveServer, browser: Any
) -> None:
    # A DSI named « <b>Bruno</b> » votes with the justification « <img src=x onerror=...> »:
    # the DGS's page shows both as written; no element is made, no script runs.
    ws = await live_server.workshop("decouverte", seed=5)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    dsi = await live_server.player()
    assert (await dsi.join(code, name="<b>Bruno</b>", seat="dsi"))["ok"]
    seat = await new_seat(browser)
    await seat.open(f"{live_server.url}/t/{code}")
    await seat.join("DGS", XSS)
    await _start(fac, table_id, 1)
    await seat.wait_version(await _version(live_server, ws))
    assert await seat.play_one("", 0)
    await dsi.wait_version(await _version(live_server, ws))
    propose = next(a for a in dsi.view.view.legal_actions if a.type == "propose")
    assert (await dsi.act(propose))["ok"]
    assert (await fac.control(table_id, {"type": "advance_phase"}))["ok"]
    await dsi.wait_version(await _version(live_server, ws))
    vote = next(a for a in dsi.view.view.legal_actions if a.type == "vote")
    ballot = vote.model_dump(mode="json") | {"justification": XSS}
    assert (await dsi.act(ballot))["ok"]
    await seat.wait_version(await _version(live_server, ws))
    assert await seat.play_one(XSS, 0)
    page = seat.page
    phase = await page.locator("#h-phase").locator("..").inner_text()
    assert f"DSI : Pour — « {XSS} »" in phase
    assert f"Vous avez voté : Pour — « {XSS} »" in phase
    seats = await page.locator("#h-seats").locator("..").inner_text()
    assert "DSI (<b>Bruno</b>)" in seats and f"DGS ({XSS})" in seats
    assert await page.locator("main img, main b").count() == 0
    # A facilitator's message is shown as written too.
    ack = await fac.call("notice", {"table_id": table_id, "text": "<i>Pause</i> dans 5 min"})
    assert ack["ok"], ack
    await page.get_by_text("<i>Pause</i> dans 5 min").first.wait_for()
    assert await page.locator("i").count() == 0
    assert seat.dialogs == [] and seat.errors == []
    await seat.shot("phone-echappement", full=False)


async def test_the_seat_page_has_no_level_a_or_aa_accessibility_violation(
    live_server: LiveServer, browser: Any
) -> None:
    # axe-core (from npm) runs in the page at each screen a trainee meets: the code form,
    # the role choice, and every phase of a turn with its controls shown.
    ws = await live_server.workshop("decouverte", seed=11)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    dsi = await live_server.player()
    assert (await dsi.join(code, name="Bruno", seat="dsi"))["ok"]
    seat = await new_seat(browser, PHONE, bypass_csp=True)  # axe is injected as a script
    found: dict[str, list[dict[str, Any]]] = {}
    await seat.open(f"{live_server.url}/")
    found["code"] = await axe_violations(seat)
    await seat.open(f"{live_server.url}/t/{code}")
    await seat.page.get_by_role("button", name="Rejoindre la table").wait_for()
    found["choix"] = await axe_violations(seat)
    await seat.join("DGS", "Ana")
    found["lobby"] = await axe_violations(seat)
    assert (await fac.control(table_id, {"type": "start_game"}))["ok"]
    for _ in range(6):
        await seat.wait_version(await _version(live_server, ws))
        state = await seat.state()
        if state["phase"] == "propositions":
            await seat.page.locator("li.card summary").first.click()
            found["carte"] = await axe_violations(seat)
            await seat.play_one("", 0)
            await dsi.wait_version(await _version(live_server, ws))
            propose = next(a for a in dsi.view.view.legal_actions if a.type == "propose")
            assert (await dsi.act(propose))["ok"]
            await seat.wait_version(await _version(live_server, ws))
        if state["phase"] in ("vote", "dilemmes"):  # with a form to fill
            assert await seat.page.locator("form.choice textarea").count(), state
        found[state["phase"]] = await axe_violations(seat)
        if state["phase"] == "fin":
            break
        assert (await fac.control(table_id, {"type": "advance_phase"}))["ok"]
    bad = {k: v for k, v in found.items() if v}
    assert bad == {}, json.dumps(bad, indent=1, ensure_ascii=False)
    assert {"code", "choix", "lobby", "evenement", "propositions", "vote", "dilemmes"} <= set(found)


async def _tab_to(seat: SeatPage, test: str, limit: int = 120) -> None:
    """Press Tab until the focused element passes the JS predicate `test` (el => bool)."""
    for _ in range(limit):
        await seat.page.keyboard.press("Tab")
        if await seat.page.evaluate(f"() => ({test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {test}")


async def test_a_seat_is_played_with_the_keyboard_alone(
    live_server: LiveServer, browser: Any
) -> None:
    # Tab, arrows, Enter and Space only: type a name, choose the DSI, join, open a card of
    # the market, propose it, say « prêt·e » (the table's only seat: the vote begins).
    ws = await live_server.workshop("decouverte", seed=5)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    seat = await new_seat(browser)
    keys = seat.page.keyboard
    await seat.open(f"{live_server.url}/t/{code}")
    await seat.page.get_by_role("button", name="Rejoindre la table").wait_for()
    await _tab_to(seat, "el => el.id === 'name'")
    await keys.type("Bruno")
    await _tab_to(seat, "el => el.type === 'radio'")
    await keys.press("ArrowDown")
    await _tab_to(seat, "el => el.type === 'submit'")
    await keys.press("Enter")
    await seat.page.locator("#h-phase").wait_for()
    assert (await seat.page.locator("h1").inner_text()).startswith("DSI")
    await _start(fac, table_id, 1)
    await seat.wait_version(await _version(live_server, ws))
    await _tab_to(seat, "el => el.tagName === 'SUMMARY' && el.closest('li.card.can')")
    await keys.press("Enter")
    await _tab_to(seat, "el => el.textContent.startsWith('Proposer')")
    await keys.press("Enter")
    await seat.page.locator("#h-props").locator("..").get_by_text("par DSI").wait_for()
    await _tab_to(seat, "el => el.textContent === 'Je suis prêt·e'")
    await keys.press("Space")
    # The only seat is ready: the table goes on to the vote.
    await seat.page.locator("#phase-name", has_text="Vote").wait_for()
    assert seat.errors == []


TOO_LATE = "Trop tard pour aboutir avant la fin de la partie"


async def test_a_seat_sees_a_too_late_project_changes_its_vote_and_is_asked_before_ready(
    live_server: LiveServer, browser: Any
) -> None:
    # Last turn of the mini pack: a 2-turn project says « Trop tard… » on the market and
    # on the vote; the DGS changes its own « pour » to « contre »; « prêt·e » with the
    # DPO's proposal not voted asks first, and nothing is sent until answered.
    ws = await live_server.workshop("mini", seed=5)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    fac = await live_server.facilitator(ws.facilitator_token)
    dsi: Player = await live_server.player()
    assert (await dsi.join(code, name="Bruno", seat="dpo"))["ok"]
    seat = await new_seat(browser, LAPTOP)
    page = seat.page
    await seat.open(f"{live_server.url}/t/{code}")
    await seat.join("DGS", "Ana")
    await _start(fac, table_id, 0)
    while True:
        await dsi.wait_version(await _version(live_server, ws))
        view = dsi.view.view
        if view.turn == view.turns and view.phase == "propositions":
            break
        assert (await fac.control(table_id, {"type": "advance_phase"}))["ok"]
    late = next(  # a lever too late to finish (the mini pack's vectors are not)
        (m.card, None) for m in view.market if m.too_late and m.status == "available"
    )
    await seat.wait_version(await _version(live_server, ws))
    title = await page.evaluate("c => capia.texts.card(c).title", late[0])
    card = page.locator("li.card", has_text=title).first
    await card.locator(":scope > details > summary").click()
    assert await card.locator(".too-late").count() >= 1
    assert TOO_LATE in await card.inner_text()
    await seat.shot("laptop-trop-tard-marche", full=False)
    await card.get_by_role("button", name="Proposer (Levier)").click()
    await seat.settle()
    other = next(
        a for a in dsi.view.view.legal_actions if a.type == "propose" and a.card != late[0]
    )
    assert (await dsi.act(other))["ok"]
    assert (await fac.control(table_id, {"type": "advance_phase"}))["ok"]
    await page.locator("#phase-name", has_text="Vote").wait_for()
    mine = page.locator("li.box", has_text=title).first
    assert TOO_LATE in await mine.inner_text()
    # « Prêt·e » with the DSI's proposal not voted: a question, nothing sent
    await page.get_by_role("button", name="Je suis prêt·e").click()
    question = page.get_by_role("alertdialog")
    await question.wait_for()
    assert "Il vous reste à voter : 1 proposition" in await question.inner_text()
    await seat.shot("laptop-pret-sans-tout-voter", full=False)
    await page.get_by_role("button", name="Revenir voter").click()
    assert await page.get_by_role("alertdialog").count() == 0
    # change its own « pour » (given with the proposal) to « contre »
    await mine.locator("details.change summary").click()
    change = mine.locator("form.change")
    await change.get_by_label("Contre").check()
    await change.get_by_role("button", name="Changer mon vote").click()
    await seat.settle()
    await dsi.wait_version(await _version(live_server, ws))
    ours = next(p for p in dsi.view.view.proposals if p.card == late[0])
    assert ours.votes["dgs"].choice == "contre" and ours.too_late
    assert "Vous avez voté : Contre" in await mine.inner_text()
    await seat.shot("laptop-vote-change", full=False)
    # vote on the DSI's proposal: « prêt·e » goes through without a question
    assert await seat.play_one("Avis", 0)
    await page.get_by_role("button", name="Je suis prêt·e").click()
    await seat.settle()
    assert await page.get_by_role("alertdialog").count() == 0
    await dsi.wait_version(await _version(live_server, ws))
    assert next(s for s in dsi.view.view.seats if s.role == "dgs").ready
    assert seat.errors == []


async def _serve(db: Path, port: int) -> web.AppRunner:
    """The app on 127.0.0.1:`port` over the SQLite file `db`."""
    app = create_app(Settings(db=db, scenario_roots=PACK_ROOTS))
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)  # a page stays open
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def test_a_browser_seat_comes_back_by_itself_after_a_server_restart(
    tmp_path: Path, browser: Any
) -> None:
    # The server stops mid-turn and starts again on the same address: the page says the
    # connection is lost, reconnects alone, takes its seat back by token and plays on.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "capia.sqlite3"
    admin = reset_admin_token_at(db)
    server = LiveServer(
        url=f"http://127.0.0.1:{port}", db=db, runner=await _serve(db, port), admin_token=admin
    )
    try:
        ws = await server.workshop("decouverte", seed=5)
        fac = await server.facilitator(ws.facilitator_token)
        seat = await new_seat(browser)
        await seat.open(f"{server.url}/t/{ws.tables[0].code}")
        await seat.join("DPO", "Chloé")
        await _start(fac, ws.tables[0].table_id, 1)
        await seat.wait_version(await _version(server, ws))
        await server.close_clients()
        assert server.runner is not None
        await server.runner.cleanup()
        await seat.page.locator("body[data-status=offline]").wait_for()
        server.runner = await _serve(db, port)
        await seat.page.locator("body[data-status=online]").wait_for(timeout=20_000)
        assert await seat.page.evaluate("() => capia.session.joins") == 2
        assert await seat.play_one("", 0)  # proposes a card: the seat is its own again
        status, text = await server.http(
            "GET", f"/api/tables/{ws.tables[0].table_id}/log", token=ws.facilitator_token
        )
        actions = [r["action"] for r in GameLog.from_jsonl(text).records]
        assert status == 200 and {"type": "propose", "seat": "dpo"}.items() <= actions[-1].items()
        assert seat.errors == []
    finally:
        await stop_server(server)
