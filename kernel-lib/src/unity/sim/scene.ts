/**
 * The scene of the simulated Unity build: a GridWorld like ML-Agents' example, with several
 * agents per training area. Each agent sees a square window around itself (a partial view,
 * rendered as an RGB camera image) and a goal signal: reach the green plus or the red cross.
 * Moving onto the wanted goal gives +1, onto the other -1 (either ends the agent's episode),
 * every step costs 0.01, and an episode is cut after `maxStep` steps. Agents block each other.
 *
 * ```ts
 * const scene = new SimScene({ seed: 0, numAreas: 1, actions: "discrete" });
 * scene.fullReset();
 * const infos = scene.collect();
 * ```
 */
import { encodePng } from "../../envs/png";
import { Rng } from "../../random/rng";
import type { AgentActionMessage, AgentInfoMessage, ObservationMessage } from "../protocol";

/** Cell size of the camera image, in pixels. */
const PIXELS = 4;
const COLORS = {
  outside: [0, 0, 0],
  floor: [200, 200, 200],
  plus: [40, 180, 60],
  ex: [210, 50, 50],
  other: [60, 90, 220],
  self: [240, 200, 40]
} as const;

/**
 * What the scene can be told: its shape, from the command line and environment parameters.
 *
 * ```ts
 * const opts: SceneOptions = { seed: 1, numAreas: 2, actions: "continuous", gridSize: 6 };
 * ```
 */
export interface SceneOptions {
  seed: number;
  numAreas: number;
  actions: "discrete" | "continuous" | "hybrid";
  gridSize?: number;
  agentsPerArea?: number;
  viewRadius?: number;
  maxStep?: number;
  /** Adds a camera whose PNG is over 4 MiB (to test message-size limits). */
  bigObservation?: boolean;
}

interface Agent {
  id: number;
  area: number;
  x: number;
  z: number;
  goal: 0 | 1; // 0 = green plus, 1 = red cross
  steps: number;
  reward: number;
  episodeReward: number;
}

interface Area {
  plus: [number, number];
  ex: [number, number];
}

/**
 * The simulated scene (one behavior, "GridWorld?team=0").
 *
 * ```ts
 * scene.act(actions); const infos = scene.collect();
 * ```
 */
export class SimScene {
  readonly behaviorName = "GridWorld?team=0";
  private readonly rng: Rng;
  private agents: Agent[] = [];
  private areas: Area[] = [];
  private doneInfos: AgentInfoMessage[] = [];
  private nextId = 0;
  /** Episode rewards of agents that finished since the last call (for the stats channel). */
  finishedEpisodes: Array<{ reward: number; length: number }> = [];
  gridSize: number;
  agentsPerArea: number;
  viewRadius: number;
  maxStep: number;

  constructor(private readonly options: SceneOptions) {
    this.rng = new Rng(options.seed);
    this.gridSize = options.gridSize ?? 5;
    this.agentsPerArea = options.agentsPerArea ?? 3;
    this.viewRadius = options.viewRadius ?? 2;
    this.maxStep = options.maxStep ?? 100;
  }

  /** Applies environment parameters (read at the next full reset, as Unity scenes do). */
  setParameter(key: string, value: number): void {
    const int = Math.round(value);
    if (key === "seed") this.pendingSeed = int; // applied by the next full reset
    if (key === "gridSize" && int >= 3 && int <= 30) this.gridSize = int;
    if (key === "numAgents" && int >= 1 && int <= 8) this.agentsPerArea = int;
    if (key === "viewRadius" && int >= 1 && int <= 6) this.viewRadius = int;
    if (key === "maxStep" && int >= 1) this.maxStep = int;
  }

  get actionSpec(): { continuous: number; branches: number[] } {
    const a = this.options.actions;
    return { continuous: a === "discrete" ? 0 : 2, branches: a === "continuous" ? [] : [5] };
  }

