/**
 * ToMAgent: an agent that acts by BeliefMCTS from its own beliefs, with a Theory-of-Mind depth.
 * It reads only its observations and the events it witnessed (its own tracker), never the true
 * state; it simulates in a simulation copy of the env put into worlds it considers possible.
 *
 * How it models the others, by depth:
 * - depth 0: the others are part of the environment: they act at random, and in the sampled
 *   world they know everything (no minds to fool or track); its own rollouts follow the world's
 *   script with what depends on others' views or beliefs taken out (`beliefBlindAction`);
 * - depth 1: the others are depth-0 agents acting on the beliefs this agent attributes to them
 *   (its nested beliefs: what I think j believes). In simulation a depth-0 agent is stood in for
 *   by the world's scripted belief-driven policy (it pursues its goal on its own beliefs);
 * - depth 2: the others are depth-1 agents: this same search, run from the perspective this
 *   agent attributes to each of them (the world as it thinks j sees it, and what it thinks j
 *   thinks the others believe), predicts their next action; later steps use the scripted policy.
 *
 * Its beliefs, and those it attributes, come from its own tracker fed with the events it
 * witnessed, or with `worldModel` from a learned model's belief head run on its own observation
 * history (model-perspective.ts); the sampling, depths and search are the same.
 *
 * ```ts
 * const agent = new ToMAgent({ id: "deceiver", tomDepth: 1, simulator: sim, init: env.getTrackerInit()! });
 * agent.observe(reset.observations.deceiver, reset.infos.deceiver.events);
 * const action = agent.act();
 * ```
 */
import type { AgentId, EpistemicEvent } from "../epistemic/events";
import type { TrackerInit } from "../epistemic/tracker";
import { BeliefMCTS, MctsError, SearchResult } from "../planning/mcts";
import { envSimulator, OtherPolicy, SimulableEnv } from "../planning/mcts-env";
import { Perspective } from "./perspective";
import type { AgentBeliefs } from "./agent-beliefs";
import { datasetEncoding, ModelPerspective } from "./model-perspective";
import type { PerspectiveWorldModel } from "../models/world-model";
import type { SimulationState } from "../envs/sim-state";
import type { Rng } from "../random/rng";
import type { Discrete } from "../envs/spaces";

/**
 * At depth 2, the share of simulations in which another agent is a depth-1 agent (the rest treat
 * it as depth 0): a cognitive-hierarchy mixture over the lower depths, so that one mispredicted
 * move of a modelled search does not decide the whole search.
 */
const DEPTH1_SHARE = 0.5;

/** The prior weight of the script's move at the root of a modelled other's search. */
const SCRIPT_PRIOR = 0.6;

/**
 * Options of ToMAgent.
 *
 * ```ts
 * new ToMAgent({ id: "hider_0", tomDepth: 2, simulator: sim, init, numSimulations: 64, seed: 3 });
 * ```
 */
export interface ToMAgentOptions {
  /** The agent it plays. */
  id: AgentId;
  /** 0, 1 or 2 (see the module comment). */
  tomDepth: number;
  /**
   * A simulation copy of the env (made with `beliefs: "off"` and reset to the episode's layout,
   * e.g. by `simulationCopy(env, seed)`); the agent puts it into the worlds it samples.
   */
  simulator: SimulableEnv;
  /** How the episode starts (`env.getTrackerInit()`): only its common knowledge is read. */
  init: TrackerInit;
  /** Simulations per decision (default 64). */
  numSimulations?: number;
  /** Steps simulated ahead (default 12). */
  maxDepth?: number;
  /** The search's exploration weight (default: BeliefMCTS's, 1.25). */
  cPuct?: number;
  /** Seed of the agent's searches (default 0). */
  seed?: number;
  /**
   * Its own moves in rollouts. By default the world's script as an agent of its depth can run
   * it: belief-blind at depth 0 ("blind"), the full script ("expert") at depths 1 and 2.
   * "random", "expert" or "blind" forces one policy at every depth.
   */
  rollout?: "random" | "expert" | "blind";
  /**
   * A trained PerspectiveWorldModel with a belief head: what the agent believes and attributes
   * to the others is its belief head's prediction from the agent's own observations (the targets
   * `f`, `f | j` at depth >= 1, `f | j/k` at depth 2), instead of a tracker of witnessed events.
   */
  worldModel?: PerspectiveWorldModel;
  /**
   * With `worldModel`: the agent's observation as the model's input vector. Default: the
   * encoding of `WorldModelData` from the simulator's observation spaces.
   */
  encodeObservation?: (observation: unknown) => ArrayLike<number>;
}

