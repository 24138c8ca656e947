"""The debrief report: built from bot-game logs, it shows what each table decided and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markupsafe import escape

from game.engine import EVENT_ADAPTER, Phase
from game.engine.actions import AdvancePhase, EndGame, StartGame
from game.log import GameLog, replay
from game.randomplay import play_random_game
from game.replay import Replayer
from game.report import build_report_html, build_report_markdown, table_reports
from game.report.extract import table_report
from game.report.i18n import messages
from game.report.model import USE_CASE_STEP
from game.report.render import md_escape
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"
DECOUVERTE = ROOT / "scenarios" / "decouverte"
SCRIPT = "<script>alert(1)</script>"


def pack_path() -> Path:
    """The richest committed pack that loads (content packs evolve in parallel)."""
    try:
        load_pack(DECOUVERTE)
        return DECOUVERTE
    except Exception:
        return MINI


@pytest.fixture(scope="module")
def logs() -> list[str]:
    # Three tables of the same scenario, played by bots; the first vote of each
    # table carries a justification that is an HTML script.
    pack = load_pack(pack_path())
    return [
        play_random_game(pack, seed=seed, extra_justifications=[SCRIPT]).to_jsonl()
        for seed in (1, 2, 3)
    ]


@pytest.fixture(scope="module")
def page(logs: list[str]) -> str:
    return build_report_html(logs)


def test_each_table_has_its_own_section(page: str) -> None:
    # The facilitator sees « Table 1 », « Table 2 », « Table 3 » and a comparison.
    for n in (1, 2, 3):
        assert f'id="table-{n}"' in page
        assert f"Table {n}" in page
    assert 'id="comparaison"' in page


def test_a_script_justification_shows_as_text(page: str, logs: list[str]) -> None:
    # What a player typed is printed, never run: the page shows the tag as text.
    assert all(SCRIPT in log for log in logs)
    assert SCRIPT not in page
    assert str(escape(SCRIPT)) in page


def test_every_written_justification_is_in_the_report(page: str, logs: list[str]) -> None:
    # Each reason a player gave, on a proposal or a dilemma, can be read aloud at debrief.
    for text in logs:
        for line in text.splitlines()[1:]:
            justification = json.loads(line)["action"].get("justification")
            if justification:
                assert str(escape(justification)) in page


def test_every_proposal_is_listed_with_its_outcome(logs: list[str]) -> None:
    # Every card put on the table is in « Propositions et votes », funded or rejected.
    for i, text in enumerate(logs):
        report = table_reports([text])[0]
        replayer = Replayer.from_jsonl(text)
        decided = [
            e
            for n in range(1, len(replayer) + 1)
            for e in replayer.events(n)
            if e.type == "proposal_decided"
        ]
        assert len(report.proposals) == len(decided), i
        funded = {(e.turn, e.proposal) for e in decided if e.accepted}
        assert {(p.turn, p.index) for p in report.proposals if p.status == "funded"} == funded


def test_every_dilemma_shows_the_option_chosen_and_the_experts_view(
    page: str, logs: list[str]
) -> None:
    # Each dilemma names the winning option, who voted what, and the « regard d'expert ».
    for text in logs:
        state = replay(text)
        report = table_reports([text])[0]
        assert len(report.dilemmas) == len(state.dilemmas)
        for record, d in zip(report.dilemmas, state.dilemmas, strict=True):
            dilemma = state.catalog.dilemmas[d.dilemma]
            chosen = next(o.label for o in dilemma.options if o.id == d.chosen)
            assert record.chosen == chosen
            assert {b.person.role for b in record.ballots} == set(d.votes)
            assert str(escape(dilemma.expert_view)) in page


def test_every_risk_that_fired_shows_its_sources_remedies_and_lesson(logs: list[str]) -> None:
    # A fired risk lists what exposed it, the levers that attenuate it (done or
    # not) and its lesson, all read from the pack in the log.
    for text in logs:
        state = replay(text)
        report = table_reports([text])[0]
        assert [(r.turn, r.risk) for r in report.risks] == [
            (f.turn, f.risk) for f in state.risks_fired
        ]
        for record, firing in zip(report.risks, state.risks_fired, strict=True):
            attenuating = {
                lev.id
                for lev in state.catalog.pack.levers
                for m in lev.mitigations
                if m.risk == firing.risk and m.reduction > 0
            }
            assert {m.card for m in record.mitigators} == attenuating
            active = {m.card for m in record.mitigators if m.state == "active"}
            assert active == set(firing.mitigations)
            assert record.lesson == state.catalog.risks[firing.risk].lesson
            assert len(record.sources) >= len(set(firing.sources) - {"dilemme"})


def test_the_roadmap_places_levers_at_their_step_and_use_cases_at_step_5(
    logs: list[str],
) -> None:
    # « Feuille de route »: a lever sits in its étape 1-5, a use case in « 5. Déployer ».
    state = replay(logs[0])
    report = table_reports([logs[0]])[0]
    assert {c.card for c in report.roadmap} == {p.card for p in state.projects}
    for card in report.roadmap:
        if card.kind == "lever":
            assert card.step == state.catalog.levers[card.card].step
        else:
            assert card.step == USE_CASE_STEP
    assert all(c.kind == "lever" for c in report.toolbox)


def test_gauges_follow_the_turns(logs: list[str]) -> None:
    # The gauge chart has the start value and one value per turn played.
    state = replay(logs[0])
    report = table_reports([logs[0]])[0]
    for series in report.gauges:
        assert series.values == tuple(h[series.id] for h in state.gauge_history)
        assert len(series.values) == state.turn + 1


def test_objectives_and_scores_are_those_of_the_end_of_the_game(logs: list[str]) -> None:
    # Secret objectives are revealed with « oui »/« non », and the scores are the engine's.
    state = replay(logs[0])
    report = table_reports([logs[0]])[0]
    assert report.finished and report.team_score == state.team_score
    assert {o.person.role: o.met for o in report.objectives} == state.objectives_met
    assert {o.person.role: o.score for o in report.objectives} == state.scores


def test_the_comparison_counts_every_dilemma_vote_of_every_table(logs: list[str]) -> None:
    # « Toutes les tables » adds up the votes each table cast on the same dilemma.
    from game.report.compare import compare

    reports = table_reports(logs)
    comparison = compare(reports)
    for d in comparison.dilemmas:
        expected = sum(
            len(rec.ballots) for r in reports for rec in r.dilemmas if rec.dilemma == d.dilemma
        )
        assert sum(d.totals) == expected
        assert [c.table for c in d.choices] == ["Table 1", "Table 2", "Table 3"]


def test_the_page_is_self_contained(page: str) -> None:
    # Opened offline: charts are inline SVG images, nothing is fetched from the network.
    assert page.count('src="data:image/svg+xml;base64,') >= 3 + 2
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page


def test_card_titles_come_from_the_log_not_from_disk() -> None:
    # A pack edited after the workshop does not change the report of a past game.
    pack = load_pack(MINI)
    renamed = pack.model_copy(
        update={
            "levers": tuple(
                lev.model_copy(update={"title": "Cartographie (version de l'atelier)"})
                if lev.id == "cartographie"
                else lev
                for lev in pack.levers
            )
        }
    )
    log = GameLog.new(renamed, seed=5, seats=["dgs"])
    log.append(StartGame())  # lobby → turn 1
    log.append(AdvancePhase())  # → propositions
    from game.engine.actions import Propose, Ready

    log.append(Propose(seat="dgs", card="cartographie"))
    log.append(Ready(seat="dgs"))  # → vote
    log.append(EndGame())
    page = build_report_html([log.to_jsonl()])
    assert "Cartographie (version de l&#39;atelier)" in page


def test_an_unfinished_game_is_reported_with_provisional_scores() -> None:
    # A table still playing gets a report with a warning, not an error.
    log = GameLog.new(load_pack(MINI), seed=2, seats=["dgs", "dpo"])
    log.append(StartGame())
    report = table_report(Replayer.from_jsonl(log.to_jsonl()), name="Table A")
    assert not report.finished and report.phase == Phase.EVENEMENT.value
    page = build_report_html([log.to_jsonl()], names=["Table A"])
    assert "Partie non terminée" in page


def test_markdown_carries_the_same_decisions_escaped(logs: list[str]) -> None:
    # The Markdown notes list the proposals and dilemmas; HTML typed by players stays text.
    text = build_report_markdown(logs)
    assert "## L'atelier : toutes les tables" in text
    assert "## Table 1" in text and "#### Dilemmes" in text
    assert SCRIPT not in text
    assert "\\<script\\>alert\\(1\\)\\</script\\>" in text
    report = table_reports([logs[0]])[0]
    for p in report.proposals:
        assert md_escape(p.title) in text


def test_only_known_languages_are_accepted() -> None:
    # `--lang en` is refused with a French message until an English catalogue exists.
    with pytest.raises(ValueError, match="langue non disponible"):
        messages("en")


def test_events_of_the_log_are_all_understood(logs: list[str]) -> None:
    # Sanity: the replayer's events are the engine's own (they round-trip as JSON).
    replayer = Replayer.from_jsonl(logs[0])
    for n in range(1, len(replayer) + 1):
        for event in replayer.events(n):
            assert EVENT_ADAPTER.validate_python(event.model_dump()) == event
