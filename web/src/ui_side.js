// The parts of a seat's screen that every phase shows: the top bar, my role and secret,
// the gauges, the table's seats, the roadmap and the feed.
import { h, mark } from "./dom.js";
import { PHASES, PROJECT_STATUS, TURN_PHASES, describe, unvoted } from "./texts.js";

const signed = (n) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0");

/** Who I am and the turn's phases (scrolls away with the page). */
export function headBar(app) {
  const { view: v, texts: t } = app;
  const steps = TURN_PHASES.map((p) =>
    h("li", { "aria-current": p === v.phase ? "step" : null, class: p === v.phase ? "now" : null },
      p === v.phase ? h("span", { "aria-hidden": "true" }, "▶ ") : null, PHASES[p]),
  );
  return h("div", { class: "head" },
    h("h1", null, t.roleTitle(v.seat), h("span", { class: "sub" }, ` · ${t.collectivite}`)),
    v.phase === "lobby" || v.phase === "fin" ? null
      : h("ol", { class: "steps", "aria-label": "Phases du tour" }, steps));
}

/** Turn, phase, time left, budget and capacity (stays at the top of the screen). */
export function topBar(app) {
  const v = app.view;
  const turn = v.turn ? `Tour ${v.turn}/${v.turns}${v.turn_label ? ` · ${v.turn_label}` : ""}` : "Avant le premier tour";
  const showClock = v.phase !== "lobby" && v.phase !== "fin";
  return h("div", { class: "top" },
    h("p", { class: "line" },
      h("strong", null, turn), " · ", h("strong", { id: "phase-name" }, PHASES[v.phase] || v.phase),
      showClock ? [" · ", h("strong", { id: "clock", role: "timer" }, app.clock())] : null,
      v.paused ? h("strong", { class: "flag" }, " · EN PAUSE") : null),
    h("p", { class: "line" },
      "Budget : ", h("strong", null, `${v.budget} k€`),
      " · capacité : ", h("strong", null, `${v.capacity_left}/${v.capacity_per_turn} pts`)));
}

export function roleSection(app) {
  const { view: v, texts: t } = app;
  const open = app.isOpen("role", v.phase === "lobby" || v.phase === "fin");
  return h("section", { "aria-labelledby": "h-role" },
    h("details", { open },
      h("summary", { onclick: app.toggler("role") }, h("h2", { id: "h-role" }, `Mon rôle : ${t.roleTitle(v.seat)}`)),
      h("p", null, t.roleMission(v.seat)),
      h("div", { class: "secret" },
        h("h3", null, "Objectif secret (vous seul·e le voyez)"),
        h("p", null, v.secret ? v.secret.text : "—"),
        v.secret ? h("p", { class: "muted" }, `${v.secret.points} points s'il est atteint en fin de partie.`) : null)));
}

export function gaugesSection(app) {
  const { view: v, texts: t } = app;
  const items = t.gaugeOrder(v.gauges).map((g) => {
    const [lo, hi] = t.gaugeBounds(g);
    const value = v.gauges[g];
    const delta = (v.gauge_delta || {})[g] || 0;
    const pct = hi > lo ? Math.round(((value - lo) / (hi - lo)) * 100) : 0;
    const arrow = delta > 0 ? "▲" : delta < 0 ? "▼" : "";
    return h("li", null,
      h("span", { class: "g-name" }, t.gaugeLabel(g)),
      h("span", { class: "g-val" }, `${value} / ${hi}`,
        delta ? h("span", { class: "g-delta" }, ` ${arrow} ${signed(delta)}`) : null),
      h("span", { class: "gbar", "aria-hidden": "true" }, h("span", { style: { width: `${Math.max(0, Math.min(100, pct))}%` } })));
  });
  return h("section", { "aria-labelledby": "h-gauges" },
    h("h2", { id: "h-gauges" }, "Jauges de la collectivité"),
    h("p", { class: "muted" }, "Valeur sur le maximum ; la flèche donne l'évolution du tour."),
    h("ul", { class: "gauges" }, items));
}

export function seatsSection(app) {
  const { view: v, texts: t } = app;
  const rows = (v.seats || []).map((s) => {
    const state = !s.occupied ? "place libre" : s.ready ? "prêt·e ✓" : "en réflexion";
    return h("li", null,
      h("strong", null, t.roleTitle(s.role)),
      s.name ? ` (${s.name})` : "",
      s.role === v.seat ? " — vous" : "",
      " : ", state);
  });
  return h("section", { "aria-labelledby": "h-seats" },
    h("h2", { id: "h-seats" }, "La table"), h("ul", { class: "plain" }, rows));
}

