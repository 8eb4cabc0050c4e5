/**
 * The trainer side of the ML-Agents link: a gRPC server for the one RPC
 * `communicator_objects.UnityToExternalProto/Exchange`. Unity is the client and always calls;
 * our "send" is the reply to Unity's parked call, our "receive" is Unity's next call. So the
 * handler never answers by itself: it parks the call until `reply()`.
 *
 * ```ts
 * const link = await Communicator.listen({ port: 0 });
 * const hello = await link.receive(60_000, "connect");
 * link.reply({ header: { status: 200 }, unity_input: { rl_initialization_input: init } });
 * ```
 */
import * as net from "net";
import * as grpc from "@grpc/grpc-js";
import { UnityError, UnityTimeOutError, UnityWorkerInUseError } from "./errors";
import { protocol, STATUS_CLOSE, type UnityMessage } from "./protocol";

/** Default cap on one message: far above gRPC's 4 MiB, so stacks of camera frames fit. */
export const DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

/**
 * Options of `Communicator.listen`.
 *
 * ```ts
 * await Communicator.listen({ port: 5005, host: "127.0.0.1", maxMessageBytes: 64 << 20 });
 * ```
 */
export interface CommunicatorOptions {
  /** The port to claim; 0 lets the OS pick a free one. */
  port: number;
  /** Address to bind (default 127.0.0.1, plus ::1 when it exists). Use "0.0.0.0" for Docker. */
  host?: string;
  /** Largest message Unity may send, in bytes (default 256 MiB). */
  maxMessageBytes?: number;
  /** The worker id, only to name it in a port-in-use error. */
  workerId?: number;
}

interface Parked {
  request: UnityMessage;
  answer: grpc.sendUnaryData<UnityMessage>;
}

interface Waiter {
  resolve(m: UnityMessage): void;
  reject(e: Error): void;
}

/** Whether host:port can be listened on now (checked first so a taken port is a clear error). */
function portFree(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

function bind(server: grpc.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port)
    )
  );
}

/**
 * A listening Exchange server with at most one parked Unity call.
 *
 * ```ts
 * const link = await Communicator.listen({ port: 0 });
 * console.log(link.port);
 * ```
 */
export class Communicator {
  private parked: Parked | undefined;
  private readonly inbox: Parked[] = [];
  private waiter: Waiter | undefined;
  private failure: Error | undefined;
  private closed = false;

  private constructor(
    private readonly server: grpc.Server,
    readonly port: number,
    readonly host: string
  ) {}

  /** Binds and starts the server; throws UnityWorkerInUseError when the port is taken. */
  static async listen(options: CommunicatorOptions): Promise<Communicator> {
    const host = options.host ?? "127.0.0.1";
    const max = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
      throw new UnityError(`port must be an integer in [0, 65535], got ${options.port}`);
    if (!Number.isInteger(max) || max < 1024)
      throw new UnityError(`maxMessageBytes must be an integer >= 1024, got ${max}`);
    if (!(await portFree(host, options.port)))
      throw new UnityWorkerInUseError(options.workerId ?? 0, options.port);
    const server = new grpc.Server({
      "grpc.max_receive_message_length": max,
      "grpc.max_send_message_length": max
    });
    const route: { to?: Communicator } = {}; // the handler exists before the object
    server.addService(protocol().service, {
      Exchange: (
        call: grpc.ServerUnaryCall<UnityMessage, UnityMessage>,
        answer: grpc.sendUnaryData<UnityMessage>
      ) => route.to?.arrive({ request: call.request, answer })
    });
    const wrap = host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
    let port: number;
    try {
      port = await bind(server, `${wrap}:${options.port}`);
    } catch (e) {
      server.forceShutdown();
      if (/in use|EADDRINUSE|No address added/i.test(String(e)))
        throw new UnityWorkerInUseError(options.workerId ?? 0, options.port);
      throw new UnityError(`Couldn't listen on ${host}:${options.port}: ${(e as Error).message}`);
    }
    // Unity dials "localhost", which may resolve to either loopback family.
    if (host === "127.0.0.1") await bind(server, `[::1]:${port}`).catch(() => undefined);
    route.to = new Communicator(server, port, host);
    return route.to;
  }

  private arrive(call: Parked): void {
    if (this.closed) {
      call.answer(null, { header: { status: STATUS_CLOSE } });
      return;
    }
    const waiter = this.waiter;
    if (waiter && !this.parked) {
      this.waiter = undefined;
      this.parked = call;
      waiter.resolve(call.request);
    } else {
      this.inbox.push(call);
    }
  }

  /** True while a Unity call waits for our reply. */
  get hasParkedCall(): boolean {
    return this.parked !== undefined;
  }

  /**
   * Unity's next message (its call stays parked until `reply`). Rejects with UnityTimeOutError
   * after `timeoutMs`, or with the error given to `fail` (e.g. the player exited).
   */
  receive(timeoutMs: number, phase: string): Promise<UnityMessage> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new UnityError("the communicator is closed"));
    if (this.parked) return Promise.reject(new UnityError("reply to Unity before receiving"));
    const next = this.inbox.shift();
    if (next) {
      this.parked = next;
      return Promise.resolve(next.request);
    }
    return new Promise<UnityMessage>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(
          new UnityTimeOutError(
            `The Unity environment took too long to respond (${phase}, waited ${timeoutMs / 1000} s).`
          )
        );
      }, timeoutMs);
      this.waiter = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        }
      };
    });
  }

  /** Answers Unity's parked call. */
  reply(message: UnityMessage): void {
    const parked = this.parked;
    if (!parked) throw new UnityError("no Unity call is waiting for a reply");
    this.parked = undefined;
    parked.answer(null, message);
  }

  /** Makes the pending and every later `receive` reject with `error` (player gone). */
  fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.failure);
  }

  /** Replies 400 ("close") to any parked call and stops the server. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const call of [this.parked, ...this.inbox])
      call?.answer(null, { header: { status: STATUS_CLOSE } });
    this.parked = undefined;
    this.inbox.length = 0;
    this.fail(new UnityError("the communicator is closed"));
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        this.server.forceShutdown();
        resolve();
      }, 1000);
      this.server.tryShutdown(() => {
        clearTimeout(force);
        resolve();
      });
    });
  }
}
