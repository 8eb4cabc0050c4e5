/**
 * The vocabulary a tracker works over: its agents, its fluents and each fluent's domain of values,
 * plus the validation that turns an {@link EpistemicEvent} into a {@link ResolvedEvent} with
 * numeric indices. Both trackers use it, so they accept and reject exactly the same events.
 */
import type { AgentId, EpistemicEvent, Fluent, Observability, Value } from "./events";
import type { TrackerInit } from "./tracker";

/** Thrown for bad input to a tracker (unknown agent or fluent, bad value, impossible event). */
export class EpistemicInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EpistemicInputError";
  }
}

/** Observability as a small number: 0 oblivious, 1 partial, 2 full. */
export const OBLIVIOUS = 0;
export const PARTIAL = 1;
export const FULL = 2;

/** A stable key for a value, so that the atom "1" and the number 1 stay different. */
export function valueKey(v: Value): string {
  return `${typeof v === "string" ? "s" : typeof v === "number" ? "n" : "b"}:${String(v)}`;
}

function isValue(v: unknown): v is Value {
  return (
    typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))
  );
}

/** An event checked against the vocabulary, with agents, fluents and values as indices. */
export interface ResolvedEvent {
  kind: "ontic" | "sensing" | "announcement" | "negative";
  /** Observability per agent index (OBLIVIOUS, PARTIAL, FULL). */
  obs: Uint8Array;
  /** Ontic: [fluent index, value] pairs. Sensing: the sensed fluents with their true values. */
  assignments: Array<[number, Value]>;
  /** Announcement only. */
  speaker: number;
  claim?: [number, Value];
  /** Announcement: per agent index, whether a full listener adopts the claim. */
  adopts: boolean[];
  /** Announcement: whether everyone who heard it (speaker included) knows who trusted it. */
  trustKnown: boolean;
  /** Negative observation: the fluent and the values it was found not to have. */
  absent?: [number, Value[]];
}

/** One fluent's known values; `closed` when the user declared the domain. */
interface Domain {
  values: Value[];
  keys: Map<string, number>;
  closed: boolean;
}

/**
 * Agents, fluents and domains. Open domains (no declared domain) grow with the values that
 * events introduce; closed domains reject other values.
 */
export class Vocabulary {
  readonly agents: readonly AgentId[];
  readonly fluents: readonly Fluent[];
  private readonly agentIdx: Map<AgentId, number>;
  private readonly fluentIdx: Map<Fluent, number>;
  private readonly domains: Domain[];

  private constructor(agents: AgentId[], fluents: Fluent[], domains: Domain[]) {
    this.agents = agents;
    this.fluents = fluents;
    this.agentIdx = new Map(agents.map((a, i) => [a, i]));
    this.fluentIdx = new Map(fluents.map((f, i) => [f, i]));
    this.domains = domains;
  }

  /** Checks a TrackerInit and builds its vocabulary; throws EpistemicInputError on bad input. */
  static fromInit(init: TrackerInit): Vocabulary {
    if (!init || !Array.isArray(init.agents) || init.agents.length === 0) {
      throw new EpistemicInputError("TrackerInit.agents must be a non-empty list of agent names");
    }
    const seen = new Set<string>();
    for (const a of init.agents) {
      if (typeof a !== "string" || a.length === 0 || a.includes("/")) {
        throw new EpistemicInputError(
          `bad agent name ${JSON.stringify(a)}: use a non-empty string without "/"`
        );
      }
      if (seen.has(a)) throw new EpistemicInputError(`agent "${a}" is listed twice`);
      seen.add(a);
    }
    if (!init.world || typeof init.world !== "object") {
      throw new EpistemicInputError("TrackerInit.world must map every fluent to its true value");
    }
    const fluents = Object.keys(init.world);
    const domains: Domain[] = fluents.map((f) => {
      const v = init.world[f];
      if (!isValue(v)) {
        throw new EpistemicInputError(
          `fluent "${f}" has bad value ${JSON.stringify(v)}: use a string, number or boolean`
        );
      }
      const declared = init.domains?.[f];
      const values: Value[] = [];
      const keys = new Map<string, number>();
      const add = (x: Value) => {
        const k = valueKey(x);
        if (!keys.has(k)) {
          keys.set(k, values.length);
          values.push(x);
        }
      };
      if (declared !== undefined) {
        if (!Array.isArray(declared) || declared.length === 0 || !declared.every(isValue)) {
          throw new EpistemicInputError(
            `domain of "${f}" must be a non-empty list of strings, numbers or booleans`
          );
        }
        declared.forEach(add);
        if (!keys.has(valueKey(v))) {
          throw new EpistemicInputError(
            `fluent "${f}" starts as ${JSON.stringify(v)}, which is not in its declared domain ${JSON.stringify(declared)}`
          );
        }
      } else {
        add(v);
      }
      return { values, keys, closed: declared !== undefined };
    });
    for (const f of Object.keys(init.domains ?? {})) {
      if (!(f in init.world))
        throw new EpistemicInputError(
          `domain given for unknown fluent "${f}" (it has no value in world)`
        );
    }
    const common = new Set(init.commonKnowledge ?? []);
    for (const f of common) {
      if (!(f in init.world))
        throw new EpistemicInputError(`commonKnowledge names unknown fluent "${f}"`);
    }
    fluents.forEach((f, i) => {
      if (!common.has(f) && !domains[i].closed) {
        throw new EpistemicInputError(
          `fluent "${f}" starts unknown (it is not in commonKnowledge), so its possible values must be declared in domains["${f}"]`
        );
      }
    });
    return new Vocabulary([...init.agents], fluents, domains);
  }

