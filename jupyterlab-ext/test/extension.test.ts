import extensions, {
  beliefGraphExtension,
  pwmkFileExtension,
  trajectoryExtension
} from "../src/mime";
import { ACTIVATED, COMMANDS, pwmkPlugin } from "../src/plugin";
import { BELIEF_GRAPH_MIME, BELIEF_GRAPH_V2_MIME, TRAJECTORY_MIME } from "pwmk/payloads";
import pkg from "../package.json";

// Lumino reads browser globals when loaded; the registration is what is tested here (the
// renderer itself is tested in a real browser by `npm run test:browser`).
jest.mock("@lumino/widgets", () => ({ Widget: class {}, Panel: class {} }));
// The plugin's optional tokens; only their identity matters here.
jest.mock("@jupyterlab/apputils", () => ({ ICommandPalette: { name: "palette" } }));
jest.mock("@jupyterlab/settingregistry", () => ({ ISettingRegistry: { name: "settings" } }));
jest.mock("@jupyterlab/launcher", () => ({ ILauncher: { name: "launcher" } }));

describe("the mime extension", () => {
  it("registers the belief-graph renderer for pwmk's MIME type, as JSON data", () => {
    expect(extensions).toContain(beliefGraphExtension);
    // Format 2 first; format 1 for outputs in saved notebooks.
    expect(beliefGraphExtension.rendererFactory.mimeTypes).toEqual([
      BELIEF_GRAPH_V2_MIME,
      BELIEF_GRAPH_MIME
    ]);
    expect(beliefGraphExtension.dataType).toBe("json");
  });

  it("outranks the static fallbacks (HTML 50, SVG 80) and renders in untrusted notebooks", () => {
    expect(beliefGraphExtension.rank).toBeLessThan(50);
    expect(beliefGraphExtension.rendererFactory.defaultRank).toBe(beliefGraphExtension.rank);
    expect(beliefGraphExtension.rendererFactory.safe).toBe(true);
  });
});

describe("the trajectory and file viewers", () => {
  it("registers the replay viewer and opens .pwmk.json files as documents", () => {
    expect(extensions).toEqual(expect.arrayContaining([trajectoryExtension, pwmkFileExtension]));
    expect(trajectoryExtension.rendererFactory.mimeTypes).toEqual([TRAJECTORY_MIME]);
    for (const e of [trajectoryExtension, pwmkFileExtension]) {
      expect(e.rendererFactory.safe).toBe(true);
      expect(e.rank).toBeLessThan(50);
    }
    expect(pwmkFileExtension.fileTypes?.[0].extensions).toEqual([".pwmk.json"]);
    expect(pwmkFileExtension.documentWidgetFactoryOptions).toMatchObject({
      defaultFor: ["pwmk-view"]
    });
  });
});

describe("the plugin", () => {
  const saved = (globalThis as { document?: unknown }).document;
  afterEach(() => {
    (globalThis as { document?: unknown }).document = saved;
  });

  it("starts automatically and marks the page and the console when activated", () => {
    const body = { dataset: {} as Record<string, string> };
    (globalThis as { document?: unknown }).document = { body };
    const log = jest.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      expect(pwmkPlugin.autoStart).toBe(true);
      const added: string[] = [];
      const paletteItems: { command: string; category: string }[] = [];
      const app = { name: "JupyterLab", commands: { addCommand: (id: string) => added.push(id) } };
      pwmkPlugin.activate(app as never, { addItem: (i: never) => paletteItems.push(i) }, null);
      expect(body.dataset.pwmk).toBe(ACTIVATED);
      expect(log).toHaveBeenCalledWith("jupyterlab-pwmk activated in JupyterLab");
      // Every viewer command is in the palette, under PWMK.
      expect(added).toEqual(Object.values(COMMANDS));
      expect(paletteItems).toEqual(added.map((command) => ({ command, category: "PWMK" })));
    } finally {
      log.mockRestore();
    }
  });
});

describe("package.json", () => {
  it("declares a prebuilt extension with both entry points and its style", () => {
    expect(pkg.jupyterlab).toEqual({
      extension: "lib/plugin.js",
      mimeExtension: "lib/mime.js",
      outputDir: "labext",
      schemaDir: "schema"
    });
    expect(pkg.style).toBe("style/index.css");
  });
});
