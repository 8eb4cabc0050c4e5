/**
 * `pwmk/unity`: drive Unity ML-Agents scenes from TypeScript. `UnityEnvironment` speaks the
 * ML-Agents protocol (communication API 1.5.0; the library is the gRPC server, the player the
 * client), launches and guards the player process, and exchanges side-channel messages.
 * `UnityPerspectiveEnv` puts a scene behind the PerspectiveEnv contract, so collectors, world
 * models and viewers work on it. `simulatedBuildPath()` gives a simulated build (a GridWorld
 * with several agents and camera views) to try everything without Unity.
 *
 * ```ts
 * import { UnityEnvironment, simulatedBuildPath, EngineConfigurationChannel } from "pwmk/unity";
 * const engine = new EngineConfigurationChannel();
 * const env = await UnityEnvironment.create({ fileName: simulatedBuildPath(), sideChannels: [engine] });
 * engine.setConfigurationParameters({ timeScale: 20 });
 * await env.reset();
 * const [decision] = env.getSteps("GridWorld?team=0");
 * await env.close();
 * ```
 * @module pwmk/unity
 */
export {
  UnityEnvironment,
  BASE_ENVIRONMENT_PORT,
  DEFAULT_EDITOR_PORT,
  type UnityEnvironmentOptions
} from "./environment";
export {
  UnityPerspectiveEnv,
  unityAgentName,
  type UnityObservation,
  type UnityPerspectiveOptions
} from "./perspective-env";
export type { ActionTuple } from "./actions";
export type {
  ArrayData,
  BehaviorSpec,
  ActionSpec as UnityActionSpec,
  ObservationSpec as UnityObservationSpec,
  DecisionSteps,
  TerminalSteps
} from "./steps";
export {
  SideChannel,
  EngineConfigurationChannel,
  EnvironmentParametersChannel,
  StatsSideChannel,
  StatsAggregationMethod,
  RawBytesChannel
} from "./side-channels";
export { IncomingMessage, OutgoingMessage } from "./side-channel-messages";
export {
  UnityError,
  UnityEnvironmentError,
  UnityTimeOutError,
  UnityCommunicatorStoppedError,
  UnityActionError,
  UnityObservationError,
  UnitySideChannelError,
  UnityWorkerInUseError
} from "./errors";
export {
  COMMUNICATION_VERSION,
  PROTO_FILE,
  type Capabilities as UnityCapabilities
} from "./protocol";
export { simulatedBuildPath } from "./sim/build-path";
