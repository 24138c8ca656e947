// The latest view of one seat, kept from whole views and patches: a port of
// `patch_view` and `SeatView` in game/protocol.py (read their docstrings). A patch is
// {table_id, version, seat, base, changes, lists}: `changes` replaces top-level
// fields, `lists` maps a list field to [start, length, [[i, item], ...]] (keep the
// old list from `start`, cut or pad it to `length`, set each listed item). A patch
// whose base is not the version held is a gap: the caller must `sync`.

const isInt = (n) => Number.isInteger(n);

/** The view `view` with a patch's `changes` and `lists` applied (a new object).
 *  Throws when the patch does not fit the view. */
export function patchView(view, changes, lists) {
  const out = { ...view, ...(changes || {}) };
  for (const [name, spec] of Object.entries(lists || {})) {
    if (!Array.isArray(spec) || spec.length !== 3) throw new Error(`bad patch of ${name}`);
    const [start, length, items] = spec;
    const old = view[name];
    if (!Array.isArray(old) || !isInt(start) || !isInt(length) || start < 0 ||
        start > old.length || length < 0 || !Array.isArray(items)) {
      throw new Error(`patch of ${name} does not fit the view`);
    }
    const next = old.slice(start, start + length);
    while (next.length < length) next.push(null);
    for (const pair of items) {
      const [i, item] = pair;
      if (!isInt(i) || i < 0 || i >= length) throw new Error(`patch of ${name}: index ${i}`);
      next[i] = item;
    }
    out[name] = next;
  }
  return out;
}

export class SeatView {
  constructor() {
    this.version = -1;
    this.tableId = null;
    this.view = null;
  }

  /** Hold `view` at `version` unless a newer one is held; true if it was taken. */
  reset(version, view, tableId = null) {
    if (version <= this.version && this.view !== null) return false;
    this.version = version;
    this.view = view;
    this.tableId = tableId || this.tableId;
    return true;
  }

  /** Apply one decoded `view` message: "new", "stale" or "gap" (call sync). */
  take(msg) {
    if (msg === null || typeof msg !== "object" || !isInt(msg.version)) return "gap";
    const version = msg.version;
    if (version <= this.version && this.view !== null) return "stale";
    if ("view" in msg) return this.reset(version, msg.view, msg.table_id) ? "new" : "stale";
    if (this.view === null || msg.base !== this.version) return "gap";
    try {
      this.view = patchView(this.view, msg.changes, msg.lists);
    } catch {
      return "gap";
    }
    this.version = version;
    return "new";
  }
}

/** The seat a `view` message is for (a connection may hold several seats). */
export function messageSeat(msg) {
  if (msg === null || typeof msg !== "object") return null;
  const seat = msg.view && typeof msg.view === "object" ? msg.view.seat : msg.seat;
  return typeof seat === "string" ? seat : null;
}
