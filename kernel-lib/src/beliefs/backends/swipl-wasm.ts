/**
 * The `swipl` backend: SWI-Prolog compiled to WebAssembly (npm swipl-wasm). The engine runs in a
 * worker thread so that a host-side timeout can always stop it: the wasm engine's own heartbeat
 * does not fire on every kind of loop, so when a query overruns its time limit the worker is
 * terminated and restarted, and the store replays its state. Inference limits run in-engine.
 *
 * Requests and replies cross the thread boundary through shared memory: the host writes the
 * request text into a SharedArrayBuffer and wakes the worker with Atomics.notify; the worker
 * calls `pwmk_handle/2` directly through the engine's foreign interface and writes the reply
 * back. The host waits for a quick reply synchronously for at most a millisecond (a ground query
 * takes about 15 µs), then asynchronously (Atomics.waitAsync), so a slow query never blocks it.
 * Texts larger than the shared buffer travel over a MessagePort instead.
 */
import { MessageChannel, MessagePort, receiveMessageOnPort, Worker } from "worker_threads";
import { EngineError } from "../errors";
import { EngineLink, LinkEvents, Reply, RequestChannel } from "./channel";
import { PrologBackend, prologInit } from "./prolog";
import { SWIPL_CORE } from "./swipl-core";

// Slots of the control array.
const REQ_SEQ = 0; // bumped by the host for every request; the worker waits on it
const RESP_SEQ = 1; // set by the worker to the request's sequence number when the reply is ready
const REQ_LEN = 2; // bytes of request text in the shared buffer, or -1 when it came over the port
const RESP_LEN = 3; // bytes of reply text, or -1 when it went over the port
const RESP_KIND = 4; // 0 reply text, 1 error message, 2 error that left the wasm runtime unusable
const SPIN = 5; // 1 when the worker should look for the next request briefly before it sleeps
const CONTROL_BYTES = 64;

/** `Atomics.waitAsync` (Node 16+), typed here: TypeScript declares it only from lib ES2024. */
type WaitAsyncResult =
  | { async: false; value: "not-equal" | "timed-out" }
  | { async: true; value: Promise<"ok" | "timed-out"> };
const waitAsync = (
  Atomics as unknown as {
    waitAsync(ta: Int32Array, index: number, value: number): WaitAsyncResult;
  }
).waitAsync;
/** Bytes for each direction's text; larger texts use the MessagePort. */
const AREA_BYTES = 256 * 1024;
/** Longest synchronous wait for a reply, in ms: quick queries answer well within it. */
const SYNC_BUDGET_MS = 1;
/** How long each side looks for the other's next message before it sleeps, in ms. */
const WORKER_SPIN_MS = 0.02;
const HOST_SPIN_MS = 0.03;

