/**
 * Action models (event models) for the four event kinds, in the form the product update of
 * kripke-tracker.ts consumes. An action model has events with preconditions and postconditions
 * (assignments), and per agent a relation saying which events the agent considers possible when
 * a given event happens. Every relation here is serial, transitive and euclidean, so the product
 * with a KD45 model stays KD45 (beliefs stay consistent and introspective).
 *
 * The models, with σ the true values and ε "nothing happened":
 * - ontic `f := v`: events e_d (post f := d); full: e_d → e_d, partial: e_d → every e_d',
 *   oblivious: → ε.
 * - sensing of F: events s_σ (post F := σ: the observer's picture is corrected to what it saw)
 *   and t_σ (pre F = σ: "the senser saw whatever F really is"); actual s_σ. Full: s_σ → s_σ and
 *   t_σ → s_σ; partial: → t_σ' for the σ' that holds in the world considered; oblivious: → ε.
 *   Correcting rather than deleting worlds keeps a full observer's belief consistent when it
 *   sees that it was wrong (Sally comes back and sees the box), and coincides with the usual
 *   world-deleting model whenever the observer already considered the true value possible and
 *   its uncertainty about F is independent of the rest of its picture.
 * - negative observation "f has none of V" (a look that found nothing): events N^o_d (post
 *   f := d, or no post), T+_u / T- (pre f = u ∈ V / f ∉ V, no post), S_u (post f := u), C_d
 *   (post f := d). A full observer o at the actual event keeps its worlds with f ∉ V and moves
 *   those with f ∈ V to the other values of its own belief set (to every value outside V when
 *   none is left): N^o. A full observer a imagined by someone else (at N^o, a ≠ o) does the same
 *   but moves worlds with f ∈ V to every value outside V (a per-world rule, so that the
 *   perspective-chain projection is exact). Partial: → T+_u or T- by the world's value; full at
 *   T+_u / S_u → S_u, at T- / C_d → every C_d (d ∉ V). Correcting rather than deleting keeps
 *   beliefs consistent, as for sensing.
 * - announcement "f is v" by a speaker: events a_d (post f := d: the claim adopted) and n_d
 *   (nothing changes), each tagged with whose trust applies (the actual trust, or "everyone
 *   trusts", as the speaker assumes under private trust). The speaker keeps its picture (n) and
 *   knows who trusted when trust is known (else assumes every listener adopts); a trusting full
 *   listener adopts (a) and takes the speaker to be sincere;
 *   a distrusting one keeps its picture (n); a partial observer knows a claim about f was
 *   made, but not its value; the oblivious notice nothing.
 */
import { FULL, OBLIVIOUS, PARTIAL, ResolvedEvent } from "./vocabulary";

/** One event of an action model. */
export interface ModelEvent {
  /** Identifies the event within its action model. */
  key: string;
  /** Assignments [fluent, value index] applied to the world. */
  post: ReadonlyArray<readonly [number, number]>;
}

/** An action model, given by its actual event and its successor function. */
export interface ActionModel {
  actual: ModelEvent;
  /**
   * The events agent `a` considers possible when `e` happens, restricted to those whose
   * precondition holds in world valuation `w`; `cluster` gives the valuations of the belief set
   * of `a` that `w` belongs to (for events whose outcome depends on the agent's whole belief).
   */
  successors(
    a: number,
    e: ModelEvent,
    w: Int32Array,
    cluster: () => readonly Int32Array[]
  ): ModelEvent[];
  /** Identifies the successor set of (a, e) up to the world: equal keys, equal sets. */
  successorKey(a: number, e: ModelEvent): string;
}

const EPSILON: ModelEvent = { key: "ε", post: [] };

/** All combinations of values for fluents with the given domain sizes. */
function combinations(sizes: number[]): number[][] {
  let out: number[][] = [[]];
  for (const s of sizes) {
    const next: number[][] = [];
    for (const c of out) for (let v = 0; v < s; v++) next.push([...c, v]);
    out = next;
  }
  return out;
}

/**
 * Builds the action model of a resolved event. `valueIndex` maps (fluent, value) to its index,
 * `domainSize` gives each fluent's current domain size.
 */
