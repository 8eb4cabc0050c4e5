/**
 * Finding the executable of a Unity build from what the user typed: "builds/GridWorld",
 * "builds/GridWorld.x86_64", a macOS "GridWorld.app", or a Windows build folder.
 *
 * ```ts
 * resolvePlayerPath("builds/GridWorld"); // "/home/me/builds/GridWorld.x86_64"
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import { UnityEnvironmentError } from "./errors";

const SUFFIXES = [".x86_64", ".x86", ".app", ".exe"];

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function candidates(base: string, platform: NodeJS.Platform): string[] {
  const name = path.basename(base);
  const macDir = (p: string): string[] => {
    const dir = path.join(`${p}.app`, "Contents", "MacOS");
    let others: string[] = [];
    try {
      others = fs.readdirSync(dir).map((f) => path.join(dir, f));
    } catch {
      /* no bundle there */
    }
    return [path.join(dir, name), ...others];
  };
  const winDir = (p: string): string[] => {
    try {
      return fs
        .readdirSync(p)
        .filter((f) => f.toLowerCase().endsWith(".exe") && !f.startsWith("UnityCrashHandler"))
        .map((f) => path.join(p, f));
    } catch {
      return [];
    }
  };
  const abs = path.resolve(base);
  if (platform === "darwin") return [...macDir(abs), abs];
  if (platform === "win32") return [`${abs}.exe`, ...winDir(abs), abs];
  return [`${abs}.x86_64`, `${abs}.x86`, abs];
}

/**
 * The executable to launch for `fileName`; throws a UnityEnvironmentError listing the paths
 * tried, or naming a file that is not executable (with the chmod to fix it).
 *
 * ```ts
 * const exe = resolvePlayerPath("builds/GridWorld");
 * ```
 */
export function resolvePlayerPath(
  fileName: string,
  platform: NodeJS.Platform = process.platform
): string {
  if (typeof fileName !== "string" || fileName.trim() === "")
    throw new UnityEnvironmentError(
      "fileName must name a Unity build (a path), got an empty value"
    );
  if (isFile(fileName) && !(platform === "darwin" && fileName.endsWith(".app")))
    return checkExecutable(path.resolve(fileName), platform);
  const suffix = SUFFIXES.find((s) => fileName.toLowerCase().endsWith(s));
  const base = suffix ? fileName.slice(0, -suffix.length) : fileName;
  const tried = candidates(base, platform);
  const found = tried.find(isFile);
  if (!found)
    throw new UnityEnvironmentError(
      `Couldn't launch the ${fileName} environment: no executable found. Tried: ${tried.join(", ")}`
    );
  return checkExecutable(found, platform);
}

function checkExecutable(file: string, platform: NodeJS.Platform): string {
  if (platform === "win32") return file;
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new UnityEnvironmentError(
      `${file} is not executable. Make it so with: chmod -R 755 ${JSON.stringify(path.dirname(file))}`
    );
  }
  return file;
}
