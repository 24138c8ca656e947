// One seat's connection: socket.io `join` / `act` / `sync`, the same events, views,
// patches and tokens as the pygame client (DESIGN.md §5). The token is kept in the
// browser's storage: a reload, a phone waking up or a dropped Wi-Fi join again with it.
import { io } from "socket.io-client";
import { SeatView, messageSeat } from "./patch.js";

const ACK_TIMEOUT = 10000; // ms

const key = (code) => `capia.seat.${code}`;

export function savedSeat(code) {
  try {
    const data = JSON.parse(localStorage.getItem(key(code)) || "null");
    return data && typeof data.token === "string" ? data : null;
  } catch {
    return null;
  }
}

function saveSeat(code, data) {
  try {
    localStorage.setItem(key(code), JSON.stringify(data));
  } catch {
    /* private mode: the seat lasts as long as the page */
  }
}

export function forgetSeat(code) {
  try {
    localStorage.removeItem(key(code));
  } catch {
    /* nothing kept */
  }
}

/** A unique action id; crypto.randomUUID needs HTTPS, a venue LAN is plain HTTP. */
export function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** `GET /api/tables/by-code/{code}` → {status, table, skew}: skew = server clock − ours (s). */
export async function fetchTable(code) {
  const r = await fetch(`/api/tables/by-code/${encodeURIComponent(code)}`, { cache: "no-store" });
  const date = Date.parse(r.headers.get("Date") || "");
  const skew = Number.isNaN(date) ? 0 : (date - Date.now()) / 1000;
  const body = await r.json().catch(() => null);
  // The Date header has a one-second grain: only a clear skew is worth correcting.
  return { status: r.status, table: body, skew: Math.abs(skew) > 2 ? skew : 0 };
}

/**
 * The pack's public texts named by `hash`, from `url` (`GET /api/packs/{hash}`): fetched
 * once per hash; the browser's cache keeps them (the server says `immutable`).
 * Resolves to null if they cannot be read.
 */
export async function fetchPack(url) {
  try {
    const r = await fetch(url);
    return r.ok ? await r.json() : null;
  } catch {
    return null;
  }
}

export class Session {
  /** hooks: {view(view, version), notice(msg), status(state), lost(text)} */
  constructor(code, hooks) {
    this.code = code;
    this.hooks = hooks;
    this.held = new SeatView();
    this.pack = null;
    this.packHash = null; // the hash of `pack` (the join ack names the table's)
    this.seat = null;
    this.token = null;
    this.name = "";
    this.lost = false; // our seat was taken over by another connection: do not fight back
    this.joins = 0; // successful joins of this page (first seat, then each rejoin by token)
    this.socket = io({ autoConnect: false, reconnectionDelayMax: 4000 });
    this.socket.on("connect", () => this._connected());
    this.socket.on("disconnect", () => this.hooks.status("offline"));
    this.socket.io.on("reconnect_attempt", () => this.hooks.status("connecting"));
    this.socket.on("view", (msg) => this._view(msg));
    this.socket.on("notice", (msg) => this._notice(msg));
  }

  start() {
    this.hooks.status("connecting");
    this.socket.connect();
  }

  get connected() {
    return this.socket.connected;
  }

  call(event, data) {
    return new Promise((resolve) => {
      this.socket.timeout(ACK_TIMEOUT).emit(event, data, (err, ack) => {
        if (err) resolve({ ok: false, error: { code: "timeout", message: "Le serveur ne répond pas : réessayez." } });
        else resolve(ack && typeof ack === "object" ? ack : { ok: false, error: { code: "bad_ack", message: "Réponse inattendue du serveur." } });
      });
    });
  }

  async _connected() {
    const saved = this.token ? { token: this.token, name: this.name } : savedSeat(this.code);
    if (saved && !this.lost) {
      this.name = saved.name || "";
      const ack = await this.join({ token: saved.token });
      if (!ack.ok && (ack.error.code === "bad_token" || ack.error.code === "unknown_table")) {
        forgetSeat(this.code);
        this.token = null;
        this.hooks.status("choose", ack.error);
        return;
      }
      if (!ack.ok) {
        this.hooks.status("error", ack.error);
        return;
      }
    } else if (!this.token) {
      this.hooks.status("choose");
      return;
    }
    this.hooks.status(this.lost ? "lost" : "online");
  }

  /** `join` {code, name, seat?, token?}; on success the seat, its token and view are held. */
  async join({ seat = null, token = null, name = null }) {
    const data = { code: this.code, name: name ?? this.name };
    if (seat) data.seat = seat;
    if (token) data.token = token;
    const ack = await this.call("join", data);
    if (ack.ok) {
      this.joins += 1;
      this.lost = false;
      this.seat = ack.seat;
      this.token = ack.token;
      this.name = data.name;
      saveSeat(this.code, { token: ack.token, seat: ack.seat, name: data.name });
      this.held = new SeatView(); // patches that come while the pack loads apply to it
      this.held.reset(ack.version, ack.view, ack.table_id);
      if (ack.pack_hash !== this.packHash) {
        this.pack = null; // no view is shown without its texts
        const pack = await fetchPack(ack.pack_url);
        if (pack === null) {
          const message = "Les textes du scénario n'ont pas pu être chargés : rechargez la page.";
          return { ok: false, error: { code: "pack_unavailable", message } };
        }
        this.pack = pack;
        this.packHash = ack.pack_hash;
      }
      this.hooks.status("online");
      this.hooks.view(this.held.view, this.held.version, true);
    }
    return ack;
  }

  async takeBack() {
    this.lost = false;
    const ack = await this.join({ token: this.token });
    if (!ack.ok) this.hooks.status("error", ack.error);
    return ack;
  }

  async sync() {
    const ack = await this.call("sync", {});
    if (ack.ok && this.held.reset(ack.version, ack.view, ack.table_id)) {
      this.hooks.view(this.held.view, this.held.version, true);
    }
    return ack;
  }

  /** `act` one of the view's legal actions (maybe with a justification added). */
  async act(action) {
    // A retry of the same action after a timeout keeps its action_id: the server then
    // acknowledges it once, never applies it twice.
    const key = JSON.stringify(action);
    this.unacked ??= new Map();
    const action_id = this.unacked.get(key) ?? newId();
    this.unacked.set(key, action_id);
    const ack = await this.call("act", { action, action_id });
    if (ack.ok || ack.error?.code !== "timeout") this.unacked.delete(key);
    return ack;
  }

  _view(msg) {
    if (!this.seat || this.lost) return;
    const seat = messageSeat(msg);
    if (seat !== null && seat !== this.seat) return;
    const taken = this.held.take(msg);
    if (taken === "new" && this.pack !== null) this.hooks.view(this.held.view, this.held.version, false);
    else if (taken === "gap") this.sync();
  }

  _notice(msg) {
    if (!msg || typeof msg !== "object") return;
    if (msg.kind === "seat_taken") {
      if (msg.seat && msg.seat !== this.seat) return;
      this.lost = true;
      this.hooks.status("lost");
      return;
    }
    this.hooks.notice(msg);
  }
}