export function actionModelOf(
  ev: ResolvedEvent,
  valueIndex: (f: number, v: unknown) => number,
  domainSize: (f: number) => number
): ActionModel {
  const obs = ev.obs;
  if (ev.kind === "ontic") {
    const fl = ev.assignments.map(([f]) => f);
    const make = (vals: number[]): ModelEvent => ({
      key: `e${vals.join(",")}`,
      post: fl.map((f, i) => [f, vals[i]] as const)
    });
    const actual = make(ev.assignments.map(([f, v]) => valueIndex(f, v)));
    let all: ModelEvent[] | undefined;
    const allEvents = () => (all ??= combinations(fl.map(domainSize)).map(make));
    return {
      actual,
      successors: (a, e) => {
        if (e === EPSILON || obs[a] === OBLIVIOUS) return [EPSILON];
        return obs[a] === FULL ? [e] : allEvents();
      },
      successorKey: (a, e) =>
        e === EPSILON || obs[a] === OBLIVIOUS ? "ε" : obs[a] === FULL ? e.key : "*"
    };
  }
  if (ev.kind === "sensing") {
    const fl = ev.assignments.map(([f]) => f);
    // s-events carry the values as post; t-events are generated per world (their precondition
    // picks exactly the one matching the world), and have no post.
    const sEvent = (vals: number[]): ModelEvent => ({
      key: `s${vals.join(",")}`,
      post: fl.map((f, i) => [f, vals[i]] as const)
    });
    const tEvents = new Map<string, ModelEvent & { vals: number[] }>();
    const tEvent = (vals: number[]) => {
      const key = `t${vals.join(",")}`;
      let t = tEvents.get(key);
      if (!t) {
        t = { key, post: [], vals };
        tEvents.set(key, t);
      }
      return t;
    };
    const actual = sEvent(ev.assignments.map(([f, v]) => valueIndex(f, v)));
    const sFromT = new Map<string, ModelEvent>();
    return {
      actual,
      successors: (a, e, w) => {
        if (e === EPSILON || obs[a] === OBLIVIOUS) return [EPSILON];
        if (obs[a] === PARTIAL) return [tEvent(fl.map((f) => w[f]))];
        if (e.key.startsWith("s")) return [e];
        const vals = (e as ModelEvent & { vals: number[] }).vals;
        let s = sFromT.get(e.key);
        if (!s) {
          s = sEvent(vals);
          sFromT.set(e.key, s);
        }
        return [s];
      },
      successorKey: (a, e) =>
        e === EPSILON || obs[a] === OBLIVIOUS
          ? "ε"
          : obs[a] === PARTIAL
            ? "t*"
            : `s:${e.key.slice(1)}`
    };
  }
  if (ev.kind === "negative") return negativeModel(ev, valueIndex, domainSize);
  // announcement
  const [cf, cv] = ev.claim!;
  const claimed = valueIndex(cf, cv);
  // The view tells who adopts the claim in the event as some perspective sees it: "T" the actual
  // trust, known to everyone who heard (the speaker included); "P" the actual trust, each
  // listener's own; "S" every listener, each privately (the speaker's assumption when trust is
  // private); "N" nobody; "<i>" listener i alone (i's own view under private trust).
  type Ann = ModelEvent & { adopted: boolean; d: number; view: string };
  const events = new Map<string, Ann>();
  const event = (adopted: boolean, d: number, view: string): Ann => {
    const key = `${adopted ? "a" : "n"}${d}|${view}`;
    let e = events.get(key);
    if (!e) {
      e = { key, post: adopted ? [[cf, d] as const] : [], adopted, d, view };
      events.set(key, e);
    }
    return e;
  };
  /** What full listener a sees, given the view it is imagined in: [adopts?, its view]. */
  const listenerView = (a: number, view: string): [boolean, string] => {
    if (view === "T") return [ev.adopts[a], "T"];
    if (view === "P") return ev.adopts[a] ? [true, String(a)] : [false, "N"];
    if (view === "S") return [true, String(a)];
    if (view === String(a)) return [true, view];
    return [false, "N"];
  };
  const partialView = (view: string) => (view === "T" ? view : "N");
  const actual = event(false, claimed, ev.trustKnown ? "T" : "P");
  // The speaker keeps its picture. When trust is known it knows who trusted; otherwise it assumes
  // it was believed. Seen by a listener who believed it (and so takes it to be sincere) the
  // speaker believes the claim; under private trust nothing more is assumed about what it
  // expects of the others.
  const speakerEvent = (x: Ann): Ann =>
    ev.trustKnown
      ? event(x.adopted, x.d, "T")
      : x.adopted
        ? event(true, x.d, "N")
        : event(false, x.d, "S");
  return {
    actual,
    successors: (a, e) => {
      if (e === EPSILON || obs[a] === OBLIVIOUS) return [EPSILON];
      const x = e as Ann;
      if (a === ev.speaker) return [speakerEvent(x)];
      if (obs[a] === FULL) {
        const [adopted, view] = listenerView(a, x.view);
        return [event(adopted, x.d, view)];
      }
      const out: ModelEvent[] = [];
      for (let d = 0; d < domainSize(cf); d++) out.push(event(false, d, partialView(x.view)));
      return out;
    },
    successorKey: (a, e) => {
      if (e === EPSILON || obs[a] === OBLIVIOUS) return "ε";
      const x = e as Ann;
      if (a === ev.speaker) return speakerEvent(x).key;
      if (obs[a] === FULL) {
        const [adopted, view] = listenerView(a, x.view);
        return `${adopted ? "a" : "n"}${x.d}|${view}`;
      }
      return `p|${partialView(x.view)}`;
    }
  };
}

