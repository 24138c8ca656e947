"""How the order of a table's steps compares with the method: map → equip →
experiment/organise → framework → deploy (steps 1 to 5 of the roadmap).

`method_order(table)` measures it; `method_sentence(order, t)` says it in one sentence.
A verdict names each kind of sentence; a rule that makes the order cost something (e.g.
exposure increases when deploying before the framework) adds its figures to `MethodOrder`
and its clause to the sentence here, in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.report.i18n import Messages, number
from game.report.model import TableReport

PREPARATION = (1, 2, 3, 4)
Verdict = Literal["nothing", "no_use_case", "in_order", "reordered", "late"]


@dataclass(frozen=True)
class MethodOrder:
    """When each step first got a funded card, and what that says about the method."""

    first: dict[int, int]  # step → turn its first card was funded (absent: never)
    first_use_case: int | None  # the turn of the first use case funded
    late: tuple[int, ...]  # preparation steps funded after the first use case
    never: tuple[int, ...]  # preparation steps never funded (while use cases were)
    use_cases_before: int  # use cases funded before the first late step came (or in all)
    inverted: tuple[int, int] | None  # two preparation steps funded against the method order
    verdict: Verdict
    early: int = 0  # use cases deployed before steps the scenario's order rule names
    early_steps: tuple[int, ...] = ()  # the steps they came before
    early_factor: float = 1.0  # the largest exposure factor it cost

    @property
    def followed(self) -> bool:
        """True when the preparation came before the use cases, as the method says."""
        return self.verdict == "in_order"


def _inversion(first: dict[int, int]) -> tuple[int, int] | None:
    """The first pair (earlier step, later step) where the later step came first."""
    steps = [s for s in PREPARATION if s in first]
    for i, a in enumerate(steps):
        for b in steps[i + 1 :]:
            if first[b] < first[a]:
                return (a, b)
    return None


def method_order(table: TableReport) -> MethodOrder:
    """Compare the order in which `table` funded its steps with the method's."""
    first: dict[int, int] = {}
    for card in table.roadmap:
        first[card.step] = min(first.get(card.step, card.turn), card.turn)
    uc_turns = sorted(c.turn for c in table.roadmap if c.kind == "use_case")
    start = uc_turns[0] if uc_turns else None
    late = tuple(s for s in PREPARATION if start is not None and s in first and first[s] > start)
    never = tuple(s for s in PREPARATION if start is not None and s not in first)
    if late:
        came = min(first[s] for s in late)
        before = sum(1 for t in uc_turns if t < came)
    else:
        before = len(uc_turns)
    inverted = _inversion(first)
    verdict: Verdict
    if not table.roadmap:
        verdict = "nothing"
    elif start is None:
        verdict = "no_use_case"
    elif late or never:
        verdict = "late"
    elif inverted:
        verdict = "reordered"
    else:
        verdict = "in_order"
    steps = tuple(sorted({s for d in table.early for s in d.steps}))
    factor = max((d.factor for d in table.early), default=1.0)
    return MethodOrder(
        first, start, late, never, before, inverted, verdict, len(table.early), steps, factor
    )


def steps_before(steps: tuple[int, ...], t: Messages) -> str:
    """« la cartographie (étape 1) et le cadre d'usage (étape 4) » (plain text)."""
    return _and([t(f"step_before_{s}") for s in steps], t)


def early_clause(order: MethodOrder, t: Messages) -> str:
    """« 3 cas d'usage ont été mis en service avant la cartographie (étape 1) … ×3 … » or ""."""
    if not order.early:
        return ""
    steps = steps_before(order.early_steps, t)
    factor = number(order.early_factor, t.lang, 1).removesuffix(",0").removesuffix(".0")
    if order.early == 1:
        return t("method_early_one", steps=steps, factor=factor)
    return t("method_early_many", n=order.early, steps=steps, factor=factor)


def _and(items: list[str], t: Messages) -> str:
    """« a », « a et b », « a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return t("list_and", head=", ".join(items[:-1]), last=items[-1])


def _step(step: int, t: Messages) -> str:
    return t("step_named", n=step, name=t(f"step_short_{step}"))


def method_sentence(order: MethodOrder, t: Messages) -> str:
    """What the facilitator reads about the order of the table's steps, and what the
    scenario's order rule made it cost."""
    clause = early_clause(order, t)
    sentence = order_sentence(order, t)
    return f"{sentence} {clause}" if clause else sentence


def order_sentence(order: MethodOrder, t: Messages) -> str:
    """The one sentence about the order of the table's steps."""
    if order.verdict == "nothing":
        return t("method_nothing")
    if order.verdict == "no_use_case":
        steps = [_step(s, t) for s in PREPARATION if s in order.first]
        return t("method_no_use_case", steps=_and(steps, t))
    if order.verdict == "in_order":
        steps = [_step(s, t) for s in PREPARATION]
        return t("method_in_order", steps=_and(steps, t), turn=order.first_use_case)
    if order.verdict == "reordered":
        assert order.inverted is not None
        a, b = order.inverted
        return t(
            "method_reordered",
            later=_step(b, t),
            later_turn=order.first[b],
            earlier=_step(a, t),
            earlier_turn=order.first[a],
        )
    parts = []
    if order.late:
        late = [t("step_at_turn", step=_step(s, t), turn=order.first[s]) for s in order.late]
        key = "method_late_one" if len(late) == 1 else "method_late_many"
        parts.append(t(key, steps=_and(late, t), n=order.use_cases_before))
    if order.never:
        never = [_step(s, t) for s in order.never]
        key = "method_never_one" if len(never) == 1 else "method_never_many"
        parts.append(t(key, steps=_and(never, t)))
    sentence = t("method_and", first=parts[0], second=parts[1]) if len(parts) == 2 else parts[0]
    if not order.late:
        sentence = t("method_with_use_cases", text=sentence, n=order.use_cases_before)
    return sentence[0].upper() + sentence[1:] + "."
