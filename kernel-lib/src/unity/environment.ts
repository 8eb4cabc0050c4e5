/**
 * `UnityEnvironment`: drive a Unity ML-Agents scene from TypeScript, as Python's
 * `mlagents_envs.UnityEnvironment` does, but async. The library is the gRPC server; it listens
 * before it launches the player, so the player's one connection attempt finds it.
 *
 * ```ts
 * const env = await UnityEnvironment.create({ fileName: "builds/GridWorld", noGraphics: true });
 * await env.reset();
 * const name = Object.keys(env.behaviorSpecs)[0];
 * const [decision] = env.getSteps(name);
 * env.setActions(name, { discrete: decision.agentId.map(() => [1]) });
 * await env.step();
 * await env.close();
 * ```
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Communicator, DEFAULT_MAX_MESSAGE_BYTES } from "./communicator";
import { checkActionTuple, toAgentActions, type ActionBatch, type ActionTuple } from "./actions";
import {
  UnityActionError,
  UnityCommunicatorStoppedError,
  UnityEnvironmentError,
  UnityTimeOutError,
  UnityWorkerInUseError
} from "./errors";
import {
  logTail,
  playerArgs,
  TIMEOUT_CHECKLIST,
  userSetsLogFile,
  versionsCompatible
} from "./launch";
import { describeExit, launchPlayer, type PlayerProcess } from "./player-process";
import { resolvePlayerPath } from "./player-path";
import {
  COMMUNICATION_VERSION,
  STATUS_OK,
  TRAINER_CAPABILITIES,
  type BrainParameters,
  type Capabilities,
  type RLInput,
  type UnityMessage
} from "./protocol";
import { SideChannelManager, type SideChannel } from "./side-channels";
import {
  behaviorSpecFromProto,
  emptySteps,
  stepsFromProto,
  type BehaviorSpec,
  type DecisionSteps,
  type TerminalSteps
} from "./steps";
import { version } from "../version";

/** The environments of this process not yet closed. */
const LIVE = new Set<UnityEnvironment>();

/**
 * The port of the Unity Editor (no fileName).
 *
 * ```ts
 * await UnityEnvironment.create(); // listens on DEFAULT_EDITOR_PORT: press Play in the Editor
 * ```
 */
export const DEFAULT_EDITOR_PORT = 5004;
/**
 * The first port for executables: worker w listens on basePort + w.
 *
 * ```ts
 * (await UnityEnvironment.create({ fileName, workerId: 2 })).port; // BASE_ENVIRONMENT_PORT + 2
 * ```
 */
export const BASE_ENVIRONMENT_PORT = 5005;

/**
 * Options of `UnityEnvironment.create`, named as in Python (camelCase).
 *
 * ```ts
 * const options: UnityEnvironmentOptions = { fileName: "builds/GridWorld", workerId: 1, seed: 7, noGraphics: true };
 * ```
 */
export interface UnityEnvironmentOptions {
  /** The build to launch; omit it to wait for the Unity Editor (press Play). */
  fileName?: string;
  /** Worker number: the port is basePort + workerId, so parallel workers never share one. */
  workerId?: number;
  /** First port (default 5005 for a build, 5004 for the Editor); 0 = any free port. */
  basePort?: number;
  /** Seed of Unity's random generator (sent in the handshake). */
  seed?: number;
  /** Run headless: -nographics -batchmode (camera sensors may then render nothing). */
  noGraphics?: boolean;
  /** Seconds to wait for each reply of the player: the handshake and every reset/step (default 60). */
  timeoutWait?: number;
  /** Seconds to wait for the player to start and connect (default: timeoutWait). */
  connectTimeout?: number;
  /** Extra player arguments, verbatim. */
  additionalArgs?: string[];
  /** Side channels to open with the player (each channel id at most once). */
  sideChannels?: SideChannel[];
  /** Folder for the player log Player-<workerId>.log (default: a temporary folder). */
  logFolder?: string;
  /** Training areas to instantiate (default 1). */
  numAreas?: number;
  /** Address to listen on (default 127.0.0.1 and ::1); "0.0.0.0" for a player in Docker. */
  host?: string;
  /** Largest message the player may send, bytes (default 256 MiB; gRPC's usual 4 MiB is too small for cameras). */
  maxMessageBytes?: number;
}

function checkInt(name: string, v: unknown, min: number, max = 2 ** 31 - 1): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
    throw new UnityEnvironmentError(
      `${name} must be an integer in [${min}, ${max}], got ${String(v)}`
    );
  return v;
}

/**
 * A connected Unity environment.
 *
 * ```ts
 * const env = await UnityEnvironment.create({ fileName: pwmkUnity.simulatedBuildPath(), basePort: 0 });
 * ```
 */
