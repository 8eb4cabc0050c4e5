/**
 * An agent's own belief tracker and the worlds it samples from it. The tracker is fed only the
 * events the agent witnessed; the sampler draws a world the agent considers possible
 * (determinization) and, when asked, the beliefs it attributes to others (one level deeper in
 * its nested beliefs), as a `SimulationState` for a simulation copy of the env.
 *
 * ```ts
 * const me = new Perspective("thief_0", env.getTrackerInit()!, 2);
 * me.witness(step.infos.thief_0.events);
 * const state = me.sampler(["thief_0"], true).sample(rng);
 * ```
 */
import { ChainTracker } from "../epistemic/chain-tracker";
import type { AgentId, EpistemicEvent, Fluent, Value } from "../epistemic/events";
import type { TrackerInit } from "../epistemic/tracker";
import type { SimulationState } from "../envs/sim-state";
import type { Rng } from "../random/rng";

/**
 * A sampler of simulation states from one perspective (a chain of agents, e.g. `["me"]` or
 * `["me", "rival"]` for what I think my rival believes).
 *
 * ```ts
 * const state: SimulationState = sampler.sample(rng);
 * ```
 */
export interface StateSampler {
  /**
   * Draws one state the perspective considers possible (values drawn with `rng`, which
   * advances): the same generator state gives the same state.
   */
  sample(rng: Rng): SimulationState;
}

/**
 * One agent's view of the episode: its tracker (from the common start and its witnessed events).
 *
 * ```ts
 * const me = new Perspective("hider_0", init, 3);
 * ```
 */
export class Perspective {
  private readonly tracker: ChainTracker;
  private readonly fluents: Fluent[];
  private readonly domains: Record<Fluent, Value[]>;
  /** Groups of fluents sharing one domain (objects on grid cells): they take distinct values. */
  private readonly exclusive: Fluent[][];
  /** Every agent of the episode (from the init). */
  readonly agents: readonly AgentId[];

  constructor(
    /** The agent whose view this is. */
    readonly id: AgentId,
    init: TrackerInit,
    depth: number
  ) {
    if (!init.agents.includes(id)) {
      throw new Error(`unknown agent ${JSON.stringify(id)}; agents: ${init.agents.join(", ")}`);
    }
    this.agents = [...init.agents];
    this.fluents = Object.keys(init.world);
    const known = new Set(init.commonKnowledge ?? []);
    this.domains = {};
    for (const f of this.fluents) this.domains[f] = init.domains?.[f] ?? [init.world[f]];
    // The agent does not know the start of what is not common knowledge: its copy of the world
    // starts at an arbitrary value of the domain, and what it witnesses corrects it.
    const world: Record<Fluent, Value> = {};
    for (const f of this.fluents) world[f] = known.has(f) ? init.world[f] : this.domains[f][0];
    this.tracker = new ChainTracker({ ...init, world, maxDepth: Math.max(2, depth) });
    const groups = new Map<string, Fluent[]>();
    for (const f of this.fluents) {
      const key = this.domains[f].join("\u0000");
      groups.set(key, [...(groups.get(key) ?? []), f]);
    }
    this.exclusive = [...groups.values()].filter((g) => g.length > 1);
  }

  /**
   * Applies the events this agent witnessed. Its copy of the world is corrected first where an
   * event shows it (sensed values, a look that finds nothing), by an event nobody notices.
   */
  witness(events: readonly EpistemicEvent[]): void {
    for (const ev of events) {
      const how = ev.observers[this.id];
      if (how === undefined || how === "oblivious") continue;
      if (ev.kind === "sensing" && ev.values && how === "full") this.correct(ev.values);
      if (ev.kind === "negative") {
        const now = this.tracker.believedValues([], ev.fluent)[0];
        if (ev.values.includes(now)) {
          const other =
            this.values([this.id], ev.fluent).find((v) => !ev.values.includes(v)) ??
            this.domains[ev.fluent].find((v) => !ev.values.includes(v));
          if (other !== undefined) this.correct({ [ev.fluent]: other });
        }
      }
      this.tracker.apply(ev);
    }
  }

  /** What the end of `chain` considers possible for `fluent` (the agent's own view for [id]). */
  values(chain: readonly AgentId[], fluent: Fluent): Value[] {
    const vals = this.tracker.believedValues(chain, fluent);
    return vals.length > 0 ? vals : this.domains[fluent];
  }

  /** The fluents the end of `chain` is unsure of (more than one possible value). */
  unsure(chain: readonly AgentId[]): Fluent[] {
    return this.fluents.filter((f) => this.values(chain, f).length > 1);
  }

  /**
   * A sampler of states seen from `chain` (starting with this agent): the world from what the
   * chain's last agent considers possible, that agent's own definite beliefs and, with
   * `attribute`, every other agent's definite beliefs one level deeper (without it, the others
   * know the sampled world).
   */
  sampler(chain: readonly AgentId[], attribute: boolean): StateSampler {
    const options = this.fluents.map((f) => this.values(chain, f));
    const last = chain[chain.length - 1];
    const definite = (c: readonly AgentId[]) => {
      const held: Record<Fluent, Value> = {};
      for (const f of this.fluents) {
        const v = this.tracker.believedValues(c, f);
        if (v.length === 1) held[f] = v[0];
      }
      return held;
    };
    // The chain's own agent holds its definite beliefs, not the sampled world it searches over.
    const beliefs: Record<AgentId, Record<Fluent, Value>> = { [last]: definite(chain) };
    if (attribute) {
      for (const other of this.agents)
        if (other !== last) beliefs[other] = definite([...chain, other]);
    }
    return {
      sample: (rng) => {
        const world: Record<Fluent, Value> = {};
        this.fluents.forEach((f, i) => (world[f] = rng.choice(options[i])));
        for (const group of this.exclusive) this.separate(group, world, options, rng);
        return { world, beliefs };
      }
    };
  }

  /** Gives the fluents of an exclusive group distinct values, keeping definite ones first. */
  private separate(
    group: Fluent[],
    world: Record<Fluent, Value>,
    options: Value[][],
    rng: Rng
  ): void {
    const index = (f: Fluent) => this.fluents.indexOf(f);
    const order = [...group].sort((a, b) => options[index(a)].length - options[index(b)].length);
    const taken = new Set<Value>();
    for (const f of order) {
      if (taken.has(world[f])) {
        const free = options[index(f)].filter((v) => !taken.has(v));
        const pool = free.length > 0 ? free : this.domains[f].filter((v) => !taken.has(v));
        if (pool.length > 0) world[f] = rng.choice(pool);
      }
      taken.add(world[f]);
    }
  }

  private correct(values: Record<Fluent, Value>): void {
    this.tracker.apply({ kind: "ontic", effects: values, observers: {} });
  }
}
