/**
 * `pwmk/agents`: agents that act from their own beliefs. `ToMAgent` plans by belief MCTS with a
 * Theory-of-Mind depth (others as environment, as belief-driven agents, or as agents that model
 * others in turn); `tournament` plays a world over fixed seeds and reports win rates with Wilson
 * intervals; `pairedComparison` compares two contestants seed by seed.
 *
 * ```ts
 * import { tournament, pairedComparison } from "pwmk/agents";
 * const seeds = [0, 1, 2, 3, 4, 5];
 * const d1 = tournament({ env: "HideAndSeek", agents: { hider_0: 1 }, seeds });
 * const d0 = tournament({ env: "HideAndSeek", agents: { hider_0: 0 }, seeds });
 * pairedComparison(d1, d0, "hider_0").ci;
 * ```
 * @module pwmk/agents
 */
export { ToMAgent, type ToMAgentOptions } from "./tom-agent";
export { Perspective } from "./perspective";
export type { AgentBeliefs, StateSampler } from "./agent-beliefs";
export {
  datasetEncoding,
  ModelPerspective,
  type ModelPerspectiveOptions
} from "./model-perspective";
export {
  defaultOutcome,
  pairedComparison,
  simulationCopy,
  tournament,
  wilsonInterval,
  type AgentScore,
  type Contestant,
  type EpisodeOutcome,
  type TournamentOptions,
  type TournamentResult
} from "./tournament";
