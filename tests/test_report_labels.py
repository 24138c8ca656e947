"""The debrief speaks French to its reader: no internal id (phase, card, role, gauge,
vector, option) reaches the page or the notes, and every seat is named fairly."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from typing import Any

from report_helpers import inline_texts, markdown, mini_pack, seeded_game

from game.engine import Phase
from game.engine.actions import OccupySeat
from game.log import GameLog
from game.report import build_report_html, build_report_markdown
from game.report.i18n import FR
from game.scenario.models import VectorType

NAMES = {"dgs": "Camille", "dpo": "Dominique", "elu": "", "drh": "Sacha"}


class Visible(HTMLParser):
    """The text a reader of the page sees: text nodes, image alternatives, the title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in ("style", "script")
        self.texts += [v for k, v in attrs if k in ("alt", "title", "aria-label") and v]

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in ("style", "script")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.texts.append(data)


def _strings(value: Any) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            if isinstance(v, str):
                yield k, v
            else:
                yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def internal_ids() -> set[str]:
    """Every id a reader must never see: the pack's, the phases', the vectors'."""
    dump = mini_pack().model_dump(mode="json", by_alias=True)
    ids = {v for k, v in _strings(dump) if k in ("id", "risque", "levier", "cas_usage")}
    ids |= {p.value for p in Phase} | {v.value for v in VectorType}
    ids |= {"budget", "use_case", "lever", "funded", "open", "in_progress", "deployed"}
    # also plain French words, in the engine's own French reasons (« rejetée par le vote »)
    return ids - {"vote", "arbitre", "tirage"}


def leftovers(texts: Iterable[str], known: Iterable[str]) -> str:
    """`texts` with every legitimate text (pack content, catalogue wording, names) removed."""
    pieces = sorted({k for k in known if k.strip()}, key=len, reverse=True)
    out = []
    for text in texts:
        for piece in pieces:
            text = text.replace(piece, " ")
        out.append(text)
    return " ".join(out)


def known_texts(ids: set[str]) -> list[str]:
    dump = mini_pack().model_dump(mode="json", by_alias=True)
    pack_texts = [v for _k, v in _strings(dump) if v not in ids]
    wording = [part for text in FR.values() for part in re.split(r"\{[^}]*\}", text)]
    return [*pack_texts, *wording, *(n for n in NAMES.values() if n)]


def assert_no_id(texts: list[str]) -> None:
    ids = internal_ids()
    rest = leftovers(texts, known_texts(ids))
    found = {}
    for i in sorted(ids):
        match = re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", rest)
        if match:
            found[i] = " ".join(rest[max(0, match.start() - 40) : match.end() + 40].split())
    assert found == {}


def html_texts(page: str) -> list[str]:
    parser = Visible()
    parser.feed(page)
    return parser.texts


def md_texts(notes: str) -> list[str]:
    return inline_texts(markdown().parse(notes))


def lobby_log() -> str:
    log = GameLog.new(mini_pack(), seed=4)
    log.append(OccupySeat(seat="dpo", name="Dominique"))
    return log.to_jsonl()


def test_a_table_that_has_not_started_names_its_phase_in_french() -> None:
    # « Partie non terminée (phase « Accueil ») », never « lobby ».
    for texts in (
        html_texts(build_report_html([lobby_log()])),
        md_texts(build_report_markdown([lobby_log()])),
    ):
        joined = " ".join(texts)
        assert "« Accueil »" in joined
        assert "lobby" not in joined
        assert_no_id(texts)


def test_no_internal_id_reaches_the_reader() -> None:
    # Whole games (two tables, so the comparison is there too), in HTML and in Markdown.
    logs = [seeded_game(NAMES, ("Parce que.",), seed=s).to_jsonl() for s in (1, 5)]
    unfinished = seeded_game(NAMES, seed=7).to_jsonl().splitlines()[:40]
    logs.append("\n".join(unfinished))
    assert_no_id(html_texts(build_report_html(logs)))
    assert_no_id(md_texts(build_report_markdown(logs)))


def test_a_seat_taken_without_a_name_is_not_an_empty_seat() -> None:
    # The Élu·e sat down without typing a name and voted: « Élu·e référent·e (sans nom) »;
    # only a seat nobody took is « siège vide ».
    names = {"dgs": "Camille", "dpo": "Dominique", "elu": ""}
    log = seeded_game(names, ("Parce que.",), seed=1)
    voted = [r for r in log.records if r["action"].get("seat") == "elu"]
    assert any(r["action"]["type"] in ("vote", "choose_option") for r in voted)
    for texts in (
        html_texts(build_report_html([log.to_jsonl()])),
        md_texts(build_report_markdown([log.to_jsonl()])),
    ):
        joined = " ".join(" ".join(texts).split())
        assert "Élu·e référent·e (sans nom)" in joined
        players = next(t for t in texts if "Camille" in t and "DRH" in t)
        assert "Élu·e référent·e (sans nom)" in players
        assert "DRH (siège vide)" in players
        objectives = [i for i, t in enumerate(texts) if t.strip() == "Élu·e référent·e"]
        assert objectives and all("vide" not in texts[i + 1] for i in objectives)
