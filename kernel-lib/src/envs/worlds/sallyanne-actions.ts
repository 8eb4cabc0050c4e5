/**
 * SallyAnneWorld's actions: the table of every action an agent can take (its index is the
 * Discrete action), their names, and how one is carried out on the RoomWorld.
 *
 * ```ts
 * const table = actionTable(["sally", "anne"], { room: ["basket", "box"] }, ["marble"]);
 * table.map(describeAction); // ["wait", "enter room", "exit", "move marble basket", ...]
 * ```
 */
import type { AgentId } from "../../epistemic/events";
import type { RoomWorld } from "../../stories/rooms";

/**
 * One action of SallyAnneWorld.
 *
 * ```ts
 * const act: StoryAction = { kind: "peek", container: "box" };
 * ```
 */
export type StoryAction =
  | { kind: "wait" }
  | { kind: "enter"; room: string }
  | { kind: "exit" }
  | { kind: "move"; object: string; container: string }
  | { kind: "peek"; container: string }
  | { kind: "tell"; listener: AgentId; object: string; container: string }
  | { kind: "announce"; object: string; container: string };

/**
 * Every action, in index order: wait, enter each room, exit, move each object to each container,
 * peek into each container, then per object and container a tell to each listener and an
 * announcement.
 *
 * ```ts
 * actionTable(["a"], { r: ["c"] }, ["o"]).length; // 7
 * ```
 */
export function actionTable(
  agents: readonly AgentId[],
  rooms: Readonly<Record<string, readonly string[]>>,
  objects: readonly string[]
): StoryAction[] {
  const containers = Object.values(rooms).flat();
  const acts: StoryAction[] = [{ kind: "wait" }];
  for (const room of Object.keys(rooms)) acts.push({ kind: "enter", room });
  acts.push({ kind: "exit" });
  for (const object of objects)
    for (const container of containers) acts.push({ kind: "move", object, container });
  for (const container of containers) acts.push({ kind: "peek", container });
  for (const object of objects) {
    for (const container of containers) {
      for (const listener of agents) acts.push({ kind: "tell", listener, object, container });
      acts.push({ kind: "announce", object, container });
    }
  }
  return acts;
}

/**
 * The name of an action, as `actionIndex` and `script` read it.
 *
 * ```ts
 * describeAction({ kind: "move", object: "marble", container: "box" }); // "move marble box"
 * ```
 */
export function describeAction(act: StoryAction): string {
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

/**
 * Carries out `agent`'s action on the room world; throws (the world unchanged) when it does not
 * fit the moment, e.g. moving an object in another room.
 *
 * ```ts
 * performAction(world, "anne", { kind: "move", object: "marble", container: "box" });
 * ```
 */
export function performAction(world: RoomWorld, agent: AgentId, act: StoryAction): void {
  switch (act.kind) {
    case "wait":
      return;
    case "enter":
      world.enter(agent, act.room);
      return;
    case "exit":
      world.exit(agent);
      return;
    case "move":
      world.move(agent, act.object, act.container);
      return;
    case "peek":
      world.peek(agent, act.container);
      return;
    case "tell":
      world.tellPrivately(agent, act.listener, act.object, act.container);
      return;
    case "announce":
      world.tellPublicly(agent, act.object, act.container);
      return;
  }
}
