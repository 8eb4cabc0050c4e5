/**
 * A blocking handle on a Unity environment, for code that must be synchronous (the
 * PerspectiveEnv contract). A worker thread runs the async UnityEnvironment; each call posts a
 * request and waits on a shared flag (Atomics.wait) for the answer, with a deadline.
 *
 * ```ts
 * const client = new UnitySyncClient({ fileName: simulatedBuildPath(), basePort: 0 });
 * const first = client.call({ op: "open", options }); // behavior specs and the first steps
 * ```
 */
import * as path from "path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "worker_threads";
import type { ActionBatch } from "./actions";
import {
  UnityActionError,
  UnityCommunicatorStoppedError,
  UnityEnvironmentError,
  UnityError,
  UnityObservationError,
  UnitySideChannelError,
  UnityTimeOutError
} from "./errors";
import type { BehaviorSpec, DecisionSteps, TerminalSteps } from "./steps";

/** What the worker reports after each call. */
export interface SyncSnapshot {
  specs: Record<string, BehaviorSpec>;
  steps: Record<string, [DecisionSteps, TerminalSteps]>;
  playerPid: number | undefined;
  port: number;
}

export type SyncRequest =
  | { op: "open"; options: Record<string, unknown>; parameters?: Record<string, number> }
  | { op: "reset"; parameters?: Record<string, number> }
  | { op: "step"; actions: Record<string, ActionBatch> }
  | { op: "close" };

export type SyncReply =
  { ok: true; result: SyncSnapshot | null } | { ok: false; name: string; message: string };

// The worker runs the compiled module, or in development the TypeScript source through tsx.
const BOOTSTRAP = String.raw`
const { workerData } = require("worker_threads");
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);
`;

const ERRORS: Record<string, new (m: string) => UnityError> = {
  UnityTimeOutError,
  UnityEnvironmentError,
  UnityActionError,
  UnityCommunicatorStoppedError,
  UnityObservationError,
  UnitySideChannelError
};

/**
 * Synchronous calls into a worker-hosted UnityEnvironment.
 *
 * ```ts
 * const snap = client.call({ op: "step", actions }, 60_000);
 * ```
 */
export class UnitySyncClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private seen = 0;
  private dead = false;

  constructor() {
    const ext = path.extname(__filename);
    const entry = path.join(__dirname, `sync-worker${ext}`);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        entry,
        tsx: ext === ".ts" ? require.resolve("tsx/cjs/api") : undefined,
        port: port2,
        flag: this.flag
      },
      transferList: [port2]
    });
    this.worker.unref(); // the notebook may exit with an env open; the guard cleans up the player
  }

  /** Sends `request` and blocks until its answer (or `timeoutMs`, then the worker is ended). */
  call(request: SyncRequest, timeoutMs: number): SyncSnapshot | null {
    if (this.dead)
      throw new UnityEnvironmentError("No Unity environment is loaded: it was closed.");
    this.port.postMessage(request);
    const deadline = Date.now() + timeoutMs;
    while (Atomics.load(this.flag, 0) === this.seen) {
      const left = deadline - Date.now();
      if (left <= 0) {
        this.terminate();
        throw new UnityTimeOutError(
          `The Unity environment took too long to respond (${request.op}, waited ${timeoutMs / 1000} s).`
        );
      }
      Atomics.wait(this.flag, 0, this.seen, left);
    }
    this.seen++;
    const message = receiveMessageOnPort(this.port);
    if (!message) throw new UnityError("the Unity worker answered nothing");
    const reply = message.message as SyncReply;
    if (!reply.ok) {
      const Kind = ERRORS[reply.name] ?? UnityError;
      throw new Kind(reply.message);
    }
    return reply.result;
  }

  /** Ends the worker; its player's guard sees the lifeline close and kills the player's group. */
  terminate(): void {
    if (this.dead) return;
    this.dead = true;
    void this.worker.terminate();
  }
}
