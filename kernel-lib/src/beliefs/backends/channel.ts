/**
 * The one restartable request channel every engine transport uses (the swipl-wasm worker, the
 * swipl-native subprocess and the clingo worker). It owns what they share: request ids, a
 * timeout on every request and on start-up, stopping the engine when a request overruns or the
 * engine dies, starting a fresh one on the next `ensureRunning()` (which reports the restart so
 * the store replays its mirror of the KB), and reaping the thread or process on close.
 *
 * A transport only supplies a {@link EngineLink}: how to start one engine, send it a request,
 * and stop it. Replies come back through {@link LinkEvents} or, when the link can wait cheaply
 * for a quick answer, synchronously from `send`.
 */
import { BeliefStoreError, EngineError, LimitExceededError } from "../errors";
import type { BackendName } from "./engine";

/** The answer to one request: a value, or an error (`fatal` when the engine must be restarted). */
export type Reply<Res> = { value: Res } | { error: Error; fatal?: boolean };

/** How a link reports back to its channel. */
export interface LinkEvents<Res> {
  /** The answer to request `id`. */
  reply(id: number, r: Reply<Res>): void;
  /** The engine stopped on its own (crash, exit); every pending request fails with `err`. */
  died(err: Error): void;
}

/** One running engine (a worker thread or a child process) as the channel sees it. */
export interface EngineLink<Req, Res> {
  /** Resolves once the engine accepts requests; rejects when it fails to start. */
  readonly ready: Promise<void>;
  /**
   * Sends request `id`. A link that can wait cheaply returns the reply when it arrives within
   * `syncBudgetMs`; otherwise it returns undefined and answers later through `events.reply`.
   */
  send(id: number, req: Req, syncBudgetMs: number): Reply<Res> | undefined;
  /** Stops the engine at once; no reply or death is reported after this. */
  kill(): void;
  /** Stops the engine gently and resolves when it is gone (the link bounds the wait). */
  close(): Promise<void>;
}

/** Options of a channel. */
export interface ChannelOptions<Req, Res> {
  /** The backend, for error messages. */
  backend: BackendName;
  /** Starts one engine. */
  spawn(events: LinkEvents<Res>): EngineLink<Req, Res>;
  /** Longest wait for an engine to start, in ms (default 60,000). */
  startTimeoutMs?: number;
  /** Runs after every start, before any request (e.g. the sandbox's allow list). */
  init?(call: (req: Req, timeoutMs: number) => Promise<Res>): Promise<void>;
  /** How long `call` may block the thread waiting for a quick reply, in ms (default 0: never). */
  syncBudgetMs?: number;
}

interface Pending<Res> {
  resolve(r: Res): void;
  reject(e: Error): void;
  timer?: NodeJS.Timeout;
}

/**
 * A request channel to one engine that restarts it after a timeout or crash.
 * ```ts
 * const ch = await RequestChannel.open({ backend: "swipl", spawn: (ev) => new MyLink(ev) });
 * if (await ch.ensureRunning()) replayState(); // the engine was restarted
 * const answer = await ch.call("ping", 1000);
 * await ch.close();
 * ```
 */
export class RequestChannel<Req, Res> {
  private link?: EngineLink<Req, Res>;
  private readonly pending = new Map<number, Pending<Res>>();
  private nextId = 1;
  private restarted = false;
  private closed = false;
  private starting?: Promise<void>;

  private constructor(private readonly options: ChannelOptions<Req, Res>) {}

  /** Starts the engine and runs `init`; rejects (and reaps the engine) when either fails. */
  static async open<Req, Res>(
    options: ChannelOptions<Req, Res>
  ): Promise<RequestChannel<Req, Res>> {
    const ch = new RequestChannel(options);
    await ch.start();
    return ch;
  }

  /** Whether an engine is running now (false after a timeout or crash, until ensureRunning). */
  get running(): boolean {
    return this.link !== undefined;
  }

  /**
   * Makes sure an engine runs; resolves true when a fresh engine had to be started since the
   * last call (its state is empty: the caller replays what it holds).
   */
  async ensureRunning(): Promise<boolean> {
    if (this.closed) throw new BeliefStoreError("the store is closed");
    if (!this.link) {
      await this.start();
      this.restarted = true;
    }
    const r = this.restarted;
    this.restarted = false;
    return r;
  }

  /**
   * Sends one request. Past `timeoutMs` the request rejects with LimitExceededError("time") and
   * the engine is stopped; the next ensureRunning() starts a fresh one.
   */
  call(req: Req, timeoutMs: number): Promise<Res> {
    if (this.closed) return Promise.reject(new BeliefStoreError("the store is closed"));
    const link = this.link;
    if (!link)
      return Promise.reject(new EngineError(this.options.backend, "the engine is not running"));
    return this.callOn(link, req, timeoutMs);
  }

  /** Stops the engine and waits until its thread or process is gone; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const link = this.link;
    this.link = undefined;
    this.failAll(new BeliefStoreError("the store is closed"));
    await this.starting?.catch(() => undefined);
    if (link) await link.close();
  }

  private callOn(link: EngineLink<Req, Res>, req: Req, timeoutMs: number): Promise<Res> {
    const id = this.nextId++;
    let quick: Reply<Res> | undefined;
    try {
      quick = link.send(id, req, Math.min(this.options.syncBudgetMs ?? 0, timeoutMs));
    } catch (e) {
      return Promise.reject(e as Error);
    }
    if (quick) return this.settle(link, quick);
    return new Promise<Res>((resolve, reject) => {
      const timer = setTimeout(() => {
        // the engine is past the limit: stop it; the next ensureRunning() starts a fresh one
        this.pending.delete(id);
        this.stop(link);
        reject(new LimitExceededError("time", timeoutMs));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
    });
  }

  private settle(link: EngineLink<Req, Res>, r: Reply<Res>): Promise<Res> {
    if ("value" in r) return Promise.resolve(r.value);
    if (r.fatal) this.stop(link);
    return Promise.reject(r.error);
  }

  private start(): Promise<void> {
    this.starting ??= this.startOnce().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startOnce(): Promise<void> {
    const limit = this.options.startTimeoutMs ?? 60_000;
    // the link reports into the channel only while it is the current one
    const started: { link?: EngineLink<Req, Res> } = {};
    const current = (): EngineLink<Req, Res> | undefined =>
      started.link && this.link === started.link ? started.link : undefined;
    const events: LinkEvents<Res> = {
      reply: (id, r) => {
        const live = current();
        if (!live) return;
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        clearTimeout(p.timer);
        if ("value" in r) p.resolve(r.value);
        else {
          if (r.fatal) this.stop(live);
          p.reject(r.error);
        }
      },
      died: (err) => {
        if (!current()) return;
        this.link = undefined;
        this.failAll(err);
      }
    };
    const link = this.options.spawn(events);
    started.link = link;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        link.ready,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(
                new EngineError(
                  this.options.backend,
                  `the engine did not start within ${limit / 1000} s`
                )
              ),
            limit
          );
        })
      ]);
      if (this.closed) throw new BeliefStoreError("the store is closed");
      this.link = link;
      await this.options.init?.((req, timeoutMs) => this.callOn(link, req, timeoutMs));
    } catch (e) {
      if (this.link === link) this.link = undefined;
      link.kill();
      await link.close();
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  private stop(link: EngineLink<Req, Res>): void {
    if (this.link !== link) return link.kill();
    this.link = undefined;
    link.kill();
    this.failAll(
      new EngineError(this.options.backend, "the engine was stopped while this request waited")
    );
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }
}
