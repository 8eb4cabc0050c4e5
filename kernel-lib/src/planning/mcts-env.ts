/**
 * An environment as a BeliefMCTS simulator: a simulation copy of a grid world (made with
 * `beliefs: "off"`, reset to the episode's layout) is put into each sampled state with
 * `setState`, and stepped with the searching agent's action while every other live agent acts
 * by its model (uniformly random, the world's scripted belief-driven policy, or a function).
 *
 * ```ts
 * const sim = new SocialDeception({ beliefs: "off" });
 * sim.reset({ seed: 4 });
 * const simulator = envSimulator({ env: sim, agent: "deceiver", others: "expert" });
 * new BeliefMCTS({ simulator, seed: 1 }).search({ root: { sample: () => state } });
 * ```
 */
import type { AgentId } from "../epistemic/events";
import type { PerspectiveEnv } from "../envs/env";
import type { SimulationState } from "../envs/sim-state";
import { Discrete } from "../envs/spaces";
import type { Rng } from "../random/rng";
import type { MctsSimulator } from "./mcts";
import { MctsError } from "./mcts-error";

/**
 * An env that a simulator can put into a sampled state (every grid world can).
 *
 * ```ts
 * const env: SimulableEnv = new HideAndSeek({ beliefs: "off" });
 * ```
 */
export interface SimulableEnv extends PerspectiveEnv<unknown, number> {
  /** Puts the env into `state` (objects, world fluents, beliefs, time); see `GridWorld.setState`. */
  setState(state: SimulationState): void;
  /** The current time step. */
  readonly time: number;
  /**
   * The world's script without what depends on the others' views or beliefs (a depth-0 agent's
   * own policy), where the world has one (SocialDeception, HideAndSeek).
   */
  beliefBlindAction?(agent: AgentId): number;
}

/**
 * How a simulated other agent acts: "random" (part of the environment), "expert" (the world's
 * scripted policy, which acts on the beliefs the sampled state gives that agent), or a function.
 *
 * ```ts
 * const still: OtherPolicy = () => 0;
 * ```
 */
export type OtherPolicy =
  "random" | "expert" | ((env: SimulableEnv, agent: AgentId, rng: Rng) => number);

/**
 * Options of envSimulator.
 *
 * ```ts
 * envSimulator({ env: sim, agent: "hider_0", others: { seeker_0: "expert", hider_1: "random" } });
 * ```
 */
export interface EnvSimulatorOptions {
  /** A simulation copy of the env (beliefs "off", reset to the episode's layout). */
  env: SimulableEnv;
  /** The searching agent. */
  agent: AgentId;
  /** The others' models: one for all, or per agent (missing ones are "random"). Default "random". */
  others?: OtherPolicy | Record<AgentId, OtherPolicy>;
  /** Optional label of the env's current state for the tree's belief summaries. */
  describe?: (env: SimulableEnv) => string;
  /**
   * The searching agent's rollout policy: "random" (default), "expert" (the world's script) or
   * "blind" (the script without what depends on the others' views or beliefs:
   * `env.beliefBlindAction`, random where the world has none).
   */
  rollout?: "random" | "expert" | "blind";
}

/**
 * A BeliefMCTS simulator over a simulation copy of an env (see the module comment).
 *
 * ```ts
 * const simulator = envSimulator({ env: sim, agent: "deceiver", others: "expert" });
 * ```
 */
export function envSimulator(options: EnvSimulatorOptions): MctsSimulator<SimulationState> {
  const { env, agent } = options;
  if (!env || typeof env.setState !== "function") {
    throw new MctsError(
      'envSimulator needs env: a simulation copy with setState (a grid world made with beliefs: "off")'
    );
  }
  if (!env.possibleAgents.includes(agent)) {
    throw new MctsError(
      `envSimulator: unknown agent ${JSON.stringify(agent)}; agents: ${env.possibleAgents.join(", ")}`
    );
  }
  const space = env.actionSpace(agent);
  if (!(space instanceof Discrete) || space.start !== 0) {
    throw new MctsError(`envSimulator: ${agent} needs a Discrete(n) action space starting at 0`);
  }
  if (
    options.rollout !== undefined &&
    options.rollout !== "random" &&
    options.rollout !== "expert" &&
    options.rollout !== "blind"
  ) {
    throw new MctsError(
      `envSimulator: rollout must be "random", "expert" or "blind", got ${JSON.stringify(options.rollout)}`
    );
  }
  const policies = new Map<AgentId, OtherPolicy>();
  for (const other of env.possibleAgents) {
    if (other === agent) continue;
    const p =
      typeof options.others === "object" && options.others !== null
        ? (options.others[other] ?? "random")
        : (options.others ?? "random");
    if (p !== "random" && p !== "expert" && typeof p !== "function") {
      throw new MctsError(
        `envSimulator: the model of ${other} must be "random", "expert" or a function, got ${JSON.stringify(p)}`
      );
    }
    policies.set(other, p);
  }
  const sizes = new Map(
    env.possibleAgents.map((a) => [a, (env.actionSpace(a) as Discrete).n] as const)
  );
  const actions: Record<AgentId, number> = {};
  return {
    numActions: space.n,
    load: (state) => env.setState(state),
    step(action, rng) {
      for (const key of Object.keys(actions)) delete actions[key];
      for (const a of env.agents) {
        if (a === agent) actions[a] = action;
        else {
          const p = policies.get(a)!;
          actions[a] =
            p === "random"
              ? rng.int(sizes.get(a)!)
              : p === "expert"
                ? env.expertAction(a)
                : p(env, a, rng);
        }
      }
      const result = env.step(actions);
      return { reward: result.rewards[agent] ?? 0, done: !env.agents.includes(agent) };
    },
    ...(options.describe ? { describe: () => options.describe!(env) } : {}),
    ...(options.rollout === "expert" ? { rolloutAction: () => env.expertAction(agent) } : {}),
    ...(options.rollout === "blind" && typeof env.beliefBlindAction === "function"
      ? { rolloutAction: () => env.beliefBlindAction!(agent) }
      : {})
  };
}