  private freeCell(area: number): [number, number] {
    const n = this.gridSize;
    for (;;) {
      const x = this.rng.int(n);
      const z = this.rng.int(n);
      const a = this.areas[area];
      const taken =
        (a && ((a.plus[0] === x && a.plus[1] === z) || (a.ex[0] === x && a.ex[1] === z))) ||
        this.agents.some((g) => g.area === area && g.x === x && g.z === z);
      if (!taken) return [x, z];
    }
  }

  private resetAgent(agent: Agent): void {
    agent.x = -1;
    agent.z = -1; // out of the way while choosing its new cell
    [agent.x, agent.z] = this.freeCell(agent.area);
    agent.goal = this.rng.int(2) as 0 | 1;
    agent.steps = 0;
    agent.reward = 0;
    agent.episodeReward = 0;
  }

  private pendingSeed: number | undefined;

  /** Every area and agent starts over; no terminal steps for interrupted episodes. */
  fullReset(): void {
    if (this.pendingSeed !== undefined) this.rng.reseed(this.pendingSeed);
    this.pendingSeed = undefined;
    const count = this.options.numAreas * this.agentsPerArea;
    const ids = this.agents.map((a) => a.id);
    while (ids.length < count) ids.push(this.nextId++);
    this.agents = [];
    this.areas = [];
    this.doneInfos = [];
    for (let area = 0; area < this.options.numAreas; area++) {
      this.areas[area] = { plus: [-1, -1], ex: [-1, -1] };
      this.areas[area].plus = this.freeCell(area);
      this.areas[area].ex = this.freeCell(area);
    }
    for (let i = 0; i < count; i++) {
      const agent: Agent = {
        id: ids[i],
        area: Math.floor(i / this.agentsPerArea),
        x: -1,
        z: -1,
        goal: 0,
        steps: 0,
        reward: 0,
        episodeReward: 0
      };
      this.agents.push(agent);
      this.resetAgent(agent);
    }
  }

  private mask(agent: Agent): boolean[] {
    if (this.actionSpec.branches.length === 0) return [];
    const max = this.gridSize - 1;
    // true = disabled: 1 up (+z), 2 down (-z), 3 left (-x), 4 right (+x)
    return [false, agent.z === max, agent.z === 0, agent.x === 0, agent.x === max];
  }

  private camera(agent: Agent): ObservationMessage {
    const r = this.viewRadius;
    const cells = 2 * r + 1;
    const side = cells * PIXELS;
    const data = new Uint8Array(side * side * 3);
    const area = this.areas[agent.area];
    for (let row = 0; row < cells; row++) {
      for (let col = 0; col < cells; col++) {
        // Image row 0 is the top: the largest z in view.
        const x = agent.x - r + col;
        const z = agent.z + r - row;
        let color: readonly number[] = COLORS.floor;
        if (x < 0 || z < 0 || x >= this.gridSize || z >= this.gridSize) color = COLORS.outside;
        else if (x === agent.x && z === agent.z) color = COLORS.self;
        else if (this.agents.some((g) => g.area === agent.area && g.x === x && g.z === z))
          color = COLORS.other;
        else if (area.plus[0] === x && area.plus[1] === z) color = COLORS.plus;
        else if (area.ex[0] === x && area.ex[1] === z) color = COLORS.ex;
        for (let py = 0; py < PIXELS; py++)
          for (let px = 0; px < PIXELS; px++)
            data.set(color, ((row * PIXELS + py) * side + col * PIXELS + px) * 3);
      }
    }
    return {
      shape: [3, side, side],
      compression_type: "PNG",
      compressed_data: encodePng({ data, shape: [side, side, 3] }),
      dimension_properties: [1, 2, 2],
      observation_type: "DEFAULT",
      name: "CameraSensor"
    };
  }

  private observations(agent: Agent): ObservationMessage[] {
    const obs = [
      this.camera(agent),
      {
        shape: [2],
        compression_type: "NONE" as const,
        float_data: { data: agent.goal === 0 ? [1, 0] : [0, 1] },
        dimension_properties: [1],
        observation_type: "GOAL_SIGNAL" as const,
        name: "GoalSensor"
      }
    ];
    if (this.options.bigObservation) obs.push(this.hugeCamera(agent));
    return obs; // sorted by sensor name, as Unity sorts them
  }

