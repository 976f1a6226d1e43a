// A live model's outputs worked out ahead: while a control has the focus, the engine's
// worker computes the model at the values that control can reach next (one step either
// side first, then further out, a tenth of the range, the ends), a few at a time, and
// they are kept here. When the student moves to one of them the widget shows it at once,
// inside the input event, so the readout and drawing change in the very next frame.
// Why: after an input event Chrome draws its next frame before it runs any other task,
// a worker's reply included, so an answer asked for only then is always a frame late.
// Nothing here computes the model; the worker does, by the same Session.preview.

const ALL_STEPS = 120; // a control with at most this many steps is worked out end to end
const NEAR = 12; // else this many steps either side, then the big steps and the ends
const BATCH = 4; // answers per request: a request the student waits on never queues long
const KEEP = 600; // results kept; past that the oldest go

/** A number as both the control and the key write it (no 0.30000000000000004). @param {number} v */
const tidy = (v) => Math.round(v * 1e9) / 1e9;

/**
 * The values `inp` can take from `now`, nearest first, `now` left out.
 * @param {any} inp a model input as the view declares it @param {any} now
 * @returns {any[]}
 */
export function reachable(inp, now) {
  if (inp.control === "options") return inp.options.map((/** @type {any} */ o) => o.id).filter((/** @type {any} */ id) => id !== now);
  const v = Number(now);
  if (typeof now !== "number" || !Number.isFinite(v) || !(inp.step > 0)) return []; // being typed: unknown
  const steps = Math.floor((inp.max - inp.min) / inp.step + 1e-9);
  const at = (/** @type {number} */ k) => tidy(inp.min + Math.max(0, Math.min(steps, k)) * inp.step);
  const k = Math.round((v - inp.min) / inp.step);
  const big = Math.max(1, Math.round(steps / 10));
  const order = [];
  const far = steps <= ALL_STEPS ? steps : NEAR;
  for (let d = 1; d <= far; d++) order.push(k + d, k - d);
  if (steps > ALL_STEPS) order.push(k + big, k - big, 0, steps);
  const seen = new Set([tidy(v)]);
  const out = [];
  for (const n of order) {
    if (n < 0 || n > steps) continue;
    const x = at(n);
    if (!seen.has(x)) { seen.add(x); out.push(x); }
  }
  return out;
}

export class LiveAhead {
  /**
   * @param {any[]} inputs the model's inputs, in the view's order
   * @param {(answers: any[]) => Promise<any>} previews asks the worker for several
   *   answers at once: {ok, lives: [live or null]}
   * @param {() => boolean} [alive] false once the widget is gone: then nothing more is asked
   */
  constructor(inputs, previews, alive = () => true) {
    this.inputs = inputs;
    this.previews = previews;
    this.alive = alive;
    /** @type {Map<string, any>} */
    this.known = new Map();
    /** @type {Set<string>} answers the engine refused: not asked again */
    this.refused = new Set();
    this.busy = false;
    /** @type {{id: string, values: Record<string, any>} | null} */
    this.wanted = null;
  }

  /** The key of a set of inputs' values. @param {Record<string, any>} values */
  key(values) {
    return JSON.stringify(this.inputs.map((inp) => {
      const v = values[inp.id];
      return typeof v === "number" ? tidy(v) : v;
    }));
  }

  /** The live model at `values`, if it was worked out. @param {Record<string, any>} values */
  get(values) {
    return this.known.get(this.key(values));
  }

  /** @param {Record<string, any>} values @param {any} live */
  remember(values, live) {
    const key = this.key(values);
    this.known.delete(key);
    this.known.set(key, live);
    if (this.known.size > KEEP) this.known.delete(this.known.keys().next().value);
  }

  /**
   * Work out what input `id` can reach from `values` (the other inputs as they are).
   * A newer call replaces an older one's wish; one request is in flight at a time.
   * @param {string} id @param {Record<string, any>} values
   */
  around(id, values) {
    this.wanted = { id, values: { ...values } };
    this.pump();
  }

  /** The answers still to work out for the newest wish, nearest first. */
  missing() {
    const w = this.wanted;
    const inp = w && this.inputs.find((x) => x.id === w.id);
    if (!w || !inp) return [];
    return reachable(inp, w.values[w.id])
      .map((v) => ({ ...w.values, [w.id]: v }))
      .filter((answer) => !this.known.has(this.key(answer)) && !this.refused.has(this.key(answer)));
  }

  async pump() {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.alive()) {
        const batch = this.missing().slice(0, BATCH);
        if (!batch.length) break;
        const reply = await this.previews(batch);
        if (!reply || !reply.ok) break; // the worker could not: the widget asks one at a time
        batch.forEach((answer, i) => {
          if (reply.lives[i]) this.remember(answer, reply.lives[i]);
          else this.refused.add(this.key(answer));
        });
      }
    } finally {
      this.busy = false;
    }
  }
}
