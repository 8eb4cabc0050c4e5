/**
 * The ML-Agents wire messages as plain objects, and their gRPC definitions loaded from our own
 * `proto/communicator_objects.proto` (shipped in the package beside lib/ and src/).
 *
 * ```ts
 * const { service } = protocol();
 * server.addService(service, { Exchange: handler });
 * ```
 */
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";

/**
 * The communication API version this library speaks; Unity must have the same major.
 *
 * ```ts
 * env.communicationVersion.split(".")[0] === COMMUNICATION_VERSION.split(".")[0]; // true once connected
 * ```
 */
export const COMMUNICATION_VERSION = "1.5.0";

/** Header statuses: OK, and "close" (either side stopping). */
export const STATUS_OK = 200;
export const STATUS_CLOSE = 400;

export interface Header {
  status: number;
  message?: string;
}

/**
 * Unity's feature flags (`UnityRLCapabilitiesProto`), field names as on the wire.
 *
 * ```ts
 * env.academyCapabilities?.hybridActions; // true for ML-Agents 2.0 and later
 * ```
 */
export interface Capabilities {
  /** The base reinforcement-learning protocol (always true for a current Unity). */
  baseRLCapabilities: boolean;
  /** Camera observations with more than 3 channels come as several PNGs laid end to end. */
  concatenatedPngObservations: boolean;
  /** A compressed observation says which channels each PNG holds. */
  compressedChannelMapping: boolean;
  /** Continuous and discrete actions together in one action spec (ML-Agents 2.0 and later). */
  hybridActions: boolean;
  /** The trainer sends training analytics to the editor. */
  trainingAnalytics: boolean;
  /** Observations whose first dimension varies from step to step (buffer sensors). */
  variableLengthObservation: boolean;
  /** Agents report a group and a group reward. */
  multiAgentGroups: boolean;
}

/** Every capability this library implements (all seven, like Python's trainer). */
export const TRAINER_CAPABILITIES: Capabilities = {
  baseRLCapabilities: true,
  concatenatedPngObservations: true,
  compressedChannelMapping: true,
  hybridActions: true,
  trainingAnalytics: true,
  variableLengthObservation: true,
  multiAgentGroups: true
};

export interface ActionSpecMessage {
  num_continuous_actions: number;
  num_discrete_actions: number;
  discrete_branch_sizes: number[];
  action_descriptions?: string[];
}

export interface BrainParameters {
  brain_name: string;
  is_training?: boolean;
  action_spec?: ActionSpecMessage | null;
  vector_action_size_deprecated?: number[];
  vector_action_space_type_deprecated?: "discrete" | "continuous" | number;
}

export interface ObservationMessage {
  shape: number[];
  compression_type: "NONE" | "PNG" | number;
  compressed_data?: Uint8Array;
  float_data?: { data: number[] } | null;
  observation_data?: "compressed_data" | "float_data";
  compressed_channel_mapping?: number[];
  dimension_properties?: number[];
  observation_type?: "DEFAULT" | "GOAL_SIGNAL" | number;
  name?: string;
}

export interface AgentInfoMessage {
  reward: number;
  done: boolean;
  max_step_reached: boolean;
  id: number;
  action_mask: boolean[];
  observations: ObservationMessage[];
  group_id: number;
  group_reward: number;
}

export interface AgentActionMessage {
  vector_actions_deprecated?: number[];
  continuous_actions: number[];
  discrete_actions: number[];
}

export interface RLInput {
  agent_actions: Record<string, { value: AgentActionMessage[] }>;
  command: "STEP" | "RESET" | "QUIT";
  side_channel: Uint8Array;
}

export interface RLOutput {
  agentInfos: Record<string, { value: AgentInfoMessage[] }>;
  side_channel: Uint8Array;
}

export interface RLInitializationInput {
  seed: number;
  communication_version: string;
  package_version: string;
  capabilities: Capabilities;
  num_areas: number;
}

export interface RLInitializationOutput {
  name: string;
  communication_version: string;
  log_path?: string;
  brain_parameters: BrainParameters[];
  package_version: string;
  capabilities?: Capabilities | null;
}

/** `UnityMessageProto`: every request and reply of the one RPC. */
export interface UnityMessage {
  header: Header | null;
  unity_output?: {
    rl_output?: RLOutput | null;
    rl_initialization_output?: RLInitializationOutput | null;
  } | null;
  unity_input?: {
    rl_input?: Partial<RLInput> | null;
    rl_initialization_input?: RLInitializationInput | null;
  } | null;
}

/** The RPC path, `/communicator_objects.UnityToExternalProto/Exchange`. */
export const EXCHANGE_PATH = "/communicator_objects.UnityToExternalProto/Exchange";

/**
 * Our .proto file (package `communicator_objects`), e.g. to generate a client in another
 * language. It lives in kernel-lib/proto, two levels above both src/unity and lib/unity.
 *
 * ```ts
 * fs.readFileSync(PROTO_FILE, "utf8");
 * ```
 */
export const PROTO_FILE = path.join(__dirname, "..", "..", "proto", "communicator_objects.proto");

interface Loaded {
  service: grpc.ServiceDefinition;
  client: grpc.ServiceClientConstructor;
  encode(message: UnityMessage): Buffer;
  decode(bytes: Buffer): UnityMessage;
}

let loaded: Loaded | undefined;

/**
 * The service definition (server side), the client constructor (the simulated player), and the
 * message codec; loaded once.
 *
 * ```ts
 * protocol().encode({ header: { status: 200 } }).toString("hex"); // "0a0308c801"
 * ```
 */
export function protocol(): Loaded {
  if (!loaded) {
    const definition = protoLoader.loadSync(PROTO_FILE, {
      keepCase: true, // the wire names mix cases (agentInfos, baseRLCapabilities)
      longs: Number,
      enums: String,
      bytes: Buffer,
      defaults: true,
      arrays: true,
      oneofs: true
    });
    const pkg = grpc.loadPackageDefinition(definition) as unknown as {
      communicator_objects: { UnityToExternalProto: grpc.ServiceClientConstructor };
    };
    const client = pkg.communicator_objects.UnityToExternalProto;
    const exchange = client.service.Exchange;
    loaded = {
      service: client.service,
      client,
      encode: (m) => exchange.requestSerialize(m),
      decode: (b) => exchange.requestDeserialize(b) as UnityMessage
    };
  }
  return loaded;
}
