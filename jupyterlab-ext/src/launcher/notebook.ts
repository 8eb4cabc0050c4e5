/**
 * The notebook a launch opens: TypeScript (tslab), ready to run. It connects to the build
 * (every worker, as `workerId` 0..n-1), shows the behaviour specs, then shows a live view of one
 * episode through a PerspectiveEnv. Paths, names and arguments enter the code only as JSON
 * string literals, and the markdown only as escaped text, so no setting can inject code or markup.
 *
 * ```ts
 * const content = launchNotebook({ name: "GridWorld", path: "/opt/GridWorld.x86_64", arguments: [], workers: 1 });
 * ```
 */
import type { UnityBuild } from "./builds";

/** The kernel the notebook asks for. */
export const KERNEL = { name: "tslab", display_name: "TypeScript", language: "typescript" };

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** Markdown text with every character that could start markup escaped. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!<>|&~"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replace(/[\r\n]+/g, " ");
}

/**
 * A JSON-safe literal of `value` for TypeScript source (JSON is valid TS; U+2028/9 escaped).
 *
 * ```ts
 * literal('a"b'); // "\"a\\\"b\""
 * ```
 */
export function literal(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The nbformat 4 content of the launch notebook for `build`.
 *
 * ```ts
 * await contents.save(path, { type: "notebook", format: "json", content: launchNotebook(build) });
 * ```
 */
export function launchNotebook(build: UnityBuild): Record<string, unknown> {
  const file = build.simulated ? "simulatedBuildPath()" : literal(build.path);
  const args = build.simulated
    ? literal(["--pwmk-view-radius", "1", "--pwmk-max-step", "30"])
    : literal(build.arguments);
  const markdown = (text: string) => ({ cell_type: "markdown", metadata: {}, source: lines(text) });
  const code = (text: string) => ({
    cell_type: "code",
    metadata: {},
    execution_count: null,
    outputs: [],
    source: lines(text)
  });
  const cells = [
    markdown(
      `# Unity environment: ${escapeMarkdown(build.name)}\n\n` +
        (build.simulated
          ? "The simulated build that ships with pwmk: a GridWorld with three agents, each seeing a camera view around itself. No Unity needed.\n\n"
          : `The build at ${escapeMarkdown(build.path)}, with ${build.workers} worker(s).\n\n`) +
        "Run the cells in order: connect, look at the behaviour specs, then watch an episode. See docs/unity.md."
    ),
    code(
      `import * as pwmk from "pwmk";\n` +
        `import { simulatedBuildPath, UnityPerspectiveEnv } from "pwmk/unity";\n\n` +
        `const fileName = ${file};\n` +
        `const additionalArgs: string[] = ${args};\n` +
        `const workers = ${build.workers};\n` +
        (build.simulated
          ? `const basePort = 0; // any free port\n`
          : `const basePort = 5005; // worker w listens on basePort + w; the player starts after we listen\n`) +
        `const envs = await Promise.all(\n` +
        `  Array.from({ length: workers }, (_, workerId) =>\n` +
        `    pwmk.UnityEnvironment.create({ fileName: fileName, workerId: workerId, basePort: basePort, additionalArgs: additionalArgs })\n` +
        `  )\n` +
        `);\n` +
        `for (const env of envs) await env.reset();\n` +
        `console.log(\`connected to \${envs.length} player(s): communication \${envs[0].communicationVersion}, Unity package \${envs[0].unityPackageVersion}\`);`
    ),
    markdown("## Behaviour specs"),
    code(
      `for (const [name, spec] of Object.entries(envs[0].behaviorSpecs)) {\n` +
        `  console.log(name, "actions:", JSON.stringify(spec.actionSpec));\n` +
        `  console.table(spec.observationSpecs.map((o) => ({ observation: o.name, shape: o.shape.join("x"), type: o.observationType })));\n` +
        `}\n` +
        `for (const env of envs) await env.close();`
    ),
    markdown(
      "## A live view of an episode\n\nThe scene as a PerspectiveEnv: what each agent sees, redrawn in place as the episode runs (agents act at random among the allowed actions)."
    ),
    code(
      `const scene = new UnityPerspectiveEnv({ fileName: fileName, additionalArgs: additionalArgs, basePort: 0${build.simulated ? `, reseed: { parameter: "seed" }` : ""} });\n` +
        `scene.reset({ seed: 0 });\n` +
        `const view = pwmk.displayHandle(scene);\n` +
        `for (let t = 0; t < 200 && scene.agents.length > 0; t++) {\n` +
        `  scene.step(Object.fromEntries(scene.agents.map((a) => [a, scene.expertAction(a)])));\n` +
        `  view.update(scene);\n` +
        `}\n` +
        `scene.close();`
    )
  ];
  return {
    cells,
    metadata: {
      kernelspec: KERNEL,
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" }
    },
    nbformat: 4,
    nbformat_minor: 4
  };
}
