// French texts of the pack (from the join ack's `pack`) and of what happened: the same
// wording as the pygame client (game/client/texts.py, game/client/scenes/wording.py).

export const PHASES = {
  lobby: "Accueil",
  evenement: "Événement",
  propositions: "Propositions",
  vote: "Vote",
  dilemmes: "Dilemmes",
  resolution: "Résolution",
  fin: "Fin de partie",
};
export const TURN_PHASES = ["evenement", "propositions", "vote", "dilemmes", "resolution"];

// A category is never told by colour alone: each has a letter and a shape too.
export const AXES = {
  politiques_publiques: { label: "Politiques publiques", letter: "P", cls: "ax-p" },
  relation_usagers: { label: "Relation usagers", letter: "U", cls: "ax-u" },
  ressources_internes: { label: "Ressources internes", letter: "R", cls: "ax-r" },
};
export const LEVER = { label: "Levier", letter: "L", cls: "ax-l" };
export const STEPS = {
  1: "1. Cartographier",
  2: "2. S'outiller",
  3: "3. Expérimenter",
  4: "4. Cadre d'usage",
  5: "5. Déployer",
};
export const VECTORS = {
  importee: "IA importée",
  etagere: "Solution sur étagère",
  interne: "Développement interne",
};
export const AI_ACT = {
  interdit: "AI Act : interdit",
  haut_risque: "AI Act : haut risque",
  transparence: "AI Act : transparence",
  minimal: "AI Act : risque minimal",
};
export const CARD_STATUS = {
  available: "disponible",
  locked: "verrouillée",
  proposed: "proposée",
  in_progress: "en cours",
  deployed: "déployée",
  suspended: "suspendue",
};
export const PROPOSAL_STATUS = {
  open: "en attente du vote",
  funded: "retenue et financée",
  rejected: "rejetée",
};
export const PROJECT_STATUS = { in_progress: "en cours", deployed: "déployé", suspended: "suspendu" };
export const VOTES = { pour: "Pour", contre: "Contre", abstention: "Abstention" };
export const RISK_LEVELS = { faible: "faible", moyen: "moyen", eleve: "élevé" };
/** A project funded now would not deploy before the game ends (`too_late` in the view). */
export const TOO_LATE = "Trop tard pour aboutir avant la fin de la partie : retenu maintenant, ce projet ne serait pas déployé à temps.";

/** How a dilemma was decided when its votes did not ("" when they did). */
export function tieBreakText(tieBreak, votes) {
  if (tieBreak === "arbitre") return "égalité départagée par la voix de l'arbitre";
  if (tieBreak === "premier vote") return "égalité départagée par le premier vote exprimé";
  if (tieBreak === "tirage au sort") {
    return votes ? "égalité départagée par tirage au sort" : "tranché par tirage au sort : personne n'a voté";
  }
  return "";
}

/** « 1 proposition et 1 dilemme » still waiting for this seat's vote in this phase ("" if none). */
export function unvoted(view) {
  const seat = view.seat;
  const props = view.phase === "vote"
    ? (view.proposals || []).filter((p) => p.status === "open" && !(p.votes || {})[seat]).length : 0;
  const dils = view.phase === "dilemmes"
    ? (view.dilemmas || []).filter((d) => (d.chosen === null || d.chosen === undefined) && !(d.votes || {})[seat]).length : 0;
  const parts = [];
  if (props) parts.push(`${props} proposition${props > 1 ? "s" : ""}`);
  if (dils) parts.push(`${dils} dilemme${dils > 1 ? "s" : ""}`);
  return parts.join(" et ");
}

// Risk sources that are no card: the masked shadow-AI inventory, a dilemma's choice.
const SOURCE_WORDS = {
  "usages-non-recenses": "des usages d'IA non recensés",
  dilemme: "un choix fait sur un dilemme",
};

// A whole word; case-sensitive for acronyms (« IA »), not for words (as glossary.py does).
const termPattern = (form) => {
  const upper = [...form].filter((c) => c !== c.toLowerCase()).length;
  const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, upper >= 2 ? "u" : "iu");
};

const byId = (items) => Object.fromEntries((items || []).map((i) => [String(i.id), i]));
const nbsp = (n) => Number(n || 0).toLocaleString("fr-FR");

