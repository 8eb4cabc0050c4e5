/**
 * The Unity environment launcher of jupyterlab-pwmk.
 *
 * ```ts
 * import { unityLauncherPlugin } from "jupyterlab-pwmk";
 * ```
 */
export {
  unityLauncherPlugin,
  openLaunchNotebook,
  LAUNCH_COMMAND,
  LAUNCHER_CATEGORY,
  LAUNCHER_PLUGIN_ID
} from "./plugin";
export {
  buildsFromSettings,
  SIMULATED_BUILD,
  SIMULATED_BUILD_NAME,
  type UnityBuild
} from "./builds";
export { launchNotebook } from "./notebook";
