/**
 * `pwmk/envs`: the PerspectiveEnv contract, spaces, the episode base for your own worlds
 * (`EpisodeEnv`), the grid-world base with its observation codes, the worlds and their options,
 * tracker factories, the conformance check for your own environments, and PNG encoding of
 * rendered frames. Line-of-sight tables and the grid's step tables are internal.
 *
 * ```ts
 * import { checkEnvConformance, encodePng, MultiAgentBoxWorld } from "pwmk/envs";
 * const env = new MultiAgentBoxWorld({ gridSize: 10, numAgents: 4, numBoxes: 3, viewRadius: 3 });
 * env.reset({ seed: 7 });
 * const png = encodePng(env.render("rgb_array")); // bytes for tslab.display.png
 * checkEnvConformance(() => new MultiAgentBoxWorld({ gridSize: 8, numAgents: 2, numBoxes: 2 }));
 * ```
 * @module pwmk/envs
 */
export {
  EnvError,
  checkActions,
  type AgentInfo,
  type BeliefMode,
  type PerspectiveEnv,
  type RenderMode,
  type RenderOptions,
  type ResetOptions,
  type ResetResult,
  type RgbImage,
  type StepResult
} from "./env";
export {
  Box,
  Dict,
  Discrete,
  MultiDiscrete,
  SeededSpace,
  spaceFromJSON,
  type BoxArray,
  type BoxDtype,
  type Space,
  type SpaceJSON,
  type SpaceSeed
} from "./spaces";
export { EpisodeEnv, type Drawing, type EpisodeDefaults, type EpisodeOptions } from "./episode";
export { GridMap, MOVE_NAMES } from "./grid";
export {
  GridWorld,
  VIEW_FLOOR,
  VIEW_UNSEEN,
  VIEW_WALL,
  type GridFrame,
  type GridObservation,
  type GridWorldOptions
} from "./gridworld";
export type { SimulationState } from "./sim-state";
export { defaultTrackerFactory, type TrackerFactory } from "./tracking";
export { checkEnvConformance, type ConformanceOptions } from "./conformance";
export { encodePng } from "./png";
export type { CellGlyph } from "./render";
export { MultiAgentBoxWorld, type BoxWorldOptions } from "./worlds/boxworld";
export { BeliefCircles, type BeliefCirclesOptions } from "./worlds/beliefcircles";
export { HideAndSeek, type HideAndSeekOptions } from "./worlds/hideandseek";
export { SocialDeception, type SocialDeceptionOptions } from "./worlds/socialdeception";
export { SallyAnneWorld, type SallyAnneOptions, type StoryObservation } from "./worlds/sallyanne";
export { makeEnv, envNames } from "./registry";
