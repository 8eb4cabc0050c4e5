/**
 * The request channel every engine transport shares, specified with an in-memory engine:
 * timeouts, restarts, crashes, quick synchronous replies, start-up failures and reaping.
 */
import {
  ChannelOptions,
  EngineLink,
  LinkEvents,
  Reply,
  RequestChannel
} from "../../src/beliefs/backends/channel";
import { LimitExceededError } from "../../src/beliefs/errors";

/** An engine that echoes requests after `delayMs`; "hang" never answers, "sync" answers at once. */
class FakeLink implements EngineLink<string, string> {
  static started = 0;
  static live = new Set<FakeLink>();
  readonly ready: Promise<void>;
  killed = false;
  closed = false;

  constructor(
    private readonly events: LinkEvents<string>,
    startFails = false
  ) {
    FakeLink.started++;
    FakeLink.live.add(this);
    this.ready = startFails ? Promise.reject(new Error("cannot start")) : Promise.resolve();
    this.ready.catch(() => undefined);
  }

  send(id: number, req: string): Reply<string> | undefined {
    if (req === "sync") return { value: "quick" };
    if (req === "trap") return { error: new Error("runtime unusable"), fatal: true };
    if (req === "crash") {
      setTimeout(() => this.events.died(new Error("engine crashed")), 1);
      return undefined;
    }
    if (req !== "hang") setTimeout(() => this.events.reply(id, { value: `echo ${req}` }), 1);
    return undefined;
  }

  kill(): void {
    this.killed = true;
    FakeLink.live.delete(this);
  }

  async close(): Promise<void> {
    this.closed = true;
    FakeLink.live.delete(this);
  }
}

async function open(
  extra: Partial<ChannelOptions<string, string>> = {}
): Promise<RequestChannel<string, string>> {
  return RequestChannel.open<string, string>({
    backend: "swipl",
    spawn: (events) => new FakeLink(events),
    ...extra
  });
}

beforeEach(() => {
  FakeLink.started = 0;
  FakeLink.live.clear();
});

describe("RequestChannel", () => {
  test("answers requests by id, asynchronously or at once", async () => {
    const ch = await open();
    expect(await Promise.all([ch.call("a", 1000), ch.call("b", 1000)])).toEqual([
      "echo a",
      "echo b"
    ]);
    expect(await ch.call("sync", 1000)).toBe("quick");
    await ch.close();
  });

  test("a request past its timeout is a time-limit error; the engine is stopped and restarted", async () => {
    const ch = await open();
    await expect(ch.call("hang", 20)).rejects.toThrow(LimitExceededError);
    expect(ch.running).toBe(false);
    await expect(ch.call("a", 1000)).rejects.toThrow(/the engine is not running/);
    // the restart is reported once, so the caller replays its state exactly once
    expect(await ch.ensureRunning()).toBe(true);
    expect(await ch.ensureRunning()).toBe(false);
    expect(FakeLink.started).toBe(2);
    expect(await ch.call("a", 1000)).toBe("echo a");
    await ch.close();
  });

  test("init runs on every start, before any request", async () => {
    const seen: string[] = [];
    const ch = await open({
      init: async (call) => {
        seen.push(await call("init", 1000));
      }
    });
    await expect(ch.call("hang", 10)).rejects.toThrow(LimitExceededError);
    await ch.ensureRunning();
    expect(seen).toEqual(["echo init", "echo init"]);
    await ch.close();
  });

  test("a crash fails the pending request with the engine's error; the next start is fresh", async () => {
    const ch = await open();
    await expect(ch.call("crash", 1000)).rejects.toThrow(/engine crashed/);
    expect(await ch.ensureRunning()).toBe(true);
    await ch.close();
  });

  test("a fatal reply is delivered, then the engine is stopped", async () => {
    const ch = await open();
    await expect(ch.call("trap", 1000)).rejects.toThrow(/runtime unusable/);
    expect(ch.running).toBe(false);
    expect(await ch.ensureRunning()).toBe(true);
    await ch.close();
  });

  test("an engine that fails to start is an error, and is reaped", async () => {
    let link: FakeLink | undefined;
    await expect(
      RequestChannel.open<string, string>({
        backend: "swipl",
        spawn: (events) => (link = new FakeLink(events, true))
      })
    ).rejects.toThrow(/cannot start/);
    expect(link?.killed).toBe(true);
  });

  test("start-up has a timeout too", async () => {
    class NeverReady extends FakeLink {
      readonly ready = new Promise<void>(() => undefined);
    }
    await expect(
      RequestChannel.open<string, string>({
        backend: "clingo",
        spawn: (events) => new NeverReady(events),
        startTimeoutMs: 20
      })
    ).rejects.toThrow(/clingo engine error: the engine did not start within 0.02 s/);
    expect(FakeLink.live.size).toBe(0);
  });

  test("close reaps the engine, fails waiting requests, and refuses new ones", async () => {
    const ch = await open();
    const waiting = ch.call("hang", 10_000);
    await ch.close();
    await expect(waiting).rejects.toThrow(/the store is closed/);
    await expect(ch.call("a", 1000)).rejects.toThrow(/the store is closed/);
    await expect(ch.ensureRunning()).rejects.toThrow(/the store is closed/);
    expect(FakeLink.live.size).toBe(0);
  });
});
