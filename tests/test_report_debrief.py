"""The debrief a facilitator runs in 25 minutes: each table's summary page (key moments,
the order of its steps, three questions) and the workshop page, checked against the logs
of bot games and of a game played by hand."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest
from markupsafe import escape
from report_helpers import (
    DILEMMA_MINORITY,
    LATE_CONTRE,
    SPLIT_CONTRE,
    SPLIT_CONTRE_SHORT,
    SPLIT_POUR,
    bot_game,
    hand_played_log,
)

from game.engine.events import (
    CardProposed,
    DilemmaDecided,
    DilemmaOpened,
    OptionChosen,
    VoteCast,
)
from game.replay import Replayer
from game.report import build_report_html, build_report_markdown, table_reports
from game.report.i18n import messages
from game.report.moments import DilemmaMoment, RiskMoment, VoteMoment
from game.report.workshop import summarize
from game.scenario import load_pack

ROOT = Path(__file__).resolve().parent.parent
PACKS = ("scenarios/ville-moyenne", "scenarios/decouverte", "tests/packs/mini")
T = messages()


def richest_pack():  # type: ignore[no-untyped-def]
    for name in PACKS:
        try:
            return load_pack(ROOT / name)
        except Exception:  # a content pack being edited may not load
            continue
    raise AssertionError("no pack loads")


@pytest.fixture(scope="module")
def hand() -> str:
    return hand_played_log()


@pytest.fixture(scope="module")
def bot_logs() -> list[str]:
    # Three tables where seats play greedy, cautious and random bots side by side.
    pack = richest_pack()
    return [bot_game(pack, seed=s).to_jsonl() for s in (1, 2, 3)]


def summary_part(page: str, index: int = 1) -> str:
    """The HTML of table `index`'s summary page (before its roadmap page)."""
    start = page.index(f'<section class="table-report" id="table-{index}">')
    return page[start : page.index('<div class="roadmap-page">', start)]


def events(text: str) -> list[object]:
    replayer = Replayer.from_jsonl(text)
    return [e for n in range(1, len(replayer) + 1) for e in replayer.events(n)]


# --- the hand-played game -------------------------------------------------------------


def test_the_vote_that_split_the_table_is_the_first_moment_with_both_sides(hand: str) -> None:
    # The chatbot (2 pour, 2 contre) is shown, not the 3-to-1 framework vote; the quotes
    # are the fullest « pour » and the fullest « contre », not the short « Trop tôt. ».
    summary = summarize(table_reports([hand])[0], T)
    votes = [m for m in summary.moments if isinstance(m, VoteMoment)]
    assert votes[0].vote.title == "Agent conversationnel pour les usagers"
    assert (votes[0].vote.pour, votes[0].vote.contre) == (2, 2)
    assert [b.justification for b in votes[0].quotes] == [SPLIT_POUR, SPLIT_CONTRE]
    page = summary_part(build_report_html([hand]))
    for text in (SPLIT_POUR, SPLIT_CONTRE):
        assert str(escape(text)) in page
    assert str(escape(SPLIT_CONTRE_SHORT)) not in page


def test_the_dilemma_voted_three_to_one_is_a_moment_quoting_the_minority(hand: str) -> None:
    summary = summarize(table_reports([hand])[0], T)
    dilemma = next(m for m in summary.moments if isinstance(m, DilemmaMoment))
    assert dilemma.dilemma.dissent == 1
    assert [b.justification for b in dilemma.quotes] == [DILEMMA_MINORITY]


def test_the_order_of_the_steps_is_said_in_one_sentence(hand: str) -> None:
    # Two use cases at turn 1, the mapping at turn 2, the framework at turn 3.
    summary = summarize(table_reports([hand])[0], T)
    assert summary.method == (
        "L'étape 1 « Cartographier » (tour 2) et l'étape 4 « Cadre d'usage » (tour 3) ne "
        "sont venues qu'après 2 cas d'usage ; l'étape 2 « S'outiller » et l'étape 3 "
        "« Expérimenter, accompagner, organiser » n'ont jamais été engagées."
    )
    assert str(escape(summary.method)) in summary_part(build_report_html([hand]))


def test_three_questions_drawn_from_what_the_table_did(hand: str) -> None:
    # First the order of the steps, then the split vote, then a risk or the dilemma.
    summary = summarize(table_reports([hand])[0], T)
    assert len(summary.questions) == 3
    assert summary.questions[0].startswith("L'étape 1 « Cartographier » (tour 2)")
    assert (
        "« Agent conversationnel pour les usagers » a partagé la table (2 pour, 2 contre)"
        in (summary.questions[1])
    )


def test_uncontested_votes_take_one_line_and_keep_their_justifications(hand: str) -> None:
    # « Tri automatique » (4 pour) is one line among « Votes sans opposition »; the
    # framework vote (3 pour, 1 contre) is in the contested table with its justification.
    page = build_report_html([hand])
    uncontested = page[page.index('<ul class="unanimous">') :]
    uncontested = uncontested[: uncontested.index("</ul>")]
    assert "Tri automatique des courriels entrants" in uncontested
    assert uncontested.count("<li>") == 2  # the mail sorting and the mapping
    contested = page[page.index('<table class="votes">') :]
    contested = contested[: contested.index("</table>")]
    assert "Cadre d&#39;usage de l&#39;IA générative" in contested
    assert str(escape(LATE_CONTRE)) in contested
    assert contested.count("<details") == 2  # every ballot, folded, for each contested vote