/**
 * A Theory-of-Mind agent of a given depth (see the module comment).
 *
 * ```ts
 * const agent = new ToMAgent({ id: "thief_0", tomDepth: 1, simulator: sim, init });
 * agent.observe(obs, events);
 * env.step({ ...others, thief_0: agent.act() });
 * ```
 */
export class ToMAgent {
  /** The agent it plays. */
  readonly id: AgentId;
  /** Its Theory-of-Mind depth: 0, 1 or 2. */
  readonly tomDepth: number;
  /** The last search's result (its tree is a search-tree payload), undefined before acting. */
  lastSearch: SearchResult | undefined;
  private readonly sim: SimulableEnv;
  private readonly me: AgentBeliefs;
  private readonly fluents: string[];
  private readonly mcts: BeliefMCTS<unknown>;
  private readonly settings: {
    numSimulations: number;
    maxDepth: number;
    cPuct?: number;
    seed: number;
    rollout: "random" | "expert" | "blind" | undefined;
  };
  private t = -1;
  /** The others' next actions, predicted for this decision (depth >= 2). */
  private predicted = new Map<AgentId, number>();
  /** The label of the world the current simulation sampled. */
  private sampled = "";

  constructor(options: ToMAgentOptions) {
    if (typeof options !== "object" || options === null) {
      throw new MctsError("ToMAgent needs options { id, tomDepth, simulator, init }");
    }
    const { id, tomDepth, simulator, init } = options;
    if (!Number.isInteger(tomDepth) || tomDepth < 0 || tomDepth > 2) {
      throw new MctsError(`tomDepth must be 0, 1 or 2, got ${String(tomDepth)}`);
    }
    if (!simulator || typeof simulator.setState !== "function") {
      throw new MctsError(
        'ToMAgent needs simulator: a simulation copy of the env (beliefs: "off"), e.g. simulationCopy(env, seed)'
      );
    }
    if (!init || typeof init !== "object" || !Array.isArray(init.agents)) {
      throw new MctsError("ToMAgent needs init: how the episode starts (env.getTrackerInit())");
    }
    if (!init.agents.includes(id)) {
      throw new MctsError(`unknown agent ${JSON.stringify(id)}; agents: ${init.agents.join(", ")}`);
    }
    this.id = id;
    this.tomDepth = tomDepth;
    this.sim = simulator;
    this.fluents = Object.keys(init.world ?? {});
    this.me =
      options.worldModel !== undefined
        ? new ModelPerspective({
            id,
            init,
            model: options.worldModel,
            depth: tomDepth,
            encode: options.encodeObservation ?? datasetEncoding(simulator, id)
          })
        : new Perspective(id, init, tomDepth + 1);
    this.settings = {
      numSimulations: options.numSimulations ?? 64,
      maxDepth: options.maxDepth ?? 12,
      cPuct: options.cPuct,
      seed: options.seed ?? 0,
      rollout: options.rollout
    };
    if (![undefined, "random", "expert", "blind"].includes(this.settings.rollout)) {
      throw new MctsError(
        `rollout must be "random", "expert" or "blind", got ${JSON.stringify(options.rollout)}`
      );
    }
    this.mcts = this.searcher(id, tomDepth, this.settings.numSimulations, this.settings.seed);
  }

  /**
   * Takes in what this agent perceives after a reset or step: its observation and the events it
   * witnessed (`infos[id].events`). Its tracker reads the events; a `worldModel` the observation.
   */
  observe(observation: unknown, events: readonly EpistemicEvent[] = []): void {
    if (!Array.isArray(events))
      throw new MctsError("observe(observation, events): events must be a list");
    this.me.observe(observation, events);
    this.t++;
  }

