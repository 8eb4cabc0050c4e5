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
import {
  drawWorld,
  exclusiveGroups,
  type AgentBeliefs,
  type FluentChoice,
  type StateSampler
} from "./agent-beliefs";

/**
 * One agent's view of the episode: its tracker (from the common start and its witnessed events).
 *
 * ```ts
 * const me = new Perspective("hider_0", init, 3);
 * ```
 */
export class Perspective implements AgentBeliefs {
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
    this.exclusive = exclusiveGroups(this.fluents, this.domains);
  }

  /** The tracker reads only the witnessed events (the observation itself adds nothing to it). */
  observe(_observation: unknown, events: readonly EpistemicEvent[]): void {
    this.witness(events);
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
    const choices: FluentChoice[] = this.fluents.map((f) => ({ values: this.values(chain, f) }));
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
      sample: (rng) => ({
        world: drawWorld(this.fluents, choices, this.exclusive, this.domains, rng),
        beliefs
      })
    };
  }

  /** Each value `chain` considers possible, equally likely. */
  distribution(chain: readonly AgentId[], fluent: Fluent): Record<string, number> {
    const vals = this.values(chain, fluent);
    return Object.fromEntries(vals.map((v) => [String(v), 1 / vals.length]));
  }

  /** Among the fluents `chain` is unsure of, the one with the fewest possible values. */
  labelFluent(chain: readonly AgentId[]): Fluent | undefined {
    return this.unsure(chain)
      .map((f) => [f, this.values(chain, f).length] as const)
      .sort((a, b) => a[1] - b[1])[0]?.[0];
  }

  private correct(values: Record<Fluent, Value>): void {
    this.tracker.apply({ kind: "ontic", effects: values, observers: {} });
  }
}
