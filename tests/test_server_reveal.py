"""Over a whole game played by bots on a real server, what a seat receives reveals nothing
before the rules do: no expert view before the dilemma is decided, no event before it is
drawn, no lesson nor other seat's secret before the end, and none of it in the join pack."""

from __future__ import annotations

import json
import random

from server_fixtures import ROOT, LiveServer, Player, live_server
from test_engine_reveal import later_texts

from game.engine import GameState, Phase
from game.scenario import load_pack
from game.scenario.models import Pack
from server.keys import HUB_KEY

__all__ = ["live_server"]

PACK = load_pack(ROOT / "scenarios" / "decouverte")


def hidden_now(pack: Pack, state: GameState, seat: str) -> dict[str, str]:
    """The texts `seat` must not have received by `state`, by where they come from."""
    decided = {d.dilemma for d in state.dilemmas if d.chosen is not None}
    opened = {d.dilemma for d in state.dilemmas}
    ended = state.phase is Phase.FIN
    hidden: dict[str, str] = {}
    for d in pack.dilemmas:
        if d.id not in decided:
            hidden[f"expert view of {d.id}"] = d.expert_view
        if d.id not in opened:
            hidden[f"situation of {d.id}"] = d.situation
    for e in pack.events:
        if e.id not in state.drawn_events:
            hidden[f"event {e.id}"] = e.text
    if not ended:
        hidden |= {f"lesson of {r.id}": r.lesson for r in pack.risks}
        others = (r for r in pack.scenario.roles if r.id != seat)
        hidden |= {f"secret of {r.id}": r.secret.text for r in others}
    if not (ended or state.shadow_revealed):
        hidden |= {f"shadow AI {s.id}": s.title for s in pack.scenario.collectivite.shadow_ai}
    return hidden


async def assert_pack_reveals_nothing(server: LiveServer, ack: dict[str, object]) -> None:
    assert ack["ok"], ack
    status, pack = await server.http("GET", str(ack["pack_url"]))  # what the seat reads
    assert status == 200
    text = json.dumps(pack, ensure_ascii=False)
    assert not [where for where, t in later_texts(PACK).items() if t in text]


async def test_a_bot_game_reveals_each_text_only_when_the_rules_do(
    live_server: LiveServer,
) -> None:
    # Four bots play Lisereuil to the end; each turn one of them rejoins with its token.
    # Every join ack's pack holds no expert view, event, lesson, secret or shadow AI;
    # each message a seat receives holds none that the rules have not revealed yet; a
    # dilemma in a view carries its expert view exactly once it is decided.
    ws = await live_server.workshop("decouverte", seed=5)
    code, table_id = ws.tables[0].code, ws.tables[0].table_id
    host = live_server.runner.app[HUB_KEY].host(table_id)  # type: ignore[union-attr]
    assert host is not None
    fac = await live_server.facilitator(ws.facilitator_token)
    players: list[Player] = []
    for role in host.roles:
        p = await live_server.player()
        ack = await p.join(code, name=f"Bot {role}", seat=role)
        await assert_pack_reveals_nothing(live_server, ack)
        players.append(p)
    checked = {id(p): 0 for p in players}
    rng = random.Random(5)
    turn, decided_seen, steps = 0, 0, 0
    while host.state.phase is not Phase.FIN:
        steps += 1
        assert steps < 2000
        movers = [p for p in players if p.view.view.legal_actions]
        if movers:
            p = rng.choice(movers)
            ack = await p.act(rng.choice(p.view.view.legal_actions))
        else:
            ack = await fac.control(table_id, {"type": "advance_phase"})
        assert ack["ok"], ack
        for p in players:
            await p.wait_version(ack["version"])
        for p in players:
            assert p.seat is not None
            hidden = hidden_now(PACK, host.state, p.seat)
            for raw in p.raw[checked.get(id(p), 0) :]:
                assert not [where for where, t in hidden.items() if t in raw], p.seat
            checked[id(p)] = len(p.raw)
            expert = {d.id: d.expert_view for d in PACK.dilemmas}
            for d in p.view.view.dilemmas:
                assert d.expert_view == (expert[d.dilemma] if d.chosen else None)
                decided_seen += d.chosen is not None
        if host.state.turn != turn:  # a new turn: one bot drops and rejoins with its token
            turn = host.state.turn
            i = turn % len(players)
            back = await live_server.player()
            ack = await back.join(code, token=players[i].token)
            await assert_pack_reveals_nothing(live_server, ack)
            await players[i].sio.disconnect()
            players[i] = back
    assert decided_seen > 0 and turn == PACK.scenario.rules.turns
