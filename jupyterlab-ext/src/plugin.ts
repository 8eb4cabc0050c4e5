/**
 * The JupyterLab plugin of jupyterlab-pwmk (package.json `jupyterlab.extension`): marks the
 * page once PWMK's front end is loaded, adds the viewers' commands to the command palette
 * (export the belief graph as SVG or PNG, fit it, play or pause the replay) and applies the
 * viewers' settings (layout, colours, replay speed) from JupyterLab's settings.
 */
import type { JupyterFrontEnd, JupyterFrontEndPlugin } from "@jupyterlab/application";
import { ICommandPalette } from "@jupyterlab/apputils";
import { ISettingRegistry } from "@jupyterlab/settingregistry";
import { currentBeliefGraph } from "./renderers/belief-graph";
import { currentTrajectory } from "./renderers/trajectory";
import { viewerSettings } from "./renderers/view-tools";
import { unityLauncherPlugin } from "./launcher/plugin";

/** Value of `document.body.dataset.pwmk` once the plugin has activated. */
export const ACTIVATED = "activated";

/**
 * The ids of the commands the plugin adds (all in the palette under "PWMK").
 *
 * ```ts
 * app.commands.execute(COMMANDS.exportSvg);
 * ```
 */
export const COMMANDS = {
  exportSvg: "pwmk:belief-graph-export-svg",
  exportPng: "pwmk:belief-graph-export-png",
  fit: "pwmk:belief-graph-fit",
  playPause: "pwmk:trajectory-play-pause"
} as const;

/** The settings as stored (see schema/plugin.json). */
interface Settings {
  graphMaxHeight?: number;
  replayStepsPerSecond?: number;
  falseBeliefColour?: string;
  trueFactColour?: string;
  objectColour?: string;
}

/**
 * Applies the viewers' settings: sizes and speed to the viewers, colours as CSS variables
 * (CSS.supports keeps anything that is not a colour out).
 *
 * ```ts
 * applySettings({ falseBeliefColour: "purple", replayStepsPerSecond: 8 });
 * ```
 */
export function applySettings(s: Settings): void {
  if (typeof s.graphMaxHeight === "number") viewerSettings.graphMaxHeight = s.graphMaxHeight;
  if (typeof s.replayStepsPerSecond === "number")
    viewerSettings.replayStepsPerSecond = s.replayStepsPerSecond;
  const colours: [keyof Settings, string][] = [
    ["falseBeliefColour", "--jp-pwmk-false-colour"],
    ["trueFactColour", "--jp-pwmk-true-colour"],
    ["objectColour", "--jp-pwmk-object-colour"]
  ];
  for (const [key, variable] of colours) {
    const value = s[key];
    if (typeof value === "string" && value !== "" && CSS.supports("color", value))
      document.body.style.setProperty(variable, value);
    else document.body.style.removeProperty(variable);
  }
}

/**
 * Marks activation on the page (`<body data-pwmk="activated">`) and in the console, adds the
 * commands and loads the settings.
 *
 * ```ts
 * // in a browser console on a JupyterLab page:
 * document.body.dataset.pwmk; // "activated"
 * ```
 */
export const pwmkPlugin: JupyterFrontEndPlugin<void> = {
  id: "jupyterlab-pwmk:plugin",
  description: "PWMK front end: viewer commands and settings; marks the page once active.",
  autoStart: true,
  optional: [ICommandPalette, ISettingRegistry],
  activate: (
    app: JupyterFrontEnd,
    palette: ICommandPalette | null,
    settings: ISettingRegistry | null
  ) => {
    document.body.dataset.pwmk = ACTIVATED;
    console.log(`jupyterlab-pwmk activated in ${app.name}`);
    const commands: [string, string, () => unknown, () => boolean][] = [
      [
        COMMANDS.exportSvg,
        "Export belief graph as SVG",
        () => currentBeliefGraph()?.exportSvg(),
        () => currentBeliefGraph() !== null
      ],
      [
        COMMANDS.exportPng,
        "Export belief graph as PNG",
        () => currentBeliefGraph()?.exportPng(),
        () => currentBeliefGraph() !== null
      ],
      [
        COMMANDS.fit,
        "Fit belief graph to view",
        () => currentBeliefGraph()?.fit(),
        () => currentBeliefGraph() !== null
      ],
      [
        COMMANDS.playPause,
        "Play / pause trajectory replay",
        () => {
          const viewer = currentTrajectory();
          if (viewer?.playing) viewer.pause();
          else viewer?.play();
        },
        () => currentTrajectory() !== null
      ]
    ];
    for (const [id, label, execute, isEnabled] of commands) {
      app.commands.addCommand(id, {
        label,
        caption: `${label} (the one last used)`,
        execute,
        isEnabled
      });
      palette?.addItem({ command: id, category: "PWMK" });
    }
    if (settings) {
      settings
        .load(pwmkPlugin.id)
        .then((loaded) => {
          applySettings(loaded.composite as Settings);
          loaded.changed.connect(() => applySettings(loaded.composite as Settings));
        })
        .catch((error: unknown) => console.warn("jupyterlab-pwmk: settings not loaded:", error));
    }
  }
};

// The extension module's plugins: the viewers' front end and the Unity environment launcher.
export default [pwmkPlugin, unityLauncherPlugin];
