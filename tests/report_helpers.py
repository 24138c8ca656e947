"""Games written for the report tests: chosen player names and justifications.

`seeded_game` plays the mini scenario with random legal actions, like
`game.randomplay`, but lets a test pick each seat's name (or leave a seat
empty, or occupied without a name) and the justification of every vote.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from html.parser import HTMLParser
from itertools import cycle
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from game.bots import BOTS
from game.engine import Action, Phase, legal_actions
from game.engine.actions import (
    AdvancePhase,
    ChooseOption,
    OccupySeat,
    PhaseTimeout,
    Propose,
    Ready,
    StartGame,
    Vote,
    VoteChoice,
)
from game.log import GameLog, revised
from game.scenario import load_pack
from game.scenario.models import Pack, VectorType

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"


def mini_pack(turns: int = 2) -> Pack:
    """The mini scenario, `turns` turns long."""
    pack = load_pack(MINI)
    rules = pack.scenario.rules.model_validate(
        {**pack.scenario.rules.model_dump(by_alias=True), "tours": turns}
    )
    scenario = pack.scenario.model_validate(
        {**pack.scenario.model_dump(by_alias=True), "regles": rules.model_dump(by_alias=True)}
    )
    return Pack.model_validate({**pack.model_dump(by_alias=True), "scenario": scenario})


def _justified(action: Action, text: str) -> Action:
    return type(action).model_validate({**action.model_dump(), "justification": text})


def seeded_game(
    names: Mapping[str, str],
    justifications: Sequence[str] = ("",),
    *,
    seed: int = 1,
    turns: int = 2,
) -> GameLog:
    """A whole game of the mini scenario: `names` maps each seated role to its player name
    (an empty name: seated without a name); votes use `justifications` in turn."""
    log = GameLog.new(mini_pack(turns), seed=seed, created_at=1_700_000_000.0)
    for role, name in names.items():
        log.append(OccupySeat(seat=role, name=name))
    rng = random.Random(seed)
    texts = cycle(justifications)
    seated = list(names)
    for _ in range(5000):
        if log.state.phase is Phase.FIN:
            return log
        choices = [(s, acts) for s in seated if (acts := legal_actions(log.state, s))]
        if not choices:
            log.append(AdvancePhase())
            continue
        _seat, actions = rng.choice(choices)
        others = [a for a in actions if a.type != "ready"]
        if others and rng.random() > 0.2:
            action = rng.choice(others)
        else:
            action = next(a for a in actions if a.type == "ready")
        if action.type in ("vote", "choose_option"):
            action = _justified(action, next(texts))
        log.append(action)
    raise RuntimeError("the game did not end")


def markdown() -> MarkdownIt:
    """A Markdown renderer as permissive as the viewers trainees use: GitHub-like
    (tables, strikethrough, bare links made live) with raw HTML allowed."""
    return MarkdownIt("gfm-like", {"html": True, "linkify": True}).enable("table")


def walk(tokens: Sequence[Token]) -> list[Token]:
    """Every token, children included."""
    out: list[Token] = []
    for token in tokens:
        out.append(token)
        out += walk(token.children or [])
    return out


def inline_texts(tokens: Sequence[Token]) -> list[str]:
    """The plain text a reader sees in each inline run (paragraph, cell, heading…)."""
    texts = []
    for token in tokens:
        if token.type != "inline":
            continue
        parts = []
        for child in token.children or []:
            if child.type in ("text", "text_special", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        texts.append("".join(parts))
    return texts


def one_line(text: str) -> str:
    """`text` as the report shows it on one line: its lines joined by single spaces."""
    return " ".join(part.strip() for part in text.splitlines() if part.strip())


def _ready_all(log: GameLog) -> None:
    """Every seat that can say « prêt » says it (the phase ends)."""
    for seat in log.state.seats:
        if any(a.type == "ready" for a in legal_actions(log.state, seat.role)):
            log.append(Ready(seat=seat.role))


def _until(log: GameLog, phase: Phase) -> None:
    """Say « prêt » everywhere (dilemmas: everyone picks the first option) up to `phase`."""
    for _ in range(50):
        if log.state.phase is phase or log.state.phase is Phase.FIN:
            return
        if log.state.phase is Phase.LOBBY:
            log.append(StartGame())
        elif log.state.phase is Phase.DILEMMES and _unanswered(log):
            _answer(log)
        else:
            before = log.state.seq
            _ready_all(log)
            if log.state.seq == before:
                log.append(AdvancePhase())
    raise AssertionError(f"never reached {phase}")


#: What the players of the hand-played game wrote.
SPLIT_POUR = "Les habitants attendent une réponse rapide, même le soir."
SPLIT_CONTRE = "Sans cadre d'usage ni cartographie, un outil importé expose nos données."
SPLIT_CONTRE_SHORT = "Trop tôt."
DILEMMA_MINORITY = "Une mention discrète suffit, les usagers veulent une réponse."
LATE_CONTRE = "Trop tard pour changer les habitudes."


def hand_played_log() -> str:
    """A 3-turn game of the mini pack (no event deck), played by hand:

    - turn 1: « Tri automatique des courriels » funded unanimously; the chatbot
      (IA importée) splits the table 2 « pour » (Élu·e, DGS) against 2 « contre »
      (DPO, DRH), and the dilemma it raises is voted 3 to 1;
    - turn 2: the mapping (step 1) funded unanimously;
    - turn 3: the usage framework (step 4) funded 3 to 1.
    """
    pack = mini_pack(3).model_copy(update={"events": ()})
    log = GameLog.new(pack, seed=3, created_at=1_700_000_000.0)
    for role, name in (("dgs", "Camille"), ("dpo", "Dominique"), ("elu", "Sacha"), ("drh", "")):
        log.append(OccupySeat(seat=role, name=name))
    _until(log, Phase.PROPOSITIONS)
    log.append(Propose(seat="dgs", card="tri-courriels", vector=VectorType.ETAGERE))
    log.append(Propose(seat="elu", card="chatbot-usagers", vector=VectorType.IMPORTEE))
    _until(log, Phase.VOTE)
    for seat in ("dpo", "elu", "drh"):
        log.append(Vote(seat=seat, proposal=0, choice=VoteChoice.POUR))
    log.append(Vote(seat="dgs", proposal=1, choice=VoteChoice.POUR, justification=SPLIT_POUR))
    log.append(Vote(seat="dpo", proposal=1, choice=VoteChoice.CONTRE, justification=SPLIT_CONTRE))
    log.append(
        Vote(seat="drh", proposal=1, choice=VoteChoice.CONTRE, justification=SPLIT_CONTRE_SHORT)
    )
    _until(log, Phase.PROPOSITIONS)
    log.append(Propose(seat="dpo", card="cartographie"))
    _until(log, Phase.VOTE)
    for seat in ("dgs", "elu", "drh"):
        log.append(Vote(seat=seat, proposal=len(log.state.proposals) - 1, choice=VoteChoice.POUR))
    _until(log, Phase.PROPOSITIONS)
    log.append(Propose(seat="dpo", card="cadre-usage"))
    _until(log, Phase.VOTE)
    last = len(log.state.proposals) - 1
    log.append(Vote(seat="dgs", proposal=last, choice=VoteChoice.POUR))
    log.append(Vote(seat="drh", proposal=last, choice=VoteChoice.POUR))
    log.append(Vote(seat="elu", proposal=last, choice=VoteChoice.CONTRE, justification=LATE_CONTRE))
    _until(log, Phase.FIN)
    return log.to_jsonl()


def _open_dilemma(log: GameLog) -> int | None:
    return next((d.index for d in log.state.dilemmas if d.chosen is None), None)


def _unanswered(log: GameLog) -> bool:
    index = _open_dilemma(log)
    return index is not None and not log.state.dilemmas[index].votes


def _answer(log: GameLog) -> None:
    """The chatbot's dilemma (« mention IA ») voted 3 to 1: the Élu·e alone for discretion."""
    index = _open_dilemma(log)
    assert index is not None
    assert log.state.dilemmas[index].dilemma == "mention-ia"
    for seat in ("dgs", "dpo", "drh"):
        log.append(ChooseOption(seat=seat, dilemma=index, option="annoncer"))
    log.append(
        ChooseOption(seat="elu", dilemma=index, option="discret", justification=DILEMMA_MINORITY)
    )


