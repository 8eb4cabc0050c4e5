/**
 * The API-conformance check every PerspectiveEnv passes (in the spirit of PettingZoo's
 * `parallel_api_test`): spaces contain what is returned, each agent's spaces are stable objects
 * whose `seed(n)` makes `sample()` repeat, seeding reproduces an episode bit for bit, termination
 * and truncation remove agents and stepping a finished episode throws, invalid actions throw a
 * clear error and change nothing, every render mode works, witnessed events are consistent.
 * Throws an Error naming the first failed check.
 *
 * ```ts
 * checkEnvConformance(() => new HideAndSeek({ arenaSize: 9 }));
 * ```
 */
import type { PerspectiveEnv, StepResult } from "./env";
import { EnvError } from "./env";
import { Rng } from "../random/rng";

/**
 * Options of `checkEnvConformance`.
 *
 * ```ts
 * checkEnvConformance(make, { seeds: [0, 1, 2], maxSteps: 500 });
 * ```
 */
export interface ConformanceOptions {
  /** Seeds to test (default [0, 1]). */
  seeds?: number[];
  /** Upper bound on steps per episode before the check gives up (default 1000). */
  maxSteps?: number;
  /** An invalid action to try (default: the string "not an action"). */
  invalidAction?: unknown;
}

/**
 * Runs every check on fresh envs built by `makeEnv`; returns the number of steps taken.
 *
 * ```ts
 * checkEnvConformance(() => new SocialDeception());
 * ```
 */
export function checkEnvConformance(
  makeEnv: () => PerspectiveEnv,
  options: ConformanceOptions = {}
): number {
  const seeds = options.seeds ?? [0, 1];
  const maxSteps = options.maxSteps ?? 1000;
  let steps = 0;
  for (const seed of seeds) {
    const a = runEpisode(makeEnv(), seed, maxSteps);
    const b = runEpisode(makeEnv(), seed, maxSteps);
    steps += a.steps;
    if (a.trace !== b.trace) fail(`seed ${seed}: two runs with the same seed differ`);
  }
  const env = makeEnv();
  const first = snapshot(env.reset({ seed: seeds[0] }), env);
  runToEnd(env, new Rng(99), maxSteps);
  if (snapshot(env.reset({ seed: seeds[0] }), env) !== first)
    fail("reset with the same seed does not reproduce the first observations");
  checkInvalidActions(env, options.invalidAction ?? "not an action");
  checkSpaceSeeding(makeEnv());
  checkRender(env);
  env.close();
  expectThrow(() => env.reset({ seed: 0 }), "reset after close()");
  return steps;
}

function runEpisode(
  env: PerspectiveEnv,
  seed: number,
  maxSteps: number
): { trace: string; steps: number } {
  if (env.possibleAgents.length === 0) fail("possibleAgents is empty");
  if (new Set(env.possibleAgents).size !== env.possibleAgents.length)
    fail("possibleAgents has duplicates");
  for (const agent of env.possibleAgents) {
    const s1 = JSON.stringify(env.observationSpace(agent).toJSON());
    if (s1 !== JSON.stringify(env.observationSpace(agent).toJSON()))
      fail(`observationSpace(${agent}) is not stable`);
  }
  const reset = env.reset({ seed });
  const parts = [snapshot(reset, env)];
  sameKeys("reset observations", reset.observations, env.agents);
  sameKeys("reset infos", reset.infos, env.agents);
  checkObservations(env, reset.observations);
  checkInfos(env, reset.infos);
  const rng = new Rng(seed + 1000);
  let steps = 0;
  while (env.agents.length > 0) {
    if (steps++ >= maxSteps) fail(`episode did not end within ${maxSteps} steps`);
    const live = [...env.agents];
    const actions: Record<string, unknown> = {};
    for (const agent of live) {
      const action = env.actionSpace(agent).sample(rng);
      if (!env.actionSpace(agent).contains(action))
        fail(`actionSpace(${agent}).sample() is not contained in it`);
      actions[agent] = action;
    }
    const result = env.step(actions);
    for (const key of [
      "observations",
      "rewards",
      "terminations",
      "truncations",
      "infos"
    ] as const) {
      sameKeys(`step ${key}`, result[key], live);
    }
    checkObservations(env, result.observations);
    checkInfos(env, result.infos);
    for (const agent of live) {
      if (!Number.isFinite(result.rewards[agent]))
        fail(`reward of ${agent} is not a finite number`);
      if (
        typeof result.terminations[agent] !== "boolean" ||
        typeof result.truncations[agent] !== "boolean"
      ) {
        fail(`terminations/truncations of ${agent} must be booleans`);
      }
      const done = result.terminations[agent] || result.truncations[agent];
      if (done === env.agents.includes(agent))
        fail(`${agent}: agents must list exactly the agents not yet done`);
    }
    parts.push(snapshot(result, env));
  }
  expectThrow(() => env.step({}), "step after every agent is done", /reset/);
  return { trace: parts.join("\n"), steps };
}

function runToEnd(env: PerspectiveEnv, rng: Rng, maxSteps: number): void {
  for (let i = 0; env.agents.length > 0 && i < maxSteps; i++) {
    env.step(Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample(rng)])));
  }
}

