/**
 * The Unity side of the protocol, as the C# communicator plays it: dial the trainer once, send
 * the initialization message, acknowledge, then one Exchange per decision with every agent's
 * infos; apply side channels first, then RESET or the actions. A 400 or any RPC error means quit.
 *
 * ```ts
 * await runPlayer({ port: 5005, log, faults: {}, actions: "discrete" });
 * ```
 */
import * as grpc from "@grpc/grpc-js";
import {
  EngineConfigurationChannel,
  EnvironmentParametersChannel,
  StatsAggregationMethod,
  StatsSideChannel
} from "../side-channels";
import {
  decodeSideChannelFrames,
  encodeSideChannelFrames,
  IncomingMessage,
  OutgoingMessage,
  type SideChannelFrame
} from "../side-channel-messages";
import { versionsCompatible } from "../launch";
import {
  COMMUNICATION_VERSION,
  protocol,
  STATUS_CLOSE,
  STATUS_OK,
  type Capabilities,
  type UnityMessage
} from "../protocol";
import type { Faults } from "./faults";
import { SimScene, type SceneOptions } from "./scene";

/** The package version the simulated build reports (the C# package it imitates). */
export const SIM_PACKAGE_VERSION = "3.0.0";
/** A scene-defined channel that sends back every payload it receives, reversed. */
export const ECHO_CHANNEL_ID = "b4c8e0a2-7d1f-4e3a-9c55-2f0d6a1e9b37";

const ALL: Capabilities = {
  baseRLCapabilities: true,
  concatenatedPngObservations: true,
  compressedChannelMapping: true,
  hybridActions: true,
  trainingAnalytics: true,
  variableLengthObservation: true,
  multiAgentGroups: true
};

/**
 * How to run the player.
 *
 * ```ts
 * const opts: PlayerOptions = { port: 5005, log: console.log, faults: {}, actions: "discrete" };
 * ```
 */
export interface PlayerOptions {
  port: number;
  log: (line: string) => void;
  faults: Faults;
  actions: SceneOptions["actions"];
  agentsPerArea?: number;
  maxStep?: number;
  viewRadius?: number;
}

class Quit extends Error {}

/**
 * Runs until the trainer closes the link (resolves) or the link breaks (resolves too: a real
 * player quits then). Faults may end the process instead.
 *
 * ```ts
 * await runPlayer(options); process.exit(0);
 * ```
 */
