/**
 * `pwmk/stories`: adapters of outside formats onto the epistemic core. `RoomWorld` simulates the
 * rooms, containers and conversations of ToMi / Hi-ToM style stories; `runStory` reads their
 * sentences and answers their questions with a belief tracker.
 *
 * ```ts
 * import { runStory } from "pwmk/stories";
 * const run = runStory("1 Sally entered the kitchen.\n2 Anne entered the kitchen.\n...");
 * ```
 * @module pwmk/stories
 */
export {
  RoomWorld,
  RoomWorldError,
  objectFluent,
  presenceFluent,
  type RoomStep,
  type RoomView,
  type RoomWorldSpec,
  type TellOptions,
  type TrustPolicy
} from "./rooms";
export {
  runStory,
  StoryError,
  StoryRun,
  type SkippedSentence,
  type StoryOptions,
  type StoryQuestion
} from "./story";
export {
  runStoryFile,
  splitStories,
  type FailedStory,
  type ScoredQuestion,
  type ScoredStoryFile,
  type StoryInFile
} from "./story-file";
