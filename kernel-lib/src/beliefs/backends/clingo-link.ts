/**
 * The clingo solver in a worker thread of ours (plain Node module loading, one solver per store),
 * behind the shared request channel: a run past its time limit terminates the thread, and the
 * next run starts a fresh one (the KB lives on the host side, so nothing needs replaying).
 */
import { Worker } from "worker_threads";
import { EngineError } from "../errors";
import { EngineLink, LinkEvents, Reply, RequestChannel } from "./channel";

/** What clingo-wasm's run() returns. */
export interface ClingoOutput {
  Result: string;
  Error?: string;
  Call?: Array<{ Witnesses?: Array<{ Value: string[] }> }>;
}

interface ClingoRequest {
  program: string;
  models: number;
  options: string[];
}

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require("worker_threads");
const clingo = require(workerData.clingoPath);
parentPort.on("message", async (m) => {
  try {
    const r = await clingo.run(m.program, m.models, m.options);
    parentPort.postMessage({ id: m.id, result: r });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
parentPort.postMessage({ id: 0 });
`;

/** One solver thread; requests and replies are worker messages carrying the request id. */
class ClingoLink implements EngineLink<ClingoRequest, ClingoOutput> {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private dead = false;

  constructor(events: LinkEvents<ClingoOutput>) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { clingoPath: require.resolve("clingo-wasm") }
    });
    let started: () => void;
    this.ready = new Promise<void>((resolve) => (started = resolve));
    this.worker.on("message", (m: { id: number; result?: ClingoOutput; error?: string }) => {
      if (m.id === 0) return started();
      if (this.dead) return;
      events.reply(
        m.id,
        m.error !== undefined ? { error: new EngineError("clingo", m.error) } : { value: m.result! }
      );
    });
    const die = (err: Error): void => {
      if (this.dead) return;
      this.dead = true;
      events.died(err);
    };
    this.worker.on("error", (e) =>
      die(new EngineError("clingo", `the solver failed: ${e.message}`))
    );
    this.worker.on("exit", (code) =>
      die(new EngineError("clingo", `the solver stopped (exit code ${code})`))
    );
    // an idle solver must not keep the process alive; unref after the "message" listener (which refs)
    this.worker.unref();
  }

  send(id: number, req: ClingoRequest): Reply<ClingoOutput> | undefined {
    if (this.dead) throw new EngineError("clingo", "the solver is not running");
    this.worker.postMessage({ id, ...req });
    return undefined;
  }

  kill(): void {
    this.dead = true;
    void this.worker.terminate();
  }

  async close(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

/**
 * A clingo solver that survives timeouts.
 * ```ts
 * const solver = await ClingoSolver.start();
 * const out = await solver.run("a. b :- a.", 0, [], 1000); // out.Result === "SATISFIABLE"
 * await solver.close();
 * ```
 */
export class ClingoSolver {
  private constructor(private readonly channel: RequestChannel<ClingoRequest, ClingoOutput>) {}

  /** Starts the solver thread and runs a first program, so start-up is paid here. */
  static async start(): Promise<ClingoSolver> {
    const channel = await RequestChannel.open<ClingoRequest, ClingoOutput>({
      backend: "clingo",
      spawn: (events) => new ClingoLink(events),
      init: async (call) => {
        const r = await call({ program: "pwmk_ready.", models: 0, options: [] }, 60_000);
        if (r.Result === "ERROR") throw new EngineError("clingo", `start-up failed: ${r.Error}`);
      }
    });
    return new ClingoSolver(channel);
  }

  /** Starts a fresh solver when a timeout stopped the last one. */
  async ensureRunning(): Promise<void> {
    await this.channel.ensureRunning();
  }

  /**
   * Runs a program; past `timeMs` the solver thread is terminated (LimitExceededError) and the
   * next run starts a fresh one.
   */
  async run(
    program: string,
    models: number,
    options: string[],
    timeMs: number
  ): Promise<ClingoOutput> {
    await this.channel.ensureRunning();
    return this.channel.call({ program, models, options }, timeMs);
  }

  close(): Promise<void> {
    return this.channel.close();
  }
}
