// The market (phase Propositions): every card with its lock reason, example cities and
// a « Proposer » button for each vector this seat may propose now (from legal_actions).
import { h, mark } from "./dom.js";
import { AXES, CARD_STATUS, LEVER, PROPOSAL_STATUS, TOO_LATE, VECTORS } from "./texts.js";
import { termsBlock } from "./ui_terms.js";

const FILTERS = [
  ["all", "Toutes les cartes"],
  ...Object.entries(AXES).map(([k, m]) => [k, `${m.letter} · ${m.label}`]),
  ["lever", `${LEVER.letter} · Leviers`],
];

function proposeAction(view, card, vector) {
  return (view.legal_actions || []).find(
    (a) => a.type === "propose" && a.card === card && (a.vector ?? null) === (vector ?? null),
  );
}

function vectorRow(app, mc, c, vec) {
  const { view: v, texts: t } = app;
  const name = vec.type ? VECTORS[vec.type] || vec.type : "Levier";
  const legal = proposeAction(v, mc.card, vec.type);
  const mv = (mc.vectors || []).find((x) => x.type === vec.type);
  const why = (mv && mv.reason) || mc.reason || app.refusal("propose");
  const perTurn = t.effectsText(vec.perTurn);
  const key = `propose:${mc.card}:${vec.type || ""}`;
  const late = vec.type ? !!(mv && mv.too_late) : !!mc.too_late;
  return h("div", { class: "vector" },
    h("h4", null, name),
    h("p", null, `Coût ${vec.cost} k€ · ${vec.capacity} pt de capacité par tour · ${vec.duration} tour(s)`),
    perTurn ? h("p", null, `Une fois déployé, chaque tour : ${perTurn}`) : null,
    late ? h("p", { class: "warn too-late" }, TOO_LATE) : null,
    legal
      ? app.button(key, `Proposer (${name})`, () => app.act(legal, `Proposition envoyée : ${c.title}.`), "primary",
        `Proposer (${name}) : ${c.title}`)
      : h("p", { class: "why" }, why));
}

function cardItem(app, mc) {
  const { view: v, texts: t } = app;
  const c = t.card(mc.card);
  const status = CARD_STATUS[mc.status] || mc.status;
  const can = (v.legal_actions || []).some((a) => a.type === "propose" && a.card === mc.card);
  const open = app.isOpen(`card:${mc.card}`, false);
  const vectors = c.kind === "lever" ? c.vectors : c.vectors.filter((x) => x.type);
  return h("li", { class: `card ${can ? "can" : "cannot"}` },
    h("details", { open },
      h("summary", { onclick: app.toggler(`card:${mc.card}`) },
        mark(c.mark, c.kind === "lever" ? String(c.step) : ""),
        h("span", { class: "c-head" },
          h("span", { class: "c-title" }, c.title),
          h("span", { class: "badge" }, can ? "✓ à proposer" : status))),
      h("p", { class: "muted" }, c.detail),
      h("p", null, c.description),
      c.examples ? h("p", null, h("strong", null, "Exemples : "), c.examples) : null,
      termsBlock(t, c.title, c.description),
      mc.reason ? h("p", { class: "warn" }, mc.status === "locked" ? `Pourquoi c'est verrouillé : ${mc.reason}` : mc.reason) : null,
      vectors.map((vec) => vectorRow(app, mc, c, vec))));
}

export function proposalsList(app, heading = "Propositions du tour") {
  const { view: v, texts: t } = app;
  const items = (v.proposals || []).map((p) => {
    const vec = p.vector ? ` (${VECTORS[p.vector] || p.vector})` : "";
    const n = Object.keys(p.votes || {}).length;
    return h("li", null, h("strong", null, `${t.titleOf(p.card)}${vec}`),
      ` — par ${t.roleTitle(p.seat)} — ${PROPOSAL_STATUS[p.status] || p.status}`,
      p.reason ? ` : ${p.reason}` : "", ` — ${n} vote(s)`);
  });
  return h("section", { "aria-labelledby": "h-props" },
    h("h2", { id: "h-props" }, heading),
    h("ul", { class: "plain" }, items.length ? items : h("li", null, "Aucune proposition pour l'instant.")));
}

export function marketPanel(app) {
  const v = app.view;
  const me = (v.seats || []).find((s) => s.role === v.seat);
  const f = app.filter;
  const cards = (v.market || []).filter((mc) => {
    const c = app.texts.card(mc.card);
    if (f.axis === "lever" && c.kind !== "lever") return false;
    if (f.axis !== "all" && f.axis !== "lever" && (c.kind !== "use_case" || app.texts.useCases[mc.card].axe !== f.axis)) return false;
    if (f.onlyAvailable && !(v.legal_actions || []).some((a) => a.type === "propose" && a.card === mc.card)) return false;
    return true;
  });
  const select = h("select", { id: "f-axis", onchange: (e) => app.setFilter({ axis: e.target.value }) },
    FILTERS.map(([k, label]) => h("option", { value: k, selected: f.axis === k ? true : null }, label)));
  const only = h("input", { type: "checkbox", id: "f-only", checked: f.onlyAvailable,
    onchange: (e) => app.setFilter({ onlyAvailable: e.target.checked }) });
  return [
    h("p", null, me ? `Il vous reste ${me.proposals_left} proposition(s) ce tour-ci.` : ""),
    h("div", { class: "filters" },
      h("label", { for: "f-axis" }, "Afficher "), select,
      h("span", { class: "check" }, only, h("label", { for: "f-only" }, " Seulement ce que je peux proposer"))),
    h("p", { class: "muted", id: "market-count" }, `${cards.length} carte(s). Touchez une carte pour la lire.`),
    h("ul", { class: "market", "aria-describedby": "market-count" }, cards.map((mc) => cardItem(app, mc))),
  ];
}
