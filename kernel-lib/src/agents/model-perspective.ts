/**
 * A learned model of others' minds: a ToMAgent's beliefs, and the beliefs it attributes to the
 * others, read from a PerspectiveWorldModel's belief head run on the agent's OWN observation
 * history (the head never reads anyone else's observations or actions). Nothing else is read:
 * not the events, not the true state, not the others' observations.
 *
 * From the predicted probabilities to sampled worlds (one draw per simulation):
 * - the world: each fluent drawn from what the chain's last agent is predicted to believe
 *   (target `f` for `[me]`, `f | j` for `[me, j]`), objects sharing a grid made distinct;
 * - the chain's own agent holds a definite belief where its top value has probability at least
 *   `DEFINITE` (the head is trained on definite beliefs only, so a spread distribution is read as
 *   not knowing);
 * - with `attribute`, every other agent k holds, for each fluent, a value drawn from what the
 *   chain believes k believes (`[me, k]`, or `[me, j, k]` one level deeper): a sampled mind.
 *
 * ```ts
 * const me = new ModelPerspective({ id: "hider_0", init, model, depth: 1, encode });
 * me.observe(observation, []);
 * me.distribution(["hider_0", "seeker_0"], "at(hider_0)"); // { c4_4: 0.82, c3_4: 0.11, ... }
 * ```
 */
import type { AgentId, EpistemicEvent, Fluent, Value } from "../epistemic/events";
import type { TrackerInit } from "../epistemic/tracker";
import type { PerspectiveEnv } from "../envs/env";
import { observationEncoding } from "../training/features";
import { ModelError, type BeliefTarget } from "../models/types";
import type { PerspectiveWorldModel } from "../models/world-model";
import {
  drawWorld,
  exclusiveGroups,
  type AgentBeliefs,
  type FluentChoice,
  type StateSampler
} from "./agent-beliefs";

/** The probability from which a predicted belief counts as the holder's definite belief. */
export const DEFINITE = 0.9;

/**
 * Options of ModelPerspective.
 *
 * ```ts
 * const options: ModelPerspectiveOptions = { id: "hider_0", init, model, depth: 1, encode };
 * ```
 */
export interface ModelPerspectiveOptions {
  /** The agent whose view this is. */
  id: AgentId;
  /** How the episode starts: only its agents, fluents and domains are read. */
  init: TrackerInit;
  /** A model with a belief head (`beliefSpec`) over this world's agents and fluents. */
  model: PerspectiveWorldModel;
  /** The ToM depth: 0 reads the agent's own targets, 1 also `[me, j]`, 2 also `[me, j, k]`. */
  depth: number;
  /** The agent's observation as the model's input vector (`obsDim` numbers; `dim` if known). */
  encode: ((observation: unknown) => ArrayLike<number>) & { dim?: number };
}

/**
 * How the world model's training data encodes `agent`'s observations (`WorldModelData`: every
 * scalar of the env's observation spaces scaled to [0, 1], padded to the longest agent's).
 *
 * ```ts
 * const encode = datasetEncoding(simulationCopy(env, 3), "hider_0");
 * encode(step.observations.hider_0); // Float32Array(obsDim)
 * ```
 */
export function datasetEncoding(
  env: PerspectiveEnv<unknown, unknown>,
  agent: AgentId
): ((observation: unknown) => Float32Array) & { dim: number } {
  const enc = observationEncoding(
    Object.fromEntries(env.possibleAgents.map((a) => [a, env.observationSpace(a).toJSON()]))
  );
  const encode = (observation: unknown) => {
    const row = new Float32Array(enc.dim);
    enc.encode(agent, observation, row, 0);
    return row;
  };
  return Object.assign(encode, { dim: enc.dim });
}

/** `chain` written as the target names `beliefSpecOf` gives (`f`, `f | j`, `f | j/k`). */
function targetName(fluent: Fluent, about: readonly AgentId[]): string {
  return about.length === 0 ? fluent : `${fluent} | ${about.join("/")}`;
}

/**
 * One agent's beliefs as a learned world model predicts them (see the module comment).
 *
 * ```ts
 * const me = new ModelPerspective({ id: "hider_0", init, model, depth: 1, encode });
 * ```
 */
