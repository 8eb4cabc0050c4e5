/**
 * BeliefMCTS: Monte Carlo tree search for one agent that does not see the whole world. Each
 * simulation samples a world consistent with the agent's beliefs (determinization: from a
 * sampler or a set of belief particles), puts a simulator into it, and descends an open-loop
 * tree of the agent's own actions (other agents and chance act inside the simulator, so the
 * same action sequence may lead to different states: stochastic dynamics are averaged, not
 * branched on). Selection is PUCT (uniform priors unless given) or UCT over values normalized
 * to [0, 1] by the range seen so far; leaves are valued by a rollout to `maxDepth`. A seed makes
 * every search reproducible. The tree exports as plain data for the visualizer.
 *
 * ```ts
 * const mcts = new BeliefMCTS({ simulator, numSimulations: 200, cPuct: 1.5, seed: 1 });
 * const { action, tree } = mcts.search({ root: { sample: (rng) => sampleWorld(rng) } });
 * // or over a simulation copy of a grid world, the others on their scripted policy:
 * new BeliefMCTS({ env: sim, agent: "deceiver", others: "expert", seed: 1 }).search({ root: particles });
 * // or in a learned world model's predictions:
 * new BeliefMCTS({ worldModel: { model, agent: "anne", goal }, seed: 1 }).search({ root: [frame] });
 * ```
 */
import { Rng } from "../random/rng";
import { envSimulator, EnvSimulatorOptions } from "./mcts-env";
import { worldModelSimulator, type WorldModelSimulatorOptions } from "./mcts-world-model";
import { MctsError } from "./mcts-error";
import { exportTree, MAX_LABELS, MctsTree, Node } from "./mcts-tree";

export { MctsError } from "./mcts-error";
export type { MctsTree, MctsTreeNode } from "./mcts-tree";

/**
 * What BeliefMCTS searches with: a model of the world it can put into a sampled state and step
 * with the searching agent's action (everyone else, and chance, act inside it).
 *
 * ```ts
 * const simulator: MctsSimulator<number> = {
 *   numActions: 2,
 *   load: (s) => { state = s; },
 *   step: (a, rng) => ({ reward: a === 1 ? rng.float() : 0.2, done: true })
 * };
 * ```
 */
export interface MctsSimulator<S> {
  /** How many actions the searching agent has (actions are 0 .. numActions - 1). */
  readonly numActions: number;
  /** Puts the simulator into a sampled state. */
  load(state: S): void;
  /** One step with the searching agent's action; `rng` drives everything random in it. */
  step(action: number, rng: Rng): { reward: number; done: boolean };
  /** Optional: a short label of the current state, counted at tree nodes as a belief summary. */
  describe?(): string;
  /** Optional: the searching agent's rollout action in the current state (default random). */
  rolloutAction?(rng: Rng): number;
}

/**
 * The root of a search: what the searching agent believes, as a sampler of worlds consistent
 * with it, or as weighted-equally particles.
 *
 * ```ts
 * const root: BeliefRoot<World> = { sample: (rng) => rng.choice(worlds) };
 * const particles: BeliefRoot<World> = [worldA, worldB];
 * ```
 */
export type BeliefRoot<S> =
  | {
      /** Draws one root state the searching agent considers possible (from `rng`, which advances). */
      sample(rng: Rng): S;
    }
  | readonly S[];

/**
 * Options of BeliefMCTS.
 *
 * ```ts
 * new BeliefMCTS({ simulator, numSimulations: 100, cPuct: 1, seed: 7, maxDepth: 15 });
 * ```
 */
export interface BeliefMCTSOptions<S> {
  /** The model searched; or give `env` (a simulation copy) and `agent` instead. */
  simulator?: MctsSimulator<S>;
  /** A simulation copy of a grid world (beliefs "off"): searched through `envSimulator`. */
  env?: EnvSimulatorOptions["env"];
  /** With `env`: the searching agent. */
  agent?: EnvSimulatorOptions["agent"];
  /** With `env`: how the others act ("random" by default, "expert", or per agent). */
  others?: EnvSimulatorOptions["others"];
  /**
   * A learned world model to search in, with its agent and goal or reward: searched through
   * `worldModelSimulator` (states are frames or histories of observations).
   */
  worldModel?: WorldModelSimulatorOptions;
  /** Simulations per search (default 200). */
  numSimulations?: number;
  /** Exploration weight (default 1.25). */
  cPuct?: number;
  /** "puct" (default) or "uct". */
  selection?: "puct" | "uct";
  /** Seed of the search's generator (default 0); each search continues its sequence. */
  seed?: number;
  /** Steps simulated below the root, tree and rollout together (default 20). */
  maxDepth?: number;
  /** Discount per step (default 0.97). */
  discount?: number;
  /** The searching agent's actions in rollouts (default the simulator's, else uniformly random). */
  rolloutPolicy?: (rng: Rng) => number;
  /** Prior probabilities of the actions at a node for PUCT (default uniform). */
  prior?: (depth: number) => readonly number[];
  /** Names of the actions in the exported tree (default their numbers). */
  actionNames?: readonly string[];
}

