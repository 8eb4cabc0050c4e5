/**
 * SallyAnneWorld: the classic false-belief stories as an environment. Rooms hold containers,
 * containers hold objects, and agents enter, exit, move objects, peek into containers and tell
 * others where things are (privately or publicly, trusted or not). It wraps the epistemic
 * RoomWorld, whose co-presence semantics decide who witnesses what, so the belief ground truth is
 * the tracker's answer from the witnessed events.
 *
 * Each agent's action is an index into `actionNames` (Discrete): "wait", "enter <room>", "exit",
 * "move <object> <container>", "peek <container>", "tell <listener> <object> <container>",
 * "announce <object> <container>". Agents act one after another in `possibleAgents` order. An
 * action that does not fit the moment (moving an object in another room) changes nothing and is
 * reported in `infos[agent].rejected`.
 *
 * Reward: a seeker (`seekers`, by default the first agent seeks the first object) gets +1 the
 * first time it peeks into the container that holds its object, and -0.1 for peeking into a wrong
 * one; the episode ends when every seeker has found its object, or is truncated after `maxSteps`.
 * Observations: `room` (index + 1 of the agent's room, 0 outside), `present` (1 per agent in the
 * same room), `contents` (per object, index + 1 of its container when the agent sees it now),
 * `heard` (per object, index + 1 of the container a claim heard this step named).
 *
 * ```ts
 * const env = new SallyAnneWorld(); // sally and anne, a basket and a box, a marble in the basket
 * env.reset();
 * env.script(["sally exit", "anne move marble box", "sally enter room"]);
 * env.whereDoes(["sally"], "marble"); // ["box"]: she saw it on entering
 * ```
 */
import type { AgentId } from "../../epistemic/events";
import { RoomWorld, RoomWorldSpec, TrustPolicy } from "../../stories/rooms";
import type { Rng } from "../../random/rng";
import { AgentInfo, EnvError, StepResult } from "../env";
import { Drawing, EpisodeEnv } from "../episode";
import { Box, Dict, Discrete, Space } from "../spaces";
import { defaultTrackerFactory, TrackerFactory } from "../tracking";
import { actionTable, describeAction, performAction, StoryAction } from "./sallyanne-actions";
import { drawRooms } from "./sallyanne-render";

/**
 * Options of SallyAnneWorld.
 *
 * ```ts
 * new SallyAnneWorld({ agents: ["sally", "anne"], rooms: { room: ["basket", "box"] }, objects: { marble: "basket" } });
 * ```
 */
export interface SallyAnneOptions {
  /** The agents, in acting order (default sally and anne). */
  agents?: AgentId[];
  /** Rooms and their containers. */
  rooms?: Record<string, string[]>;
  /** Where each object starts (object → container). */
  objects?: Record<string, string>;
  /** Where each agent starts; unlisted agents start outside. */
  agentRooms?: Record<AgentId, string>;
  /** Containers whose contents are seen only by peeking. */
  closedContainers?: string[];
  /** Who trusts whom when a tell does not say (default "always"). */
  trust?: TrustPolicy;
  /** Which object each seeking agent looks for. */
  seekers?: Record<AgentId, string>;
  /** Start objects in random containers and agents in random rooms (from the reset seed). */
  randomStart?: boolean;
  /** Episode length (default 20). */
  maxSteps?: number;
  /** Longest agent chain the tracker keeps (default 3). */
  beliefDepth?: number;
  /** Builds the tracker fed with the story's events (default: a ChainTracker). */
  trackerFactory?: TrackerFactory;
  /** Seed of the first reset when reset() is given none. */
  seed?: number;
}

/**
 * A SallyAnneWorld observation, one typed array per named part (the parts and their codes are in
 * the module comment and in `observationSpace(agent).spaces`).
 *
 * ```ts
 * const obs: StoryObservation = env.reset().observations.sally;
 * ```
 */
export type StoryObservation = Record<string, Uint8Array | Int32Array>;

