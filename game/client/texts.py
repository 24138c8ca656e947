"""One accessor over the pack's public texts, whether it came from a local Pack or a join ack,
with the texts the views reveal as the game goes (events drawn, dilemmas opened)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from game.client.palette import AI_ACT, AXES, LEVER, STEPS, VECTORS, Mark
from game.engine.view_models import PlayerView
from game.scenario.examples import examples_line
from game.scenario.glossary import mentions
from game.scenario.models import GlossaryEntry


@dataclass(frozen=True)
class VectorText:
    type: str
    cost: int
    capacity: int
    duration: int
    on_deploy: dict[str, int] = field(default_factory=dict)
    per_turn: dict[str, int] = field(default_factory=dict)
    running_cost: int = 0  # k€ per turn once deployed

    def money(self) -> str:
        """« 40 k€ » or « 40 k€ + 8 k€/tour »: the one-off and the running cost."""
        once = f"{self.cost} k€"
        return f"{once} + {self.running_cost} k€/tour" if self.running_cost else once


@dataclass(frozen=True)
class CardText:
    """What a screen prints about one card of the market."""

    id: str
    kind: str  # "use_case" | "lever"
    title: str
    description: str
    mark: Mark
    step: int
    detail: str  # axis · direction · AI Act, or the step
    vectors: tuple[VectorText, ...] = field(default=())
    dilemma: str | None = None
    examples: str = ""  # « Exemples : Toulouse, Metz » (the source's cities), or ""


def _by_id(items: Any) -> dict[str, dict[str, Any]]:
    return {str(item["id"]): item for item in items or ()}


class PackTexts:
    """Card, role, gauge, risk, dilemma and event texts from `public_pack(pack)`'s dict
    (or the facilitator's whole pack), and what `reveal` adds from the views."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        scenario = data.get("scenario", {})
        self.title: str = scenario.get("titre", "")
        coll = scenario.get("collectivite", {})
        self.collectivite: str = coll.get("nom", "")
        self.collectivite_line = (
            f"{coll.get('nom', '')} · {coll.get('population', 0):,} habitants · "
            f"{coll.get('agents', 0):,} agents".replace(",", "\u202f")
        )
        self.roles = _by_id(scenario.get("roles"))
        self.role_order = tuple(self.roles)
        self.gauges = _by_id(scenario.get("jauges"))
        self.gauge_order = tuple(self.gauges)
        self.use_cases = _by_id(data.get("cas_usage"))
        self.levers = _by_id(data.get("leviers"))
        self.risks = _by_id(data.get("risques"))
        self.dilemmas = _by_id(data.get("dilemmes"))
        self.events = _by_id(data.get("evenements"))
        self.glossary = tuple(GlossaryEntry.model_validate(g) for g in data.get("glossaire") or ())
        self._cards: dict[str, CardText] = {}

    def reveal(self, view: PlayerView) -> None:
        """Take the event and dilemma texts `view` carries (a seat's pack has none: the
        rules reveal them as the game goes), in the pack's shape."""
        for e in view.event_texts:
            if e.id not in self.events:
                self.events[e.id] = {
                    "id": e.id,
                    "titre": e.title,
                    "texte": e.text,
                    "effets": dict(e.effects),
                }
        for d in view.dilemma_texts:
            if d.id not in self.dilemmas:
                options = [{"id": o.id, "libelle": o.label} for o in d.options]
                self.dilemmas[d.id] = {
                    "id": d.id,
                    "titre": d.title,
                    "situation": d.situation,
                    "options": options,
                }

    def role_title(self, role: str | None) -> str:
        """The role's French title (the id if unknown)."""
        if role is None:
            return "Animation"
        return str(self.roles.get(role, {}).get("titre", role))

    def role_mission(self, role: str) -> str:
        return str(self.roles.get(role, {}).get("mission", ""))

    def gauge_label(self, gauge: str) -> str:
        return str(self.gauges.get(gauge, {}).get("libelle", gauge))

    def gauge_bounds(self, gauge: str) -> tuple[int, int]:
        g = self.gauges.get(gauge, {})
        return int(g.get("min", 0)), int(g.get("max", 100))

    def card(self, card_id: str) -> CardText:
        """The texts of a use case or lever (a placeholder for an unknown id)."""
        if card_id not in self._cards:
            self._cards[card_id] = self._make_card(card_id)
        return self._cards[card_id]

    def _make_card(self, card_id: str) -> CardText:
        if card_id in self.use_cases:
            uc = self.use_cases[card_id]
            mark = AXES.get(uc.get("axe", ""), LEVER)
            vectors = tuple(
                VectorText(
                    v["type"],
                    v.get("cout", 0),
                    v.get("capacite", 0),
                    v.get("duree", 1),
                    dict(v.get("effets_deploiement") or {}),
                    dict(v.get("effets_par_tour") or {}),
                    v.get("cout_par_tour", 0),
                )
                for v in uc.get("vecteurs", ())
            )
            detail = (
                f"{mark.label} · {uc.get('direction', '')} · {AI_ACT.get(uc.get('ai_act', ''), '')}"
            )
            return CardText(
                card_id,
                "use_case",
                uc.get("titre", card_id),
                uc.get("description", ""),
                mark,
                5,
                detail,
                vectors,
                uc.get("dilemme"),
                examples_line(uc.get("exemples", "")),
            )
        lv = self.levers.get(card_id, {})
        step = int(lv.get("etape", 1))
        vec = VectorText(
            "",
            lv.get("cout", 0),
            lv.get("capacite", 0),
            lv.get("duree", 1),
            dict(lv.get("effets") or {}),
            dict(lv.get("effets_par_tour") or {}),
            lv.get("cout_par_tour", 0),
        )
        return CardText(
            card_id,
            "lever",
            lv.get("titre", card_id),
            lv.get("description", ""),
            LEVER,
            step,
            f"Levier · étape {STEPS.get(step, step)}",
            (vec,),
            examples=examples_line(lv.get("exemples", "")),
        )

    def terms(self, *texts: str) -> list[GlossaryEntry]:
        """The glossary entries `texts` use (« AIPD », « FRIA »…), in glossary order."""
        joined = "\n".join(texts)
        return [g for g in self.glossary if mentions(g, joined)]

    def title_of(self, any_id: str) -> str:
        """The title of any card, risk, dilemma or event id."""
        for table in (self.use_cases, self.levers, self.risks, self.dilemmas, self.events):
            if any_id in table:
                return str(table[any_id].get("titre", any_id))
        return any_id

    def option_label(self, dilemma: str, option: str) -> str:
        for opt in self.dilemmas.get(dilemma, {}).get("options", ()):
            if opt.get("id") == option:
                return str(opt.get("libelle", option))
        return option

    @staticmethod
    def vector_label(vector: str | None) -> str:
        return VECTORS.get(vector or "", vector or "")