export class UnityEnvironment {
  /** Behaviors seen so far, by fully qualified name ("GridWorld?team=0"); grows as new ones appear. */
  readonly behaviorSpecs: Record<string, BehaviorSpec> = {};
  /** Unity's capabilities, its communication and package versions (from the handshake). */
  academyCapabilities: Capabilities | undefined;
  /** The communication API version Unity spoke, e.g. "1.5.0" ("" before the handshake). */
  communicationVersion = "";
  /** The version of Unity's ML-Agents package, e.g. "2.0.1" ("" before the handshake). */
  unityPackageVersion = "";
  private readonly brains = new Map<string, BrainParameters>();
  private steps = new Map<string, [DecisionSteps, TerminalSteps]>();
  private pending = new Map<string, ActionBatch>();
  private started = false;
  private closed = false;

  private constructor(
    private readonly link: Communicator,
    private readonly player: PlayerProcess | undefined,
    /** The log file of the player, when we chose it. */
    readonly logFile: string | undefined,
    private readonly tempLogDir: string | undefined,
    private readonly timeoutMs: number,
    private readonly maxMessageBytes: number,
    private readonly channels: SideChannelManager,
    private readonly noGraphics: boolean
  ) {}

  /** The port the library listens on (pass it to an Editor or player by hand if needed). */
  get port(): number {
    return this.link.port;
  }

  /** The player's pid (undefined for the Editor). */
  get playerPid(): number | undefined {
    return this.player?.pid;
  }

