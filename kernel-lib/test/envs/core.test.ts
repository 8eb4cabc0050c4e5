import * as zlib from "zlib";
import { encodePng } from "../../src/envs/png";
import { Rng } from "../../src/random/rng";
import { Box, Dict, Discrete, MultiDiscrete, spaceFromJSON } from "../../src/envs/spaces";
import { bresenhamLine, GridMap, LosTable } from "../../src/envs/grid";
import { escapeXml } from "../../src/envs/render";

describe("Rng", () => {
  it("repeats the same sequence for the same seed and differs across seeds", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = Array.from({ length: 20 }, () => a.uint32());
    expect(Array.from({ length: 20 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.uint32())).not.toEqual(sa);
  });

  it("draws integers in range, roughly uniformly", () => {
    const rng = new Rng(1);
    const counts = new Array(6).fill(0);
    for (let i = 0; i < 60000; i++) counts[rng.int(6)]++;
    for (const n of counts) expect(Math.abs(n - 10000)).toBeLessThan(400);
  });

  it("restores a saved state", () => {
    const rng = new Rng(7);
    rng.uint32();
    const state = rng.getState();
    const next = [rng.float(), rng.float()];
    rng.setState(state);
    expect([rng.float(), rng.float()]).toEqual(next);
  });

  it("gives seeds from 2^32 on their own sequences (no two seeds share one)", () => {
    const first = (seed: number): number[] => {
      const rng = new Rng(seed);
      return [rng.uint32(), rng.uint32()];
    };
    // Folding both 32-bit halves into one word used to make these two seeds identical.
    expect(first(2 ** 32 + ((5 ^ 0x9e3779b9) >>> 0))).not.toEqual(first(5));
    expect(first(2 ** 32)).not.toEqual(first(0));
    expect(first(2 ** 53 - 1)).toEqual(first(2 ** 53 - 1));
  });

  it("rejects seeds that are not non-negative safe integers", () => {
    expect(() => new Rng(-1)).toThrow(/seed/);
    expect(() => new Rng(1.5)).toThrow(/seed/);
    expect(() => new Rng("3" as never)).toThrow(/got "3"/); // a string, not the number 3
  });
});

describe("spaces", () => {
  const rng = new Rng(3);
  it("Discrete contains its samples and explains what is wrong", () => {
    const d = new Discrete(3, 1);
    for (let i = 0; i < 50; i++) expect(d.contains(d.sample(rng))).toBe(true);
    expect(d.explain(4)).toMatch(/\[1, 3\]/);
    expect(d.contains(1.5)).toBe(false);
    expect(d.contains("1")).toBe(false);
  });

  it("MultiDiscrete checks length and every entry", () => {
    const m = new MultiDiscrete([5, 2]);
    expect(m.contains(m.sample(rng))).toBe(true);
    expect(m.contains([4, 1])).toBe(true);
    expect(m.explain([4, 2])).toMatch(/entry 1/);
    expect(m.explain([1])).toMatch(/2 entries/);
  });

  it("Box checks type, size and bounds", () => {
    const b = new Box(0, 3, [2, 2], "uint8");
    expect(b.contains(b.sample(rng))).toBe(true);
    expect(b.contains(new Uint8Array([0, 1, 2, 3]))).toBe(true);
    expect(b.explain(new Uint8Array([0, 1, 2, 4]))).toMatch(/element 3/);
    expect(b.explain(new Int32Array(4))).toMatch(/Uint8Array/);
    expect(b.explain(new Uint8Array(3))).toMatch(/4 elements/);
    const f = new Box(-1, 1, [3]);
    expect(f.contains(f.sample(rng))).toBe(true);
  });

  it("Box refuses bounds its dtype cannot hold, and an unknown dtype", () => {
    expect(() => new Box(0, 300, [2], "uint8")).toThrow(/do not fit uint8/);
    expect(() => new Box(-1, 3, [2], "uint8")).toThrow(/do not fit uint8/);
    expect(() => new Box(0.2, 0.7, [2], "int32")).toThrow(/holds no int32 value/);
    expect(() => new Box(0, 1, [2], "int8" as never)).toThrow(/dtype/);
  });

  it("float32 Box: its bounds as float32 stores them are members", () => {
    const b = new Box(0, 0.1, [2]);
    expect(b.contains(Float32Array.of(0, 0.1))).toBe(true);
    expect(b.contains(Float32Array.of(0, 0.11))).toBe(false);
  });

  it("Box with open bounds samples finite members", () => {
    for (const [low, high] of [
      [-Infinity, Infinity],
      [2, Infinity],
      [-Infinity, -2]
    ]) {
      const b = new Box(low, high, [50]);
      const s = b.sample(rng);
      expect(s.every((v) => Number.isFinite(v))).toBe(true);
      expect(b.contains(s)).toBe(true);
    }
  });

  it("MultiDiscrete takes any numeric typed array of integers", () => {
    const m = new MultiDiscrete([5, 2]);
    expect(m.contains(Float64Array.of(4, 1))).toBe(true);
    expect(m.contains(Uint32Array.of(4, 1))).toBe(true);
    expect(m.contains(Float64Array.of(0.5, 1))).toBe(false);
  });

  it("Dict needs spaces, and members with those keys as their own", () => {
    expect(() => new Dict({ a: 3 as never })).toThrow(/entry "a" is not a space/);
    const d = new Dict({ a: new Discrete(2) });
    expect(d.explain(Object.create({ a: 1 }))).toMatch(/missing key "a"/);
    expect(new Dict({ toString: new Discrete(2) }).explain({})).toMatch(/missing key "toString"/);
  });

  it("Dict checks every key, and nothing else", () => {
    const d = new Dict({ move: new Discrete(5), pos: new MultiDiscrete([3, 3]) });
    expect(d.contains(d.sample(rng))).toBe(true);
    expect(d.explain({ move: 1 })).toMatch(/missing key "pos"/);
    expect(d.explain({ move: 1, pos: [0, 0], extra: 1 })).toMatch(/unexpected key/);
    expect(d.explain({ move: 9, pos: [0, 0] })).toMatch(/^move:/);
  });

  it("round-trips through JSON", () => {
    const d = new Dict({
      v: new Box(0, 7, [3, 3], "uint8"),
      p: new MultiDiscrete([4, 4]),
      a: new Discrete(2)
    });
    expect(spaceFromJSON(JSON.parse(JSON.stringify(d.toJSON()))).toJSON()).toEqual(d.toJSON());
  });
});