export async function runPlayer(options: PlayerOptions): Promise<void> {
  const { port, log, faults } = options;
  const client = new (protocol().client)(`localhost:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_send_message_length": -1,
    "grpc.max_receive_message_length": -1
  });
  const call = (message: UnityMessage): Promise<UnityMessage> =>
    new Promise((resolve, reject) =>
      (
        client as unknown as {
          Exchange: (m: UnityMessage, cb: (e: Error | null, r: UnityMessage) => void) => void;
        }
      ).Exchange(message, (err, reply) => (err ? reject(err) : resolve(reply)))
    );
  const version = faults.version ?? COMMUNICATION_VERSION;
  let init: UnityMessage;
  try {
    init = await call({
      header: { status: STATUS_OK },
      unity_output: {
        rl_initialization_output: {
          name: "AcademySingleton",
          communication_version: version,
          package_version: SIM_PACKAGE_VERSION,
          capabilities: ALL,
          brain_parameters: []
        }
      }
    });
  } catch (e) {
    log(
      `Couldn't connect to trainer on port ${port} using API version ${version}. Will perform inference instead. (${(e as Error).message})`
    );
    return idleForever(log);
  }
  const input = init.unity_input?.rl_initialization_input;
  if (init.header?.status !== STATUS_OK || !input) {
    // As a real player: the quit handler is not connected yet, so it keeps running.
    log("The trainer refused the connection. Will perform inference instead.");
    return idleForever(log);
  }
  if (!versionsCompatible(version, input.communication_version))
    log(
      `Unity communication version ${version} is not compatible with the trainer's ${input.communication_version}.`
    );
  log(
    `Connected to trainer pwmk ${input.package_version} (communication ${input.communication_version}), seed ${input.seed}, areas ${input.num_areas}`
  );
  const trainerCaps = input.capabilities ?? ALL;
  const scene = new SimScene({
    seed: input.seed,
    numAreas: Math.max(1, input.num_areas || 1),
    actions: options.actions,
    agentsPerArea: options.agentsPerArea,
    maxStep: options.maxStep,
    viewRadius: options.viewRadius,
    bigObservation: faults.oversize
  });
  const statsOut: SideChannelFrame[] = [];
  const handleSideChannels = (bytes: Uint8Array | undefined): void => {
    if (!bytes || bytes.length === 0) return;
    for (const { channelId, payload } of decodeSideChannelFrames(bytes)) {
      const msg = new IncomingMessage(payload);
      if (channelId === EngineConfigurationChannel.ID) {
        const type = msg.readInt32();
        if (type === 2) log(`Time scale set to ${Math.max(1, msg.readFloat32())}`);
        else log(`Engine configuration ${type} applied`);
      } else if (channelId === EnvironmentParametersChannel.ID) {
        const key = msg.readString();
        const kind = msg.readInt32();
        if (kind === 0) {
          const value = msg.readFloat32();
          scene.setParameter(key, value);
          log(`Environment parameter ${key} = ${value}`);
        } else log(`Environment parameter ${key}: sampler ${kind}`);
      } else if (channelId === ECHO_CHANNEL_ID) {
        statsOut.push({ channelId, payload: Buffer.from(payload).reverse() });
      } else {
        log(`Unknown side channel data received. Channel Id is: ${channelId}`);
      }
    }
  };

  try {
    // The empty acknowledgement; its reply holds the first RESET (a no-op: a full reset follows).
    let reply = await call({ header: { status: STATUS_OK } });
    let announced = false;
    for (let step = 0; ; step++) {
      if (reply.header?.status !== STATUS_OK) throw new Quit("quit command received");
      const rl = reply.unity_input?.rl_input;
      handleSideChannels(rl?.side_channel);
      // The first input's RESET reaches no subscriber; the Academy's forced full reset follows.
      if (step === 0 || rl?.command === "RESET") scene.fullReset();
      else scene.act(rl?.agent_actions?.[scene.behaviorName]?.value ?? []);
      if (faults.noDecisions) return idleForever(log);
      if (step === faults.crashAt) {
        log("Crash!!! (simulated)");
        process.exit(3);
      }
      if (step === faults.segvAt) process.kill(process.pid, "SIGSEGV");
      if (step === faults.hangAt) {
        log("Hanging (simulated)");
        return idleForever(log);
      }
      if (step === faults.quitAt) {
        log("Application quit (simulated)");
        await call({ header: { status: STATUS_CLOSE } }).catch(() => undefined);
        throw new Quit("quit");
      }
      if (faults.slowMs) await new Promise((r) => setTimeout(r, faults.slowMs));
      const infos = scene.collect();
      for (const ep of scene.finishedEpisodes.splice(0)) {
        const m = new OutgoingMessage();
        m.writeString("GridWorld/EpisodeReward");
        m.writeFloat32(ep.reward);
        m.writeInt32(StatsAggregationMethod.MOST_RECENT);
        statsOut.push({ channelId: StatsSideChannel.ID, payload: m.buffer });
      }
      const spec = scene.actionSpec;
      const brain = announced
        ? undefined
        : {
            brain_name: scene.behaviorName,
            is_training: true,
            action_spec: {
              num_continuous_actions: spec.continuous,
              num_discrete_actions: spec.branches.length,
              discrete_branch_sizes: spec.branches
            },
            ...(trainerCaps.hybridActions
              ? {}
              : spec.continuous > 0
                ? {
                    vector_action_size_deprecated: [spec.continuous],
                    vector_action_space_type_deprecated: "continuous" as const
                  }
                : {
                    vector_action_size_deprecated: spec.branches,
                    vector_action_space_type_deprecated: "discrete" as const
                  })
          };
      announced = true;
      reply = await call({
        header: { status: STATUS_OK },
        unity_output: {
          rl_output: {
            agentInfos: { [scene.behaviorName]: { value: infos } },
            side_channel: encodeSideChannelFrames(statsOut.splice(0))
          },
          ...(brain
            ? {
                rl_initialization_output: {
                  name: "AcademySingleton",
                  communication_version: version,
                  package_version: SIM_PACKAGE_VERSION,
                  brain_parameters: [brain]
                }
              }
            : {})
        }
      });
    }
  } catch (e) {
    if (e instanceof Quit) log(`Quitting: ${e.message}`);
    else if (/RESOURCE_EXHAUSTED/.test(String(e)))
      log(`RESOURCE_EXHAUSTED: message body is too large (${(e as Error).message})`);
    else log(`Communication error, quitting: ${(e as Error).message}`);
  } finally {
    client.close();
  }
}

/** A player that lost (or never had) its trainer keeps running, like one in inference mode. */
function idleForever(log: (line: string) => void): Promise<void> {
  return new Promise(() => {
    // Bounded, so a forgotten player cannot run for days.
    setTimeout(() => {
      log("Idle limit reached, exiting");
      process.exit(0);
    }, 30 * 60_000);
  });
}