  /** Listens, launches the player (if fileName), and does the version handshake. */
  static async create(options: UnityEnvironmentOptions = {}): Promise<UnityEnvironment> {
    const workerId = checkInt("workerId", options.workerId ?? 0, 0, 65535);
    if (options.fileName === undefined && workerId !== 0)
      throw new UnityEnvironmentError("the workerId must be 0 to connect to the Unity Editor");
    const defaultBase =
      options.fileName === undefined ? DEFAULT_EDITOR_PORT : BASE_ENVIRONMENT_PORT;
    const basePort = checkInt("basePort", options.basePort ?? defaultBase, 0, 65535);
    const seed = checkInt("seed", options.seed ?? 0, -(2 ** 31));
    const numAreas = checkInt("numAreas", options.numAreas ?? 1, 1);
    const seconds = (name: string, v: unknown): number => {
      if (typeof v !== "number" || !(v > 0) || v > 2 ** 31 / 1000)
        throw new UnityEnvironmentError(
          `${name} must be a positive number of seconds, got ${String(v)}`
        );
      return v;
    };
    const timeoutWait = seconds("timeoutWait", options.timeoutWait ?? 60);
    const connectTimeout = seconds("connectTimeout", options.connectTimeout ?? timeoutWait);
    const additionalArgs = options.additionalArgs ?? [];
    if (!Array.isArray(additionalArgs) || additionalArgs.some((a) => typeof a !== "string"))
      throw new UnityEnvironmentError("additionalArgs must be an array of strings");
    const channels = new SideChannelManager(options.sideChannels ?? []); // validates before we listen
    const exe = options.fileName === undefined ? undefined : resolvePlayerPath(options.fileName);
    if (options.logFolder !== undefined && !path.isAbsolute(options.logFolder))
      throw new UnityEnvironmentError(
        `logFolder must be an absolute path, got ${options.logFolder}`
      );

    const port = basePort === 0 ? 0 : basePort + workerId;
    if (port > 65535)
      throw new UnityEnvironmentError(`basePort + workerId = ${port} is not a port`);
    let link: Communicator;
    try {
      link = await Communicator.listen({
        port,
        workerId,
        host: options.host,
        maxMessageBytes: options.maxMessageBytes
      });
    } catch (e) {
      // A re-run notebook cell: the old environment of this kernel still holds the port.
      if (e instanceof UnityWorkerInUseError && [...LIVE].some((env) => env.port === port))
        throw new UnityWorkerInUseError(
          workerId,
          port,
          "An environment created earlier in this process still holds it: close it, or call UnityEnvironment.closeAll()."
        );
      throw e;
    }
    let player: PlayerProcess | undefined;
    let logFile: string | undefined;
    let tempLogDir: string | undefined;
    if (exe) {
      if (!userSetsLogFile(additionalArgs)) {
        const folder =
          options.logFolder ?? (tempLogDir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-unity-")));
        fs.mkdirSync(folder, { recursive: true });
        logFile = path.join(folder, `Player-${workerId}.log`);
      }
      const args = playerArgs({
        port: link.port,
        workerId,
        noGraphics: options.noGraphics ?? false,
        logFile,
        additionalArgs
      });
      try {
        player = launchPlayer(exe, args);
        await player.started;
      } catch (e) {
        await link.close();
        if (player) await player.stop(1000);
        throw e;
      }
    } else {
      console.log(
        `Listening on port ${link.port}. Start training by pressing the Play button in the Unity Editor.`
      );
    }
    const env = new UnityEnvironment(
      link,
      player,
      logFile,
      tempLogDir,
      timeoutWait * 1000,
      options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      channels,
      options.noGraphics ?? false
    );
    LIVE.add(env);
    player?.exited.then((exit) =>
      link.fail(env.exitError(`Environment shut down with ${describeExit(exit)}.`))
    );
    try {
      await env.handshake(seed, numAreas, connectTimeout * 1000);
    } catch (e) {
      await env.shutdown(0); // a player that failed the handshake keeps running: kill it
      throw e;
    }
    return env;
  }

  /** An error naming what happened, with the tail of the player log. */
  private exitError(what: string): UnityEnvironmentError {
    const tail = logTail(this.logFile);
    let hint = "";
    if (/RESOURCE_EXHAUSTED|too large/i.test(tail))
      hint = ` A message was larger than maxMessageBytes (${this.maxMessageBytes} bytes): raise it in UnityEnvironment.create.`;
    return new UnityEnvironmentError(
      `${what}${hint}${tail ? `\nLast lines of the player log (${this.logFile}):\n${tail}` : ""}`
    );
  }

  private async receive(phase: string, timeoutMs = this.timeoutMs): Promise<UnityMessage> {
    try {
      return await this.link.receive(timeoutMs, phase);
    } catch (e) {
      if (e instanceof UnityTimeOutError) {
        const tail = logTail(this.logFile);
        throw new UnityTimeOutError(
          `${e.message} ${TIMEOUT_CHECKLIST}${tail ? `\nLast lines of the player log (${this.logFile}):\n${tail}` : ""}`
        );
      }
      throw e;
    }
  }

  private async handshake(seed: number, numAreas: number, connectMs: number): Promise<void> {
    const hello = await this.receive(
      this.player ? "connecting" : "waiting for the Editor",
      connectMs
    );
    const init = hello.unity_output?.rl_initialization_output;
    if (hello.header?.status !== STATUS_OK || !init)
      throw new UnityEnvironmentError("Unity's first message is not an initialization message");
    this.communicationVersion = init.communication_version;
    this.unityPackageVersion = init.package_version;
    this.academyCapabilities = init.capabilities ?? undefined;
    if (!versionsCompatible(COMMUNICATION_VERSION, init.communication_version))
      throw new UnityEnvironmentError(
        `The communication API version is not compatible between Unity and pwmk. pwmk API: ${COMMUNICATION_VERSION}, ` +
          `Unity API: ${init.communication_version} (package ${init.package_version}). Use an ML-Agents package with communication version ${COMMUNICATION_VERSION.split(".")[0]}.x.`
      );
    this.link.reply({
      header: { status: STATUS_OK },
      unity_input: {
        rl_initialization_input: {
          seed,
          communication_version: COMMUNICATION_VERSION,
          package_version: version,
          capabilities: TRAINER_CAPABILITIES,
          num_areas: numAreas
        }
      }
    });
    await this.receive("handshake"); // Unity's empty ack; it stays parked until the first reset
  }

  private check(): void {
    if (this.closed)
      throw new UnityEnvironmentError("No Unity environment is loaded: it was closed.");
  }

  private async exchange(input: Partial<RLInput>): Promise<void> {
    this.check();
    input.side_channel = this.channels.collectOutgoing();
    let out: UnityMessage;
    try {
      this.link.reply({ header: { status: STATUS_OK }, unity_input: { rl_input: input } });
      out = await this.receive("step");
    } catch (e) {
      await this.shutdown(0); // crashed or hung: no grace
      throw e;
    }
    if (out.header?.status !== STATUS_OK) {
      await this.shutdown();
      throw new UnityCommunicatorStoppedError(
        "Communicator has exited: Unity stopped the connection."
      );
    }
    for (const brain of out.unity_output?.rl_initialization_output?.brain_parameters ?? [])
      this.brains.set(brain.brain_name, brain);
    const rl = out.unity_output?.rl_output;
    const steps = new Map<string, [DecisionSteps, TerminalSteps]>();
    for (const [name, list] of Object.entries(rl?.agentInfos ?? {})) {
      const infos = list.value ?? [];
      if (!this.behaviorSpecs[name] && infos.length > 0) {
        const brain = this.brains.get(name) ?? { brain_name: name };
        const spec = behaviorSpecFromProto(brain, infos[0]);
        this.behaviorSpecs[name] = spec;
        if (this.noGraphics && spec.observationSpecs.some((o) => o.shape.length === 3))
          console.warn(
            `${name} has camera observations but the player runs with noGraphics: they may be black. ` +
              "Run it with graphics (on a server: xvfb-run) if the scene renders its cameras."
          );
      }
      const spec = this.behaviorSpecs[name];
      if (spec) steps.set(name, stepsFromProto(infos, spec));
    }
    this.steps = steps;
    this.channels.dispatch(rl?.side_channel);
  }

  /** Starts new episodes for every agent (sends RESET with queued side-channel messages). */
  async reset(): Promise<void> {
    await this.exchange({ command: "RESET" });
    this.started = true;
    this.pending.clear();
  }

  /** Sends the set actions (zeros for agents without) and waits for the next decision request. */
  async step(): Promise<void> {
    if (!this.started) return this.reset();
    const agentActions: RLInput["agent_actions"] = {};
    const deprecated = !(this.academyCapabilities?.hybridActions ?? false);
    for (const [name, [decision]] of this.steps) {
      const n = decision.agentId.length;
      if (n === 0) continue;
      const spec = this.behaviorSpecs[name].actionSpec;
      const batch = this.pending.get(name) ?? checkActionTuple(name, spec, n, {});
      agentActions[name] = { value: toAgentActions(batch, spec, n, deprecated) };
    }
    await this.exchange({ command: "STEP", agent_actions: agentActions });
    this.pending.clear();
  }

  /**
   * The agents of `behaviorName` that ask for a decision, and those whose episode just ended.
   *
   * ```ts
   * const [decision, terminal] = env.getSteps("GridWorld?team=0");
   * ```
   */
  getSteps(behaviorName: string): [DecisionSteps, TerminalSteps] {
    this.check();
    const spec = this.behaviorSpecs[behaviorName];
    if (!spec)
      throw new UnityActionError(
        `unknown behavior ${JSON.stringify(behaviorName)}; known: ${Object.keys(this.behaviorSpecs).join(", ") || "none yet (call reset() first)"}`
      );
    return this.steps.get(behaviorName) ?? emptySteps(spec);
  }

  /**
   * Actions for every decision agent of a behavior, in the order of its decision steps.
   *
   * ```ts
   * env.setActions("GridWorld?team=0", { discrete: [[1], [2]] });
   * ```
   */
  setActions(behaviorName: string, actions: ActionTuple): void {
    const [decision] = this.getSteps(behaviorName);
    const spec = this.behaviorSpecs[behaviorName].actionSpec;
    this.pending.set(
      behaviorName,
      checkActionTuple(behaviorName, spec, decision.agentId.length, actions)
    );
  }

  /**
   * The action of one agent (others keep theirs, or zeros).
   *
   * ```ts
   * env.setActionForAgent("GridWorld?team=0", 3, { discrete: [4] });
   * ```
   */
  setActionForAgent(behaviorName: string, agentId: number, action: ActionTuple): void {
    const [decision] = this.getSteps(behaviorName);
    const spec = this.behaviorSpecs[behaviorName].actionSpec;
    const row = decision.agentId.indexOf(agentId);
    if (row < 0)
      throw new UnityActionError(
        `agent ${agentId} of ${behaviorName} did not ask for a decision this step`
      );
    const one = checkActionTuple(behaviorName, spec, 1, action);
    const n = decision.agentId.length;
    const batch = this.pending.get(behaviorName) ?? checkActionTuple(behaviorName, spec, n, {});
    batch.continuous.set(one.continuous, row * spec.continuousSize);
    batch.discrete.set(one.discrete, row * spec.discreteBranches.length);
    this.pending.set(behaviorName, batch);
  }

  /** Tells Unity to quit, stops the server, and makes sure the player is gone. Idempotent. */
  async close(): Promise<void> {
    await this.shutdown();
  }

  /**
   * Closes every environment this process still has open (e.g. after re-running notebook cells).
   *
   * ```ts
   * await UnityEnvironment.closeAll();
   * ```
   */
  static async closeAll(): Promise<number> {
    const open = [...LIVE];
    await Promise.all(open.map((env) => env.close()));
    return open.length;
  }

  private async shutdown(graceMs = Math.min(this.timeoutMs, 5000)): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    LIVE.delete(this);
    await this.link.close();
    if (this.player) await this.player.stop(graceMs);
    if (this.tempLogDir) fs.rmSync(this.tempLogDir, { recursive: true, force: true });
  }

  /** `await using env = await UnityEnvironment.create(...)` closes it at the end of the block. */
  async [Symbol.asyncDispose ?? Symbol.for("Symbol.asyncDispose")](): Promise<void> {
    await this.close();
  }
}