export class PackTexts {
  constructor(data) {
    this.data = data || {};
    const sc = this.data.scenario || {};
    const coll = sc.collectivite || {};
    this.title = sc.titre || "";
    this.collectivite = coll.nom || "";
    this.collectiviteLine = `${coll.nom || ""} · ${nbsp(coll.population)} habitants · ${nbsp(coll.agents)} agents`;
    this.collectiviteText = coll.description || "";
    this.roles = byId(sc.roles);
    this.gauges = byId(sc.jauges);
    this.useCases = byId(this.data.cas_usage);
    this.levers = byId(this.data.leviers);
    this.risks = byId(this.data.risques);
    this.dilemmas = byId(this.data.dilemmes);
    this.events = byId(this.data.evenements);
    this.glossary = (this.data.glossaire || []).map((g) => ({
      term: g.terme, expansion: g.developpe || "", definition: g.definition || "",
      patterns: [g.terme, ...(g.variantes || [])].map(termPattern),
    }));
  }

  /** The glossary entries the given texts use, in glossary order (as `PackTexts.terms`). */
  terms(...texts) {
    const joined = texts.join("\n");
    return this.glossary.filter((g) => g.patterns.some((re) => re.test(joined)));
  }

  // The texts the rules reveal in their time come in the view, not in the join pack
  // (as `PackTexts.reveal` does in the Python client): events once drawn, dilemmas
  // once opened, the risks' lessons at the end.
  reveal(view) {
    for (const e of view.event_texts || []) {
      this.events[e.id] = { id: e.id, titre: e.title, texte: e.text, effets: e.effects || {} };
    }
    for (const d of view.dilemma_texts || []) {
      const options = (d.options || []).map((o) => ({ id: o.id, libelle: o.label }));
      this.dilemmas[d.id] = { id: d.id, titre: d.title, situation: d.situation, options };
    }
    for (const [risk, lesson] of Object.entries(view.lessons || {})) {
      if (this.risks[risk]) this.risks[risk] = { ...this.risks[risk], lecon: lesson };
    }
  }

  roleTitle(role) {
    if (role === null || role === undefined) return "Animation";
    return (this.roles[role] && this.roles[role].titre) || role;
  }

  roleMission(role) {
    return (this.roles[role] && this.roles[role].mission) || "";
  }

  gaugeLabel(id) {
    return (this.gauges[id] && this.gauges[id].libelle) || id;
  }

  gaugeBounds(id) {
    const g = this.gauges[id] || {};
    return [Number(g.min ?? 0), Number(g.max ?? 100)];
  }

  gaugeOrder(gauges) {
    const known = Object.keys(this.gauges).filter((g) => g in gauges);
    return known.length ? known : Object.keys(gauges);
  }

  /** What a screen prints about one card: title, mark, step, detail line, vectors. */
  card(id) {
    const uc = this.useCases[id];
    if (uc) {
      const mark = AXES[uc.axe] || LEVER;
      return {
        id,
        kind: "use_case",
        title: uc.titre || id,
        description: uc.description || "",
        examples: uc.exemples || "",
        mark,
        step: 5,
        detail: [mark.label, uc.direction, AI_ACT[uc.ai_act]].filter(Boolean).join(" · "),
        vectors: (uc.vecteurs || []).map((v) => ({
          type: v.type,
          cost: v.cout || 0,
          capacity: v.capacite || 0,
          duration: v.duree || 1,
          perTurn: v.effets_par_tour || {},
        })),
        dilemma: uc.dilemme || null,
      };
    }
    const lv = this.levers[id] || {};
    const step = Number(lv.etape || 1);
    return {
      id,
      kind: "lever",
      title: lv.titre || id,
      description: lv.description || "",
      examples: lv.exemples || "",
      mark: LEVER,
      step,
      detail: `Levier · étape ${STEPS[step] || step}`,
      vectors: [
        {
          type: null,
          cost: lv.cout || 0,
          capacity: lv.capacite || 0,
          duration: lv.duree || 1,
          perTurn: lv.effets_par_tour || {},
        },
      ],
      dilemma: lv.dilemme || null,
    };
  }

  titleOf(id) {
    if (id in SOURCE_WORDS) return SOURCE_WORDS[id];
    for (const t of [this.useCases, this.levers, this.risks, this.dilemmas, this.events]) {
      if (id in t) return t[id].titre || id;
    }
    return id;
  }

  options(dilemma) {
    return (this.dilemmas[dilemma] && this.dilemmas[dilemma].options) || [];
  }

  optionLabel(dilemma, option) {
    const opt = this.options(dilemma).find((o) => o.id === option);
    return (opt && opt.libelle) || option;
  }