  /**
   * What this agent believes (`chain` `[id]`, the default) or attributes (`[id, j]`: what it
   * thinks j believes; `[id, j, k]`), as the probability of each value of each fluent: its
   * tracker's possible values, equally likely, or its world model's predictions.
   *
   * ```ts
   * agent.beliefs(["hider_0", "seeker_0"])["at(hider_0)"]; // { c4_4: 0.9, c3_4: 0.1, ... }
   * ```
   */
  beliefs(chain: readonly AgentId[] = [this.id]): Record<string, Record<string, number>> {
    if (this.t < 0) throw new MctsError("beliefs() before observe(): nothing perceived yet");
    if (chain[0] !== this.id)
      throw new MctsError(`a chain of ${this.id}'s beliefs starts with ${this.id}`);
    return Object.fromEntries(this.fluents.map((f) => [f, this.me.distribution(chain, f)]));
  }

  /** The action this agent takes now, chosen by a search over the worlds it considers possible. */
  act(): number {
    if (this.t < 0)
      throw new MctsError("act() before observe(): give the agent the reset observation first");
    this.predicted = new Map();
    if (this.tomDepth >= 2) {
      for (const other of this.me.agents) {
        if (other !== this.id) this.predicted.set(other, this.predict([this.id, other]));
      }
    }
    this.lastSearch = this.mcts.search({ root: this.root([this.id], this.tomDepth >= 1) });
    return this.lastSearch.action;
  }

  /** The next action of the last agent of `chain`, as a depth-1 agent searching from there. */
  private predict(chain: AgentId[]): number {
    const other = chain[chain.length - 1];
    const depth = this.tomDepth - 1;
    const budget = Math.max(8, Math.floor(this.settings.numSimulations / 2));
    const mcts = this.searcher(other, depth, budget, this.settings.seed + chain.length);
    return mcts.search({ root: this.root(chain, true) }).action;
  }

  /**
   * The belief root seen from `chain`: sampled states at the current step, each labelled by the
   * value it drew for what the chain is least unsure of among what it is unsure of (the tree's
   * belief summaries).
   */
  private root(chain: AgentId[], attribute: boolean): { sample(rng: Rng): SimulationState } {
    const sampler = this.me.sampler(chain, attribute);
    // One fluent, the one the chain is least unsure of: its shares read best at a node.
    const label = this.me.labelFluent(chain);
    const unsure = label === undefined ? [] : [label];
    const t = this.t;
    return {
      sample: (rng) => {
        const state = sampler.sample(rng);
        this.sampled = unsure.length
          ? unsure.map((f) => `${f}=${String(state.world[f])}`).join(", ")
          : "no doubt";
        return { ...state, t, seed: rng.uint32() };
      }
    };
  }

  /** A search for `agent` at `depth`, its others modelled one depth lower. */
  private searcher(
    agent: AgentId,
    depth: number,
    numSimulations: number,
    seed: number
  ): BeliefMCTS<unknown> {
    const sim = this.sim;
    const t0 = (): number => this.t;
    const others: OtherPolicy =
      depth === 0
        ? "random"
        : depth === 1 || agent !== this.id
          ? "expert"
          : // Each other is a depth-1 agent (its first move the predicted one) or a depth-0 one
            // (the script), drawn afresh per simulation; after the first move, the script.
            (env, a, rng) =>
              env.time === t0() && this.predicted.has(a) && rng.float() < DEPTH1_SHARE
                ? this.predicted.get(a)!
                : env.expertAction(a);
    // A modelled other (depth 2's prediction) is an agent that runs the script on its beliefs and
    // looks ahead to improve on it: its first move's prior favours the script's move there, so a
    // small search departs from the script only where the lookahead finds better.
    const n = (sim.actionSpace(agent) as Discrete).n;
    const uniform = new Array<number>(n).fill(1 / n);
    const prior =
      agent === this.id
        ? undefined
        : (treeDepth: number): number[] => {
            if (treeDepth > 0) return uniform;
            const script = sim.expertAction(agent);
            return uniform.map(
              (u, a) => (1 - SCRIPT_PRIOR) * u + (a === script ? SCRIPT_PRIOR : 0)
            );
          };
    return new BeliefMCTS({
      ...(prior ? { prior } : {}),
      simulator: envSimulator({
        env: sim,
        agent,
        others,
        rollout: this.settings.rollout ?? (depth === 0 ? "blind" : "expert"),
        describe: () => this.sampled
      }),
      numSimulations,
      maxDepth: this.settings.maxDepth,
      ...(this.settings.cPuct !== undefined ? { cPuct: this.settings.cPuct } : {}),
      seed
    }) as BeliefMCTS<unknown>;
  }
}