  clone(): Vocabulary {
    return new Vocabulary(
      [...this.agents],
      [...this.fluents],
      this.domains.map((d) => ({ values: [...d.values], keys: new Map(d.keys), closed: d.closed }))
    );
  }

  agentIndex(agent: AgentId): number {
    const i = this.agentIdx.get(agent);
    if (i === undefined) {
      throw new EpistemicInputError(`unknown agent "${agent}" (known: ${this.agents.join(", ")})`);
    }
    return i;
  }

  fluentIndex(fluent: Fluent): number {
    const i = this.fluentIdx.get(fluent);
    if (i === undefined) {
      throw new EpistemicInputError(
        `unknown fluent "${fluent}" (known: ${this.fluents.join(", ")})`
      );
    }
    return i;
  }

  /** The index of value v in fluent f's domain, or -1 when it is not (yet) in it. */
  valueIndex(f: number, v: Value): number {
    return this.domains[f].keys.get(valueKey(v)) ?? -1;
  }

  value(f: number, i: number): Value {
    return this.domains[f].values[i];
  }

  domainSize(f: number): number {
    return this.domains[f].values.length;
  }

  domainValues(f: number): readonly Value[] {
    return this.domains[f].values;
  }

  /** Adds v to an open domain (after validation); returns its index. */
  extend(f: number, v: Value): number {
    const d = this.domains[f];
    const k = valueKey(v);
    let i = d.keys.get(k);
    if (i === undefined) {
      i = d.values.length;
      d.keys.set(k, i);
      d.values.push(v);
    }
    return i;
  }

  /** Resolves a chain of agent names to indices, validating each. */
  chainIndices(chain: readonly AgentId[]): number[] {
    if (!Array.isArray(chain))
      throw new EpistemicInputError("an agent chain must be an array of agent names");
    return chain.map((a) => this.agentIndex(a));
  }

  private checkValue(f: number, v: unknown, what: string): Value {
    if (!isValue(v)) {
      throw new EpistemicInputError(
        `${what}: bad value ${JSON.stringify(v)} for "${this.fluents[f]}" (use a string, number or boolean)`
      );
    }
    if (this.domains[f].closed && this.valueIndex(f, v) < 0) {
      throw new EpistemicInputError(
        `${what}: ${JSON.stringify(v)} is not in the declared domain of "${this.fluents[f]}" (${JSON.stringify(this.domains[f].values)})`
      );
    }
    return v;
  }