  effectsText(effects) {
    return Object.entries(effects || {})
      .map(([k, v]) => {
        const sign = v >= 0 ? "+" : "−";
        return k === "budget"
          ? `Budget ${sign}${Math.abs(v)} k€`
          : `${this.gaugeLabel(k)} ${sign}${Math.abs(v)}`;
      })
      .join(", ");
  }
}

/** One feed line for a domain event (null for the ones not worth a line). */
export function describe(e, t) {
  const title = (id) => t.titleOf(id);
  const who = (seat) => t.roleTitle(seat);
  switch (e.type) {
    case "game_started":
      return "La partie commence.";
    case "phase_changed":
      return `Tour ${e.turn} : phase ${PHASES[e.phase] || e.phase}.`;
    case "budget_granted":
      return `Budget accordé : +${e.amount} k€ (total ${e.budget} k€).`;
    case "event_revealed":
      return `Événement${e.injected ? " (injecté par l'animation)" : ""} : ${title(e.event)}.`;
    case "card_proposed":
      return `${who(e.seat)} propose « ${title(e.card)} »${e.vector ? ` (${VECTORS[e.vector] || e.vector})` : ""}.`;
    case "vote_cast":
      return `${who(e.seat)} a voté.`;
    case "proposal_decided": {
      const verdict = e.accepted ? "retenue" : "rejetée";
      const why = e.reason ? ` : ${e.reason}` : "";
      return `« ${title(e.card)} » ${verdict} (${e.pour} pour, ${e.contre} contre, ${e.abstention} abst.)${why}`;
    }
    case "dilemma_opened":
      return `Dilemme ouvert : ${title(e.dilemma)}.`;
    case "option_chosen":
      return `${who(e.seat)} a choisi une option.`;
    case "dilemma_decided": {
      const votes = Object.values(e.votes || {}).reduce((a, b) => a + b, 0);
      const how = tieBreakText(e.tie_break, votes);
      return `Dilemme tranché : ${t.optionLabel(e.dilemma, e.option)}${how ? ` (${how})` : ""}.`;
    }
    case "card_deployed":
      return `Déployé : ${title(e.card)}.`;
    case "risk_fired":
      return `Risque survenu : ${title(e.risk)}.`;
    case "use_case_suspended":
      return `Suspendu : ${title(e.card)} (${e.reason}).`;
    case "use_case_resumed":
      return `Reprise : ${title(e.card)}.`;
    case "seat_changed":
      return `${who(e.seat)} ${e.occupied ? "a rejoint la table" : "a quitté la table"}.`;
    case "seat_ready":
      return `${who(e.seat)} est prêt·e.`;
    case "paused":
      return e.paused ? "Partie en pause." : "Reprise de la partie.";
    case "game_ended":
      return `Fin de partie : score d'équipe ${Math.round(e.team_score ?? 0)}.`;
    case "cards_unlocked":
      return `Débloqué : ${(e.cards || []).map(title).join(", ")}.`;
    case "shadow_ai_revealed":
      return "L'inventaire des usages d'IA non encadrés est révélé.";
    default:
      return null;
  }
}

/** Why an action of `kind` is not possible for this seat now. */
export function refusal(view, kind) {
  if (view.paused) return "La partie est en pause (animation).";
  if (view.phase === "fin") return "La partie est terminée.";
  const me = (view.seats || []).find((s) => s.role === view.seat);
  if (kind === "ready") {
    if (me && me.ready) return "Vous êtes prêt·e : on attend les autres places.";
    return "Rien à valider pour l'instant.";
  }
  if (kind === "propose") {
    if (view.phase !== "propositions") return "On propose des cartes pendant la phase Propositions.";
    if (me && me.ready) return "Vous avez déclaré être prêt·e : plus de proposition ce tour-ci.";
    if (me && me.proposals_left <= 0) return "Vous avez utilisé toutes vos propositions de ce tour.";
    return "Carte non disponible.";
  }
  if (kind === "vote") {
    if (view.phase !== "vote") return "Le vote a lieu pendant la phase Vote.";
    return me && me.ready ? "Vous êtes prêt·e : votre vote est figé." : "Vote clos.";
  }
  if (kind === "option") {
    if (view.phase !== "dilemmes") return "Les dilemmes se tranchent pendant la phase Dilemmes.";
    return me && me.ready ? "Vous êtes prêt·e : votre choix est figé." : "Ce dilemme est tranché.";
  }
  return "Action impossible maintenant.";
}

export function clockText(seconds, paused) {
  if (paused) return "en pause";
  if (seconds === null || seconds === undefined) return "sans minuteur";
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")} restantes`;
}
