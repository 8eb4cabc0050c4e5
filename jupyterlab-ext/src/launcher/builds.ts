/**
 * The Unity builds the launcher offers: the ones configured in the settings (name, path,
 * arguments, worker count), checked one by one, plus the simulated build that ships with pwmk.
 *
 * ```ts
 * const { builds, problems } = buildsFromSettings({ builds: [{ name: "GridWorld", path: "/opt/GridWorld.x86_64" }] });
 * ```
 */

/**
 * One build a card stands for. `simulated` builds run pwmk's own simulated Unity player.
 *
 * ```ts
 * const build: UnityBuild = { name: "GridWorld", path: "/opt/GridWorld.x86_64", arguments: [], workers: 1 };
 * ```
 */
export interface UnityBuild {
  name: string;
  path: string;
  arguments: string[];
  workers: number;
  simulated?: boolean;
}

/** The name of the simulated build's card. */
export const SIMULATED_BUILD_NAME = "Simulated GridWorld";

/**
 * The simulated build: three agents with camera views, no Unity needed.
 *
 * ```ts
 * SIMULATED_BUILD.simulated; // true
 * ```
 */
export const SIMULATED_BUILD: UnityBuild = {
  name: SIMULATED_BUILD_NAME,
  path: "",
  arguments: [],
  workers: 1,
  simulated: true
};

function checkBuild(
  b: Record<string, unknown>,
  label: string,
  seen: UnityBuild[]
): string | undefined {
  if (typeof b.name !== "string" || b.name.trim() === "") return `${label} has no name`;
  if (typeof b.path !== "string" || b.path.trim() === "") return `${label} has no path`;
  if (b.name === SIMULATED_BUILD_NAME || seen.some((x) => x.name === b.name))
    return `${label} is named twice`;
  const args = b.arguments ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== "string"))
    return `${label}: arguments must be a list of strings`;
  const workers = b.workers ?? 1;
  if (typeof workers !== "number" || !Number.isInteger(workers) || workers < 1 || workers > 16)
    return `${label}: workers must be an integer from 1 to 16`;
  return undefined;
}

/**
 * The builds of the settings, and a message for each entry that was left out (and why).
 *
 * ```ts
 * buildsFromSettings({ builds: [{ name: "", path: "x" }] }).problems; // ["build 1 has no name"]
 * ```
 */
export function buildsFromSettings(settings: { builds?: unknown; showSimulatedBuild?: unknown }): {
  builds: UnityBuild[];
  problems: string[];
} {
  const builds: UnityBuild[] = [];
  const problems: string[] = [];
  const list = Array.isArray(settings.builds) ? settings.builds : [];
  list.forEach((raw: unknown, i) => {
    const b = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
    const label = typeof b.name === "string" && b.name.trim() ? `"${b.name}"` : `build ${i + 1}`;
    const problem = checkBuild(b, label, builds);
    if (problem) problems.push(problem);
    else
      builds.push({
        name: b.name as string,
        path: b.path as string,
        arguments: (b.arguments ?? []) as string[],
        workers: (b.workers ?? 1) as number
      });
  });
  if (settings.showSimulatedBuild !== false) builds.push(SIMULATED_BUILD);
  return { builds, problems };
}
