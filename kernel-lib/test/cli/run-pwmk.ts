/** Test helper: runs `pwmk args...` in this process and returns the exit code and its output. */
import { main } from "../../src/cli/main";

export async function pwmk(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await main(["node", "pwmk", ...args], {
    out: (s) => (out += s),
    err: (s) => (err += s)
  });
  return { code, out, err };
}
