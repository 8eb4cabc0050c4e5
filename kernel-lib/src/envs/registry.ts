/**
 * The registry of the built-in worlds: make an environment from its name and constructor options,
 * as `gymnasium.make` does. A dataset header stores exactly these two (`env`, `config`), so an
 * env can be rebuilt in another thread, process or machine from what a dataset says about it.
 *
 * ```ts
 * const env = makeEnv("MultiAgentBoxWorld", { gridSize: 8, numAgents: 2 });
 * const again = makeEnv(header.env, header.config); // the env a dataset was recorded from
 * ```
 */
import { EnvError, PerspectiveEnv } from "./env";
import { BeliefCircles } from "./worlds/beliefcircles";
import { MultiAgentBoxWorld } from "./worlds/boxworld";
import { HideAndSeek } from "./worlds/hideandseek";
import { SallyAnneWorld } from "./worlds/sallyanne";
import { SocialDeception } from "./worlds/socialdeception";

// Each constructor validates its own options; the registry only maps names to constructors.
type EnvFactory = (options: Record<string, unknown>) => PerspectiveEnv;

const FACTORIES: Record<string, EnvFactory> = {
  MultiAgentBoxWorld: (o) => new MultiAgentBoxWorld(o),
  BeliefCircles: (o) => new BeliefCircles(o),
  HideAndSeek: (o) => new HideAndSeek(o),
  SocialDeception: (o) => new SocialDeception(o),
  SallyAnneWorld: (o) => new SallyAnneWorld(o)
};

/**
 * The names `makeEnv` accepts, in a stable order.
 *
 * ```ts
 * envNames(); // ["MultiAgentBoxWorld", "BeliefCircles", "HideAndSeek", "SocialDeception", "SallyAnneWorld"]
 * ```
 */
export function envNames(): string[] {
  return Object.keys(FACTORIES);
}

/**
 * A new built-in environment by name (its class name, which is also its `env.name` and the `env`
 * field of dataset headers). Unknown names throw an EnvError listing the known ones; options must
 * be a plain object and are checked by the world's constructor.
 *
 * ```ts
 * const env = makeEnv("HideAndSeek", { arenaSize: 9 });
 * env.reset({ seed: 0 });
 * ```
 */
export function makeEnv(name: string, options: Record<string, unknown> = {}): PerspectiveEnv {
  const factory = Object.prototype.hasOwnProperty.call(FACTORIES, name)
    ? FACTORIES[name]
    : undefined;
  if (!factory) {
    throw new EnvError(
      `unknown environment ${JSON.stringify(name)}; known environments: ${envNames().join(", ")}`
    );
  }
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new EnvError(
      `options of ${name} must be an object, got ${Array.isArray(options) ? "an array" : JSON.stringify(options)}`
    );
  }
  return factory(options);
}