/** The action model of a negative observation "f has none of V" (see the module comment). */
function negativeModel(
  ev: ResolvedEvent,
  valueIndex: (f: number, v: unknown) => number,
  domainSize: (f: number) => number
): ActionModel {
  const obs = ev.obs;
  const [f, values] = ev.absent!;
  const absent = new Set(values.map((v) => valueIndex(f, v)));
  const others = Array.from({ length: domainSize(f) }, (_, i) => i).filter((i) => !absent.has(i));
  // Tags: A the actual event; N a full observer's conclusion (owner, exact or coarse, and the
  // value a world is moved to, -1 for none); T+ / T- a partial observer's "seen in d" / "not in
  // V" (no post); S "seen in d" (post f := d); C "not in V" as a partial observer imagines it
  // (post f := d, for every d outside V).
  type Neg = ModelEvent & { owner: number; exact: boolean; tag: string; d: number };
  const events = new Map<string, Neg>();
  const make = (tag: string, d: number, owner = -1, exact = false): Neg => {
    const key = `${tag}${owner}${exact ? "x" : ""}:${d}`;
    let e = events.get(key);
    if (!e) {
      const post = d >= 0 && tag !== "T+" ? [[f, d] as const] : [];
      e = { key, post, owner, exact, tag, d };
      events.set(key, e);
    }
    return e;
  };
  const actual = make("A", -1);
  const tneg = make("T-", -1);
  const copies = others.map((d) => make("C", d));
  /** Full observer a's conclusion in world w: keep it if f ∉ V, else move f to `elsewhere`. */
  const conclude = (a: number, exact: boolean, w: Int32Array, elsewhere: () => number[]) =>
    !absent.has(w[f]) ? [make("N", -1, a, exact)] : elsewhere().map((d) => make("N", d, a, exact));
  return {
    actual,
    successors: (a, e, w, cluster) => {
      if (e === EPSILON || obs[a] === OBLIVIOUS) return [EPSILON];
      // a partial observer: "it was seen in u" where the world has it in u ∈ V, else "not in V"
      if (obs[a] === PARTIAL) return [absent.has(w[f]) ? make("T+", w[f]) : tneg];
      const x = e as Neg;
      if (x.tag === "T+" || x.tag === "S") return [make("S", x.d)];
      if (x.tag === "T-" || x.tag === "C") return copies;
      if (x.tag === "A" || (x.owner === a && x.exact)) {
        return conclude(a, true, w, () => {
          const rest = [...new Set(cluster().map((u) => u[f]))].filter((d) => !absent.has(d));
          return rest.length > 0 ? rest.sort((p, q) => p - q) : others;
        });
      }
      return conclude(a, false, w, () => others);
    },
    successorKey: (a, e) => {
      if (e === EPSILON || obs[a] === OBLIVIOUS) return "ε";
      if (obs[a] === PARTIAL) return "t*";
      const x = e as Neg;
      if (x.tag === "T+" || x.tag === "S") return `S${x.d}`;
      if (x.tag === "T-" || x.tag === "C") return "C*";
      return x.tag === "A" || (x.owner === a && x.exact) ? `x${a}` : `d${a}`;
    }
  };
}
