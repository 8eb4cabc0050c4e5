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
import type { AgentId, BeliefGroundTruth, EpistemicEvent } from "../../epistemic/events";
import { RoomWorld, RoomWorldSpec, TrustPolicy } from "../../stories/rooms";
import type { BeliefTracker, TrackerInit } from "../../epistemic/tracker";
import {
  AgentInfo,
  checkActions,
  EnvError,
  PerspectiveEnv,
  RenderMode,
  RenderOptions,
  ResetOptions,
  ResetResult,
  RgbImage,
  StepResult
} from "../env";
import { agentColor, COLORS, escapeXml } from "../render";
import { Rng } from "../../random/rng";
import { Box, Dict, Discrete, Space } from "../spaces";
import { defaultTrackerFactory, TrackerFactory } from "../tracking";

/**
 * Options of SallyAnneWorld.
 *
 * ```ts
 * new SallyAnneWorld({ agents: ["sally", "anne"], rooms: { room: ["basket", "box"] }, objects: { marble: "basket" } });
 * ```
 */
export interface SallyAnneOptions {
  agents?: AgentId[];
  /** Rooms and their containers. */
  rooms?: Record<string, string[]>;
  /** Where each object starts (object → container). */
  objects?: Record<string, string>;
  /** Where each agent starts; unlisted agents start outside. */
  agentRooms?: Record<AgentId, string>;
  closedContainers?: string[];
  trust?: TrustPolicy;
  /** Which object each seeking agent looks for. */
  seekers?: Record<AgentId, string>;
  /** Start objects in random containers and agents in random rooms (from the reset seed). */
  randomStart?: boolean;
  maxSteps?: number;
  /** Longest agent chain the tracker keeps (default 3). */
  beliefDepth?: number;
  trackerFactory?: TrackerFactory;
  seed?: number;
}

type Act =
  | { kind: "wait" }
  | { kind: "enter"; room: string }
  | { kind: "exit" }
  | { kind: "move"; object: string; container: string }
  | { kind: "peek"; container: string }
  | { kind: "tell"; listener: AgentId; object: string; container: string }
  | { kind: "announce"; object: string; container: string };

/**
 * The false-belief story world (rules in the module comment).
 *
 * ```ts
 * const env = new SallyAnneWorld();
 * env.reset();
 * env.script(["sally exit"]);
 * ```
 */
export class SallyAnneWorld implements PerspectiveEnv<
  Record<string, Uint8Array | Int32Array>,
  number