/**
 * The false-belief story world (rules in the module comment).
 *
 * ```ts
 * const env = new SallyAnneWorld();
 * env.reset();
 * env.script(["sally exit"]);
 * ```
 */
export class SallyAnneWorld extends EpisodeEnv<StoryObservation, number> {
  readonly name = "SallyAnneWorld";
  readonly config: Readonly<Record<string, unknown>>;
  /** The name of every action index. */
  readonly actionNames: readonly string[];

  private readonly spec: SallyAnneOptions &
    Required<Pick<SallyAnneOptions, "agents" | "rooms" | "objects">>;
  private readonly acts: StoryAction[];
  private readonly containers: string[];
  private readonly objectNames: string[];
  private readonly seekers: Record<AgentId, string>;
  private world: RoomWorld | undefined;
  private found = new Set<AgentId>();
  private tried = new Map<AgentId, Set<string>>();
  private heard = new Map<AgentId, Int32Array>();
  /** Why each agent's action of the last step did not fit, by agent. */
  private rejected: Record<AgentId, string> = {};

  constructor(options: SallyAnneOptions = {}) {
    const classic = options.rooms === undefined && options.objects === undefined;
    const agents = options.agents ?? ["sally", "anne"];
    if (!Array.isArray(agents) || agents.length === 0)
      throw new EnvError("SallyAnneWorld: agents must be a non-empty list of names");
    super(
      agents,
      {
        maxSteps: options.maxSteps,
        beliefDepth: options.beliefDepth,
        seed: options.seed,
        trackerFactory: options.trackerFactory,
        beliefs: "track" // the room world answers its questions from the tracker
      },
      { maxSteps: 20, beliefDepth: 3 }
    );
    const rooms = options.rooms ?? { room: ["basket", "box"] };
    const objects = options.objects ?? {
      marble: classic ? "basket" : Object.values(rooms)[0]?.[0]
    };
    const agentRooms =
      options.agentRooms ?? (classic ? Object.fromEntries(agents.map((a) => [a, "room"])) : {});
    this.spec = { ...options, agents, rooms, objects, agentRooms };
    this.containers = Object.values(rooms).flat();
    this.objectNames = Object.keys(objects);
    this.seekers =
      options.seekers ?? (this.objectNames.length > 0 ? { [agents[0]]: this.objectNames[0] } : {});
    for (const [a, o] of Object.entries(this.seekers)) {
      if (!agents.includes(a)) throw new EnvError(`seekers names unknown agent "${a}"`);
      if (!this.objectNames.includes(o))
        throw new EnvError(`seeker ${a} looks for unknown object "${o}"`);
    }
    // Validate the layout now (RoomWorld checks names, containers and rooms).
    this.makeWorld(this.spec.objects, this.spec.agentRooms ?? {}, false);
    this.acts = actionTable(agents, rooms, this.objectNames);
    this.actionNames = this.acts.map(describeAction);
    this.config = {
      agents,
      rooms,
      objects,
      agentRooms: this.spec.agentRooms,
      closedContainers: options.closedContainers ?? [],
      trust: typeof options.trust === "function" ? "custom" : (options.trust ?? "always"),
      seekers: this.seekers,
      randomStart: options.randomStart ?? false,
      maxSteps: this.maxSteps,
      beliefDepth: this.beliefDepth,
      seed: this.baseSeed
    };
  }

  /** Discrete over `actionNames`, one seeded object per agent. */
  actionSpace(agent: AgentId): Discrete {
    return super.actionSpace(agent) as Discrete;
  }

  /** The index of an action by name, e.g. `actionIndex("move marble box")`. */
  actionIndex(name: string): number {
    const i = this.actionNames.indexOf(name.trim().replace(/\s+/g, " "));
    if (i < 0)
      throw new EnvError(
        `unknown action "${name}"; actions look like: ${this.actionNames.slice(0, 6).join(", ")}, ...`
      );
    return i;
  }