#: Stock justifications for bot games; "" is a vote cast without one.
BOT_JUSTIFICATIONS = (
    "Les agents attendent cet outil depuis longtemps.",
    "",
    "Sans cartographie des usages, on avance à l'aveugle : d'abord savoir ce qui existe.",
    "",
    "Trop cher pour ce semestre, il faut d'abord un cadre.",
    "Priorité à la confiance des usagers.",
)


BOT_NAMES = ("Camille", "Dominique", "Sacha", "Alix", "Yannick", "Morgane", "Noa", "Claude")


def bot_game(
    pack: Pack,
    *,
    seed: int,
    bots: Sequence[str] = ("greedy", "cautious", "random"),
    justifications: Sequence[str] = BOT_JUSTIFICATIONS,
) -> GameLog:
    """A whole game where seat i plays `bots[i % len(bots)]` (game.bots); votes and dilemma
    choices carry `justifications` in turn; the phase timer runs out when nobody acts."""
    rng = random.Random(seed)
    roles = [r.id for r in pack.scenario.roles]
    log = GameLog.new(pack, seed=seed, created_at=1_700_000_000.0)
    for role, name in zip(roles, cycle(BOT_NAMES), strict=False):
        log.append(OccupySeat(seat=role, name=name))
    texts = cycle(justifications)
    clock = 1_700_000_000.0
    for _ in range(20_000):
        if log.state.phase is Phase.FIN:
            return log
        moves = [
            a
            for i, seat in enumerate(roles)
            if (a := BOTS[bots[i % len(bots)]](log.state, seat, rng)) is not None
        ]
        clock += 1.0
        if not moves:
            clock = max(clock, log.state.timer.deadline or clock)
            log.append(PhaseTimeout(at=clock))
            continue
        action = rng.choice(moves)
        changes: dict[str, object] = {"at": clock}
        if isinstance(action, Vote | ChooseOption):
            changes["justification"] = next(texts)
        log.append(revised(action, **changes))
    raise RuntimeError("the bot game did not end")


class Page(HTMLParser):
    """Every tag and attribute of a page, and its text as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)