export function roadmapSection(app) {
  const { view: v, texts: t } = app;
  if (!(v.projects || []).length) return null;
  const items = v.projects.map((p) => {
    const c = t.card(p.card);
    const status = p.status === "in_progress" ? `en cours ${p.progress}/${p.duration}`
      : PROJECT_STATUS[p.status] || p.status;
    const vec = c.vectors.find((x) => x.type === (p.vector || null)) || c.vectors[0];
    const perTurn = p.status === "deployed" && vec ? t.effectsText(vec.perTurn) : "";
    return h("li", null, mark(c.mark, c.kind === "lever" ? String(c.step) : ""), " ",
      h("strong", null, c.title), ` — tour ${p.started}, ${status}`,
      p.suspended_reason ? ` (${p.suspended_reason})` : "",
      perTurn ? h("span", { class: "muted" }, ` · chaque tour : ${perTurn}`) : null);
  });
  return h("section", { "aria-labelledby": "h-road" },
    h("h2", { id: "h-road" }, "Feuille de route"), h("ul", { class: "plain" }, items));
}

export function shadowSection(app) {
  const list = app.view.shadow_ai;
  if (!list || !list.length) return null;
  return h("section", { "aria-labelledby": "h-shadow" },
    h("h2", { id: "h-shadow" }, "Usages d'IA non encadrés (inventaire)"),
    h("ul", { class: "plain" }, list.map((s) => h("li", null, h("strong", null, s.title),
      s.agents ? ` — environ ${s.agents} agents` : "", s.description ? h("p", null, s.description) : null))));
}

export function feedSection(app) {
  const { view: v, texts: t } = app;
  const lines = [];
  for (const e of [...(v.feed || [])].reverse()) {
    const line = describe(e, t);
    if (line) lines.push(h("li", null, line));
    if (lines.length >= 20) break;
  }
  return h("section", { "aria-labelledby": "h-feed" },
    h("h2", { id: "h-feed" }, "Fil de la table"),
    h("p", { class: "muted" }, "Les 20 derniers faits, le plus récent en haut."),
    h("ul", { class: "feed" }, lines.length ? lines : h("li", null, "Rien pour l'instant.")));
}

export function noticesSection(app) {
  if (!app.notices.length) return null;
  return h("section", { class: "notices", "aria-labelledby": "h-notices" },
    h("h2", { id: "h-notices" }, "Messages de l'animation"),
    h("ul", { class: "plain" }, [...app.notices].reverse().slice(0, 5).map((n) => h("li", null, n.text))));
}

export function readySection(app) {
  const v = app.view;
  const ready = (v.legal_actions || []).find((a) => a.type === "ready");
  const seats = (v.seats || []).filter((s) => s.occupied);
  const count = `${seats.filter((s) => s.ready).length} / ${seats.length} places prêtes`;
  if (v.phase === "fin") return null;
  const why = v.phase === "lobby"
    ? "Quand toutes les places sont prêtes, la partie commence."
    : "Quand toutes les places sont prêtes, la table passe à la phase suivante.";
  const missing = unvoted(v);
  const send = () => { app.confirming = false; return app.act(ready, "Vous êtes prêt·e."); };
  // « Prêt·e » with a vote still missing asks first: once ready, votes are frozen
  const ask = () => {
    if (!missing) { send(); return; }
    app.confirming = true;
    app.render();
    const q = document.getElementById("ready-confirm");
    if (q) q.focus();
  };
  const question = ready && app.confirming && missing
    ? h("div", { class: "warn confirm", id: "ready-confirm", role: "alertdialog", tabindex: "-1",
      "aria-labelledby": "ready-q" },
      h("p", { id: "ready-q" }, h("strong", null, "Vous n'avez pas tout voté. "),
        `Il vous reste à voter : ${missing}. Une fois prêt·e, vous ne pourrez plus voter ni changer vos votes dans cette phase.`),
      app.button("ready-yes", "Prêt·e quand même", send, "primary"),
      " ",
      app.button("ready-no", "Revenir voter", () => { app.confirming = false; app.render(); }))
    : null;
  return h("section", { class: "ready", "aria-labelledby": "h-ready" },
    h("h2", { id: "h-ready" }, "J'ai terminé cette phase"),
    h("p", null, why, " ", h("strong", null, count), "."),
    question,
    ready
      ? (question ? null : app.button("ready", "Je suis prêt·e", ask, "primary"))
      : h("p", { class: "why" }, app.refusal("ready")));
}