  /**
   * Plays a story: each line is "<agent> <action name>", e.g. "anne move marble box"; the other
   * agents wait. Returns the step results. Stops with a clear error at a line it cannot parse.
   */
  script(lines: readonly string[]): StepResult<StoryObservation>[] {
    const plans = lines.map((line) => {
      const [agent, ...rest] = line.trim().split(/\s+/);
      if (!this.possibleAgents.includes(agent))
        throw new EnvError(`script line "${line}": unknown agent "${agent}"`);
      return { agent, action: this.actionIndex(rest.join(" ")) };
    });
    return plans.map(({ agent, action }) => {
      const actions = Object.fromEntries(this.agents.map((a) => [a, 0]));
      actions[agent] = action;
      const result = this.step(actions);
      if (result.infos[agent]?.rejected)
        throw new EnvError(
          `script: ${agent} could not ${this.actionNames[action]}: ${String(result.infos[agent].rejected)}`
        );
      return result;
    });
  }

  /** Where the last agent of `chain`, as seen through the others, thinks `object` is. */
  whereDoes(chain: readonly AgentId[], object: string): string[] {
    return this.requireWorld().whereDoes(chain, object);
  }

  /** Where `object` really is. */
  whereIs(object: string): string {
    return this.requireWorld().whereIs(object);
  }

  /** The story so far, one sentence per operation. */
  story(): string[] {
    return this.requireWorld()
      .history()
      .filter((s) => s.text !== "start")
      .map((s) => s.text);
  }

  close(): void {
    super.close();
    this.world = undefined;
  }

  /**
   * The scripted expert: a seeker goes to the room of the container where it believes its object
   * is (or, not knowing, the next container it has not tried) and peeks into it; others wait.
   */
  expertAction(agent: AgentId): number {
    const world = this.requireWorld();
    this.agentIdx(agent);
    const object = this.seekers[agent];
    if (object === undefined || this.found.has(agent)) return 0;
    const tried = this.tried.get(agent)!;
    const believed = world.whereDoes([agent], object).filter((c) => !tried.has(c));
    const candidates =
      believed.length > 0 ? believed : this.containers.filter((c) => !tried.has(c));
    const target = candidates[0] ?? this.containers[0];
    const room = Object.keys(this.spec.rooms).find((r) => this.spec.rooms[r].includes(target))!;
    if (world.roomOf(agent) !== room) return this.actionIndex(`enter ${room}`);
    return this.actionIndex(`peek ${target}`);
  }

  // ---- the episode hooks ----

  protected layout(rng: Rng): void {
    let objects = this.spec.objects;
    let agentRooms = this.spec.agentRooms ?? {};
    if (this.spec.randomStart) {
      const rooms = Object.keys(this.spec.rooms);
      objects = Object.fromEntries(this.objectNames.map((o) => [o, rng.choice(this.containers)]));
      agentRooms = Object.fromEntries(this.possibleAgents.map((a) => [a, rng.choice(rooms)]));
    }
    this.world = this.makeWorld(objects, agentRooms, true);
    this.found = new Set();
    this.tried = new Map(this.possibleAgents.map((a) => [a, new Set<string>()]));
    this.heard = new Map(
      this.possibleAgents.map((a) => [a, new Int32Array(Math.max(1, this.objectNames.length))])
    );
    this.rejected = {};
  }

  /** Agents act in `possibleAgents` order; an action that does not fit is rejected, not applied. */
  protected advance(actions: Record<AgentId, number>, rewards: Float64Array): boolean {
    const world = this.requireWorld();
    this.rejected = {};
    for (const h of this.heard.values()) h.fill(0);
    for (const agent of this.agents) {
      try {
        rewards[this.agentIdx(agent)] += this.perform(world, agent, this.acts[actions[agent]]);
      } catch (err) {
        this.rejected[agent] = (err as Error).message;
      }
    }
    for (const e of this.lastEvents) {
      if (e.kind !== "announcement") continue;
      const o = this.objectNames.indexOf(e.claim.fluent.slice(3, -1));
      for (const [listener, how] of Object.entries(e.observers)) {
        if (how === "full" && listener !== e.speaker && o >= 0)
          this.heard.get(listener)![o] = this.containers.indexOf(String(e.claim.value)) + 1;
      }
    }
    const seekers = Object.keys(this.seekers);
    return seekers.length > 0 && seekers.every((a) => this.found.has(a));
  }