function checkInvalidActions(env: PerspectiveEnv, invalid: unknown): void {
  env.reset({ seed: 5 });
  const before = env.render("ansi");
  const events = JSON.stringify(env.lastEvents);
  const state = snapshot({}, env);
  const rng = new Rng(5);
  const valid = Object.fromEntries(env.agents.map((a) => [a, env.actionSpace(a).sample(rng)]));
  const agent = env.agents[0];
  expectThrow(
    () => env.step({ ...valid, [agent]: invalid }),
    "an invalid action",
    new RegExp(agent)
  );
  const missing = { ...valid };
  delete missing[agent];
  expectThrow(() => env.step(missing), "a missing action", /missing/);
  expectThrow(
    () => env.step({ ...valid, nobody_here: valid[agent] }),
    "an action for an unknown agent",
    /unknown agent/
  );
  if (
    env.render("ansi") !== before ||
    JSON.stringify(env.lastEvents) !== events ||
    snapshot({}, env) !== state
  ) {
    fail("a rejected step changed the state");
  }
  env.step(valid);
}

/** Each agent's spaces are stable objects whose `seed(n)` makes `sample()` repeat. */
function checkSpaceSeeding(env: PerspectiveEnv): void {
  for (const agent of env.possibleAgents) {
    for (const [what, space] of [
      ["actionSpace", () => env.actionSpace(agent)],
      ["observationSpace", () => env.observationSpace(agent)]
    ] as const) {
      if (space() !== space()) fail(`${what}(${agent}) must return the same object every call`);
      const draw = (): string => {
        space().seed(7);
        const samples = [space().sample(), space().sample()];
        for (const x of samples) {
          if (!space().contains(x)) fail(`${what}(${agent}).sample() is not contained in it`);
        }
        return JSON.stringify(samples, (_k, v) =>
          ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v
        );
      };
      if (draw() !== draw()) fail(`${what}(${agent}).seed(7) does not make sample() repeat`);
    }
  }
}

function checkRender(env: PerspectiveEnv): void {
  for (const agent of [undefined, env.possibleAgents[0]]) {
    const opts = agent ? { agent } : {};
    const text = env.render("ansi", opts);
    if (typeof text !== "string" || text.length === 0) fail("render('ansi') must return text");
    const img = env.render("rgb_array", opts);
    const [h, w, c] = img.shape;
    if (
      !(img.data instanceof Uint8Array) ||
      c !== 3 ||
      h < 1 ||
      w < 1 ||
      img.data.length !== h * w * 3
    ) {
      fail("render('rgb_array') must return a Uint8Array of shape [h, w, 3]");
    }
    const svg = env.render("svg", opts);
    if (!svg.startsWith("<svg") || !svg.endsWith("</svg>") || /<script|href=/i.test(svg)) {
      fail("render('svg') must return a self-contained SVG document");
    }
  }
  expectThrow(() => env.render("nonsense" as "ansi"), "an unknown render mode");
  expectThrow(() => env.render("ansi", { agent: "nobody_here" }), "render for an unknown agent");
}

function checkObservations(env: PerspectiveEnv, observations: Record<string, unknown>): void {
  for (const [agent, obs] of Object.entries(observations)) {
    const why = env.observationSpace(agent).explain(obs);
    if (why) fail(`observation of ${agent} is not in its observation space: ${why}`);
  }
}

function checkInfos(env: PerspectiveEnv, infos: Record<string, { events: unknown[] }>): void {
  const all = new Set(env.lastEvents);
  for (const [agent, info] of Object.entries(infos)) {
    if (!Array.isArray(info.events)) fail(`infos.${agent}.events must be an array`);
    for (const e of info.events as { observers: Record<string, string> }[]) {
      if (!all.has(e as never))
        fail(`infos.${agent}.events holds an event missing from lastEvents`);
      const how = e.observers[agent];
      if (how !== "full" && how !== "partial")
        fail(`infos.${agent}.events holds an event ${agent} did not witness`);
    }
  }
}

function snapshot(result: Partial<StepResult<unknown>>, env: PerspectiveEnv): string {
  // The belief ground truth is part of what a seed must reproduce (when the env tracks beliefs).
  let beliefs: unknown;
  try {
    beliefs = env.getBeliefGroundTruth();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
  }
  return JSON.stringify(
    { result, events: env.lastEvents, beliefs, render: env.render("ansi") },
    (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v)
  );
}

function sameKeys(what: string, rec: Record<string, unknown>, agents: readonly string[]): void {
  const keys = Object.keys(rec).sort();
  const want = [...agents].sort();
  if (keys.join(",") !== want.join(","))
    fail(`${what} must have one entry per live agent: got [${keys}], want [${want}]`);
}

function expectThrow(fn: () => unknown, what: string, message?: RegExp): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof Error)) fail(`${what} threw a non-Error`);
    if (message && !message.test(err.message))
      fail(`${what} threw an unclear error: ${err.message}`);
    if (!(err instanceof EnvError) && !(err instanceof RangeError))
      fail(`${what} threw ${err.name}, not EnvError`);
    return;
  }
  fail(`${what} must throw a clear error`);
}

function fail(message: string): never {
  throw new Error(`conformance: ${message}`);
}