export class ModelPerspective implements AgentBeliefs {
  /** Every agent of the episode (from the init). */
  readonly agents: readonly AgentId[];
  /** The agent whose view this is. */
  readonly id: AgentId;
  private readonly model: PerspectiveWorldModel;
  private readonly encode: ModelPerspectiveOptions["encode"];
  private readonly fluents: Fluent[];
  private readonly domains: Record<Fluent, Value[]>;
  private readonly exclusive: Fluent[][];
  /** Target index by `[about..., fluent]` key. */
  private readonly targets = new Map<string, number>();
  /** Per target, the fluent's domain in this episode (each a class of the target). */
  private readonly classValues: Value[][];
  /** The agent's encoded observations, oldest first (at most the model's `maxSteps`). */
  private readonly history: Float32Array[] = [];
  /** Predicted probabilities per target after the last observation (computed when first read). */
  private probs: number[][] | undefined;

  constructor(options: ModelPerspectiveOptions) {
    const { id, init, model, depth, encode } = options;
    if (!model || typeof model.predictBeliefs !== "function" || !model.config)
      throw new ModelError("ToMAgent's worldModel must be a PerspectiveWorldModel");
    this.id = id;
    this.agents = [...init.agents];
    this.model = model;
    this.encode = encode;
    this.fluents = Object.keys(init.world);
    this.domains = {};
    for (const f of this.fluents) this.domains[f] = init.domains?.[f] ?? [init.world[f]];
    this.exclusive = exclusiveGroups(this.fluents, this.domains);
    const spec = model?.config?.beliefSpec;
    if (!spec || spec.targets.length === 0) {
      throw new ModelError(
        "ToMAgent's worldModel has no belief head (its configuration has no beliefSpec targets): train it with beliefSpecOf(dataset)"
      );
    }
    const missingAgents = this.agents.filter((a) => !spec.agents.includes(a));
    if (missingAgents.length > 0 || spec.agents.length !== this.agents.length) {
      throw new ModelError(
        `ToMAgent's worldModel is for agents ${spec.agents.join(", ")}, this world has ${this.agents.join(", ")} (a model of another world?)`
      );
    }
    if (encode.dim !== undefined && encode.dim !== model.config.obsDim) {
      throw new ModelError(
        `ToMAgent's worldModel reads observations of ${model.config.obsDim} values, this world's encode to ${encode.dim} (a model of another world?)`
      );
    }
    spec.targets.forEach((t, k) =>
      this.targets.set(JSON.stringify([...(t.about ?? []), t.fluent]), k)
    );
    const missing = this.needed(depth).filter(
      ([about, f]) => !this.targets.has(JSON.stringify([...about, f]))
    );
    if (missing.length > 0) {
      throw new ModelError(
        `a depth-${depth} ToMAgent ${id} needs belief targets its worldModel's beliefSpec lacks: ${missing
          .map(([about, f]) => targetName(f, about))
          .join(", ")}`
      );
    }
    this.classValues = spec.targets.map((t) => this.classesOf(t));
  }

  /** The chains after the holder (`about`) and fluents a depth needs, e.g. `[["seeker_0"], "at(hider_0)"]`. */
  private needed(depth: number): [AgentId[], Fluent][] {
    const others = (of: AgentId) => this.agents.filter((a) => a !== of);
    const abouts: AgentId[][] = [[]];
    if (depth >= 1) for (const j of others(this.id)) abouts.push([j]);
    if (depth >= 2) for (const j of others(this.id)) for (const k of others(j)) abouts.push([j, k]);
    return abouts.flatMap((about) => this.fluents.map((f) => [about, f] as [AgentId[], Fluent]));
  }

  /**
   * The values a target is read for: the fluent's domain here, every one of which must be a class
   * of the target. Classes outside it (cells walled in this layout but free in others the model
   * was trained on) are left out, and the rest renormalized.
   */
  private classesOf(target: BeliefTarget): Value[] {
    const domain = this.domains[target.fluent];
    if (!domain) return [];
    const missing = domain.filter((v) => !target.values.includes(String(v)));
    if (missing.length > 0) {
      const shown = missing.slice(0, 3).map((v) => JSON.stringify(String(v)));
      throw new ModelError(
        `belief target ${target.name} of ToMAgent's worldModel has no class for ${shown.join(", ")}${missing.length > 3 ? ` and ${missing.length - 3} more` : ""} of this world's domain of ${target.fluent} (a model of another world?)`
      );
    }
    return domain;
  }

