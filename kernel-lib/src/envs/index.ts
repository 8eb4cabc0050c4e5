/**
 * Environments: the PerspectiveEnv contract, spaces, the seeded generator, the grid engine with
 * line of sight, and the worlds.
 *
 * ```ts
 * import { MultiAgentBoxWorld } from "pwmk";
 * const env = new MultiAgentBoxWorld({ gridSize: 10, numAgents: 4, numBoxes: 3, viewRadius: 3 });
 * ```
 */
export * from "./env";
export * from "../random/rng";
export * from "./spaces";
export * from "./grid";
export { escapeXml } from "./render";
export * from "./gridworld";
export * from "./tracking";
export * from "./conformance";
export { MultiAgentBoxWorld, BoxWorldOptions } from "./worlds/boxworld";
export { BeliefCircles, BeliefCirclesOptions } from "./worlds/beliefcircles";
export { HideAndSeek, HideAndSeekOptions } from "./worlds/hideandseek";
export { SocialDeception, SocialDeceptionOptions } from "./worlds/socialdeception";
export { SallyAnneWorld, SallyAnneOptions } from "./worlds/sallyanne";
export { encodePng } from "./png";
