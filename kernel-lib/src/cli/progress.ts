/**
 * Progress of long `pwmk` work, on stderr only: a bar drawn by cli-progress when stderr is a
 * terminal, plain lines (at most one every few seconds, and one at the end) when it is a file or
 * a pipe, so that logs stay readable; nothing at all under `--json`. Stdout never sees progress.
 *
 * ```ts
 * const bar = startProgress({ err: (s) => process.stderr.write(s) }, "collect", 100, "episodes");
 * bar.update(40);
 * bar.stop();
 * ```
 */
import { Presets, SingleBar } from "cli-progress";
import type { CliIO } from "./io";

/**
 * One running progress display (a bar, plain lines, or nothing).
 *
 * ```ts
 * bar.update(3, "loss 0.41");
 * bar.stop();
 * ```
 */
export interface Progress {
  /** `done` units of the total are finished; `note` is shown beside the count. */
  update(done: number, note?: string): void;
  /** Ends the display (a terminal bar is cleared away; plain mode prints the last count). */
  stop(): void;
}

/** Seconds between two plain progress lines. */
const PLAIN_PERIOD_MS = 5000;

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/**
 * Starts a progress display of `total` `unit`s on `io`'s stderr: a bar on `io.tty`, plain lines
 * on `io.err` otherwise, nothing when `quiet` (`--json`).
 *
 * ```ts
 * const bar = startProgress(io, "epoch 1/20", 48, "batches");
 * ```
 */
export function startProgress(
  io: CliIO,
  label: string,
  total: number,
  unit: string,
  quiet = false
): Progress {
  if (quiet) return SILENT;
  return io.tty ? terminalBar(io.tty, label, total, unit) : plainLines(io, label, total, unit);
}

function terminalBar(
  tty: NodeJS.WritableStream,
  label: string,
  total: number,
  unit: string
): Progress {
  const bar = new SingleBar(
    {
      stream: tty,
      format: `${label} [{bar}] {value}/{total} ${unit} {percentage}% eta {eta_formatted} {note}`,
      barsize: 24,
      // The bar goes when it ends (results and summaries follow on clean lines), and it changes
      // no terminal setting that an interrupted run could leave behind (cursor, line wrapping).
      clearOnComplete: true,
      hideCursor: false,
      linewrap: true,
      gracefulExit: false
    },
    Presets.shades_classic
  );
  bar.start(total, 0, { note: "" });
  let stopped = false;
  return {
    update: (done, note = "") => bar.update(done, { note }),
    stop: () => {
      if (stopped) return;
      stopped = true;
      bar.stop();
    }
  };
}

function plainLines(io: CliIO, label: string, total: number, unit: string): Progress {
  let lastLine = Date.now();
  let done = 0;
  let note = "";
  let printed = -1;
  const line = () => {
    const pct = total > 0 ? Math.round((100 * Math.min(done, total)) / total) : 100;
    io.err(`${label}: ${done}/${total} ${unit} (${pct}%)${note ? ` ${note}` : ""}\n`);
    printed = done;
    lastLine = Date.now();
  };
  return {
    update: (value, text = "") => {
      done = value;
      note = text;
      if (Date.now() - lastLine >= PLAIN_PERIOD_MS) line();
    },
    stop: () => {
      if (printed !== done) line();
    }
  };
}
