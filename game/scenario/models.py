"""Typed, frozen models of a scenario pack.

YAML keys are French (the words a facilitator uses); Python names are English
and reach the French keys through aliases. Every field carries a French
description: it ends up in the JSON Schema that editors show while typing.
No card, role or gauge is named here: all of that is data.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"

Id = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        description="Identifiant stable : minuscules, chiffres, tirets (ex. chatbot-usagers).",
    ),
]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
#: A yes/no field: only true or false, not "no", "oui" or 1 (pydantic's lax mode takes those).
Flag = Annotated[bool, Field(strict=True)]

#: Reserved effect keys that are resources, not gauges.
RESOURCE_KEYS = ("budget",)

Effects = Annotated[
    dict[str, int],
    Field(
        description=(
            "Effets : identifiant de jauge (ou « budget », en k€) → variation entière "
            "(ex. {performance: 4, souverainete: -3})."
        ),
    ),
]


class Model(BaseModel):
    """Base of every pack model: frozen, French aliases, unknown keys refused."""

    model_config = ConfigDict(
        frozen=True,
        populate_by_name=True,
        extra="forbid",
        str_strip_whitespace=True,
    )


class Axis(StrEnum):
    POLITIQUES_PUBLIQUES = "politiques_publiques"
    RELATION_USAGERS = "relation_usagers"
    RESSOURCES_INTERNES = "ressources_internes"


class AiActTier(StrEnum):
    INTERDIT = "interdit"
    HAUT_RISQUE = "haut_risque"
    TRANSPARENCE = "transparence"
    MINIMAL = "minimal"


class VectorType(StrEnum):
    IMPORTEE = "importee"
    ETAGERE = "etagere"
    INTERNE = "interne"


class VoteRule(StrEnum):
    MAJORITE = "majorite"
    CONSENSUS = "consensus"


class Requirements(Model):
    gauges: dict[str, int] = Field(
        default_factory=dict,
        alias="jauges",
        description="Seuils minimaux de jauges à atteindre (identifiant → valeur).",
    )
    levers: tuple[Id, ...] = Field(
        default=(), alias="leviers", description="Leviers qui doivent être réalisés avant."
    )


class Exposure(Model):
    risk: Id = Field(alias="risque", description="Identifiant du risque exposé.")
    exposure: Probability = Field(
        alias="exposition", description="Probabilité ajoutée par tour (0 à 1)."
    )


class Mitigation(Model):
    risk: Id = Field(alias="risque", description="Identifiant du risque atténué.")
    reduction: Probability = Field(description="Probabilité retirée par tour (0 à 1).")


class ShadowAi(Model):
    id: Id
    title: str = Field(alias="titre", description="Nom de l'usage non encadré.")
    description: str = Field(default="", description="Ce que font les agents, avec quoi.")
    agents: int = Field(default=0, ge=0, description="Nombre estimé d'agents concernés.")
    risks: tuple[Exposure, ...] = Field(
        default=(), alias="risques", description="Risques exposés tant qu'aucun cadre n'existe."
    )


class Collectivite(Model):
    name: str = Field(alias="nom", description="Nom de la collectivité fictive.")
    kind: str = Field(default="commune", alias="type", description="Type de collectivité.")
    population: int = Field(ge=0, description="Nombre d'habitants.")
    agents: int = Field(ge=0, description="Nombre d'agents.")
    description: str = Field(default="", description="Présentation en quelques phrases.")
    directions: tuple[str, ...] = Field(default=(), description="Directions de la collectivité.")
    shadow_ai: tuple[ShadowAi, ...] = Field(
        default=(),
        alias="ia_fantome",
        description="IA déjà utilisée par les agents sans cadre : cachée jusqu'à la cartographie.",
    )


class Condition(Model):
    """One checkable clause of a secret objective; exactly one kind is set."""

    gauge: Id | None = Field(default=None, alias="jauge", description="Jauge à comparer.")
    min: int | None = Field(default=None, description="Valeur minimale (jauge, nombre, budget).")
    max: int | None = Field(default=None, description="Valeur maximale (jauge, nombre).")
    lever: Id | None = Field(default=None, alias="levier", description="Levier réalisé.")
    use_case: Id | None = Field(default=None, alias="cas_usage", description="Cas d'usage déployé.")
    axis: Axis | None = Field(
        default=None, alias="axe", description="Nombre de cas d'usage déployés sur cet axe."
    )
    vector: VectorType | None = Field(
        default=None, alias="vecteur", description="Nombre de cas d'usage déployés par ce vecteur."
    )
    risk_avoided: Id | None = Field(
        default=None, alias="risque_evite", description="Risque qui ne doit jamais survenir."
    )
    budget: Flag = Field(
        default=False, description="Vrai : comparer le budget restant à min/max (k€)."
    )

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        kinds = [
            self.gauge,
            self.lever,
            self.use_case,
            self.axis,
            self.vector,
            self.risk_avoided,
            self.budget or None,
        ]
        if sum(k is not None for k in kinds) != 1:
            raise ValueError(
                "une condition porte sur une seule chose : jauge, levier, cas_usage, axe, "
                "vecteur, risque_evite ou budget"
            )
        return self


class Branch(Model):
    """`si` / `sinon`: effects that depend on what the table has done (levers, gauges, cards)."""

    when: tuple[Condition, ...] = Field(
        min_length=1,
        alias="si",
        description="Conditions sur ce que la table a fait (toutes requises), comme un objectif.",
    )
    then: Effects = Field(
        default_factory=dict,
        alias="alors",
        description="Effets ajoutés quand les conditions tiennent.",
    )
    otherwise: Effects = Field(
        default_factory=dict,
        alias="sinon",
        description="Effets ajoutés quand elles ne tiennent pas.",
    )
    because: str = Field(
        alias="parce_que",
        description="Lu quand les conditions tiennent : « parce que vous aviez … » (la suite).",
    )
    for_lack: str = Field(
        alias="faute_de",
        description="Lu quand elles ne tiennent pas : « faute de … » (la suite).",
    )


Branches = Annotated[
    tuple[Branch, ...],
    Field(description="Effets modulés selon ce que la table a fait (si / alors / sinon)."),
]


class SecretObjective(Model):
    text: str = Field(alias="texte", description="L'objectif tel que le rôle le lit.")
    conditions: tuple[Condition, ...] = Field(
        min_length=1, description="Conditions vérifiées en fin de partie (toutes requises)."
    )
    points: int = Field(default=10, ge=0, le=100, description="Points gagnés si atteint.")


class Role(Model):
    id: Id
    title: str = Field(alias="titre", description="Intitulé du rôle (ex. DPO).")
    mission: str = Field(description="Mission publique, connue de toute la table.")
    secret: SecretObjective = Field(
        alias="objectif_secret", description="Objectif secret, révélé en fin de partie."
    )
    arbiter: Flag = Field(
        default=False, alias="arbitre", description="Vrai : départage les votes à égalité."
    )


class Gauge(Model):
    id: Id
    label: str = Field(alias="libelle", description="Libellé affiché.")
    min: int = Field(default=0, description="Valeur minimale.")
    max: int = Field(default=100, description="Valeur maximale.")
    start: int = Field(alias="depart", description="Valeur de départ.")
    weight: float = Field(default=1.0, ge=0, alias="poids", description="Poids dans le score.")

    @model_validator(mode="after")
    def _bounds(self) -> Gauge:
        if not self.min < self.max:
            raise ValueError("min doit être strictement inférieur à max")
        if not self.min <= self.start <= self.max:
            raise ValueError("la valeur de départ doit être entre min et max")
        return self


class Resources(Model):
    budget_per_turn: int = Field(ge=0, alias="budget_par_tour", description="k€ accordés par tour.")
    initial_budget: int = Field(
        default=0, ge=0, alias="budget_initial", description="k€ disponibles avant le 1er tour."
    )
    capacity_per_turn: int = Field(
        ge=0, alias="capacite_par_tour", description="Points d'équipe par tour (non reportés)."
    )


class Need(Model):
    """A stated need of the collectivité: use cases that answer it score more."""

    id: Id
    title: str = Field(
        alias="titre", description="Le besoin, en une ligne (60 caractères au plus)."
    )
    description: str = Field(default="", description="Ce que vivent les agents ou les usagers.")
    points: int = Field(
        default=4, ge=0, le=20, description="Points ajoutés au score d'équipe s'il est couvert."
    )


class StepOrder(Model):
    """Deploying a use case before some steps of the method raises its exposures."""

    steps: tuple[Annotated[int, Field(ge=1, le=5)], ...] = Field(
        min_length=1,
        alias="etapes_avant",
        description="Étapes (1 à 5) dont un levier doit être réalisé avant le déploiement.",
    )
    generative_only: Flag = Field(
        default=True,
        alias="ia_generative_seulement",
        description="Vrai : ne concerne que les cas d'usage marqués ia_generative.",
    )
    increase: float = Field(
        ge=0,
        le=5,
        alias="majoration",
        description="Part ajoutée aux expositions par étape manquante (0.5 = +50 %).",
    )
    lesson: str = Field(alias="explication", description="Ce que le débriefing en dit.")


class Timers(Model):
    """Phase durations in seconds (0 = no timer)."""

    event: int = Field(default=120, ge=0, alias="evenement", description="Secondes.")
    proposals: int = Field(default=420, ge=0, alias="propositions", description="Secondes.")
    vote: int = Field(default=300, ge=0, description="Secondes.")
    dilemmas: int = Field(default=300, ge=0, alias="dilemmes", description="Secondes.")
    resolution: int = Field(default=120, ge=0, description="Secondes.")


class Rules(Model):
    turns: int = Field(ge=1, le=20, alias="tours", description="Nombre de tours (semestres).")
    vote_rule: VoteRule = Field(
        default=VoteRule.MAJORITE,
        alias="regle_vote",
        description="majorite (des votes exprimés, l'arbitre départage) ou consensus.",
    )
    max_proposals_per_seat: int = Field(
        default=2,
        ge=1,
        le=10,
        alias="propositions_par_siege",
        description="Propositions qu'un siège peut faire par tour.",
    )
    timers: Timers = Field(
        default_factory=Timers, alias="minuteurs", description="Durée des phases."
    )
    step_order: tuple[StepOrder, ...] = Field(
        default=(),
        alias="ordre_des_etapes",
        description="Ce qu'il en coûte de déployer avant certaines étapes de la démarche.",
    )
    calendar: tuple[Annotated[str, Field(min_length=1, max_length=20)], ...] = Field(
        default=(),
        alias="calendrier",
        description=(
            "Date fictive de chaque tour, dans l'ordre (ex. [S1 2027, S2 2027, …]) : "
            "autant d'étiquettes que de tours."
        ),
    )

    def turn_label(self, turn: int) -> str:
        """The fictional date of `turn` (from 1), or « tour N » without a calendar."""
        if 1 <= turn <= len(self.calendar):
            return self.calendar[turn - 1]
        return f"tour {turn}"


class SessionPlan(Model):
    """How the session's minutes are spent: briefing, play (the timers), debrief."""

    total: int = Field(ge=1, le=600, alias="duree", description="Durée de la séance, en minutes.")
    briefing: int = Field(ge=0, alias="accueil", description="Minutes d'accueil et de consignes.")
    reading: int = Field(
        default=0,
        ge=0,
        alias="lecture",
        description="Minutes de lecture des cartes ajoutées au premier tour.",
    )
    debrief: int = Field(ge=0, alias="debriefing", description="Minutes de débriefing.")


