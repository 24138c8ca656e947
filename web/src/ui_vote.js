// Votes on proposals and on dilemmas: a radio group per decision built from
// legal_actions, a written justification, and what the others chose (as text).
import { h, mark } from "./dom.js";
import { termsBlock } from "./ui_terms.js";
import { PROPOSAL_STATUS, TOO_LATE, VECTORS, VOTES, tieBreakText } from "./texts.js";

const quote = (s) => (s ? ` — « ${s} »` : "");

/** A form: radios (one per legal action), a justification, a submit button. */
function choiceForm(app, key, legend, choices, sendText, sendLabel, cls = "choice") {
  const draft = app.draft(key);
  const name = `r-${key}`;
  const radios = choices.map(({ value, label, action }, i) => {
    const id = `${name}-${i}`;
    return h("div", { class: "radio" },
      h("input", { type: "radio", name, id, value, checked: draft.choice === value,
        disabled: action ? null : true, onchange: () => { draft.choice = value; app.refreshButtons(); } }),
      h("label", { for: id }, label, action ? "" : " (indisponible)"));
  });
  const ta = `j-${key}`;
  const onsubmit = (e) => {
    e.preventDefault();
    const chosen = choices.find((c) => c.value === draft.choice && c.action);
    if (!chosen) {
      app.say("Choisissez d'abord une réponse.", true);
      return;
    }
    const action = { ...chosen.action, justification: (draft.text || "").slice(0, 500) };
    app.act(action, sendText).then((ok) => { if (ok) app.dropDraft(key); });
  };
  return h("form", { class: cls, onsubmit },
    h("fieldset", null, h("legend", null, legend), radios),
    h("label", { for: ta }, "Justification (facultative, lue au débriefing)"),
    h("textarea", { id: ta, rows: 2, maxlength: 500, value: draft.text || "",
      oninput: (e) => { draft.text = e.target.value; } }),
    app.button(`send:${key}`, sendLabel, null, "primary", null, "submit"));
}

/** Changing a vote already cast: the other choices, folded away until asked for. */
function changeForm(app, key, choices, sendText) {
  const open = app.isOpen(`change:${key}`, false);
  return h("details", { class: "change", open },
    h("summary", { onclick: app.toggler(`change:${key}`) }, "Changer mon vote"),
    choiceForm(app, `change:${key}`, "Mon nouveau choix", choices, sendText, "Changer mon vote", "change"));
}

function ballotsList(app, votes, label) {
  const t = app.texts;
  const rows = Object.entries(votes || {}).map(([role, b]) =>
    h("li", null, h("strong", null, t.roleTitle(role)), " : ", label(b), quote(b.justification)));
  return rows.length ? h("ul", { class: "ballots" }, rows) : h("p", { class: "muted" }, "Aucun vote pour l'instant.");
}

export function votePanel(app) {
  const { view: v, texts: t } = app;
  if (!(v.proposals || []).length) {
    return h("p", null, "Aucune proposition ce tour-ci : dites que vous êtes prêt·e.");
  }
  const left = v.proposals.filter((p) => p.status === "open" && !(p.votes || {})[v.seat]).length;
  const intro = [
    h("p", null, left ? `${left} proposition(s) attendent votre vote.` : "Vous avez voté sur toutes les propositions."),
    h("p", { class: "muted" }, "Vous pouvez changer votre vote jusqu'à ce que vous soyez prêt·e."),
  ];
  return [intro, h("ul", { class: "plain" }, v.proposals.map((p) => {
    const c = t.card(p.card);
    const vec = p.vector ? ` · ${VECTORS[p.vector] || p.vector}` : "";
    const mine = (p.votes || {})[v.seat];
    const legal = (v.legal_actions || []).filter((a) => a.type === "vote" && a.proposal === p.index);
    const choices = ["pour", "contre", "abstention"].map((ch) => ({
      value: ch, label: VOTES[ch], action: legal.find((a) => a.choice === ch),
    }));
    let mineBlock;
    const own = p.seat === v.seat ? " (votre proposition)" : "";
    if (mine) {
      mineBlock = [h("p", { class: "done" }, `✓ Vous avez voté : ${VOTES[mine.choice]}${own}`, quote(mine.justification)),
        legal.length ? changeForm(app, `vote:${p.index}`, choices.filter((c) => c.action), `Vote changé : ${c.title}.`) : null];
    } else if (legal.length) mineBlock = choiceForm(app, `vote:${p.index}`, `Votre vote sur « ${c.title} »`, choices, `Vote envoyé : ${c.title}.`, "Envoyer mon vote");
    else mineBlock = h("p", { class: "why" }, app.refusal("vote"));
    return h("li", { class: "box" },
      h("article", { "aria-labelledby": `h-p${p.index}` },
        h("h3", { id: `h-p${p.index}` }, mark(c.mark, c.kind === "lever" ? String(c.step) : ""), " ", c.title),
        h("p", { class: "muted" }, `proposée par ${t.roleTitle(p.seat)}${vec} — ${PROPOSAL_STATUS[p.status] || p.status}`, p.reason ? ` : ${p.reason}` : ""),
        p.too_late ? h("p", { class: "warn too-late" }, TOO_LATE) : null,
        h("details", null, h("summary", null, "Lire la carte"), h("p", null, c.description),
          c.examples ? h("p", null, h("strong", null, "Exemples : "), c.examples) : null),
        h("h4", null, "Votes de la table"),
        ballotsList(app, p.votes, (b) => VOTES[b.choice] || b.choice),
        mineBlock));
  }))];
}

