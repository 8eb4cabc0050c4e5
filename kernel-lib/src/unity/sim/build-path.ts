/**
 * Where the simulated build is: a small executable script (created once per process in a
 * private temporary folder) that runs `pwmk-unity-sim` with this Node, from the compiled
 * package or, in development, from the TypeScript source through tsx.
 *
 * ```ts
 * const env = await UnityEnvironment.create({ fileName: simulatedBuildPath(), basePort: 0 });
 * ```
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

let cached: string | undefined;

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The path of an executable simulated Unity build (POSIX shells only).
 *
 * ```ts
 * simulatedBuildPath(); // "/tmp/pwmk-sim-AbC123/SimGridWorld.x86_64"
 * ```
 */
export function simulatedBuildPath(): string {
  if (cached && fs.existsSync(cached)) return cached;
  const ext = path.extname(__filename); // ".js" when compiled, ".ts" in development
  const main = path.join(__dirname, `main${ext}`);
  const runner = ext === ".ts" ? `-r ${quote(require.resolve("tsx/cjs"))} ` : "";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-sim-"));
  const file = path.join(dir, "SimGridWorld.x86_64");
  fs.writeFileSync(
    file,
    `#!/bin/sh\nexec ${quote(process.execPath)} ${runner}${quote(main)} "$@"\n`,
    { mode: 0o755 }
  );
  cached = file;
  // The script is only read when a player starts; remove it with this process.
  process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  return file;
}
