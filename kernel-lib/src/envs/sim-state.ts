/**
 * Putting a simulation copy of a grid world into a given state: what a planner does after it
 * samples a world consistent with an agent's beliefs (determinization). The static layout (walls,
 * caches) stays as the copy's reset made it; the objects, the world's fluents, the agents'
 * definite beliefs and the time step are set from plain data. Used by `GridWorld.setState`.
 *
 * ```ts
 * const sim = new SocialDeception({ beliefs: "off" });
 * sim.reset({ seed: 3 });
 * sim.setState({ world: { "at(deceiver)": "c2_2", "at(thief_0)": "c5_8", "at(thief_1)": "c8_8", "at(treasure)": "cache_1" } });
 * ```
 */
import type { AgentId, Fluent, Value } from "../epistemic/events";
import { EnvError } from "./env";

/**
 * A state for `GridWorld.setState`: every object's cell and each world fluent (`world`, keyed by
 * fluent as in the world's events, e.g. `at(thief_0)` = `c3_4`), each agent's definite beliefs
 * (`beliefs[agent][fluent]`; a fluent left out means no definite belief; an agent left out
 * believes the true `world`), the time step (default: unchanged) and a seed.
 *
 * ```ts
 * const state: SimulationState = {
 *   world: { "at(hider_0)": "c1_1", "at(seeker_0)": "c7_7" },
 *   beliefs: { seeker_0: { "at(seeker_0)": "c7_7" } },
 *   t: 10
 * };
 * ```
 */
export interface SimulationState {
  /** The value of every world fluent, keyed as in the world's events (`at(thief_0)` = `c3_4`). */
  world: Record<Fluent, Value>;
  /** Each agent's definite beliefs; a fluent left out: no definite belief; an agent left out: it believes `world`. */
  beliefs?: Record<AgentId, Record<Fluent, Value>>;
  /** The time step to set (default: unchanged). */
  t?: number;
  /** Reseeds the env's generator (the randomness of its scripted policies). */
  seed?: number;
}

/**
 * Reads the objects' cells of a state: one floor cell per object, no two objects on one cell.
 * Throws an EnvError naming the fluent and the problem.
 */
export function objectCells(
  name: string,
  state: SimulationState,
  fluentNames: readonly string[],
  cellIndex: ReadonlyMap<string, number>,
  walls: Uint8Array
): Int32Array {
  if (typeof state !== "object" || state === null || typeof state.world !== "object") {
    throw new EnvError(`${name}.setState needs { world: { fluent: value }, beliefs?, t? }`);
  }
  const cells = new Int32Array(fluentNames.length);
  const taken = new Map<number, string>();
  fluentNames.forEach((fluent, o) => {
    const value = state.world[fluent];
    if (value === undefined) throw new EnvError(`${name}.setState: world misses ${fluent}`);
    const cell = cellIndex.get(String(value));
    if (cell === undefined || walls[cell] === 1) {
      throw new EnvError(
        `${name}.setState: ${fluent} = ${JSON.stringify(value)} is not a floor cell`
      );
    }
    const other = taken.get(cell);
    if (other !== undefined) {
      throw new EnvError(`${name}.setState: ${fluent} and ${other} are both on ${String(value)}`);
    }
    taken.set(cell, fluent);
    cells[o] = cell;
  });
  if (state.t !== undefined && (!Number.isInteger(state.t) || state.t < 0)) {
    throw new EnvError(
      `${name}.setState: t must be a non-negative integer, got ${String(state.t)}`
    );
  }
  return cells;
}

/**
 * What agent `agent` believes of `fluent` in a state: its definite belief, undefined for none,
 * the true value when the state gives the agent no beliefs at all.
 */
export function believed(
  state: SimulationState,
  agent: AgentId,
  fluent: Fluent
): Value | undefined {
  const mine = state.beliefs?.[agent];
  return mine === undefined ? state.world[fluent] : mine[fluent];
}
