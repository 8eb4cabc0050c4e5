/**
 * The errors of the Unity layer. They mirror the exception kinds of Python's `mlagents_envs`, so
 * a user can tell a player that never connected from one that crashed or stopped answering.
 *
 * ```ts
 * try { await env.step(); } catch (e) { if (e instanceof UnityTimeOutError) console.log(e.message); }
 * ```
 */

/**
 * Base class of every Unity error.
 *
 * ```ts
 * if (e instanceof UnityError) console.log("Unity:", e.message);
 * ```
 */
export class UnityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * The player could not be launched, exited, or the protocol went wrong (version mismatch, bad
 * message).
 *
 * ```ts
 * await UnityEnvironment.create({ fileName: "missing" }).catch((e: UnityEnvironmentError) => e.message);
 * ```
 */
export class UnityEnvironmentError extends UnityError {}

/**
 * The player did not connect, or did not answer a step, in time.
 *
 * ```ts
 * await UnityEnvironment.create({ fileName, timeoutWait: 5 }); // may throw UnityTimeOutError
 * ```
 */
export class UnityTimeOutError extends UnityError {}

/**
 * Unity stopped the connection itself (a 400 message: the player quit, or Play was stopped).
 *
 * ```ts
 * try { await env.step(); } catch (e) { if (e instanceof UnityCommunicatorStoppedError) restart(); }
 * ```
 */
export class UnityCommunicatorStoppedError extends UnityError {}

/**
 * Actions do not fit the behavior's action spec, or name an agent that did not ask for a decision.
 *
 * ```ts
 * env.setActions("GridWorld?team=0", { discrete: [[9]] }); // UnityActionError: branch 0 has 5 actions
 * ```
 */
export class UnityActionError extends UnityError {}

/**
 * An observation could not be decoded (shape mismatch, bad PNG, NaN).
 *
 * ```ts
 * if (e instanceof UnityObservationError) console.log(e.message);
 * ```
 */
export class UnityObservationError extends UnityError {}

/**
 * A side-channel message was malformed, or two channels share an id.
 *
 * ```ts
 * new IncomingMessage(Buffer.alloc(2)).readInt32(); // returns the default; a bad frame throws this
 * ```
 */
export class UnitySideChannelError extends UnityError {}

/**
 * The port of this worker is taken (another environment, or a previous one not closed).
 *
 * ```ts
 * try { await UnityEnvironment.create({ fileName, workerId: 0 }); }
 * catch (e) { if (e instanceof UnityWorkerInUseError) console.log(e.port); }
 * ```
 */
export class UnityWorkerInUseError extends UnityError {
  constructor(
    /** The worker whose port is taken. */
    readonly workerId: number,
    /** The port: basePort + workerId. */
    readonly port: number,
    hint = "Close the previous environment (env.close()), pick another workerId, or pass basePort: 0 for a free port."
  ) {
    super(`Couldn't listen on port ${port}: worker ${workerId} is still in use. ${hint}`);
  }
}
