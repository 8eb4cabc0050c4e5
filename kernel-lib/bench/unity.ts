/**
 * Unity protocol throughput: steps per second of `UnityEnvironment` against the simulated build
 * (a separate process, over loopback gRPC), anchored on the same scene stepped in-process with
 * the same work on the observations (PNG encode in the scene, decode into steps). The ratio is
 * what the protocol and the second process cost. A second figure puts the blocking
 * `UnityPerspectiveEnv` (a worker thread) beside the async `UnityEnvironment`.
 */
import type { Suite } from "./harness";
import { timePerCall, timePerCallSync } from "./harness";
import { UnityEnvironment } from "../src/unity/environment";
import { UnityPerspectiveEnv } from "../src/unity/perspective-env";
import { SimScene } from "../src/unity/sim/scene";
import { simulatedBuildPath } from "../src/unity/sim/build-path";
import { behaviorSpecFromProto, stepsFromProto } from "../src/unity/steps";

const GRID = "GridWorld?team=0";
const MOVES = [[1], [4], [2]];

export const unitySuite: Suite = {
  name: "unity",
  async run(report) {
    // Anchor: the scene in-process, its infos decoded as the library decodes them.
    const scene = new SimScene({ seed: 0, numAreas: 1, actions: "discrete" });
    scene.fullReset();
    let infos = scene.collect();
    const spec = behaviorSpecFromProto(
      {
        brain_name: GRID,
        action_spec: {
          num_continuous_actions: 0,
          num_discrete_actions: 1,
          discrete_branch_sizes: [5]
        }
      },
      infos[0]
    );
    const local = timePerCallSync(() => {
      scene.act(MOVES.map((d) => ({ continuous_actions: [], discrete_actions: d })));
      infos = scene.collect();
      stepsFromProto(infos, spec);
    }, 300);

    const env = await UnityEnvironment.create({
      fileName: simulatedBuildPath(),
      basePort: 0,
      connectTimeout: 120
    });
    try {
      await env.reset();
      const remote = await timePerCall(async () => {
        env.setActions(GRID, {
          discrete: env.getSteps(GRID)[0].agentId.map((_, i) => MOVES[i % 3])
        });
        await env.step();
      }, 200);
      report({
        name: "UnityEnvironment.step, simulated build over loopback gRPC (3 agents, 20x20 PNG cameras)",
        value: remote * 1000,
        unit: "ms/step",
        anchor: {
          name: "the same scene stepped in-process, observations decoded",
          value: local * 1000
        },
        better: "lower"
      });

      const perspective = new UnityPerspectiveEnv({
        fileName: simulatedBuildPath(),
        basePort: 0,
        connectTimeout: 120,
        reseed: { parameter: "seed" }
      });
      try {
        perspective.reset({ seed: 0 });
        const sync = timePerCallSync(() => {
          if (perspective.agents.length === 0) perspective.reset();
          perspective.step(
            Object.fromEntries(perspective.agents.map((a, i) => [a, MOVES[i % 3][0]]))
          );
        }, 200);
        report({
          name: "UnityPerspectiveEnv.step (blocking, through a worker thread)",
          value: sync * 1000,
          unit: "ms/step",
          anchor: { name: "UnityEnvironment.step (async, same build)", value: remote * 1000 },
          better: "lower"
        });
      } finally {
        perspective.close();
      }
    } finally {
      await env.close();
    }
  }
};
