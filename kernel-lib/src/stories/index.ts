/**
 * Stories: adapters of outside formats onto the epistemic core. `RoomWorld` simulates the rooms,
 * containers and conversations of ToMi / Hi-ToM style stories; `runStory` reads their sentences
 * and answers their questions with a belief tracker.
 *
 * ```ts
 * import { runStory } from "pwmk/stories";
 * const run = runStory("1 Sally entered the kitchen.\n2 Anne entered the kitchen.\n...");
 * ```
 */
export {
  RoomWorld,
  RoomWorldSpec,
  RoomWorldError,
  RoomStep,
  TellOptions,
  TrustPolicy,
  objectFluent,
  presenceFluent
} from "./rooms";
export { runStory, StoryRun, StoryError, StoryOptions, StoryQuestion } from "./story";
