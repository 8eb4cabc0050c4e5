/**
 * The worker side of `UnitySyncClient`: it owns one async UnityEnvironment (its gRPC server and
 * player) and answers requests one at a time. Each answer is posted on the port, then the
 * shared flag wakes the blocked caller.
 */
import { parentPort, workerData, type MessagePort } from "worker_threads";
import type { ActionBatch } from "./actions";
import { UnityEnvironment, type UnityEnvironmentOptions } from "./environment";
import { EnvironmentParametersChannel } from "./side-channels";
import type { SyncReply, SyncRequest, SyncSnapshot } from "./sync-client";

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };
let env: UnityEnvironment | undefined;
let params = new EnvironmentParametersChannel();

function snapshot(e: UnityEnvironment): SyncSnapshot {
  const steps: SyncSnapshot["steps"] = {};
  for (const name of Object.keys(e.behaviorSpecs)) steps[name] = e.getSteps(name);
  return { specs: e.behaviorSpecs, steps, playerPid: e.playerPid, port: e.port };
}

async function handle(req: SyncRequest): Promise<SyncSnapshot | null> {
  if (req.op === "open") {
    await env?.close();
    params = new EnvironmentParametersChannel();
    env = await UnityEnvironment.create({
      ...(req.options as UnityEnvironmentOptions),
      sideChannels: [params]
    });
    for (const [key, value] of Object.entries(req.parameters ?? {}))
      params.setFloatParameter(key, value);
    await env.reset();
    return snapshot(env);
  }
  if (!env) throw new Error("no Unity environment is open");
  if (req.op === "reset") {
    for (const [key, value] of Object.entries(req.parameters ?? {}))
      params.setFloatParameter(key, value);
    await env.reset();
    return snapshot(env);
  }
  if (req.op === "step") {
    for (const [name, batch] of Object.entries(req.actions as Record<string, ActionBatch>))
      env.setActions(name, batch);
    await env.step();
    return snapshot(env);
  }
  await env.close();
  env = undefined;
  return null;
}

port.on("message", (req: SyncRequest) => {
  handle(req)
    .then(
      (result): SyncReply => ({ ok: true, result }),
      (e: Error): SyncReply => ({ ok: false, name: e.name, message: e.message })
    )
    .then((reply) => {
      port.postMessage(reply);
      Atomics.add(flag, 0, 1);
      Atomics.notify(flag, 0);
    });
});
parentPort?.postMessage("ready");