/**
 * What a search returns: the most visited action at the root, every root action's statistics,
 * and the tree.
 *
 * ```ts
 * const { action, stats } = mcts.search({ root });
 * stats[action].visits;
 * ```
 */
export interface SearchResult {
  /** The most visited action at the root (ties: the higher mean value). */
  action: number;
  /** Every root action's visits and mean value, indexed by action. */
  stats: { action: number; visits: number; value: number }[];
  /** The search tree (a search-tree payload: `display(result)` draws it). */
  tree: MctsTree;
}

/**
 * Belief-state Monte Carlo tree search (see the module comment).
 *
 * ```ts
 * const mcts = new BeliefMCTS({ simulator, numSimulations: 200, seed: 1 });
 * const { action } = mcts.search({ root: particles });
 * ```
 */
export class BeliefMCTS<S> {
  private readonly simulator: MctsSimulator<S>;
  private readonly numSimulations: number;
  private readonly cPuct: number;
  private readonly selection: "puct" | "uct";
  private readonly maxDepth: number;
  private readonly discount: number;
  private readonly rollout: (rng: Rng) => number;
  private readonly prior: ((depth: number) => readonly number[]) | undefined;
  private readonly rng: Rng;
  private readonly actionNames: readonly string[];
  private lo = Infinity;
  private hi = -Infinity;

