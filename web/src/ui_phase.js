// The centre of a seat's screen: what the current phase asks of it.
import { h } from "./dom.js";
import { RISK_LEVELS } from "./texts.js";
import { marketPanel, proposalsList } from "./ui_market.js";
import { termsBlock } from "./ui_terms.js";
import { dilemmaPanel, expertsBefore, expertsNow, votePanel } from "./ui_vote.js";

const TITLES = {
  lobby: "Accueil : découvrez votre rôle",
  evenement: "Événement du tour",
  propositions: "Marché des cartes : proposez un projet",
  vote: "Vote : pour, contre ou abstention sur chaque proposition",
  dilemmes: "Dilemmes à trancher",
  resolution: "Résolution du tour",
  fin: "Fin de partie : scores et objectifs secrets",
};

function lobby(app) {
  const t = app.texts;
  return [
    h("p", null, h("strong", null, t.title)),
    h("p", null, t.collectiviteLine),
    t.collectiviteText ? h("p", null, t.collectiviteText) : null,
    h("p", null, "Lisez votre rôle et votre objectif secret, puis dites que vous êtes prêt·e. ",
      "La partie commence quand toutes les places sont prêtes, ou quand l'animation la lance."),
  ];
}

function events(app) {
  const { view: v, texts: t } = app;
  if (!(v.current_events || []).length) return h("p", null, "Aucun événement ce tour-ci.");
  return v.current_events.map((id) => {
    const ev = t.events[id] || {};
    const eff = t.effectsText(ev.effets || {});
    return h("article", { class: "box" },
      h("h3", null, ev.titre || id), h("p", null, ev.texte || ""),
      eff ? h("p", null, h("strong", null, "Effets : "), eff) : null,
      termsBlock(t, ev.titre || "", ev.texte || ""),
      ev.dilemme ? h("p", null, h("strong", null, "Dilemme ouvert : "), t.titleOf(ev.dilemme), " (à trancher en phase Dilemmes)") : null);
  });
}

function resolution(app) {
  const { view: v, texts: t } = app;
  const now = (v.feed || []).filter((e) => e.turn === v.turn);
  const deployed = now.filter((e) => e.type === "card_deployed").map((e) => h("li", null, t.titleOf(e.card)));
  const adv = now.filter((e) => e.type === "project_advanced" && e.progress < e.duration)
    .map((e) => h("li", null, `${t.titleOf(e.card)} : ${e.progress} / ${e.duration} tours`));
  const fired = (v.risks_fired || []).filter((r) => r.turn === v.turn).map((r) => {
    const why = r.sources && r.sources.length ? `exposé par ${r.sources.map((s) => t.titleOf(s)).join(", ")}` : "risque de fond";
    const mit = r.mitigations && r.mitigations.length ? ` ; atténué par ${r.mitigations.map((m) => t.titleOf(m)).join(", ")}` : "";
    const sus = r.suspended ? ` ; suspendu : ${t.titleOf(r.suspended)}` : "";
    return h("li", null, h("strong", null, t.titleOf(r.risk)), ` (probabilité ${Math.round(r.probability * 100)}\u202f%) : ${why}${mit}${sus}`);
  });
  const levels = Object.entries(v.risk_levels || {}).map(([k, lv]) => h("li", null, `${t.titleOf(k)} : ${RISK_LEVELS[lv] || lv}`));
  return [
    expertsNow(app),
    h("h3", null, "Déployé ou achevé ce tour"), h("ul", null, deployed.length ? deployed : h("li", null, "rien ce tour-ci")),
    adv.length ? [h("h3", null, "Projets en cours"), h("ul", null, adv)] : null,
    h("h3", null, "Risques survenus"), h("ul", null, fired.length ? fired : h("li", null, "aucun risque n'est survenu ce tour-ci")),
    levels.length ? [h("h3", null, "Niveau des risques pour le prochain tour"), h("ul", null, levels)] : null,
    proposalsList(app, "Propositions du tour et décisions"),
    expertsBefore(app),
  ];
}

function end(app) {
  const { view: v, texts: t } = app;
  const score = v.team_score === null || v.team_score === undefined ? "—" : Math.round(v.team_score);
  const roles = Object.keys(t.roles).map((role) => {
    const met = (v.objectives_met || {})[role];
    const pts = (v.scores || {})[role];
    const secret = (v.secrets || {})[role];
    return h("li", { class: "box" },
      h("h3", null, t.roleTitle(role), role === v.seat ? " (vous)" : ""),
      h("p", null, met ? "✓ objectif atteint" : "✗ objectif non atteint",
        pts === undefined ? "" : ` — ${Math.round(pts)} points`),
      secret ? h("p", null, secret.text) : null);
  });
  return [h("p", { class: "score" }, `Score d'équipe : ${score}`), h("ul", { class: "plain" }, roles)];
}

export function phasePanel(app) {
  const v = app.view;
  const body = {
    lobby, evenement: events, propositions: marketPanel, vote: votePanel,
    dilemmes: dilemmaPanel, resolution, fin: end,
  }[v.phase];
  return h("section", { class: "phase", "aria-labelledby": "h-phase" },
    h("h2", { id: "h-phase", tabindex: "-1" }, TITLES[v.phase] || v.phase),
    v.paused ? h("p", { class: "warn" }, "La partie est en pause : l'animation va la reprendre.") : null,
    body ? body(app) : null);
}

export { proposalsList };