class Scenario(Model):
    """`scenario.yaml`: the setting and the rules of a pack."""

    id: Id
    title: str = Field(alias="titre", description="Titre du scénario.")
    description: str = Field(default="", description="Présentation pour l'animateur·rice.")
    language: str = Field(default="fr", alias="langue", description="Langue des textes.")
    collectivite: Collectivite = Field(description="La collectivité fictive.")
    roles: tuple[Role, ...] = Field(min_length=1, description="Les rôles (sièges) de la table.")
    gauges: tuple[Gauge, ...] = Field(
        min_length=1, alias="jauges", description="Les jauges suivies pendant la partie."
    )
    resources: Resources = Field(alias="ressources", description="Budget et capacité par tour.")
    rules: Rules = Field(alias="regles", description="Règles de la partie.")
    needs: tuple[Need, ...] = Field(
        default=(),
        alias="besoins",
        description="Les 3 à 5 besoins de la collectivité, que des cas d'usage couvrent.",
    )
    session: SessionPlan | None = Field(
        default=None,
        alias="seance",
        description="Le minutage de la séance : la partie (minuteurs) doit y tenir.",
    )

    def play_minutes(self) -> float:
        """The longest the game can last: every phase to its timer, each turn, plus the
        first turn's reading time."""
        t = self.rules.timers
        per_turn = t.event + t.proposals + t.vote + t.dilemmas + t.resolution
        reading = self.session.reading if self.session else 0
        return self.rules.turns * per_turn / 60 + reading