> {
  readonly name = "SallyAnneWorld";
  readonly possibleAgents: readonly AgentId[];
  readonly config: Readonly<Record<string, unknown>>;
  agents: AgentId[] = [];
  lastEvents: EpistemicEvent[] = [];
  /** The name of every action index. */
  readonly actionNames: readonly string[];

  private readonly spec: SallyAnneOptions &
    Required<Pick<SallyAnneOptions, "agents" | "rooms" | "objects">>;
  private readonly acts: Act[];
  private readonly actionSpaceObj: Discrete;
  private readonly obsSpace: Dict;
  private readonly containers: string[];
  private readonly objectNames: string[];
  private readonly seekers: Record<AgentId, string>;
  private readonly rng: Rng;
  private readonly maxSteps: number;
  private world: RoomWorld | undefined;
  private t = 0;
  private found = new Set<AgentId>();
  private tried = new Map<AgentId, Set<string>>();
  private heard = new Map<AgentId, Int32Array>();
  private closed = false;
  /** Events the room world applies to its tracker, as they happen. */
  private recorded: EpistemicEvent[] = [];

  constructor(options: SallyAnneOptions = {}) {
    const classic = options.rooms === undefined && options.objects === undefined;
    const agents = options.agents ?? ["sally", "anne"];
    if (!Array.isArray(agents) || agents.length === 0)
      throw new EnvError("SallyAnneWorld: agents must be a non-empty list of names");
    const rooms = options.rooms ?? { room: ["basket", "box"] };
    const objects = options.objects ?? {
      marble: classic ? "basket" : Object.values(rooms)[0]?.[0]
    };
    const agentRooms =
      options.agentRooms ?? (classic ? Object.fromEntries(agents.map((a) => [a, "room"])) : {});
    this.spec = { ...options, agents, rooms, objects, agentRooms };
    this.possibleAgents = [...agents];
    this.containers = Object.values(rooms).flat();
    this.objectNames = Object.keys(objects);
    this.seekers =
      options.seekers ?? (this.objectNames.length > 0 ? { [agents[0]]: this.objectNames[0] } : {});
    for (const [a, o] of Object.entries(this.seekers)) {
      if (!agents.includes(a)) throw new EnvError(`seekers names unknown agent "${a}"`);
      if (!this.objectNames.includes(o))
        throw new EnvError(`seeker ${a} looks for unknown object "${o}"`);
    }
    this.maxSteps = options.maxSteps ?? 20;
    if (!Number.isInteger(this.maxSteps) || this.maxSteps < 1)
      throw new EnvError(`maxSteps must be a positive integer`);
    this.rng = new Rng(options.seed ?? 0);
    // Validate the layout now (RoomWorld checks names, containers and rooms).
    this.makeWorld(this.spec.objects, this.spec.agentRooms ?? {});
    this.acts = [{ kind: "wait" }];
    for (const room of Object.keys(rooms)) this.acts.push({ kind: "enter", room });
    this.acts.push({ kind: "exit" });
    for (const object of this.objectNames)
      for (const container of this.containers) this.acts.push({ kind: "move", object, container });
    for (const container of this.containers) this.acts.push({ kind: "peek", container });
    for (const object of this.objectNames) {
      for (const container of this.containers) {
        for (const listener of agents)
          this.acts.push({ kind: "tell", listener, object, container });
        this.acts.push({ kind: "announce", object, container });
      }
    }
    this.actionNames = this.acts.map(describeAct);
    this.actionSpaceObj = new Discrete(this.acts.length);
    const R = Object.keys(rooms).length;
    const C = this.containers.length;
    const O = Math.max(1, this.objectNames.length);
    this.obsSpace = new Dict({
      room: new Box(0, R, [1], "int32"),
      present: new Box(0, 1, [agents.length], "uint8"),
      contents: new Box(0, C, [O], "int32"),
      heard: new Box(0, C, [O], "int32")
    });
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
      beliefDepth: options.beliefDepth ?? 3,
      seed: options.seed ?? 0
    };
  }

  observationSpace(agent: AgentId): Space<Record<string, Uint8Array | Int32Array>> {
    this.checkAgent(agent);
    return this.obsSpace as unknown as Space<Record<string, Uint8Array | Int32Array>>;
  }

  actionSpace(agent: AgentId): Discrete {
    this.checkAgent(agent);
    return this.actionSpaceObj;
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

  reset(options: ResetOptions = {}): ResetResult<Record<string, Uint8Array | Int32Array>> {
    this.assertOpen();
    if (options.seed !== undefined) this.rng.reseed(options.seed);
    let objects = this.spec.objects;
    let agentRooms = this.spec.agentRooms ?? {};
    if (this.spec.randomStart) {
      const rooms = Object.keys(this.spec.rooms);
      objects = Object.fromEntries(
        this.objectNames.map((o) => [o, this.rng.choice(this.containers)])
      );
      agentRooms = Object.fromEntries(this.possibleAgents.map((a) => [a, this.rng.choice(rooms)]));
    }
    this.world = this.makeWorld(objects, agentRooms);
    this.t = 0;
    this.found = new Set();
    this.tried = new Map(this.possibleAgents.map((a) => [a, new Set<string>()]));
    this.heard = new Map(
      this.possibleAgents.map((a) => [a, new Int32Array(Math.max(1, this.objectNames.length))])
    );
    this.agents = [...this.possibleAgents];
    this.lastEvents = this.recorded.splice(0);
    const observations: Record<AgentId, Record<string, Uint8Array | Int32Array>> = {};
    for (const a of this.possibleAgents) observations[a] = this.observe(a);
    return { observations, infos: this.infos({}) };
  }

  step(actions: Record<AgentId, number>): StepResult<Record<string, Uint8Array | Int32Array>> {
    this.assertOpen();
    const world = this.world;
    if (!world) throw new EnvError(`${this.name}: call reset() before step()`);
    if (this.agents.length === 0)
      throw new EnvError(
        `${this.name}: the episode is over (every agent is terminated or truncated); call reset()`
      );
    checkActions(
      this.name,
      this.agents,
      (a) => this.possibleAgents.includes(a),
      (a) => this.actionSpace(a),
      actions
    );
    const live = this.agents;
    const rewards: Record<AgentId, number> = {};
    const rejected: Record<AgentId, string> = {};
    for (const h of this.heard.values()) h.fill(0);
    this.t++;
    for (const agent of live) {
      rewards[agent] = 0;
      const act = this.acts[actions[agent]];
      try {
        rewards[agent] += this.apply(world, agent, act);
      } catch (err) {
        rejected[agent] = (err as Error).message;
      }
    }
    this.lastEvents = this.recorded.splice(0);
    for (const e of this.lastEvents) {
      if (e.kind !== "announcement") continue;
      const o = this.objectNames.indexOf(e.claim.fluent.slice(3, -1));
      for (const [listener, how] of Object.entries(e.observers)) {
        if (how === "full" && listener !== e.speaker && o >= 0)
          this.heard.get(listener)![o] = this.containers.indexOf(String(e.claim.value)) + 1;
      }
    }
    const terminal =
      Object.keys(this.seekers).length > 0 &&
      Object.keys(this.seekers).every((a) => this.found.has(a));
    const truncated = !terminal && this.t >= this.maxSteps;
    const result: StepResult<Record<string, Uint8Array | Int32Array>> = {
      observations: {},
      rewards,
      terminations: {},
      truncations: {},
      infos: this.infos(rejected)
    };
    for (const agent of live) {
      result.observations[agent] = this.observe(agent);
      result.terminations[agent] = terminal;
      result.truncations[agent] = truncated;
    }
    if (terminal || truncated) this.agents = [];
    return result;
  }

  /**
   * Plays a story: each line is "<agent> <action name>", e.g. "anne move marble box"; the other
   * agents wait. Returns the step results. Stops with a clear error at a line it cannot parse.
   */
  script(lines: readonly string[]): StepResult<Record<string, Uint8Array | Int32Array>>[] {
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

  getTracker(): BeliefTracker {
    return this.requireWorld().tracker;
  }

  getBeliefGroundTruth(depth?: number): BeliefGroundTruth {
    return this.requireWorld().tracker.groundTruth(depth);
  }

  getTrackerInit(): TrackerInit | undefined {
    return this.world?.trackerInit;
  }

  render(mode: "ansi" | "svg", options?: RenderOptions): string;
  render(mode: "rgb_array", options?: RenderOptions): RgbImage;
  render(mode: RenderMode, options?: RenderOptions): string | RgbImage;
  render(mode: RenderMode = "ansi", options: RenderOptions = {}): string | RgbImage {
    const world = this.requireWorld();
    if (options.agent !== undefined) this.checkAgent(options.agent);
    const viewer = options.agent;
    const shownRoom = (room: string): boolean =>
      viewer === undefined || world.roomOf(viewer) === room;
    const rooms = Object.entries(this.spec.rooms);
    const title = `${this.name} t=${this.t}${viewer ? ` — view of ${viewer}` : ""}`;
    const contents = (container: string): string[] =>
      this.objectNames.filter((o) => world.whereIs(o) === container);
    const hidden = (container: string): boolean =>
      (this.spec.closedContainers ?? []).includes(container);
    if (mode === "ansi") {
      const lines = [title];
      for (const [room, cs] of rooms) {
        if (!shownRoom(room)) {
          lines.push(`${room}: (unseen)`);
          continue;
        }
        const people = world.occupants(room);
        const inside = cs
          .map((c) => `${c}[${hidden(c) && viewer ? "?" : contents(c).join(",")}]`)
          .join(" ");
        lines.push(`${room}: ${inside}  agents: ${people.length ? people.join(", ") : "-"}`);
      }
      const outside = this.possibleAgents.filter((a) => world.roomOf(a) === undefined);
      if (viewer === undefined) lines.push(`outside: ${outside.length ? outside.join(", ") : "-"}`);
      return lines.join("\n");
    }
    // A picture: one panel per room; containers as boxes with their objects; agents as discs.
    const cell = 24;
    const maxC = Math.max(1, ...rooms.map(([, cs]) => cs.length));
    const panelW = (maxC * 3 + 1) * cell;
    const panelH = 5 * cell;
    const width = panelW;
    const height = rooms.length * panelH;
    if (mode === "svg") {
      const parts = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 20}" viewBox="0 0 ${width} ${height + 20}">`,
        `<title>${escapeXml(title)}</title>`,
        `<rect width="${width}" height="${height + 20}" fill="white"/>`,
        `<text x="4" y="14" font-family="monospace" font-size="12">${escapeXml(title)}</text>`
      ];
      rooms.forEach(([room, cs], r) => {
        const y0 = 20 + r * panelH;
        const seen = shownRoom(room);
        parts.push(
          `<rect x="1" y="${y0 + 1}" width="${width - 2}" height="${panelH - 2}" fill="${seen ? "rgb(236,236,228)" : "rgb(30,30,36)"}" stroke="rgb(68,68,78)"/>`
        );
        parts.push(
          `<text x="6" y="${y0 + 16}" font-family="monospace" font-size="12" fill="${seen ? "black" : "white"}">${escapeXml(room)}</text>`
        );
        if (!seen) return;
        cs.forEach((c, i) => {
          const x = (1 + i * 3) * cell;
          parts.push(
            `<rect x="${x}" y="${y0 + cell}" width="${2 * cell}" height="${2 * cell}" fill="rgb(150,110,190)"/>`
          );
          parts.push(
            `<text x="${x + 2}" y="${y0 + cell * 3 + 14}" font-family="monospace" font-size="11">${escapeXml(c)}</text>`
          );
          const objs = hidden(c) && viewer ? ["?"] : contents(c);
          objs.forEach((o, k) => {
            parts.push(
              `<text x="${x + 4}" y="${y0 + cell + 14 + 12 * k}" font-family="monospace" font-size="11" fill="white">${escapeXml(o)}</text>`
            );
          });
        });
        world.occupants(room).forEach((a, k) => {
          const x = width - (k + 1) * cell * 1.5;
          const color = agentColor(this.possibleAgents.indexOf(a));
          parts.push(
            `<circle cx="${x}" cy="${y0 + cell * 3.5}" r="${cell * 0.4}" fill="rgb(${color.join(",")})"/>`
          );
          parts.push(
            `<text x="${x}" y="${y0 + cell * 4.6}" text-anchor="middle" font-family="monospace" font-size="10">${escapeXml(a)}</text>`
          );
        });
      });
      parts.push("</svg>");
      return parts.join("");
    }
    if (mode === "rgb_array") {
      const data = new Uint8Array(height * width * 3);
      const fill = (x0: number, y0: number, w: number, h: number, c: readonly number[]): void => {
        for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
          for (let x = Math.max(0, x0); x < Math.min(width, x0 + w); x++) {
            const o = (y * width + x) * 3;
            data[o] = c[0];
            data[o + 1] = c[1];
            data[o + 2] = c[2];
          }
        }
      };
      rooms.forEach(([room, cs], r) => {
        const y0 = r * panelH;
        const seen = shownRoom(room);
        fill(0, y0, width, panelH, COLORS.wall);
        fill(2, y0 + 2, width - 4, panelH - 4, seen ? COLORS.floor : COLORS.unseen);
        if (!seen) return;
        cs.forEach((c, i) => {
          const x = (1 + i * 3) * cell;
          fill(x, y0 + cell, 2 * cell, 2 * cell, COLORS.cache);
          const objs = hidden(c) && viewer ? [] : contents(c);
          objs.forEach((o, k) =>
            fill(x + 4 + k * 8, y0 + cell + 4, 6, 6, agentColor(3 + this.objectNames.indexOf(o)))
          );
        });
        world.occupants(room).forEach((a, k) => {
          fill(
            width - (k + 1) * cell * 1.5 - 8,
            y0 + cell * 3,
            16,
            16,
            agentColor(this.possibleAgents.indexOf(a))
          );
        });
      });
      return { data, shape: [height, width, 3] };
    }
    throw new EnvError(
      `unknown render mode ${JSON.stringify(mode)}; use "ansi", "rgb_array" or "svg"`
    );
  }

  close(): void {
    this.closed = true;
    this.agents = [];
    this.world = undefined;
  }

  /**
   * The scripted expert: a seeker goes to the room of the container where it believes its object
   * is (or, not knowing, the next container it has not tried) and peeks into it; others wait.
   */
  expertAction(agent: AgentId): number {
    const world = this.requireWorld();
    this.checkAgent(agent);
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

  // ---- internals ----

  private makeWorld(
    objects: Record<string, string>,
    agentRooms: Record<AgentId, string>
  ): RoomWorld {
    const inner = this.spec.trackerFactory ?? defaultTrackerFactory;
    this.recorded = [];
    const spec: RoomWorldSpec = {
      agents: [...this.spec.agents],
      rooms: this.spec.rooms,
      objects,
      agentRooms,
      closedContainers: this.spec.closedContainers,
      trust: this.spec.trust,
      trackerFactory: (init) => new RecordingTracker(inner(init), this.recorded),
      maxDepth: this.spec.beliefDepth ?? 3
    };
    try {
      return new RoomWorld(spec);
    } catch (err) {
      throw new EnvError(`SallyAnneWorld: ${(err as Error).message}`);
    }
  }

  private apply(world: RoomWorld, agent: AgentId, act: Act): number {
    switch (act.kind) {
      case "wait":
        return 0;
      case "enter":
        world.enter(agent, act.room);
        return 0;
      case "exit":
        world.exit(agent);
        return 0;
      case "move":
        world.move(agent, act.object, act.container);
        return 0;
      case "peek": {
        world.peek(agent, act.container);
        const object = this.seekers[agent];
        if (object === undefined || this.found.has(agent)) return 0;
        this.tried.get(agent)!.add(act.container);
        if (world.whereIs(object) === act.container) {
          this.found.add(agent);
          return 1;
        }
        return -0.1;
      }
      case "tell":
        world.tellPrivately(agent, act.listener, act.object, act.container);
        return 0;
      case "announce":
        world.tellPublicly(agent, act.object, act.container);
        return 0;
    }
  }

  private observe(agent: AgentId): Record<string, Uint8Array | Int32Array> {
    const world = this.requireWorld();
    const rooms = Object.keys(this.spec.rooms);
    const here = world.roomOf(agent);
    const present = new Uint8Array(this.possibleAgents.length);
    const contents = new Int32Array(Math.max(1, this.objectNames.length));
    if (here !== undefined) {
      for (const a of world.occupants(here)) present[this.possibleAgents.indexOf(a)] = 1;
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

  private infos(rejected: Record<AgentId, string>): Record<AgentId, AgentInfo> {
    const infos: Record<AgentId, AgentInfo> = {};
    for (const agent of this.agents) {
      infos[agent] = {
        events: this.lastEvents.filter(
          (e) => e.observers[agent] === "full" || e.observers[agent] === "partial"
        )
      };
      if (rejected[agent]) infos[agent].rejected = rejected[agent];
    }
    return infos;
  }

  private requireWorld(): RoomWorld {
    this.assertOpen();
    if (!this.world) throw new EnvError(`${this.name}: call reset() first`);
    return this.world;
  }

  private checkAgent(agent: AgentId): void {
    if (!this.possibleAgents.includes(agent)) {
      throw new EnvError(
        `unknown agent ${JSON.stringify(agent)}; agents: ${this.possibleAgents.join(", ")}`
      );
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new EnvError(`${this.name} is closed`);
  }
}

function describeAct(act: Act): string {
  switch (act.kind) {
    case "wait":
    case "exit":
      return act.kind;
    case "enter":
      return `enter ${act.room}`;
    case "move":
      return `move ${act.object} ${act.container}`;
    case "peek":
      return `peek ${act.container}`;
    case "tell":
      return `tell ${act.listener} ${act.object} ${act.container}`;
    case "announce":
      return `announce ${act.object} ${act.container}`;
  }
}

/** Passes everything to a tracker and records each applied event (clones do not record). */
class RecordingTracker implements BeliefTracker {
  constructor(
    private readonly inner: BeliefTracker,
    private readonly sink: EpistemicEvent[]
  ) {}
  get agents(): readonly AgentId[] {
    return this.inner.agents;
  }
  apply(event: EpistemicEvent): void {
    this.inner.apply(event);
    this.sink.push(event);
  }
  believedValues(chain: readonly AgentId[], fluent: string) {
    return this.inner.believedValues(chain, fluent);
  }
  groundTruth(depth?: number): BeliefGroundTruth {
    return this.inner.groundTruth(depth);
  }
  clone(): BeliefTracker {
    return this.inner.clone();
  }
}
