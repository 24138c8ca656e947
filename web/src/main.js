// Cap IA's browser seat: one trainee's private screen, on a phone or a laptop.
import { codeForm, seatChoice } from "./choose.js";
import { fill, h } from "./dom.js";
import { Session, fetchTable } from "./net.js";
import { PHASES, PackTexts, clockText, refusal, unvoted } from "./texts.js";
import { phasePanel } from "./ui_phase.js";
import { proposalsList } from "./ui_market.js";
import {
  feedSection, gaugesSection, headBar, noticesSection, readySection, roadmapSection, roleSection,
  seatsSection, shadowSection, topBar,
} from "./ui_side.js";

const $ = (sel) => document.querySelector(sel);
const safeId = (key) => `k-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;

const STATUS = {
  connecting: "Connexion au serveur…",
  online: "Connecté",
  offline: "Connexion perdue : reconnexion automatique…",
  lost: "Votre place est ouverte sur un autre appareil.",
};

const pick = (v, ...names) => names.map((n) => v[n]);

/** Each section of the game screen: where it goes, what it shows, what it depends on. */
const SECTIONS = [
  ["head", "#bar-head", headBar, (a) => [...pick(a.view, "seat", "phase")]],
  ["top", "#bar-game", topBar, (a) => [...pick(a.view, "turn", "turns", "phase", "paused", "budget", "capacity_left", "capacity_per_turn")]],
  ["notices", "#col-main", noticesSection, (a) => [a.notices.length]],
  ["role", "#col-main", roleSection, (a) => [...pick(a.view, "seat", "secret"), ["lobby", "fin"].includes(a.view.phase)]],
  ["phase", "#col-main", phasePanel, (a) => [
    ...pick(a.view, "phase", "paused", "turn", "market", "proposals", "dilemmas", "legal_actions", "current_events",
      "risks_fired", "risk_levels", "secrets", "scores", "objectives_met", "team_score", "seats"),
    a.view.phase === "resolution" || a.view.phase === "dilemmes" ? (a.view.feed || []).filter((e) => e.turn === a.view.turn).length : 0,
    a.filter, a.connected]],
  ["props", "#col-main", (a) => (a.view.phase === "propositions" ? proposalsList(a) : null), (a) => [a.view.phase, a.view.proposals]],
  ["ready", "#col-main", readySection, (a) => [a.view.phase, a.view.seats, (a.view.legal_actions || []).some((x) => x.type === "ready"), a.view.paused, a.connected, a.confirming, unvoted(a.view)]],
  ["gauges", "#col-side", gaugesSection, (a) => pick(a.view, "gauges", "gauge_delta")],
  ["seats", "#col-side", seatsSection, (a) => [a.view.seats]],
  ["roadmap", "#col-side", roadmapSection, (a) => [a.view.projects]],
  ["shadow", "#col-side", shadowSection, (a) => [a.view.shadow_ai]],
  ["feed", "#col-side", feedSection, (a) => [a.view.feed]],
];

class App {
  constructor(code) {
    this.code = code;
    this.view = null;
    this.texts = null;
    this.notices = [];
    this.drafts = new Map();
    this.confirming = false; // « Prêt·e » asked with a vote missing: the question shows
    this.open = new Map();
    this.filter = { axis: "all", onlyAvailable: false };
    this.buttons = new Map();
    this.busy = new Set();
    this.deps = new Map();
    this.skew = 0;
    this.table = fetchTable(code).then((r) => { this.skew = r.skew; return r; });
    this.session = new Session(code, {
      view: (view, version, whole) => this.onView(view, whole),
      notice: (msg) => this.onNotice(msg),
      status: (state, error) => this.onStatus(state, error),
    });
  }

  get connected() {
    return this.session.connected && !this.session.lost;
  }

  start() {
    this.session.start();
    this.table.then((r) => {
      if (r.status === 404) codeForm($("#contenu"), `Aucune table ne porte le code « ${this.code} ».`);
    }).catch(() => {});
    setInterval(() => this.tick(), 1000);
  }

  // --- what the sections call ---------------------------------------------------------

  isOpen(key, dflt) { return this.open.has(key) ? this.open.get(key) : dflt; }
  setOpen(key, value) { this.open.set(key, value); }
  /** A summary's click handler: remember what the trainee opened or closed. */
  toggler(key) { return (e) => this.setOpen(key, !e.currentTarget.parentElement.open); }
  draft(key) { if (!this.drafts.has(key)) this.drafts.set(key, { choice: null, text: "" }); return this.drafts.get(key); }
  dropDraft(key) { this.drafts.delete(key); }
  setFilter(patch) { this.filter = { ...this.filter, ...patch }; this.render(); }
  refusal(kind) { return refusal(this.view, kind); }

  clock() {
    const v = this.view;
    if (!v) return "";
    const left = v.deadline === null || v.deadline === undefined ? v.remaining : v.deadline - (Date.now() / 1000 + this.skew);
    return clockText(left, v.paused);
  }

  button(key, label, onclick, kind = "", ariaLabel = null, type = "button") {
    const el = h("button", { type, id: safeId(key), class: kind || null, "aria-label": ariaLabel, onclick: onclick || null }, label);
    el.disabled = this.busy.has(key) || !this.connected;
    this.buttons.set(key, el);
    return el;
  }

  refreshButtons() {
    for (const [key, el] of this.buttons) {
      if (el.isConnected) el.disabled = this.busy.has(key) || !this.connected;
      else this.buttons.delete(key);
    }
  }

  say(text, isError = false) {
    const region = isError ? $("#alerte") : $("#annonce");
    fill(region, text);
    if (!isError) setTimeout(() => { if (region.textContent === text) fill(region); }, 4000);
  }

  /** Send one of the view's legal actions; true when the server took it. */
  async act(action, okText) {
    const key = document.activeElement && document.activeElement.id;
    this.busy.add(key);
    this.refreshButtons();
    const ack = await this.session.act(action);
    this.busy.delete(key);
    this.refreshButtons();
    if (ack.ok) {
      fill($("#alerte"));
      this.say(okText || "Action envoyée.");
      return true;
    }
    this.say(ack.error.message || "Action refusée.", true);
    if (ack.error.code === "not_joined" || ack.error.code === "forbidden") this.session.takeBack();
    return false;
  }

  // --- what the session tells ---------------------------------------------------------------

  onView(view, whole) {
    const before = this.view;
    this.view = view;
    if (whole || !this.texts) this.texts = new PackTexts(this.session.pack);
    this.texts.reveal(view);
    if (before && before.phase !== view.phase) {
      this.say(`Nouvelle phase : ${PHASES[view.phase] || view.phase}.`);
      this.drafts.clear();
      this.confirming = false;
    }
    this.render();
    if (before && before.phase !== view.phase) {
      const heading = $("#h-phase");
      if (heading && !(document.activeElement && document.activeElement.matches("textarea, input"))) {
        heading.scrollIntoView({ block: "start" });
      }
    }
  }

  onNotice(msg) {
    this.notices.push(msg);
    this.say(`Message de l'animation : ${msg.text}`);
    if (this.view) this.render();
  }

  async onStatus(state, error) {
    document.body.dataset.status = state;
    const text = STATUS[state] || (error && error.message) || "";
    fill($("#conn"), h("span", { "aria-hidden": "true" }, state === "online" ? "● " : "○ "), text);
    if (state === "choose") {
      this.view = null;
      await this.showChoice(error ? error.message : "");
      return;
    }
    if (state === "lost") this.showLost();
    else fill($("#lost"));
    if (state === "error" && !this.view) fill($("#contenu"), h("p", { class: "warn", role: "alert" }, text));
    this.refreshButtons();
    if (this.view) this.render();
  }

  async showChoice(error) {
    const r = await this.table;
    if (r.status !== 200) return;
    const main = $("#contenu");
    const reload = async (msg) => {
      this.table = fetchTable(this.code);
      const fresh = await this.table;
      if (fresh.status === 200) seatChoice(main, fresh.table, join, msg, reload);
    };
    const join = (seat, name) => this.session.join({ seat, name });
    seatChoice(main, r.table, join, error, reload);
  }

  showLost() {
    fill($("#lost"), h("div", { class: "warn", role: "alert" },
      h("p", null, "Votre place a été reprise depuis une autre connexion (un autre onglet ou appareil)."),
      h("button", { type: "button", class: "primary", onclick: () => this.session.takeBack() }, "Reprendre ma place ici")));
  }

  // --- drawing -----------------------------------------------------------------------

  ensureLayout() {
    if ($("#col-main")) return;
    fill($("#contenu"), h("div", { class: "cols" }, h("div", { id: "col-main" }), h("div", { id: "col-side" })));
    this.deps.clear();
    window.scrollTo(0, 0); // the role choice may have been scrolled down to its button
  }

  render() {
    if (!this.view || !this.texts) return;
    this.ensureLayout();
    for (const [id, where, build, deps] of SECTIONS) {
      const key = JSON.stringify(deps(this));
      const slot = this.slot(id, where);
      if (this.deps.get(id) === key) continue;
      this.deps.set(id, key);
      this.replace(slot, build(this));
    }
    this.refreshButtons();
  }

  slot(id, where) {
    let el = document.getElementById(`sec-${id}`);
    if (!el) {
      el = h("div", { id: `sec-${id}` });
      $(where).appendChild(el);
    }
    return el;
  }

  /** Put `node` in `slot`, keeping the keyboard focus (and caret) where it was. */
  replace(slot, node) {
    const active = document.activeElement;
    const inside = active && slot.contains(active) && active.id ? active : null;
    const caret = inside && "selectionStart" in inside ? [inside.selectionStart, inside.selectionEnd] : null;
    fill(slot, node);
    if (!inside) return;
    const again = document.getElementById(inside.id);
    if (!again) return;
    again.focus({ preventScroll: true });
    if (caret && again.setSelectionRange) {
      try { again.setSelectionRange(caret[0], caret[1]); } catch { /* not a text field */ }
    }
  }

  tick() {
    const el = $("#clock");
    if (el) el.textContent = this.clock();
  }
}

function codeFromPath() {
  const m = location.pathname.match(/^\/t\/([^/]+)\/?$/);
  if (m) return decodeURIComponent(m[1]).trim().toUpperCase();
  const q = new URLSearchParams(location.search).get("code");
  return q ? q.trim().toUpperCase() : null;
}

function boot() {
  const code = codeFromPath();
  if (!code) {
    codeForm($("#contenu"));
    return;
  }
  document.title = `Cap IA · table ${code}`;
  fill($("#table-code"), `Table ${code}`);
  const app = new App(code);
  window.capia = app; // for the browser tests and a curious facilitator's console
  app.start();
}

boot();
