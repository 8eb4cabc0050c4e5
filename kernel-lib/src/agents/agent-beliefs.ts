/**
 * Where a ToMAgent's beliefs come from, and the one way worlds are drawn from them. A source is
 * fed what the agent perceives and answers, for a perspective (a chain of agents starting with the
 * agent: `[me]`, `[me, j]` for what I think j believes, ...), a distribution over each fluent's
 * values; the sampler turns those into `SimulationState`s for a simulation copy of the env. Two
 * sources exist: the agent's own symbolic tracker (`Perspective`) and a learned world model's
 * belief head (`ModelPerspective`).
 *
 * ```ts
 * const source: AgentBeliefs = new Perspective("hider_0", init, 2);
 * source.observe(observation, events);
 * source.sampler(["hider_0"], true).sample(rng);
 * ```
 */
import type { AgentId, EpistemicEvent, Fluent, Value } from "../epistemic/events";
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
 * What a ToMAgent believes, and attributes to others, from what it perceived.
 *
 * ```ts
 * source.distribution(["hider_0", "seeker_0"], "at(hider_0)"); // { c4_4: 0.9, c3_4: 0.1 }
 * ```
 */
export interface AgentBeliefs {
  /** Every agent of the episode. */
  readonly agents: readonly AgentId[];
  /** Takes in the agent's observation and the events it witnessed, after a reset or a step. */
  observe(observation: unknown, events: readonly EpistemicEvent[]): void;
  /** The probability of each value of `fluent` (keyed by `String(value)`) seen from `chain`. */
  distribution(chain: readonly AgentId[], fluent: Fluent): Record<string, number>;
  /** States seen from `chain`; with `attribute`, the others hold the beliefs attributed to them. */
  sampler(chain: readonly AgentId[], attribute: boolean): StateSampler;
  /** The fluent `chain` is least unsure of among those it is unsure of (labels search trees). */
  labelFluent(chain: readonly AgentId[]): Fluent | undefined;
}

/**
 * The values one fluent may take in a drawn world, uniformly or by weight.
 *
 * ```ts
 * const choice: FluentChoice = { values: ["c1_1", "c2_1"], weights: [0.75, 0.25] };
 * ```
 */
export interface FluentChoice {
  values: Value[];
  /** One non-negative weight per value (absent: uniform). */
  weights?: number[];
}

/**
 * Groups of fluents sharing one domain (objects on grid cells): they take distinct values.
 *
 * ```ts
 * exclusiveGroups(["at(a)", "at(b)"], { "at(a)": cells, "at(b)": cells }); // [["at(a)", "at(b)"]]
 * ```
 */
export function exclusiveGroups(
  fluents: readonly Fluent[],
  domains: Record<Fluent, Value[]>
): Fluent[][] {
  const groups = new Map<string, Fluent[]>();
  for (const f of fluents) {
    const key = domains[f].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** One value of a choice, drawn by weight (uniform draws keep `rng.choice`'s sequence). */
function draw(values: Value[], weights: number[] | undefined, rng: Rng): Value {
  if (!weights) return rng.choice(values);
  const total = weights.reduce((s, w) => s + w, 0);
  if (!(total > 0)) return rng.choice(values);
  let x = rng.float() * total;
  for (let i = 0; i < values.length; i++) {
    x -= weights[i];
    if (x < 0) return values[i];
  }
  return values[values.length - 1];
}

/**
 * Draws a world: each fluent from its choice, then the fluents of each exclusive group made
 * distinct (the surest first keep their value; a clash is redrawn among the free values).
 *
 * ```ts
 * drawWorld(fluents, choices, exclusiveGroups(fluents, domains), domains, rng);
 * ```
 */
export function drawWorld(
  fluents: readonly Fluent[],
  choices: readonly FluentChoice[],
  exclusive: readonly Fluent[][],
  domains: Record<Fluent, Value[]>,
  rng: Rng
): Record<Fluent, Value> {
  const world: Record<Fluent, Value> = {};
  fluents.forEach((f, i) => (world[f] = draw(choices[i].values, choices[i].weights, rng)));
  const choiceOf = (f: Fluent) => choices[fluents.indexOf(f)];
  for (const group of exclusive) {
    const order = [...group].sort((a, b) => choiceOf(a).values.length - choiceOf(b).values.length);
    const taken = new Set<Value>();
    for (const f of order) {
      if (taken.has(world[f])) {
        const { values, weights } = choiceOf(f);
        const freeAt = values.map((_, i) => i).filter((i) => !taken.has(values[i]));
        if (freeAt.length > 0) {
          world[f] = draw(
            freeAt.map((i) => values[i]),
            weights && freeAt.map((i) => weights[i]),
            rng
          );
        } else {
          const pool = domains[f].filter((v) => !taken.has(v));
          if (pool.length > 0) world[f] = rng.choice(pool);
        }
      }
      taken.add(world[f]);
    }
  }
  return world;
}
