/**
 * Where `pwmk` progress goes: a bar redrawn in place on a terminal, plain lines (no carriage
 * returns, one at the end) on a file or pipe, nothing under --json; never on stdout.
 */
import { PassThrough } from "stream";
import { CliIO, runCommand } from "../../src/cli/io";
import { startProgress } from "../../src/cli/progress";

/** A fake terminal: a stream that says it is a TTY and records what is drawn on it. */
function fakeTerminal(): { tty: NodeJS.WritableStream; drawn: () => string } {
  const stream = new PassThrough() as PassThrough & { isTTY: boolean; columns: number };
  stream.isTTY = true;
  stream.columns = 100;
  let drawn = "";
  stream.on("data", (b: Buffer) => (drawn += b.toString("utf8")));
  return { tty: stream, drawn: () => drawn };
}

function captured(tty?: NodeJS.WritableStream): {
  io: CliIO;
  out: () => string;
  err: () => string;
} {
  let out = "";
  let err = "";
  return {
    io: { out: (s) => (out += s), err: (s) => (err += s), ...(tty ? { tty } : {}) },
    out: () => out,
    err: () => err
  };
}

describe("pwmk progress", () => {
  it("draws a bar on a terminal, rewriting its line, and nothing on stdout or the plain sink", async () => {
    const terminal = fakeTerminal();
    const { io, out, err } = captured(terminal.tty);
    const bar = startProgress(io, "collect", 10, "episodes");
    for (let i = 1; i <= 10; i++) bar.update(i, `${i * 7} steps`);
    bar.stop();
    await new Promise((r) => setImmediate(r));
    expect(terminal.drawn()).toMatch(/collect \[[█░]+\] 10\/10 episodes 100%/);
    expect(terminal.drawn()).toContain("70 steps");
    // redrawn from the first column each time, and cleared away at the end
    expect(terminal.drawn().split("\x1b[1Gcollect [").length).toBeGreaterThan(2);
    expect(terminal.drawn().endsWith("\x1b[2K")).toBe(true);
    expect(out()).toBe("");
    expect(err()).toBe("");
  });

  it("writes plain lines without carriage returns when stderr is not a terminal", () => {
    const { io, out, err } = captured();
    const bar = startProgress(io, "story", 3, "stories");
    bar.update(1);
    bar.update(3);
    bar.stop();
    bar.stop();
    expect(err()).toBe("story: 3/3 stories (100%)\n");
    expect(out()).toBe("");
  });

  it("shows nothing under --json, and a command's open bars are stopped when it fails", async () => {
    const quiet = captured();
    const silent = startProgress(quiet.io, "train", 5, "batches", true);
    silent.update(5);
    silent.stop();
    expect(quiet.err()).toBe("");

    const plain = captured();
    let exit = -1;
    await runCommand(
      plain.io,
      false,
      "collect",
      (c) => (exit = c),
      async (ctx) => {
        ctx.progress("collect", 4, "episodes").update(2);
        throw new Error("disk full");
      }
    );
    expect(exit).toBe(1);
    expect(plain.err()).toBe("collect: 2/4 episodes (50%)\nerror: disk full\n");
    expect(plain.out()).toBe("");
  });
});