# --- bot games: the selection against the log ------------------------------------------


def most_split_from_log(text: str) -> tuple[int, int]:
    """(turn, proposal) of the most split vote, computed from the log's own events:
    seats in the minority, then closeness, then justifications written, then the
    earlier proposal."""
    pour: Counter[tuple[int, int]] = Counter()
    contre: Counter[tuple[int, int]] = Counter()
    written: Counter[tuple[int, int]] = Counter()
    order: list[tuple[int, int]] = []
    for e in events(text):
        if isinstance(e, CardProposed):
            order.append((e.turn, e.proposal))
            pour[(e.turn, e.proposal)] += 1
        elif isinstance(e, VoteCast):
            key = (e.turn, e.proposal)
            pour[key] += e.choice.value == "pour"
            contre[key] += e.choice.value == "contre"
            written[key] += bool(e.justification.strip())
    best = max(
        order,
        key=lambda k: (
            min(pour[k], contre[k]),
            -abs(pour[k] - contre[k]),
            written[k],
            -k[0],
            -order.index(k),
        ),
    )
    assert min(pour[best], contre[best]) > 0, "no split vote in this game"
    return best


def test_the_most_split_vote_of_each_bot_game_is_shown(bot_logs: list[str]) -> None:
    reports = table_reports(bot_logs)
    page = build_report_html(bot_logs)
    for i, (text, report) in enumerate(zip(bot_logs, reports, strict=True), start=1):
        turn, index = most_split_from_log(text)
        shown = [m.vote for m in summarize(report, T).moments if isinstance(m, VoteMoment)]
        assert (turn, index) in [(p.turn, p.index) for p in shown]
        title = next(p.title for p in shown if (p.turn, p.index) == (turn, index))
        assert str(escape(title)) in summary_part(page, i)


def test_the_heaviest_risk_is_shown_with_what_would_have_attenuated_it(
    bot_logs: list[str],
) -> None:
    # The risk that fired most often is a moment; « ce qui l'aurait atténué » lists cards of
    # the pack that attenuate it and were not in force when it first fired.
    for text in bot_logs:
        state = Replayer.from_jsonl(text).final
        if not state.risks_fired:
            continue
        counts = Counter(f.risk for f in state.risks_fired)
        report = table_reports([text])[0]
        risks = [m for m in summarize(report, T).moments if isinstance(m, RiskMoment)]
        assert risks, "a risk fired but no risk moment is shown"
        assert max(counts[m.risk.first.risk] for m in risks) == max(counts.values())
        for moment in risks:
            first = next(f for f in state.risks_fired if f.risk == moment.risk.first.risk)
            for lever in moment.would_have:
                assert lever.card not in first.mitigations


def test_the_most_split_dilemma_is_shown(bot_logs: list[str]) -> None:
    for text in bot_logs:
        opened: dict[int, int] = {}
        chosen: dict[int, str] = {}
        options: defaultdict[int, list[str]] = defaultdict(list)
        for e in events(text):
            if isinstance(e, DilemmaOpened):
                opened[e.index] = e.turn
            elif isinstance(e, OptionChosen):
                options[e.index].append(e.option)
            elif isinstance(e, DilemmaDecided):
                chosen[e.index] = e.option
        dissent = {i: sum(o != chosen.get(i) for o in options[i]) for i in chosen}
        report = table_reports([text])[0]
        shown = [m for m in summarize(report, T).moments if isinstance(m, DilemmaMoment)]
        if not any(dissent.values()):
            assert shown == []
            continue
        assert shown and max(m.dilemma.dissent for m in shown) == max(dissent.values())


def test_three_to_five_key_moments_in_the_order_they_happened(bot_logs: list[str]) -> None:
    for report in table_reports(bot_logs):
        moments = summarize(report, T).moments
        assert 3 <= len(moments) <= 5
        assert [m.turn for m in moments] == sorted(m.turn for m in moments)


# --- the workshop page ---------------------------------------------------------------------


def test_the_workshop_page_puts_the_roadmaps_side_by_side(bot_logs: list[str]) -> None:
    # One column per table; each card a table funded sits in its step's row, with its turn.
    page = build_report_html(bot_logs, names=["Nord", "Sud", "Est"])
    grid = page[page.index('<table class="side-by-side">') :]
    grid = grid[: grid.index("</table>")]
    rows = grid.split("<tr>")[2:]  # after the header row
    assert len(rows) == 5
    for column, report in enumerate(table_reports(bot_logs)):
        for card in report.roadmap:
            cells = rows[card.step - 1].split("<td>")[1:]
            assert f"T{card.turn}</span> {escape(card.title)}" in cells[column]


def test_the_workshop_sentences_name_the_lowest_and_highest_scores(bot_logs: list[str]) -> None:
    reports = table_reports(bot_logs, names=["Nord", "Sud", "Est"])
    low = min(reports, key=lambda r: r.team_score or 0)
    high = max(reports, key=lambda r: r.team_score or 0)
    page = build_report_html(bot_logs, names=["Nord", "Sud", "Est"])
    alike = page[page.index('<ul class="alike">') :]
    alike = alike[: alike.index("</ul>")]
    assert f"({low.name})" in alike and f"({high.name})" in alike
    assert alike.count("<li>") >= 4
    notes = build_report_markdown(bot_logs, names=["Nord", "Sud", "Est"])
    assert "### Ce que les tables ont fait de pareil, et d'autrement" in notes