  private readonly hugeFrames = new Map<number, Uint8Array>();

  /** A 1280x1280 noise camera: a PNG of about 4.9 MB, over gRPC's default 4 MiB message limit. */
  private hugeCamera(agent: Agent): ObservationMessage {
    const side = 1280;
    let png = this.hugeFrames.get(agent.id);
    if (!png) {
      const noise = new Rng(agent.id + 1);
      const data = new Uint8Array(side * side * 3);
      for (let i = 0; i < data.length; i++) data[i] = noise.int(256);
      data[0] = agent.id; // a known value to check decoding against
      png = encodePng({ data, shape: [side, side, 3] });
      this.hugeFrames.set(agent.id, png);
    }
    return {
      shape: [3, side, side],
      compression_type: "PNG",
      compressed_data: png,
      dimension_properties: [1, 2, 2],
      observation_type: "DEFAULT",
      name: "HugeCameraSensor"
    };
  }

  private info(agent: Agent, done: boolean, maxStepReached: boolean): AgentInfoMessage {
    return {
      reward: agent.reward,
      done,
      max_step_reached: maxStepReached,
      id: agent.id,
      action_mask: done ? [] : this.mask(agent),
      observations: this.observations(agent),
      group_id: 0,
      group_reward: 0
    };
  }

  /** The agent infos of this decision: terminal infos first, then one decision info per agent. */
  collect(): AgentInfoMessage[] {
    const out = [...this.doneInfos, ...this.agents.map((a) => this.info(a, false, false))];
    this.doneInfos = [];
    for (const a of this.agents) a.reward = 0; // rewards are "since the last decision"
    return out;
  }

  /** Applies one action per agent (in collect() order of decision infos), ends finished episodes. */
  act(actions: readonly AgentActionMessage[]): void {
    if (actions.length > 0 && actions.length < this.agents.length)
      throw new Error(
        `IndexOutOfRangeException: ${actions.length} actions for ${this.agents.length} agents`
      );
    this.agents.forEach((agent, i) => {
      const action = actions[i];
      const move = action ? this.moveOf(action) : 0;
      agent.steps++;
      agent.reward -= 0.01;
      const [dx, dz] = [
        [0, 0],
        [0, 1],
        [0, -1],
        [-1, 0],
        [1, 0]
      ][move];
      const [x, z] = [agent.x + dx, agent.z + dz];
      const area = this.areas[agent.area];
      const inside = x >= 0 && z >= 0 && x < this.gridSize && z < this.gridSize;
      const blocked = this.agents.some(
        (g) => g !== agent && g.area === agent.area && g.x === x && g.z === z
      );
      if (inside && !blocked) [agent.x, agent.z] = [x, z];
      let ended = false;
      for (const [goal, [gx, gz]] of [
        [0, area.plus],
        [1, area.ex]
      ] as const) {
        if (agent.x === gx && agent.z === gz) {
          agent.reward = goal === agent.goal ? 1 : -1; // SetReward overwrites the step cost
          ended = true;
        }
      }
      agent.episodeReward += agent.reward;
      const cut = !ended && agent.steps >= this.maxStep;
      if (ended || cut) {
        this.doneInfos.push(this.info(agent, true, cut));
        this.finishedEpisodes.push({ reward: agent.episodeReward, length: agent.steps });
        this.resetAgent(agent);
      }
    });
  }

  private moveOf(action: AgentActionMessage): number {
    if (this.actionSpec.branches.length > 0) {
      const m = action.discrete_actions[0] ?? 0;
      return m >= 0 && m < 5 ? m : 0;
    }
    const [cx = 0, cz = 0] = action.continuous_actions;
    if (Math.max(Math.abs(cx), Math.abs(cz)) < 0.5) return 0;
    return Math.abs(cx) >= Math.abs(cz) ? (cx > 0 ? 4 : 3) : cz > 0 ? 1 : 2;
  }
}