// The worker is plain JavaScript evaluated from this string, so it runs the same under ts-node,
// tsx, jest and the compiled library.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData, receiveMessageOnPort } = require("worker_threads");
const SWIPL = require(workerData.swiplPath);
const { sab, port, control, area } = workerData;
const ctl = new Int32Array(sab, 0, control / 4);
const reqBuf = Buffer.from(sab, control, area);
const respBuf = Buffer.from(sab, control + area, area);
const WASM_TRAP = /out of bounds|Aborted\(|unreachable|call stack|signature mismatch|null function|integer overflow/i;
(async () => {
  const stderr = [];
  let P, pred;
  try {
    const swipl = await SWIPL({ arguments: ["-q"], print: () => undefined, printErr: (s) => { stderr.push(s); if (stderr.length > 20) stderr.shift(); } });
    const path = "/pwmk_core_" + workerData.id + ".pl";
    swipl.FS.writeFile(path, workerData.core);
    for (const g of ["consult('" + path + "')", "'$pwmk_setup_limits'", "set_prolog_flag(autoload, false)"]) {
      const r = swipl.prolog.query(g).once();
      if (!r || r.success === false || r.error) throw new Error("start-up goal " + g + " failed: " + stderr.join(" "));
    }
    swipl.FS.unlink(path);
    P = swipl.prolog;
    pred = P.predicate("pwmk_handle/2");
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.message || e) });
    return;
  }
  const flags = P.PL_Q_CATCH_EXCEPTION | P.PL_Q_EXT_STATUS;
  // pwmk_handle(+RequestText, -ReplyText), called through the foreign interface: no goal text
  // to parse and no conversion of bindings, unlike prolog.query().
  const handle = (text) => {
    const fid = P.bindings.PL_open_foreign_frame();
    try {
      const av = P.new_term_ref(2);
      if (!P.put_chars(av, text)) throw new Error("cannot pass the request to the engine");
      const q = P.bindings.PL_open_query(0, flags, pred, av);
      let out = null;
      try {
        const rc = P.bindings.PL_next_solution(q);
        if (rc === P.PL_S_EXCEPTION) throw new Error(P.message_to_string(P.bindings.PL_exception(q)));
        if (rc === P.PL_S_TRUE || rc === P.PL_S_LAST) out = P.get_chars(av + 1, P.CVT_STRING);
      } finally {
        P.bindings.PL_cut_query(q);
      }
      if (out === null) throw new Error("no response: " + stderr.slice(-3).join(" "));
      return out;
    } finally {
      P.bindings.PL_discard_foreign_frame(fid);
    }
  };
  parentPort.postMessage({ ready: true });
  const { performance } = require("perf_hooks");
  let seen = 0;
  for (;;) {
    let seq = Atomics.load(ctl, ${REQ_SEQ});
    if (seq === seen && Atomics.load(ctl, ${SPIN}) === 1) {
      // the host asks for it (see SpinTuner): look for the next request briefly first
      const until = performance.now() + ${WORKER_SPIN_MS};
      while ((seq = Atomics.load(ctl, ${REQ_SEQ})) === seen && performance.now() < until);
    }
    if (seq === seen) {
      // sleep until the host bumps the sequence number (bounded, so the loop stays responsive)
      Atomics.wait(ctl, ${REQ_SEQ}, seen, 1000);
      continue;
    }
    seen = seq;
    const len = Atomics.load(ctl, ${REQ_LEN});
    let kind = 0, out;
    try {
      const text = len >= 0 ? reqBuf.toString("utf8", 0, len) : receiveMessageOnPort(port).message;
      out = handle(text);
    } catch (e) {
      out = String((e && e.message) || e);
      kind = WASM_TRAP.test(out) ? 2 : 1;
    }
    let n = -1;
    if (out.length * 3 <= respBuf.length || Buffer.byteLength(out) <= respBuf.length) n = respBuf.write(out, 0);
    else port.postMessage(out);
    Atomics.store(ctl, ${RESP_LEN}, n);
    Atomics.store(ctl, ${RESP_KIND}, kind);
    Atomics.store(ctl, ${RESP_SEQ}, seq);
    Atomics.notify(ctl, ${RESP_SEQ});
    if (kind === 2) return; // the runtime is unusable; the host stops this worker
  }
})();
`;

let instanceCounter = 0;

/**
 * Whether the two threads should look for each other's next message for a few microseconds
 * before they sleep. Waking a sleeping thread costs more than a ground query, so on an idle
 * machine looking halves a call; on a busy one, a looking thread steals the CPU the other
 * needs and makes calls slower. The tuner keeps the mean time from one request to the next in
 * each mode (while calls come in a loop, under 5 ms apart), uses the faster mode, and tries the
 * other for 4 calls in every 128.
 * ```ts
 * const tuner = new SpinTuner();
 * const spin = tuner.next(); // ... call ...
 * tuner.record(msSinceLastRequest); // before the next call's next()
 * ```
 */
export class SpinTuner {
  private readonly mean = { spin: NaN, sleep: NaN };
  private calls = 0;
  private mode: "spin" | "sleep" = "spin";

  /** Whether this call spins. */
  next(): boolean {
    this.calls++;
    const best = this.mean.sleep < this.mean.spin ? "sleep" : "spin";
    const explore = (this.calls & 127) < 4;
    this.mode = explore ? (best === "spin" ? "sleep" : "spin") : best;
    return this.mode === "spin";
  }

  /** The time from the last request, made in the mode `next()` chose, to this one. */
  record(ms: number): void {
    // a pause of the whole process (garbage collection) is no property of the mode: cap it
    const x = Math.min(ms, 0.3);
    const m = this.mean[this.mode];
    this.mean[this.mode] = Number.isNaN(m) ? x : m * 0.9 + x * 0.1;
  }
}

/** One wasm engine in a worker thread, reached through shared memory. */
class SwiplWasmLink implements EngineLink<string, string> {
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly sab = new SharedArrayBuffer(CONTROL_BYTES + 2 * AREA_BYTES);
  private readonly ctl = new Int32Array(this.sab, 0, CONTROL_BYTES / 4);
  private readonly reqBuf = Buffer.from(this.sab, CONTROL_BYTES, AREA_BYTES);
  private readonly respBuf = Buffer.from(this.sab, CONTROL_BYTES + AREA_BYTES, AREA_BYTES);
  private readonly port: MessagePort;
  private seq = 0;
  private inFlight?: number;
  private dead = false;
  private readonly tuner = new SpinTuner();
  private lastSend = -Infinity;

  constructor(private readonly events: LinkEvents<string>) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        swiplPath: require.resolve("swipl-wasm"),
        core: SWIPL_CORE,
        id: `${process.pid}_${++instanceCounter}`,
        sab: this.sab,
        port: port2,
        control: CONTROL_BYTES,
        area: AREA_BYTES
      },
      transferList: [port2]
    });
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.once("message", (m: { ready?: boolean; error?: string }) =>
        m.ready ? resolve() : reject(new EngineError("swipl", m.error ?? "start-up failed"))
      );
      this.worker.once("error", (e) => reject(new EngineError("swipl", e.message)));
    });
    this.ready.catch(() => undefined);
    this.worker.on("error", (e) =>
      this.die(new EngineError("swipl", `the wasm engine failed: ${e.message}`))
    );
    this.worker.on("exit", (code) =>
      this.die(new EngineError("swipl", `the wasm engine stopped (exit code ${code})`))
    );
    // an idle store must not keep the process alive (a pending call holds the channel's timer);
    // unref after the listeners are attached, since a "message" listener refs the worker again
    this.worker.unref();
    this.port.unref();
  }

  send(id: number, text: string, syncBudgetMs: number): Reply<string> | undefined {
    if (this.dead) throw new EngineError("swipl", "the engine is not running");
    if (this.inFlight !== undefined)
      throw new EngineError("swipl", "internal: a request is already in flight");
    const seq = ++this.seq;
    let len = -1;
    if (text.length * 3 <= AREA_BYTES || Buffer.byteLength(text) <= AREA_BYTES)
      len = this.reqBuf.write(text, 0);
    else this.port.postMessage(text);
    // the time since the last request, when calls come in a loop, measures the mode it ran in
    const now = performance.now();
    if (now - this.lastSend < 5) this.tuner.record(now - this.lastSend);
    this.lastSend = now;
    const spin = this.tuner.next();
    Atomics.store(this.ctl, SPIN, spin ? 1 : 0);
    Atomics.store(this.ctl, REQ_LEN, len);
    Atomics.store(this.ctl, REQ_SEQ, seq);
    Atomics.notify(this.ctl, REQ_SEQ);
    if (syncBudgetMs > 0 && this.waitSync(seq, syncBudgetMs, spin)) return this.read();
    this.inFlight = id;
    const w = waitAsync(this.ctl, RESP_SEQ, seq - 1);
    const deliver = (): void => {
      if (this.dead || this.inFlight !== id) return;
      if (Atomics.load(this.ctl, RESP_SEQ) !== seq) {
        // woken without a reply (e.g. a spurious wake): keep waiting
        const again = waitAsync(this.ctl, RESP_SEQ, seq - 1);
        if (again.async) void again.value.then(deliver);
        else deliver();
        return;
      }
      this.inFlight = undefined;
      this.events.reply(id, this.read());
    };
    if (w.async) void w.value.then(deliver);
    else queueMicrotask(deliver);
    return undefined;
  }

  /**
   * Waits until the reply to `seq` is there or the budget is spent: asleep, after looking for a
   * few microseconds when `spin` (see SpinTuner).
   */
  private waitSync(seq: number, budgetMs: number, spin: boolean): boolean {
    const start = performance.now();
    if (spin) {
      const until = start + Math.min(budgetMs, HOST_SPIN_MS);
      while (Atomics.load(this.ctl, RESP_SEQ) !== seq && performance.now() < until);
    }
    const deadline = start + budgetMs;
    while (Atomics.load(this.ctl, RESP_SEQ) !== seq) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.ctl, RESP_SEQ, seq - 1, left);
    }
    return true;
  }

  private read(): Reply<string> {
    const len = Atomics.load(this.ctl, RESP_LEN);
    const kind = Atomics.load(this.ctl, RESP_KIND);
    let text: string;
    if (len >= 0) text = this.respBuf.toString("utf8", 0, len);
    else {
      const m = receiveMessageOnPort(this.port);
      if (!m) return { error: new EngineError("swipl", "the reply went missing"), fatal: true };
      text = m.message as string;
    }
    if (kind === 0) return { value: text };
    return { error: new EngineError("swipl", text), fatal: kind === 2 };
  }

  private die(err: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.port.close();
    this.events.died(err);
  }

  kill(): void {
    if (!this.dead) {
      this.dead = true;
      this.port.close();
    }
    void this.worker.terminate();
  }

  async close(): Promise<void> {
    this.dead = true;
    this.port.close();
    await this.worker.terminate();
  }
}

/**
 * Starts the `swipl` (WebAssembly) backend.
 * ```ts
 * const engine = await startSwiplWasm();
 * ```
 */
export async function startSwiplWasm(): Promise<PrologBackend> {
  const channel = await RequestChannel.open<string, string>({
    backend: "swipl",
    spawn: (events) => new SwiplWasmLink(events),
    init: prologInit("swipl"),
    syncBudgetMs: SYNC_BUDGET_MS
  });
  return new PrologBackend("swipl", channel, "host");
}
