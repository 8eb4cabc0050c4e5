#!/usr/bin/env node
/**
 * `pwmk-unity-sim`: a simulated Unity player. It accepts a Unity player's command line
 * (`--mlagents-port N`, `-logFile PATH`, `-nographics`, `-batchmode`, and ignores other Unity
 * flags) and plays the ML-Agents side of the protocol for a GridWorld scene, so the library,
 * launchers and tutorials can be tried without Unity.
 *
 * ```sh
 * pwmk-unity-sim --mlagents-port 5005 -logFile /tmp/player.log --pwmk-actions continuous
 * ```
 */
import * as fs from "fs";
import { parseFaults } from "./faults";
import { runPlayer } from "./player";

const HELP = `pwmk-unity-sim: a simulated Unity ML-Agents player (GridWorld, several agents, camera views)
  --mlagents-port N         trainer port (without it the player never connects, like a Unity build)
  -logFile PATH             write the player log there ("-" for stdout)
  -nographics, -batchmode   accepted (the simulation never opens a window)
  --pwmk-actions KIND       discrete (default), continuous or hybrid
  --pwmk-agents N           agents per training area (default 3)
  --pwmk-max-step N         steps before an episode is cut (default 100)
  --pwmk-view-radius N      cells seen around each agent (default 2: a 5x5 view)
  --pwmk-fault LIST         misbehave: crash@K, segv@K, hang@K, quit@K, version=X, noconnect,
                            nodecisions, slow=MS, oversize, ignore-sigterm (also PWMK_SIM_FAULT)`;

function main(argv: string[]): void {
  const value = (flag: string): string | undefined => {
    const i = argv.findIndex((a) => a.toLowerCase() === flag.toLowerCase());
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(HELP);
    return;
  }
  const logFile = value("-logFile");
  const log = (line: string): void => {
    const text = `[${new Date().toISOString()}] ${line}\n`;
    if (logFile === "-") process.stdout.write(text);
    else if (logFile) fs.appendFileSync(logFile, text);
  };
  const faults = parseFaults(value("--pwmk-fault") ?? process.env.PWMK_SIM_FAULT);
  const actions = value("--pwmk-actions") ?? "discrete";
  if (actions !== "discrete" && actions !== "continuous" && actions !== "hybrid")
    throw new Error(`--pwmk-actions must be discrete, continuous or hybrid, got ${actions}`);
  const agents = value("--pwmk-agents");
  const agentsPerArea = agents === undefined ? undefined : Number(agents);
  if (
    agentsPerArea !== undefined &&
    !(Number.isInteger(agentsPerArea) && agentsPerArea >= 1 && agentsPerArea <= 8)
  )
    throw new Error(`--pwmk-agents must be an integer from 1 to 8, got ${agents}`);
  const positive = (flag: string, max: number): number | undefined => {
    const text = value(flag);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!(Number.isInteger(n) && n >= 1 && n <= max))
      throw new Error(`${flag} must be an integer from 1 to ${max}, got ${text}`);
    return n;
  };
  const maxStep = positive("--pwmk-max-step", 1e6);
  const viewRadius = positive("--pwmk-view-radius", 6);
  log(`pwmk-unity-sim started: ${argv.join(" ")}`);
  process.on("SIGTERM", () => {
    if (faults.ignoreSigterm) return log("SIGTERM ignored (simulated)");
    log("SIGTERM: quitting");
    process.exit(0);
  });
  const portText = value("--mlagents-port");
  const port = portText === undefined ? NaN : Number(portText);
  if (faults.noConnect || !Number.isInteger(port) || port <= 0) {
    log("No --mlagents-port given: running in inference mode, not connecting.");
    setTimeout(() => process.exit(0), 30 * 60_000);
    return;
  }
  runPlayer({ port, log, faults, actions, agentsPerArea, maxStep, viewRadius }).then(
    () => process.exit(0),
    (e: Error) => {
      log(`Fatal: ${e.stack ?? e.message}`);
      process.exit(1);
    }
  );
}

main(process.argv.slice(2));
