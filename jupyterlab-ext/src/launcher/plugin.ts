/**
 * The Unity environment launcher: a "Unity environments" section in the launcher with a card per
 * configured build (Settings → PWMK Unity builds) and one for the simulated build, and the
 * command "Launch Unity environment..." (pick a build, or type the path of one). Launching opens
 * a new TypeScript notebook, ready to run, that connects to the build (see notebook.ts).
 *
 * ```ts
 * app.commands.execute(LAUNCH_COMMAND, { build: "Simulated GridWorld" });
 * ```
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette, InputDialog, showErrorMessage } from "@jupyterlab/apputils";
import { ILauncher } from "@jupyterlab/launcher";
import { ISettingRegistry } from "@jupyterlab/settingregistry";
import { buildsFromSettings, SIMULATED_BUILD, type UnityBuild } from "./builds";
import { KERNEL, launchNotebook } from "./notebook";

/** The command id. */
export const LAUNCH_COMMAND = "pwmk:launch-unity-environment";
/** The launcher section. */
export const LAUNCHER_CATEGORY = "Unity environments";
/** The plugin id (its settings: schema/unity-launcher.json). */
export const LAUNCHER_PLUGIN_ID = "jupyterlab-pwmk:unity-launcher";

const OTHER_FILE = "Another build (type its path)...";

/** The file name of a launch notebook: "unity-<name>.ipynb" in `cwd`, made unique by the caller. */
export function notebookName(build: UnityBuild): string {
  const slug =
    build.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "build";
  return `unity-${slug}.ipynb`;
}

type Contents = JupyterFrontEnd["serviceManager"]["contents"];

/** The first of name.ipynb, name-1.ipynb, ... not in `dir` (read from its listing: no 404s). */
async function freePath(contents: Contents, dir: string, name: string): Promise<string> {
  const listing = await contents.get(dir, { content: true });
  const taken = new Set(
    Array.isArray(listing.content) ? (listing.content as { name: string }[]).map((f) => f.name) : []
  );
  const base = name.replace(/\.ipynb$/, "");
  for (let i = 0; i < 1000; i++) {
    const file = `${base}${i === 0 ? "" : `-${i}`}.ipynb`;
    if (!taken.has(file)) return dir ? `${dir}/${file}` : file;
  }
  throw new Error(`no free file name for ${name} in ${dir || "the root folder"}`);
}

/**
 * Writes the launch notebook of `build` in `cwd` and opens it with the TypeScript kernel.
 *
 * ```ts
 * await openLaunchNotebook(app, SIMULATED_BUILD, "");
 * ```
 */
export async function openLaunchNotebook(
  app: JupyterFrontEnd,
  build: UnityBuild,
  cwd: string
): Promise<string> {
  const contents = app.serviceManager.contents;
  const path = await freePath(contents, cwd, notebookName(build));
  await contents.save(path, { type: "notebook", format: "json", content: launchNotebook(build) });
  await app.commands.execute("docmanager:open", {
    path,
    factory: "Notebook",
    kernel: { name: KERNEL.name }
  });
  return path;
}

/**
 * Asks which build to launch: the configured ones, the simulated one, or a path typed in. Says
 * so when no build is configured. Resolves undefined when the user cancels.
 */
async function pickBuild(
  builds: UnityBuild[],
  configured: number
): Promise<UnityBuild | undefined> {
  const names = [...builds.map((b) => b.name), OTHER_FILE];
  const picked = await InputDialog.getItem({
    title: "Launch Unity environment",
    label:
      configured === 0
        ? "No Unity build is configured yet (Settings → PWMK Unity builds). Pick the simulated build, or type a path:"
        : "Build:",
    items: names,
    current: 0
  });
  if (!picked.button.accept || picked.value === null) return undefined;
  const chosen = builds.find((b) => b.name === picked.value);
  if (chosen) return chosen;
  const typed = await InputDialog.getText({
    title: "Launch Unity environment",
    label:
      "Path of the Unity build (its executable, e.g. builds/GridWorld.x86_64, on the machine running the kernel):",
    placeholder: "/path/to/Build.x86_64"
  });
  if (!typed.button.accept || typed.value === null) return undefined;
  const path = typed.value.trim();
  if (path === "") {
    await showErrorMessage(
      "Launch Unity environment",
      "No path was given: type the path of a Unity build's executable."
    );
    return undefined;
  }
  return { name: path.split(/[\\/]/).pop() || path, path, arguments: [], workers: 1 };
}

/**
 * The launcher plugin (see the module comment).
 *
 * ```ts
 * export default [pwmkPlugin, unityLauncherPlugin];
 * ```
 */
export const unityLauncherPlugin: JupyterFrontEndPlugin<void> = {
  id: LAUNCHER_PLUGIN_ID,
  description: "Unity environment launcher: cards per configured build and the simulated build.",
  autoStart: true,
  optional: [ILauncher, ISettingRegistry, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    launcher: ILauncher | null,
    settings: ISettingRegistry | null,
    palette: ICommandPalette | null
  ) => {
    let builds: UnityBuild[] = [SIMULATED_BUILD];
    let configured = 0;
    let cards: { dispose(): void }[] = [];
    const refresh = (values: { builds?: unknown; showSimulatedBuild?: unknown }) => {
      const read = buildsFromSettings(values);
      builds = read.builds;
      configured = builds.filter((b) => !b.simulated).length;
      for (const p of read.problems) console.warn(`jupyterlab-pwmk: Unity build left out: ${p}`);
      for (const c of cards) c.dispose();
      cards = launcher
        ? builds.map((b, rank) =>
            launcher.add({
              command: LAUNCH_COMMAND,
              args: { build: b.name },
              category: LAUNCHER_CATEGORY,
              rank
            })
          )
        : [];
    };
    app.commands.addCommand(LAUNCH_COMMAND, {
      label: (args) =>
        typeof args.build === "string" ? args.build : "Launch Unity environment...",
      caption: (args) =>
        typeof args.build === "string"
          ? `Open a notebook that launches ${args.build} and shows it`
          : "Open a notebook that launches a Unity environment and shows it",
      execute: async (args): Promise<string | undefined> => {
        const cwd = typeof args.cwd === "string" ? args.cwd : "";
        let build: UnityBuild | undefined;
        if (typeof args.build === "string") {
          build = builds.find((b) => b.name === args.build);
          if (!build) {
            await showErrorMessage(
              "Launch Unity environment",
              `No Unity build is configured under the name ${JSON.stringify(args.build)}.`
            );
            return undefined;
          }
        } else if (typeof args.path === "string") {
          build = { name: args.path, path: args.path, arguments: [], workers: 1 };
        } else {
          build = await pickBuild(builds, configured);
        }
        if (!build) return undefined;
        try {
          return await openLaunchNotebook(app, build, cwd);
        } catch (error) {
          await showErrorMessage(
            "Launch Unity environment",
            `Couldn't open the launch notebook: ${(error as Error).message}`
          );
          return undefined;
        }
      }
    });
    palette?.addItem({ command: LAUNCH_COMMAND, category: "PWMK" });
    refresh({});
    if (settings) {
      settings
        .load(LAUNCHER_PLUGIN_ID)
        .then((loaded) => {
          refresh(loaded.composite as Record<string, unknown>);
          loaded.changed.connect(() => refresh(loaded.composite as Record<string, unknown>));
        })
        .catch((error: unknown) =>
          console.warn("jupyterlab-pwmk: Unity builds not loaded:", error)
        );
    }
  }
};
