/**
 * The `display(x)` adapters for beliefs and replays: what users hold (a tracker, a RoomWorld, a
 * story run, a belief store or snapshot; a grid environment, a trajectory recorder, a recorded
 * episode) turned into a belief graph or a trajectory replay. display.ts tries them with its
 * other adapters, in order.
 */
import { beliefGraphOf, isBeliefSource } from "./belief-sources";
import type { Displayable } from "./bundle";
import { isTrajectorySource, trajectoryOf } from "./trajectory-sources";

/**
 * The belief-graph and trajectory adapters, in the shape display.ts uses.
 *
 * ```ts
 * BELIEF_AND_REPLAY_ADAPTERS.find((a) => a.matches(world))?.toDisplayable(world);
 * ```
 */
export const BELIEF_AND_REPLAY_ADAPTERS: ReadonlyArray<{
  matches(x: unknown): boolean;
  toDisplayable(x: unknown): Displayable;
}> = [
  // Trackers, ProbabilisticBeliefs, RoomWorld, StoryRun, BeliefStore, KbData: a nested belief graph.
  {
    matches: isBeliefSource,
    toDisplayable: (x) => beliefGraphOf(x as Parameters<typeof beliefGraphOf>[0])
  },
  // Grid environments, TrajectoryRecorder, recorded episodes: a trajectory replay.
  {
    matches: isTrajectorySource,
    toDisplayable: (x) => trajectoryOf(x as Parameters<typeof trajectoryOf>[0])
  }
];
