/**
 * Deprecation warnings: once per deprecated API, naming the version that removes it and the
 * replacement; the deprecated function keeps working meanwhile.
 */
import type { Deprecation } from "./deprecated";

/** A fresh copy of the module (its once-per-API memory starts empty) and the warnings it emits. */
async function load(): Promise<{
  mod: typeof import("./deprecated");
  warnings: { message: string; code?: string; type?: string }[];
}> {
  const warnings: { message: string; code?: string; type?: string }[] = [];
  jest.spyOn(process, "emitWarning").mockImplementation(((
    message: string,
    options?: { type?: string; code?: string }
  ) => {
    warnings.push({ message, type: options?.type, code: options?.code });
  }) as typeof process.emitWarning);
  let mod!: typeof import("./deprecated");
  await jest.isolateModulesAsync(async () => {
    mod = await import("./deprecated");
  });
  return { mod, warnings };
}

const old: Deprecation = { api: "oldName()", removedIn: "1.0.0", use: "newName()" };

afterEach(() => jest.restoreAllMocks());

describe("deprecated", () => {
  it("warns once per API, naming the version that removes it and what to use instead", async () => {
    const { mod, warnings } = await load();
    expect(mod.deprecated(old)).toBe(true);
    expect(mod.deprecated(old)).toBe(false);
    expect(mod.deprecated(old)).toBe(false);
    expect(warnings).toEqual([
      {
        message:
          "oldName() is deprecated and will be removed in pwmk 1.0.0; use newName() instead (see docs/migration.md)",
        type: "DeprecationWarning",
        code: "PWMK_DEPRECATED"
      }
    ]);
  });

  it("warns separately for each deprecated API", async () => {
    const { mod, warnings } = await load();
    mod.deprecated(old);
    mod.deprecated({ api: "Store.ask()", removedIn: "2.0.0", use: "Store.query()" });
    mod.deprecated(old);
    expect(warnings.map((w) => w.message.split(" ")[0])).toEqual(["oldName()", "Store.ask()"]);
  });

  it("refuses a deprecation without a semantic version or a replacement, naming the API", async () => {
    const { mod } = await load();
    expect(() => mod.deprecated({ ...old, removedIn: "next" })).toThrow(
      /deprecated\(oldName\(\)\): removedIn must be a semantic version .* \(got next\)/
    );
    expect(() => mod.deprecated({ ...old, use: " " })).toThrow(
      /`use` must say what to use instead/
    );
    expect(() => mod.deprecated({ ...old, api: "" })).toThrow(/`api` must name the deprecated API/);
  });
});

describe("deprecate", () => {
  it("returns a function that does what the original does, with its this, and warns on the first call", async () => {
    const { mod, warnings } = await load();
    const counter = {
      n: 10,
      add(k: number): number {
        return this.n + k;
      }
    };
    const oldAdd = mod.deprecate(counter.add, {
      api: "counter.plus()",
      removedIn: "1.0.0",
      use: "counter.add()"
    });
    const legacy = { n: 1, plus: oldAdd };
    expect(warnings).toHaveLength(0); // wrapping alone does not warn
    expect(legacy.plus(2)).toBe(3);
    expect(legacy.plus(5)).toBe(6);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain(
      "counter.plus() is deprecated and will be removed in pwmk 1.0.0"
    );
  });

  it("checks the deprecation when wrapping, not at the first call", async () => {
    const { mod } = await load();
    expect(() => mod.deprecate(() => 1, { ...old, removedIn: "v1" })).toThrow(/semantic version/);
  });
});
