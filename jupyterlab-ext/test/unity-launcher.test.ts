/**
 * The Unity environment launcher: the builds it offers from the settings, the notebook a launch
 * opens (no setting can inject code or markup into it), and the cards and command it registers.
 */
import * as ts from "typescript";
import { buildsFromSettings, SIMULATED_BUILD } from "../src/launcher/builds";
import { launchNotebook } from "../src/launcher/notebook";
import { LAUNCH_COMMAND, LAUNCHER_CATEGORY, unityLauncherPlugin } from "../src/launcher/plugin";

const dialogs: { getItem: jest.Mock; getText: jest.Mock } = {
  getItem: jest.fn(),
  getText: jest.fn()
};
const errors = jest.fn();
jest.mock("@jupyterlab/apputils", () => ({
  ICommandPalette: { name: "palette" },
  InputDialog: {
    getItem: (o: unknown) => dialogs.getItem(o),
    getText: (o: unknown) => dialogs.getText(o)
  },
  showErrorMessage: (title: string, body: string) => errors(title, body)
}));
jest.mock("@jupyterlab/settingregistry", () => ({ ISettingRegistry: { name: "settings" } }));
jest.mock("@jupyterlab/launcher", () => ({ ILauncher: { name: "launcher" } }));

type Cell = { cell_type: string; source: string[] };
const source = (nb: Record<string, unknown>) => (nb.cells as Cell[]).map((c) => c.source.join(""));

describe("builds from the settings", () => {
  it("keeps valid builds, names every entry left out, and adds the simulated build", () => {
    const { builds, problems } = buildsFromSettings({
      builds: [
        {
          name: "GridWorld",
          path: "/opt/GridWorld.x86_64",
          arguments: ["-screen-width", "84"],
          workers: 2
        },
        { name: "", path: "/x" },
        { name: "NoPath" },
        { name: "GridWorld", path: "/again" },
        { name: "Bad", path: "/b", workers: 0 }
      ]
    });
    expect(builds.map((b) => b.name)).toEqual(["GridWorld", SIMULATED_BUILD.name]);
    expect(builds[0]).toEqual({
      name: "GridWorld",
      path: "/opt/GridWorld.x86_64",
      arguments: ["-screen-width", "84"],
      workers: 2
    });
    expect(problems).toEqual([
      "build 2 has no name",
      '"NoPath" has no path',
      '"GridWorld" is named twice',
      '"Bad": workers must be an integer from 1 to 16'
    ]);
    expect(buildsFromSettings({ showSimulatedBuild: false }).builds).toEqual([]);
  });
});