describe("grid line of sight", () => {
  it("draws Bresenham lines that include both ends", () => {
    expect(bresenhamLine(0, 0, 3, 1)).toEqual([
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1]
    ]);
    expect(bresenhamLine(2, 2, 2, 2)).toEqual([[2, 2]]);
  });

  it("hides what is behind a wall but shows the wall", () => {
    const map = GridMap.fromRows(["#######", "#.....#", "#..#..#", "#.....#", "#######"]);
    expect(map.canSee(1, 2, 3, 2)).toBe(true); // the wall itself
    expect(map.canSee(1, 2, 5, 2)).toBe(false); // behind it
    expect(map.canSee(1, 1, 5, 1)).toBe(true);
  });

  it("marks exactly the cells in radius and in line of sight", () => {
    const rng = new Rng(11);
    for (let trial = 0; trial < 30; trial++) {
      const map = new GridMap(12, 12);
      for (let i = 0; i < 25; i++) map.setWall(rng.int(12), rng.int(12));
      const los = LosTable.forRadius(3);
      const cx = rng.int(12);
      const cy = rng.int(12);
      const stamp = new Uint32Array(144);
      const view = new Int32Array(49);
      map.markVisible(cx, cy, los, stamp, 1, view);
      for (let y = 0; y < 12; y++) {
        for (let x = 0; x < 12; x++) {
          const d2 = (x - cx) ** 2 + (y - cy) ** 2;
          const expected = d2 <= 3.5 * 3.5 && map.canSee(cx, cy, x, y);
          expect([x, y, stamp[y * 12 + x] === 1]).toEqual([x, y, expected]);
        }
      }
    }
  });

  it("does not see through two walls that touch at a corner", () => {
    const map = GridMap.fromRows([".#..", "#...", "...#", "..#."]);
    expect(map.canSee(0, 0, 1, 1)).toBe(false);
    expect(map.canSee(1, 1, 0, 0)).toBe(false);
    expect(map.canSee(2, 2, 3, 3)).toBe(false);
    expect(map.canSee(0, 0, 0, 2)).toBe(false); // straight behind a wall, still hidden
    const stamp = new Uint32Array(16);
    map.markVisible(0, 0, LosTable.forRadius(3), stamp, 1, new Int32Array(49));
    expect(stamp[1 * 4 + 1]).toBe(0);
    expect(stamp[0 * 4 + 1]).toBe(1); // the walls themselves are seen
    expect(stamp[1 * 4 + 0]).toBe(1);
  });

  it("is symmetric: A sees B exactly when B sees A", () => {
    const rng = new Rng(5);
    const oneWay: number[][] = [];
    for (let trial = 0; trial < 20; trial++) {
      const map = new GridMap(9, 9);
      for (let i = 0; i < 16; i++) map.setWall(rng.int(9), rng.int(9));
      for (let a = 0; a < 81; a++) {
        for (let b = 0; b < 81; b++) {
          const [ax, ay, bx, by] = [a % 9, Math.floor(a / 9), b % 9, Math.floor(b / 9)];
          if (map.isWall(ax, ay) || map.isWall(bx, by)) continue;
          if (map.canSee(ax, ay, bx, by) !== map.canSee(bx, by, ax, ay))
            oneWay.push([ax, ay, bx, by]);
        }
      }
    }
    expect(oneWay).toEqual([]);
    // (0,0) -> (2,1) passes (1,1); (2,1) -> (0,0) passes (1,0): one clear line is enough.
    const map = GridMap.fromRows(["...", ".#."]);
    expect(map.canSee(0, 0, 2, 1)).toBe(true);
    expect(map.canSee(2, 1, 0, 0)).toBe(true);
  });

  it("rejects a bad view radius", () => {
    expect(() => LosTable.forRadius(-1)).toThrow(/radius/);
  });
});

describe("escapeXml", () => {
  it("escapes markup characters", () => {
    expect(escapeXml(`<script>"a" & 'b'</script>`)).toBe(
      "&lt;script&gt;&quot;a&quot; &amp; &apos;b&apos;&lt;/script&gt;"
    );
  });
});

describe("encodePng", () => {
  it("writes a PNG whose header carries the image size and whose pixels inflate back", () => {
    const data = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
    const png: Buffer = Buffer.from(encodePng({ data, shape: [2, 3, 3] }));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([3, 2]);
    const idatLen = png.readUInt32BE(33);
    const raw = zlib.inflateSync(png.subarray(41, 41 + idatLen));
    expect(Array.from(raw)).toEqual([
      0,
      ...Array.from(data.subarray(0, 9)),
      0,
      ...Array.from(data.subarray(9))
    ]);
    expect(() => encodePng({ data: new Uint8Array(5), shape: [2, 3, 3] })).toThrow(/shape/);
  });
});