class Vector(Model):
    type: VectorType = Field(description="importee, etagere ou interne.")
    cost: int = Field(
        ge=0, alias="cout", description="k€ d'investissement, une fois, à l'engagement."
    )
    running_cost: int = Field(
        default=0,
        ge=0,
        alias="cout_par_tour",
        description="k€ de fonctionnement par tour une fois déployé (licences, personnel).",
    )
    capacity: int = Field(ge=0, alias="capacite", description="Points d'équipe par tour.")
    duration: int = Field(ge=1, le=10, alias="duree", description="Tours avant déploiement.")
    requirements: Requirements = Field(
        default_factory=Requirements, alias="prerequis", description="Conditions pour proposer."
    )
    on_deploy: Effects = Field(default_factory=dict, alias="effets_deploiement")
    per_turn: Effects = Field(default_factory=dict, alias="effets_par_tour")
    risks: tuple[Exposure, ...] = Field(
        default=(), alias="risques", description="Risques exposés une fois déployé."
    )
    mitigations: tuple[Mitigation, ...] = Field(
        default=(),
        alias="attenuations",
        description=(
            "Risques que ce cas d'usage réduit une fois déployé (ex. détection d'intrusion)."
        ),
    )


class UseCase(Model):
    id: Id
    title: str = Field(alias="titre", description="Titre (60 caractères au plus).")
    axis: Axis = Field(
        alias="axe", description="politiques_publiques, relation_usagers ou ressources_internes."
    )
    direction: str = Field(description="Direction porteuse.")
    ai_act: AiActTier = Field(description="Niveau de risque AI Act.")
    crpa: Flag = Field(
        default=False, description="Décision individuelle : obligations CRPA d'information."
    )
    description: str = Field(description="Description (300 caractères au plus).")
    examples: str = Field(default="", alias="exemples", description="Collectivités exemples.")
    generative: Flag = Field(
        default=False,
        alias="ia_generative",
        description="Vrai : IA générative (concernée par l'ordre des étapes du scénario).",
    )
    needs: tuple[Id, ...] = Field(
        default=(), alias="repond_a", description="Besoins de la collectivité auxquels il répond."
    )
    vectors: tuple[Vector, ...] = Field(
        min_length=1, max_length=3, alias="vecteurs", description="De 1 à 3 façons de le déployer."
    )
    dilemma: Id | None = Field(default=None, alias="dilemme", description="Dilemme déclenché.")
    locked: Flag = Field(
        default=False,
        alias="verrouille",
        description="Vrai : indisponible tant qu'un levier ou un dilemme ne l'a pas débloqué.",
    )