  /** Encodes the observation and adds it to the agent's history; events are not read. */
  observe(observation: unknown, _events: readonly EpistemicEvent[]): void {
    const { obsDim, maxSteps } = this.model.config;
    const row = Float32Array.from(this.encode(observation));
    if (row.length !== obsDim) {
      throw new ModelError(
        `the encoded observation of ${this.id} has ${row.length} values, the worldModel reads ${obsDim} (a model of another world?)`
      );
    }
    if (row.some((x) => !Number.isFinite(x)))
      throw new ModelError(`the encoded observation of ${this.id} holds a non-finite number`);
    this.history.push(row);
    if (this.history.length > maxSteps) this.history.shift();
    this.probs = undefined;
  }

  distribution(chain: readonly AgentId[], fluent: Fluent): Record<string, number> {
    const k = this.target(chain, fluent);
    const probs = this.predicted()[k];
    return Object.fromEntries(this.classValues[k].map((v, i) => [String(v), probs[i]]));
  }

  sampler(chain: readonly AgentId[], attribute: boolean): StateSampler {
    const choice = (c: readonly AgentId[], f: Fluent): FluentChoice => {
      const k = this.target(c, f);
      return { values: this.classValues[k], weights: this.predicted()[k] };
    };
    const choices = this.fluents.map((f) => choice(chain, f));
    const last = chain[chain.length - 1];
    const own: Record<Fluent, Value> = {};
    this.fluents.forEach((f, i) => {
      const w = choices[i].weights!;
      const top = w.indexOf(Math.max(...w));
      if (w[top] >= DEFINITE) own[f] = choices[i].values[top];
    });
    const others = attribute ? this.agents.filter((a) => a !== last) : [];
    const minds = others.map((k) => this.fluents.map((f) => choice([...chain, k], f)));
    return {
      sample: (rng) => {
        const world = drawWorld(this.fluents, choices, this.exclusive, this.domains, rng);
        const beliefs: Record<AgentId, Record<Fluent, Value>> = { [last]: own };
        others.forEach((k, i) => {
          beliefs[k] = drawWorld(this.fluents, minds[i], [], this.domains, rng);
        });
        return { world, beliefs };
      }
    };
  }

  /** Among the fluents whose top value is below `DEFINITE`, the one with the surest top value. */
  labelFluent(chain: readonly AgentId[]): Fluent | undefined {
    let best: Fluent | undefined;
    let bestTop = -1;
    for (const f of this.fluents) {
      const top = Math.max(...this.predicted()[this.target(chain, f)]);
      if (top < DEFINITE && top > bestTop) [best, bestTop] = [f, top];
    }
    return best;
  }

  /** The target of `chain`'s belief about `fluent` (a belief in oneself reads as one's own). */
  private target(chain: readonly AgentId[], fluent: Fluent): number {
    if (chain[0] !== this.id)
      throw new ModelError(`a perspective of ${this.id} starts with ${this.id}, got ${chain[0]}`);
    const about = chain.slice(1).filter((a, i) => a !== chain[i]);
    const k = this.targets.get(JSON.stringify([...about, fluent]));
    if (k === undefined)
      throw new ModelError(
        `ToMAgent's worldModel has no belief target ${targetName(fluent, about)}`
      );
    return k;
  }

  /** The belief head's probabilities for this agent after its latest observation. */
  private predicted(): number[][] {
    if (this.probs) return this.probs;
    if (this.history.length === 0)
      throw new ModelError(`${this.id} has observed nothing yet: observe() the reset first`);
    const predicted = this.model.predictBeliefs({ observations: this.history }, this.id);
    this.probs = predicted.map((p, k) => {
      const probs = this.classValues[k].map((v) => p.probs[String(v)]);
      const total = probs.reduce((a, b) => a + b, 0);
      return probs.map((x) => (total > 0 ? x / total : 1 / probs.length));
    });
    return this.probs;
  }
}