  constructor(options: BeliefMCTSOptions<S>) {
    if (typeof options !== "object" || options === null) {
      throw new MctsError(
        "BeliefMCTS needs options { simulator | env + agent, numSimulations?, cPuct?, seed? }"
      );
    }
    if (options.simulator && options.env) {
      throw new MctsError("BeliefMCTS takes a simulator or an env, not both");
    }
    if (options.worldModel && (options.simulator || options.env)) {
      throw new MctsError("BeliefMCTS takes a worldModel or a simulator / env, not both");
    }
    const sim = (
      options.env
        ? envSimulator({
            env: options.env,
            agent: options.agent as string,
            ...(options.others !== undefined ? { others: options.others } : {})
          })
        : options.worldModel
          ? worldModelSimulator(options.worldModel)
          : options.simulator
    ) as MctsSimulator<S>;
    if (!sim || typeof sim.load !== "function" || typeof sim.step !== "function") {
      throw new MctsError(
        "BeliefMCTS needs a simulator with load(state) and step(action, rng), or an env and an agent"
      );
    }
    if (!Number.isInteger(sim.numActions) || sim.numActions < 1) {
      throw new MctsError(
        `the simulator's numActions must be a positive integer, got ${String(sim.numActions)}`
      );
    }
    this.simulator = sim;
    this.numSimulations = positiveInt("numSimulations", options.numSimulations ?? 200);
    this.maxDepth = positiveInt("maxDepth", options.maxDepth ?? 20);
    this.cPuct = options.cPuct ?? 1.25;
    if (!Number.isFinite(this.cPuct) || this.cPuct < 0) {
      throw new MctsError(`cPuct must be a finite number >= 0, got ${String(options.cPuct)}`);
    }
    this.discount = options.discount ?? 0.97;
    if (!(this.discount > 0 && this.discount <= 1)) {
      throw new MctsError(`discount must be in (0, 1], got ${String(options.discount)}`);
    }
    this.selection = options.selection ?? "puct";
    if (this.selection !== "puct" && this.selection !== "uct") {
      throw new MctsError(
        `selection must be "puct" or "uct", got ${JSON.stringify(options.selection)}`
      );
    }
    const n = sim.numActions;
    const own = sim.rolloutAction;
    this.rollout =
      options.rolloutPolicy ?? (own ? (rng) => own.call(sim, rng) : (rng) => rng.int(n));
    this.prior = options.prior;
    const seed = options.seed ?? 0;
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new MctsError(`seed must be a non-negative integer, got ${String(options.seed)}`);
    }
    this.rng = new Rng(seed);
    const names = options.actionNames ?? Array.from({ length: n }, (_, a) => String(a));
    if (names.length !== n || names.some((x) => typeof x !== "string")) {
      throw new MctsError(`actionNames must be ${n} strings, one per action`);
    }
    this.actionNames = names;
  }

  /**
   * Searches from a belief root and returns the most visited action (ties: the better value,
   * then the lower action), every root action's statistics and the tree.
   *
   * ```ts
   * const { action, tree } = mcts.search({ root: { sample: (rng) => world(rng) } });
   * ```
   */
  search(request: { root: BeliefRoot<S>; numSimulations?: number }): SearchResult {
    const root = request?.root;
    const sample = rootSampler(root);
    const count = positiveInt("numSimulations", request.numSimulations ?? this.numSimulations);
    const tree = new Node(null, this.simulator.numActions);
    this.lo = Infinity;
    this.hi = -Infinity;
    for (let i = 0; i < count; i++) {
      this.simulator.load(sample(this.rng));
      this.simulate(tree);
    }
    const stats = [];
    let best = 0;
    for (let a = 0; a < tree.children.length; a++) {
      const c = tree.children[a];
      stats.push({ action: a, visits: c?.visits ?? 0, value: c?.mean ?? 0 });
      const b = stats[best];
      const s = stats[a];
      if (s.visits > b.visits || (s.visits === b.visits && s.value > b.value)) best = a;
    }
    return { action: best, stats, tree: exportTree(tree, this.actionNames) };
  }

  /** One simulation from the loaded world: select, expand one node, roll out, back up. */
  private simulate(root: Node): void {
    const sim = this.simulator;
    const path: Node[] = [root];
    const rewards: number[] = [];
    let node = root;
    let done = false;
    this.note(root);
    while (!done && path.length <= this.maxDepth) {
      const a = this.select(node, path.length - 1);
      const step = sim.step(a, this.rng);
      rewards.push(step.reward);
      done = step.done;
      let child = node.children[a];
      const fresh = child === undefined;
      if (!child) child = node.children[a] = new Node(a, sim.numActions);
      if (done) child.ended++;
      path.push(child);
      this.note(child);
      node = child;
      if (fresh) break;
    }
    // Rollout below the new leaf.
    let tail = 0;
    let weight = 1;
    for (let d = path.length - 1; !done && d < this.maxDepth; d++) {
      const step = sim.step(this.rollout(this.rng), this.rng);
      tail += weight * step.reward;
      weight *= this.discount;
      done = step.done;
    }
    // Back up: a node's value is the discounted return from the step into it onwards.
    let ret = tail;
    for (let i = path.length - 1; i >= 1; i--) {
      const n = path[i];
      ret = rewards[i - 1] + this.discount * ret;
      n.visits++;
      n.total += ret;
      this.lo = Math.min(this.lo, n.mean);
      this.hi = Math.max(this.hi, n.mean);
    }
    root.visits++;
    root.total += ret;
  }

  private select(node: Node, depth: number): number {
    const n = node.children.length;
    const prior = this.selection === "puct" && this.prior ? this.prior(depth) : undefined;
    if (prior && prior.length !== n) {
      throw new MctsError(`prior(${depth}) gave ${prior.length} probabilities for ${n} actions`);
    }
    const range = this.hi - this.lo;
    const sqrtN = Math.sqrt(node.visits);
    const logN = Math.log(Math.max(1, node.visits));
    let best = -1;
    let bestScore = -Infinity;
    for (let a = 0; a < n; a++) {
      const c = node.children[a];
      // UCT tries every action once first; PUCT values an untried action at 0 plus its prior.
      if (!c && this.selection === "uct") return a;
      const q = c && range > 0 ? (c.mean - this.lo) / range : 0;
      const visits = c?.visits ?? 0;
      const score =
        this.selection === "uct"
          ? q + this.cPuct * Math.sqrt(logN / visits)
          : q + (this.cPuct * (prior ? prior[a] : 1 / n) * Math.max(sqrtN, 1)) / (1 + visits);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    return best;
  }

  private note(node: Node): void {
    const describe = this.simulator.describe;
    if (!describe) return;
    const label = describe.call(this.simulator);
    const belief = (node.belief ??= new Map());
    const key = belief.has(label) || belief.size < MAX_LABELS ? label : "other";
    belief.set(key, (belief.get(key) ?? 0) + 1);
  }
}

function rootSampler<S>(root: BeliefRoot<S> | undefined): (rng: Rng) => S {
  if (Array.isArray(root)) {
    if (root.length === 0) throw new MctsError("search: the root has no belief particles");
    return (rng) => rng.choice(root as readonly S[]);
  }
  if (root && typeof (root as { sample?: unknown }).sample === "function") {
    const sampler = root as { sample(rng: Rng): S };
    return (rng) => sampler.sample(rng);
  }
  throw new MctsError(
    "search needs { root } with root a { sample(rng) } sampler or a list of particles"
  );
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new MctsError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