describe("the launch notebook", () => {
  it("is TypeScript that connects every worker, shows the specs and a live episode", () => {
    const nb = launchNotebook({
      name: "GridWorld",
      path: "/opt/GridWorld.x86_64",
      arguments: ["-a"],
      workers: 3
    });
    expect((nb.metadata as { kernelspec: { name: string } }).kernelspec.name).toBe("tslab");
    const code = source(nb).join("\n");
    expect(code).toContain('const fileName = "/opt/GridWorld.x86_64";');
    expect(code).toContain("const workers = 3;");
    expect(code).toContain("behaviorSpecs");
    expect(code).toContain("pwmk.displayHandle(scene)");
    const sim = source(launchNotebook(SIMULATED_BUILD)).join("\n");
    expect(sim).toContain("const fileName = simulatedBuildPath();");
  });

  it("carries hostile names and paths only as string literals and escaped text", () => {
    const evil =
      'x";\nrequire("child_process").execSync("touch /tmp/pwned"); const y = "\u2028<img src=x onerror=alert(1)>';
    const nb = launchNotebook({ name: evil, path: evil, arguments: [evil], workers: 1 });
    const cells = nb.cells as Cell[];
    for (const [i, cell] of cells.entries()) {
      const text = cell.source.join("");
      if (cell.cell_type === "markdown") {
        expect(text).not.toMatch(/[<>"`]/); // no raw markup or quotes; newlines in names are collapsed
        if (i === 0) expect(text.split("\n")[0]).toMatch(/^# Unity environment: x&#34;; require/);
      } else if (i === 1) {
        // The code parses, and the path is exactly one string literal holding the hostile text.
        const file = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.ES2022, true);
        const literals: string[] = [];
        const calls: string[] = [];
        const walk = (n: ts.Node): void => {
          if (ts.isStringLiteral(n)) literals.push(n.text);
          if (ts.isCallExpression(n)) calls.push(n.expression.getText(file));
          n.forEachChild(walk);
        };
        walk(file);
        expect(literals).toContain(evil);
        expect(calls).not.toContain('require("child_process").execSync');
      }
    }
  });
});

describe("the launcher plugin", () => {
  function activate(settings: Record<string, unknown> | null) {
    const commands = new Map<
      string,
      {
        label: (a: Record<string, unknown>) => string;
        execute: (a: Record<string, unknown>) => Promise<unknown>;
      }
    >();
    const executed: [string, unknown][] = [];
    const saved: [string, unknown][] = [];
    const existing = new Set(["unity-simulated-gridworld.ipynb"]);
    const app = {
      commands: {
        addCommand: (id: string, c: never) => commands.set(id, c),
        execute: async (id: string, args: unknown) => executed.push([id, args])
      },
      serviceManager: {
        contents: {
          get: async (path: string) => {
            if (path !== "") throw new Error(`only the root folder is listed, not ${path}`);
            return { content: [...existing].map((name) => ({ name })) };
          },
          save: async (path: string, model: { content: unknown }) =>
            saved.push([path, model.content])
        }
      }
    };
    const cards: { args: { build: string }; category: string }[] = [];
    const launcher = {
      add: (item: never) => (
        cards.push(item),
        { dispose: () => cards.splice(cards.indexOf(item), 1) }
      )
    };
    const registry = settings && {
      load: async () => ({ composite: settings, changed: { connect: () => undefined } })
    };
    unityLauncherPlugin.activate(app as never, launcher, registry, null);
    return { commands, executed, saved, cards };
  }

  it("shows a card per configured build and one for the simulated build, in their section", async () => {
    const { cards } = activate({ builds: [{ name: "GridWorld", path: "/opt/GridWorld.x86_64" }] });
    await new Promise((r) => setTimeout(r, 0));
    expect(cards.map((c) => [c.args.build, c.category])).toEqual([
      ["GridWorld", LAUNCHER_CATEGORY],
      [SIMULATED_BUILD.name, LAUNCHER_CATEGORY]
    ]);
  });

  it("launching a card writes a fresh notebook and opens it with the TypeScript kernel", async () => {
    const { commands, executed, saved } = activate(null);
    const command = commands.get(LAUNCH_COMMAND)!;
    expect(command.label({})).toBe("Launch Unity environment...");
    expect(command.label({ build: "GridWorld" })).toBe("GridWorld");
    await command.execute({ build: SIMULATED_BUILD.name, cwd: "" });
    expect(saved[0][0]).toBe("unity-simulated-gridworld-1.ipynb"); // the first name was taken
    expect(executed).toEqual([
      [
        "docmanager:open",
        {
          path: "unity-simulated-gridworld-1.ipynb",
          factory: "Notebook",
          kernel: { name: "tslab" }
        }
      ]
    ]);
  });

  it("says so when no build is configured, and when a typed path is empty", async () => {
    const { commands, saved } = activate(null);
    dialogs.getItem.mockResolvedValueOnce({
      button: { accept: true },
      value: "Another build (type its path)..."
    });
    dialogs.getText.mockResolvedValueOnce({ button: { accept: true }, value: "  " });
    await commands.get(LAUNCH_COMMAND)!.execute({});
    expect(dialogs.getItem.mock.calls[0][0].label).toMatch(/No Unity build is configured/);
    expect(errors).toHaveBeenCalledWith(
      "Launch Unity environment",
      expect.stringMatching(/No path was given/)
    );
    expect(saved).toEqual([]);
    await commands.get(LAUNCH_COMMAND)!.execute({ build: "Missing" });
    expect(errors).toHaveBeenLastCalledWith(
      "Launch Unity environment",
      expect.stringMatching(/No Unity build is configured under the name "Missing"/)
    );
  });
});
