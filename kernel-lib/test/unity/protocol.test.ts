/**
 * The wire formats, checked against bytes computed independently from the protocol's tables:
 * messages, side-channel frames and payloads, observations (PNG with channel mappings), version
 * rules, player command lines and build paths.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { encodePng } from "../../src/envs/png";
import { checkActionTuple, toAgentActions } from "../../src/unity/actions";
import { UnityObservationError, UnitySideChannelError } from "../../src/unity/errors";
import { playerArgs, versionsCompatible } from "../../src/unity/launch";
import { decodeObservation } from "../../src/unity/observations";
import { resolvePlayerPath } from "../../src/unity/player-path";
import { protocol } from "../../src/unity/protocol";
import {
  decodeSideChannelFrames,
  guidBytes,
  guidString,
  IncomingMessage
} from "../../src/unity/side-channel-messages";
import {
  EngineConfigurationChannel,
  EnvironmentParametersChannel,
  SideChannelManager,
  StatsSideChannel
} from "../../src/unity/side-channels";
import { stepsFromProto } from "../../src/unity/steps";

describe("messages", () => {
  test("encode to the protocol's bytes", () => {
    const { encode, decode } = protocol();
    expect(encode({ header: { status: 200 } }).toString("hex")).toBe("0a0308c801");
    expect(encode({ header: { status: 400 } }).toString("hex")).toBe("0a03089003");
    expect(
      encode({ header: { status: 200 }, unity_input: { rl_input: { command: "RESET" } } }).toString(
        "hex"
      )
    ).toBe("0a0308c8011a040a022001");
    // AgentInfoProto.id is field 10 and observations field 13, under UnityRLOutputProto.agentInfos (2).
    const back = decode(
      encode({
        header: { status: 200 },
        unity_output: {
          rl_output: {
            agentInfos: {
              "B?team=0": {
                value: [
                  {
                    id: 7,
                    reward: 0.5,
                    done: false,
                    max_step_reached: false,
                    action_mask: [true],
                    observations: [],
                    group_id: 2,
                    group_reward: 0
                  }
                ]
              }
            },
            side_channel: Buffer.alloc(0)
          }
        }
      })
    );
    const info = back.unity_output!.rl_output!.agentInfos["B?team=0"].value[0];
    expect([info.id, info.reward, info.group_id, info.action_mask]).toEqual([7, 0.5, 2, [true]]);
  });
});

describe("side channels", () => {
  test("channel ids use .NET Guid byte order", () => {
    expect(guidBytes(EngineConfigurationChannel.ID).toString("hex")).toBe(
      "2c3451e97e4fea11b238784f4387d1f7"
    );
    expect(guidBytes(StatsSideChannel.ID).toString("hex")).toBe("b7f7d8a1c8cef950b78bd3e165a78520");
    expect(guidString(guidBytes(EnvironmentParametersChannel.ID))).toBe(
      EnvironmentParametersChannel.ID
    );
    expect(() => guidBytes("not-a-uuid")).toThrow(UnitySideChannelError);
  });

  test("engine configuration and environment parameters frame as the protocol says", () => {
    const engine = new EngineConfigurationChannel();
    engine.setConfigurationParameters({ timeScale: 20 });
    expect(new SideChannelManager([engine]).collectOutgoing().toString("hex")).toBe(
      "2c3451e97e4fea11b238784f4387d1f7" + "08000000" + "02000000" + "0000a041"
    );
    const params = new EnvironmentParametersChannel();
    params.setFloatParameter("gridSize", 5);
    expect(new SideChannelManager([params]).collectOutgoing().toString("hex")).toBe(
      "1e894c530f81ea11a9d0822485860400" +
        "14000000" +
        "08000000" +
        "6772696453697a65" +
        "00000000" +
        "0000a040"
    );
    expect(() => engine.setConfigurationParameters({ width: 84 })).toThrow(
      /width and height must be set together/
    );
    expect(() => params.setFloatParameter("é", 1)).toThrow(/ASCII/);
  });

  test("stats are dispatched by id; unknown ids are kept aside; garbled frames are errors", () => {
    const stats = new StatsSideChannel();
    const manager = new SideChannelManager([stats]);
    const payload = Buffer.concat([
      Buffer.from("04000000", "hex"),
      Buffer.from("loss"),
      Buffer.from("0000803f", "hex"),
      Buffer.from("01000000", "hex")
    ]);
    const len = Buffer.alloc(4);
    len.writeInt32LE(payload.length);
    const unknown = Buffer.concat([
      guidBytes("00000000-0000-4000-8000-000000000000"),
      Buffer.from("00000000", "hex")
    ]);
    manager.dispatch(Buffer.concat([guidBytes(StatsSideChannel.ID), len, payload, unknown]));
    expect(stats.getAndResetStats()).toEqual({ loss: [[1, 1]] });
    expect([...manager.unknownIds]).toEqual(["00000000-0000-4000-8000-000000000000"]);
    expect(() => decodeSideChannelFrames(Buffer.alloc(10))).toThrow(/cut short/);
    expect(() =>
      decodeSideChannelFrames(
        Buffer.concat([guidBytes(StatsSideChannel.ID), Buffer.from("ff000000", "hex")])
      )
    ).toThrow(/says 255 bytes/);
    expect(() => new SideChannelManager([new StatsSideChannel(), new StatsSideChannel()])).toThrow(
      /share the id/
    );
  });

  test("readers return defaults past the end", () => {
    const m = new IncomingMessage(Buffer.from([1]));
    expect([
      m.readBool(),
      m.readInt32(9),
      m.readFloat32(2.5),
      m.readString("x"),
      m.readFloat32List([1])
    ]).toEqual([true, 9, 2.5, "x", [1]]);
  });
});

describe("observations", () => {
  const image = (h: number, w: number, rgb: [number, number, number]): Uint8Array => {
    const data = new Uint8Array(h * w * 3);
    for (let i = 0; i < h * w; i++) data.set(rgb, i * 3);
    return encodePng({ data, shape: [h, w, 3] });
  };

  test("a PNG camera decodes channels first in [0, 1]", () => {
    const out = decodeObservation({
      shape: [3, 2, 4],
      compression_type: "PNG",
      compressed_data: image(2, 4, [255, 0, 51])
    });
    expect(out.length).toBe(24);
    expect([out[0], out[8], out[16]]).toEqual([1, 0, Math.fround(0.2)]);
  });

  test("concatenated PNGs follow the channel mapping (stacked grey frames are averaged)", () => {
    const bytes = Buffer.concat([image(1, 1, [255, 255, 255]), image(1, 1, [0, 0, 0])]);
    const stacked = decodeObservation({
      shape: [2, 1, 1],
      compression_type: "PNG",
      compressed_data: bytes,
      compressed_channel_mapping: [0, 0, 0, 1, 1, 1]
    });
    expect(Array.from(stacked)).toEqual([1, 0]);
    const grey = decodeObservation({
      shape: [1, 1, 1],
      compression_type: "PNG",
      compressed_data: image(1, 1, [255, 0, 0])
    });
    expect(grey[0]).toBeCloseTo(1 / 3);
    expect(() =>
      decodeObservation({
        shape: [3, 2, 2],
        compression_type: "PNG",
        compressed_data: image(1, 1, [0, 0, 0])
      })
    ).toThrow(/PNG is 1x1, shape says 2x2/);
    expect(() =>
      decodeObservation({ shape: [2], compression_type: "NONE", float_data: { data: [1] } })
    ).toThrow(UnityObservationError);
    expect(() =>
      decodeObservation({ shape: [1], compression_type: "NONE", float_data: { data: [NaN] } })
    ).toThrow(/NaN/);
  });

  test("steps split on done; masks are per branch, true = unavailable", () => {
    const info = (id: number, done: boolean, mask: boolean[]) => ({
      id,
      done,
      reward: id,
      max_step_reached: done,
      action_mask: mask,
      group_id: 0,
      group_reward: 0,
      observations: [{ shape: [1], compression_type: "NONE" as const, float_data: { data: [id] } }]
    });
    const spec = {
      name: "B",
      observationSpecs: [
        { name: "v", shape: [1], dimensionProperties: [1], observationType: "DEFAULT" as const }
      ],
      actionSpec: { continuousSize: 0, discreteBranches: [2, 3] }
    };
    const [d, t] = stepsFromProto(
      [info(4, true, []), info(4, false, [false, true, true, false, false]), info(5, false, [])],
      spec
    );
    expect(d.agentId).toEqual([4, 5]);
    expect(t.agentId).toEqual([4]);
    expect(t.interrupted).toEqual([true]);
    expect(Array.from(d.actionMask![0].data)).toEqual([0, 1, 0, 0]);
    expect(Array.from(d.actionMask![1].data)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

describe("actions", () => {
  const spec = { continuousSize: 2, discreteBranches: [3] };
  test("rows or flat arrays; deprecated field only for old players", () => {
    const batch = checkActionTuple("B", spec, 2, {
      continuous: [
        [0.5, -1],
        [0, 1]
      ],
      discrete: Int32Array.of(2, 0)
    });
    expect(toAgentActions(batch, spec, 2, false)).toEqual([
      { continuous_actions: [0.5, -1], discrete_actions: [2] },
      { continuous_actions: [0, 1], discrete_actions: [0] }
    ]);
    expect(toAgentActions(batch, spec, 2, true)[0].vector_actions_deprecated).toEqual([0.5, -1, 2]);
    expect(() => checkActionTuple("B", spec, 2, { continuous: [1, 2, 3] })).toThrow(
      /3 values, expected 2 agents x 2 = 4/
    );
    expect(() => checkActionTuple("B", spec, 1, { continuous: [[NaN, 0]] })).toThrow(
      /not a finite number/
    );
  });
});

describe("launching", () => {
  test("versions: same major; major 0 needs the same minor", () => {
    expect(versionsCompatible("1.5.0", "1.0.0")).toBe(true);
    expect(versionsCompatible("1.5.0", "2.0.0")).toBe(false);
    expect(versionsCompatible("0.15.0", "0.16.0")).toBe(false);
    expect(versionsCompatible("1.5.0", "garbage")).toBe(false);
  });

  test("player arguments in Python's order; a user -logFile wins", () => {
    expect(
      playerArgs({
        port: 5006,
        workerId: 1,
        noGraphics: true,
        logFile: "/l/Player-1.log",
        additionalArgs: ["-x"]
      })
    ).toEqual([
      "-nographics",
      "-batchmode",
      "--mlagents-port",
      "5006",
      "-logFile",
      "/l/Player-1.log",
      "-x"
    ]);
    expect(
      playerArgs({
        port: 5005,
        workerId: 0,
        noGraphics: false,
        logFile: "/l.log",
        additionalArgs: ["-LOGFILE", "mine"]
      })
    ).toEqual(["--mlagents-port", "5005", "-LOGFILE", "mine"]);
  });

  test("build paths: the .x86_64 beside the name, macOS bundles, Windows folders", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-unity-path-"));
    try {
      fs.writeFileSync(path.join(dir, "Game.x86_64"), "", { mode: 0o755 });
      expect(resolvePlayerPath(path.join(dir, "Game"), "linux")).toBe(
        path.join(dir, "Game.x86_64")
      );
      expect(resolvePlayerPath(path.join(dir, "Game.x86_64"), "linux")).toBe(
        path.join(dir, "Game.x86_64")
      );
      fs.mkdirSync(path.join(dir, "Mac.app", "Contents", "MacOS"), { recursive: true });
      fs.writeFileSync(path.join(dir, "Mac.app", "Contents", "MacOS", "Mac"), "", { mode: 0o755 });
      expect(resolvePlayerPath(path.join(dir, "Mac.app"), "darwin")).toBe(
        path.join(dir, "Mac.app", "Contents", "MacOS", "Mac")
      );
      fs.mkdirSync(path.join(dir, "Win"));
      fs.writeFileSync(path.join(dir, "Win", "UnityCrashHandler64.exe"), "");
      fs.writeFileSync(path.join(dir, "Win", "Win.exe"), "");
      expect(resolvePlayerPath(path.join(dir, "Win"), "win32")).toBe(
        path.join(dir, "Win", "Win.exe")
      );
      expect(() => resolvePlayerPath(path.join(dir, "Nope"), "linux")).toThrow(
        /no executable found. Tried: .*Nope.x86_64, .*Nope.x86, .*Nope$/
      );
      expect(() => resolvePlayerPath("", "linux")).toThrow(/must name a Unity build/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