  protected decorateInfos(infos: Record<AgentId, AgentInfo>): void {
    for (const [agent, why] of Object.entries(this.rejected)) {
      if (infos[agent]) infos[agent].rejected = why;
    }
  }

  protected observe(a: number): StoryObservation {
    const agent = this.possibleAgents[a];
    const world = this.requireWorld();
    const rooms = Object.keys(this.spec.rooms);
    const here = world.roomOf(agent);
    const present = new Uint8Array(this.possibleAgents.length);
    const contents = new Int32Array(Math.max(1, this.objectNames.length));
    if (here !== undefined) {
      for (const other of world.occupants(here)) present[this.possibleAgents.indexOf(other)] = 1;
      const closed = this.spec.closedContainers ?? [];
      this.objectNames.forEach((o, i) => {
        const c = world.whereIs(o);
        if (this.spec.rooms[here].includes(c) && !closed.includes(c))
          contents[i] = this.containers.indexOf(c) + 1;
      });
    }
    return {
      room: Int32Array.of(here === undefined ? 0 : rooms.indexOf(here) + 1),
      present,
      contents,
      heard: this.heard.get(agent)!.slice()
    };
  }

  protected createActionSpace(): Discrete {
    return new Discrete(this.acts.length);
  }

  protected createObservationSpace(): Space<StoryObservation> {
    const R = Object.keys(this.spec.rooms).length;
    const C = this.containers.length;
    const O = Math.max(1, this.objectNames.length);
    return new Dict({
      room: new Box(0, R, [1], "int32"),
      present: new Box(0, 1, [this.possibleAgents.length], "uint8"),
      contents: new Box(0, C, [O], "int32"),
      heard: new Box(0, C, [O], "int32")
    }) as unknown as Space<StoryObservation>;
  }

  protected draw(viewer: number | undefined, title: string): Drawing {
    return drawRooms({
      world: this.requireWorld(),
      rooms: this.spec.rooms,
      agents: this.possibleAgents,
      objects: this.objectNames,
      closedContainers: this.spec.closedContainers ?? [],
      viewer: viewer === undefined ? undefined : this.possibleAgents[viewer],
      title
    });
  }

  // ---- internals ----

  /** The room world of an episode; with `track`, its events go through this env's tracker. */
  private makeWorld(
    objects: Record<string, string>,
    agentRooms: Record<AgentId, string>,
    track: boolean
  ): RoomWorld {
    const spec: RoomWorldSpec = {
      agents: [...this.spec.agents],
      rooms: this.spec.rooms,
      objects,
      agentRooms,
      closedContainers: this.spec.closedContainers,
      trust: this.spec.trust,
      trackerFactory: track
        ? (init) => this.trackerView(init)
        : (this.spec.trackerFactory ?? defaultTrackerFactory),
      maxDepth: this.beliefDepth
    };
    try {
      return new RoomWorld(spec);
    } catch (err) {
      throw new EnvError(`SallyAnneWorld: ${(err as Error).message}`);
    }
  }

  /** Carries out one action; returns the seeker's reward for a peek. */
  private perform(world: RoomWorld, agent: AgentId, act: StoryAction): number {
    performAction(world, agent, act);
    if (act.kind !== "peek") return 0;
    const object = this.seekers[agent];
    if (object === undefined || this.found.has(agent)) return 0;
    this.tried.get(agent)!.add(act.container);
    if (world.whereIs(object) === act.container) {
      this.found.add(agent);
      return 1;
    }
    return -0.1;
  }

  private requireWorld(): RoomWorld {
    this.assertOpen();
    if (!this.world) throw new EnvError(`${this.name}: call reset() first`);
    return this.world;
  }
}