  /**
   * Checks an event and resolves it. Throws EpistemicInputError naming the problem; does not
   * change the vocabulary (call {@link commit} once the tracker has accepted the event).
   */
  resolve(event: EpistemicEvent, world: (f: number) => Value): ResolvedEvent {
    if (!event || typeof event !== "object")
      throw new EpistemicInputError("an event must be an object");
    const what = `${event.kind ?? "?"} event${event.label ? ` "${event.label}"` : ""}`;
    const obs = new Uint8Array(this.agents.length);
    if (!event.observers || typeof event.observers !== "object") {
      throw new EpistemicInputError(
        `${what}: missing observers (a map from agent to "full" | "partial" | "oblivious")`
      );
    }
    for (const agent in event.observers) {
      const i = this.agentIndex(agent);
      const o = OBSERVABILITY[event.observers[agent]];
      if (
        o === undefined ||
        !Object.prototype.hasOwnProperty.call(OBSERVABILITY, event.observers[agent])
      ) {
        throw new EpistemicInputError(
          `${what}, observer "${agent}": bad observability ${JSON.stringify(event.observers[agent])} (use "full", "partial" or "oblivious")`
        );
      }
      obs[i] = o;
    }
    const resolved: ResolvedEvent = {
      kind: event.kind,
      obs,
      assignments: [],
      speaker: -1,
      adopts: [],
      trustKnown: false
    };
    switch (event.kind) {
      case "ontic": {
        if (event.actor !== undefined) {
          const a = this.agentIndex(event.actor);
          if (!(event.actor in event.observers)) obs[a] = FULL;
          else if (obs[a] === OBLIVIOUS) {
            throw new EpistemicInputError(
              `${what}: the actor "${event.actor}" cannot be oblivious of its own action`
            );
          }
        }
        const entries = Object.entries(event.effects ?? {});
        if (entries.length === 0) throw new EpistemicInputError(`${what}: no effects`);
        for (const [fl, v] of entries) {
          const f = this.fluentIndex(fl);
          resolved.assignments.push([f, this.checkValue(f, v, what)]);
        }
        break;
      }
      case "sensing": {
        if (!Array.isArray(event.fluents) || event.fluents.length === 0) {
          throw new EpistemicInputError(`${what}: fluents must be a non-empty list`);
        }
        const seen = new Set<number>();
        for (const fl of event.fluents) {
          const f = this.fluentIndex(fl);
          if (!seen.has(f)) resolved.assignments.push([f, world(f)]);
          seen.add(f);
        }
        break;
      }
      case "announcement": {
        if (!event.claim || typeof event.claim !== "object") {
          throw new EpistemicInputError(`${what}: missing claim {fluent, value}`);
        }
        const f = this.fluentIndex(event.claim.fluent);
        resolved.claim = [f, this.checkValue(f, event.claim.value, what)];
        if (event.speaker !== undefined) {
          const s = this.agentIndex(event.speaker);
          if (event.speaker in event.observers && obs[s] !== FULL) {
            throw new EpistemicInputError(
              `${what}: the speaker "${event.speaker}" must be a full observer of its own claim`
            );
          }
          obs[s] = FULL;
          resolved.speaker = s;
        }
        for (const a of Object.keys(event.trust ?? {})) {
          this.agentIndex(a);
          if (typeof event.trust![a] !== "boolean") {
            throw new EpistemicInputError(`${what}: trust["${a}"] must be true or false`);
          }
        }
        if (event.trustKnown !== undefined && typeof event.trustKnown !== "boolean") {
          throw new EpistemicInputError(`${what}: trustKnown must be true or false`);
        }
        resolved.trustKnown = event.trustKnown === true;
        resolved.adopts = this.agents.map(
          (a, i) => obs[i] === FULL && i !== resolved.speaker && event.trust?.[a] !== false
        );
        break;
      }
      case "negative": {
        if (typeof event.fluent !== "string") {
          throw new EpistemicInputError(`${what}: fluent must name the fluent looked at`);
        }
        const f = this.fluentIndex(event.fluent);
        if (!Array.isArray(event.values) || event.values.length === 0) {
          throw new EpistemicInputError(
            `${what}: values must be a non-empty list of the values found absent`
          );
        }
        const values: Value[] = [];
        const keys = new Set<string>();
        for (const x of event.values) {
          const v = this.checkValue(f, x, what);
          if (valueKey(world(f)) === valueKey(v)) {
            throw new EpistemicInputError(
              `${what}: "${event.fluent}" is ${JSON.stringify(v)}, so its observers cannot find it is not`
            );
          }
          if (!keys.has(valueKey(v))) values.push(v);
          keys.add(valueKey(v));
        }
        resolved.absent = [f, values];
        break;
      }
      default:
        throw new EpistemicInputError(
          `unknown event kind ${JSON.stringify((event as { kind?: unknown }).kind)} (use "ontic", "sensing", "announcement" or "negative")`
        );
    }
    return resolved;
  }

  /** Adds the values an accepted event introduces to open domains. */
  commit(ev: ResolvedEvent): void {
    for (const [f, v] of ev.assignments) this.extend(f, v);
    if (ev.claim) this.extend(ev.claim[0], ev.claim[1]);
    if (ev.absent) for (const v of ev.absent[1]) this.extend(ev.absent[0], v);
  }
}

const OBSERVABILITY: Record<Observability, number> = {
  full: FULL,
  partial: PARTIAL,
  oblivious: OBLIVIOUS
};

/** Removes consecutive repeats: believing that one believes φ is believing φ (KD45). */
export function collapseChain<T>(chain: readonly T[]): T[] {
  const out: T[] = [];
  for (const a of chain) if (out.length === 0 || out[out.length - 1] !== a) out.push(a);
  return out;
}