/** The expert view of a decided dilemma: from the view when it carries it, else the pack. */
export function expertText(app, d) {
  for (const k of ["expert_view", "regard_expert"]) if (typeof d[k] === "string" && d[k]) return d[k];
  const dil = app.texts.dilemmas[d.dilemma] || {};
  return dil.regard_expert || "";
}

/** « 2 voix sur 3 » and how a tie was broken, for a decided dilemma. */
function outcome(d) {
  const votes = Object.values(d.votes || {});
  const how = tieBreakText(d.tie_break, votes.length);
  if (!votes.length) return how;
  const n = votes.filter((b) => b.option === d.chosen).length;
  const count = `${n} voix sur ${votes.length}`;
  return how ? `${count} ; ${how}` : count;
}

export function expertBlock(app, d) {
  const t = app.texts;
  const how = outcome(d);
  return h("div", { class: "expert" },
    h("p", null, h("strong", null, "Option retenue : "), t.optionLabel(d.dilemma, d.chosen), how ? ` (${how})` : ""),
    h("h4", null, "Regard d'expert"),
    h("p", null, expertText(app, d) || "—"));
}

function dilemmaItem(app, d) {
  const { view: v, texts: t } = app;
  const dil = t.dilemmas[d.dilemma] || {};
  const opts = t.options(d.dilemma);
  const mine = (d.votes || {})[v.seat];
  const legal = (v.legal_actions || []).filter((a) => a.type === "choose_option" && a.dilemma === d.index);
  const choices = opts.map((o, i) => ({
    value: o.id, label: `Option ${i + 1} : ${o.libelle || o.id}`, action: legal.find((a) => a.option === o.id),
  }));
  let mineBlock;
  if (d.chosen !== null && d.chosen !== undefined) mineBlock = null; // its outcome is shown above
  else if (mine) {
    mineBlock = [h("p", { class: "done" }, `✓ Vous avez choisi : ${t.optionLabel(d.dilemma, mine.option)}`, quote(mine.justification)),
      legal.length ? changeForm(app, `dil:${d.index}`, choices.filter((c) => c.action), "Choix changé.") : null];
  } else if (legal.length) mineBlock = choiceForm(app, `dil:${d.index}`, "Votre choix", choices, "Choix envoyé.", "Envoyer mon choix");
  else mineBlock = h("p", { class: "why" }, app.refusal("option"));
  return h("li", { class: "box" },
    h("article", { "aria-labelledby": `h-d${d.index}` },
      h("h3", { id: `h-d${d.index}` }, dil.titre || d.dilemma),
      h("p", { class: "muted" }, `Déclenché par : ${t.titleOf(d.source)}`),
      h("p", null, dil.situation || ""),
      termsBlock(t, dil.situation || "", ...opts.map((o) => o.libelle || "")),
      mine || d.chosen ? h("ol", null, opts.map((o) => h("li", null, o.libelle || o.id))) : null,
      h("h4", null, "Choix de la table"),
      ballotsList(app, d.votes, (b) => t.optionLabel(d.dilemma, b.option)),
      mineBlock));
}

const decided = (d) => d.chosen !== null && d.chosen !== undefined;

/** This turn's dilemmas: the open ones first, then those decided this turn. */
export function turnDilemmas(app) {
  const v = app.view;
  const mine = (v.dilemmas || []).filter((d) => d.turn === v.turn);
  return [...mine.filter((d) => !decided(d)), ...mine.filter(decided)];
}

/** This turn's decided dilemmas, their outcome and expert view: shown before anything else. */
export function expertsNow(app) {
  const t = app.texts;
  const list = turnDilemmas(app).filter(decided);
  if (!list.length) return null;
  return h("section", { class: "experts-now", "aria-labelledby": "h-experts-now" },
    h("h3", { id: "h-experts-now" }, list.length > 1 ? "Regards d'expert de ce tour" : "Regard d'expert de ce tour"),
    list.map((d) => h("article", { class: "box expert-now" },
      h("h4", null, (t.dilemmas[d.dilemma] || {}).titre || d.dilemma), expertBlock(app, d))));
}

/** Earlier turns' decided dilemmas, latest first, folded away (« Regards d'expert des tours précédents »). */
export function expertsBefore(app) {
  const { view: v, texts: t } = app;
  const list = (v.dilemmas || []).filter((d) => d.turn < v.turn && decided(d)).reverse();
  if (!list.length) return null;
  return h("details", { class: "experts-before", open: app.isOpen("experts-before", false) },
    h("summary", { onclick: app.toggler("experts-before") }, "Regards d'expert des tours précédents"),
    list.map((d) => h("article", { class: "box" },
      h("h4", null, `Tour ${d.turn} — ${(t.dilemmas[d.dilemma] || {}).titre || d.dilemma}`), expertBlock(app, d))));
}

export function dilemmaPanel(app) {
  const list = turnDilemmas(app);
  const before = expertsBefore(app);
  if (!list.length) return [h("p", null, "Aucun dilemme ce tour-ci : dites que vous êtes prêt·e."), before];
  const open = list.filter((d) => !decided(d));
  return [
    expertsNow(app),
    open.length
      ? h("p", { class: "muted" }, "Chaque dilemme est tranché dès que toutes les places ont voté ; vous pouvez changer d'option jusque-là.")
      : h("p", null, "Lisez le regard d'expert, puis dites que vous êtes prêt·e pour passer à la résolution."),
    h("ul", { class: "plain" }, list.map((d) => dilemmaItem(app, d))),
    before,
  ];
}