class Lever(Model):
    id: Id
    title: str = Field(alias="titre", description="Titre (60 caractères au plus).")
    step: int = Field(ge=1, le=5, alias="etape", description="Étape 1 à 5 de la démarche.")
    description: str = Field(description="Description (300 caractères au plus).")
    cost: int = Field(
        ge=0, alias="cout", description="k€ d'investissement, une fois, à l'engagement."
    )
    running_cost: int = Field(
        default=0,
        ge=0,
        alias="cout_par_tour",
        description="k€ de fonctionnement par tour une fois réalisé (personnel, abonnement).",
    )
    capacity: int = Field(ge=0, alias="capacite", description="Points d'équipe par tour.")
    duration: int = Field(ge=1, le=10, alias="duree", description="Tours avant achèvement.")
    requirements: Requirements = Field(
        default_factory=Requirements, alias="prerequis", description="Conditions pour proposer."
    )
    effects: Effects = Field(default_factory=dict, alias="effets")
    per_turn: Effects = Field(default_factory=dict, alias="effets_par_tour")
    mitigations: tuple[Mitigation, ...] = Field(
        default=(), alias="attenuations", description="Risques atténués, et de combien."
    )
    reveals_shadow_ai: Flag = Field(
        default=False, alias="revele_ia_fantome", description="Révèle l'inventaire d'IA fantôme."
    )
    unlocks: tuple[Id, ...] = Field(default=(), alias="debloque", description="Cartes débloquées.")
    locked: Flag = Field(
        default=False,
        alias="verrouille",
        description="Vrai : indisponible tant qu'un levier ou un dilemme ne l'a pas débloqué.",
    )
    dilemma: Id | None = Field(
        default=None, alias="dilemme", description="Dilemme ouvert quand le levier est financé."
    )


class Consequences(Model):
    effects: Effects = Field(default_factory=dict, alias="effets")
    suspends_use_case: Flag = Field(
        default=False,
        alias="suspend_cas_usage",
        description="Vrai : le cas d'usage en cause est suspendu (plus d'effets par tour).",
    )
    branches: Branches = Field(default=(), alias="selon")


