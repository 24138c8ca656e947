// Before a seat is held: the join code form (page `/`) and the role choice (page `/t/CODE`).
import { fill, h } from "./dom.js";
import { PHASES } from "./texts.js";

const CODE_RE = /^[A-Za-z0-9]{4,16}$/;

export function codeForm(main, message = "") {
  const onsubmit = (e) => {
    e.preventDefault();
    const code = e.target.elements.code.value.trim().toUpperCase();
    if (CODE_RE.test(code)) location.assign(`/t/${code}`);
    else fill(e.target.querySelector(".err"), "Le code a 6 caractères, lettres et chiffres (par exemple K7M2QX).");
  };
  fill(main,
    h("h1", null, "Cap IA : rejoindre une table"),
    h("p", null, "Saisissez le code affiché sur l'écran de la table ou donné par l'animation."),
    message ? h("p", { class: "warn", role: "alert" }, message) : null,
    h("form", { class: "join", onsubmit },
      h("label", { for: "code" }, "Code de la table"),
      h("input", { id: "code", name: "code", autocomplete: "off", autocapitalize: "characters",
        spellcheck: "false", inputmode: "text", maxlength: 16, required: true, "aria-describedby": "code-err" }),
      h("p", { class: "err", id: "code-err", role: "alert" }),
      h("button", { type: "submit", class: "primary" }, "Continuer")));
  main.querySelector("#code").focus();
}

/** The free roles of the table with their public missions; `onJoin(seat, name)` → ack. */
export function seatChoice(main, table, onJoin, error = "", reload = null) {
  const free = table.seats.filter((s) => !s.occupied);
  const firstFree = free.length ? free[0].role : null;
  const radios = table.seats.map((s) => {
    const id = `seat-${s.role}`;
    return h("li", { class: `seat-opt${s.occupied ? " taken" : ""}` },
      h("input", { type: "radio", name: "seat", id, value: s.role, disabled: s.occupied || null,
        checked: s.role === firstFree || null, "aria-describedby": `${id}-m` }),
      h("label", { for: id }, h("strong", null, s.title),
        s.occupied ? ` — déjà prise${s.name ? ` par ${s.name}` : ""}` : " — libre"),
      h("p", { id: `${id}-m`, class: "mission" }, s.mission));
  });
  const onsubmit = async (e) => {
    e.preventDefault();
    const form = e.target;
    const seat = form.elements.seat.value;
    const err = form.querySelector(".err");
    if (!seat) {
      fill(err, "Choisissez un rôle libre.");
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    fill(button, "Connexion…");
    const ack = await onJoin(seat, form.elements.name.value.trim().slice(0, 40));
    if (!ack.ok) {
      button.disabled = false;
      fill(button, "Rejoindre la table");
      fill(err, ack.error.message || "Impossible de rejoindre.");
      if (reload && (ack.error.code === "seat_taken" || ack.error.code === "no_free_seat")) reload(ack.error.message);
    }
  };
  fill(main,
    h("h1", null, table.scenario_title),
    h("p", null, `${table.collectivite} · table ${table.code} · ${PHASES[table.phase] || table.phase}`),
    error ? h("p", { class: "warn", role: "alert" }, error) : null,
    free.length ? null : h("p", { class: "warn" }, "Toutes les places de cette table sont prises. Demandez à l'animation."),
    h("form", { class: "join", onsubmit },
      h("label", { for: "name" }, "Votre prénom (facultatif, visible par la table)"),
      h("input", { id: "name", name: "name", maxlength: 40, autocomplete: "given-name" }),
      h("fieldset", null,
        h("legend", null, "Choisissez votre rôle"),
        h("ul", { class: "plain seats" }, radios)),
      h("p", { class: "err", role: "alert" }),
      h("button", { type: "submit", class: "primary", disabled: free.length ? null : true }, "Rejoindre la table")),
    reload ? h("p", null, h("button", { type: "button", onclick: () => reload("") }, "Actualiser la liste des places")) : null);
}