class Risk(Model):
    id: Id
    title: str = Field(alias="titre", description="Titre (60 caractères au plus).")
    description: str = Field(description="Description (300 caractères au plus).")
    base_probability: Probability = Field(
        alias="probabilite_base", description="Probabilité de base par tour (0 à 1)."
    )
    consequences: Consequences = Field(description="Ce qui arrive quand le risque survient.")
    causes: str = Field(default="", description="Ce qui expose à ce risque (en clair).")
    remedies: str = Field(default="", alias="parades", description="Ce qui l'atténue (en clair).")
    lesson: str = Field(alias="lecon", description="Leçon lue au débriefing (600 car. au plus).")


class FollowUps(Model):
    adds_risks: tuple[Exposure, ...] = Field(
        default=(), alias="ajoute_risques", description="Risques ajoutés (exposition par tour)."
    )
    unlocks: tuple[Id, ...] = Field(
        default=(), alias="debloque", description="Cartes verrouillées que cette option débloque."
    )
    requires_levers: tuple[Id, ...] = Field(
        default=(),
        alias="exige_leviers",
        description="Le cas d'usage en cause reste suspendu tant que ces leviers manquent.",
    )


class DilemmaOption(Model):
    id: Id
    label: str = Field(alias="libelle", description="Texte de l'option, lu au vote.")
    effects: Effects = Field(default_factory=dict, alias="effets")
    follow_ups: FollowUps = Field(
        default_factory=FollowUps, alias="suites", description="Suites si l'option l'emporte."
    )


class Dilemma(Model):
    id: Id
    title: str = Field(alias="titre", description="Titre (60 caractères au plus).")
    situation: str = Field(description="La situation exposée à la table (300 car. au plus).")
    options: tuple[DilemmaOption, ...] = Field(
        min_length=2, max_length=4, description="De 2 à 4 options soumises au vote."
    )
    expert_view: str = Field(
        alias="regard_expert",
        description="Regard d'expert lu après le vote : droit, précédents (600 car. au plus).",
    )


class Event(Model):
    id: Id
    title: str = Field(alias="titre", description="Titre (60 caractères au plus).")
    text: str = Field(alias="texte", description="Texte de l'événement (300 car. au plus).")
    effects: Effects = Field(default_factory=dict, alias="effets")
    branches: Branches = Field(default=(), alias="selon")
    dilemma: Id | None = Field(
        default=None, alias="dilemme", description="Dilemme imposé par l'événement."
    )
    weight: int = Field(default=1, ge=0, le=100, alias="poids", description="Poids dans la pioche.")
    min_turn: int = Field(
        default=1, ge=1, alias="tour_min", description="Premier tour où il peut être tiré."
    )
    max_turn: int | None = Field(
        default=None, ge=1, alias="tour_max", description="Dernier tour où il peut être tiré."
    )


class GlossaryEntry(Model):
    """`glossaire.yaml`: a term (acronym or jargon) the cards use, and what it means."""

    term: str = Field(alias="terme", min_length=1, description="Le sigle ou le mot (ex. AIPD).")
    expansion: str = Field(
        default="", alias="developpe", description="Le sigle en toutes lettres, s'il en est un."
    )
    definition: str = Field(min_length=1, description="Ce que c'est, en une ou deux phrases.")
    variants: tuple[str, ...] = Field(
        default=(),
        alias="variantes",
        description="Autres graphies qui renvoient à la même entrée (pluriel, forme courte).",
    )


class FreshnessCheck(Model):
    """`fraicheur.yaml`: one legal point checked, against which text, where, on which day."""

    subject: str = Field(alias="sujet", description="Ce qui a été vérifié (ex. calendrier AI Act).")
    text: str = Field(alias="texte", description="Le texte de référence (ex. règlement 2024/1689).")
    source: str = Field(description="Où : EUR-Lex, Légifrance, CNIL, ANSSI…")
    checked_on: date = Field(
        alias="verifie_le", description="Date de la vérification (AAAA-MM-JJ)."
    )


class Pack(Model):
    """A whole validated pack: the scenario and its decks."""

    scenario: Scenario
    use_cases: tuple[UseCase, ...] = Field(alias="cas_usage")
    levers: tuple[Lever, ...] = Field(alias="leviers")
    risks: tuple[Risk, ...] = Field(alias="risques")
    dilemmas: tuple[Dilemma, ...] = Field(default=(), alias="dilemmes")
    events: tuple[Event, ...] = Field(default=(), alias="evenements")
    glossary: tuple[GlossaryEntry, ...] = Field(default=(), alias="glossaire")
    freshness: tuple[FreshnessCheck, ...] = Field(default=(), alias="fraicheur")
