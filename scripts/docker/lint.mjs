// Lints the image definitions (Dockerfile, binder/Dockerfile) with dockerfile-utils and checks
// the rules the project sets for them: the runtime stage of the main image is slim, runs as a
// non-root user, has a health check and exposes 8888; no runtime stage installs compilers or
// the test browser; every RUN of the main image runs the project's scripts, so that CI, which
// runs the same scripts on the test machine, tests what the image does.
// Exit status 1 with one line per problem.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { validate } = require("dockerfile-utils");
const { DockerfileParser } = require("dockerfile-ast");
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const problems = [];
const problem = (file, line, text) => problems.push(`${file}:${line + 1}: ${text}`);

function stagesOf(file) {
  const text = readFileSync(path.join(repo, file), "utf8");
  for (const d of validate(text)) {
    problem(file, d.range.start.line, `${d.severity === 1 ? "error" : "warning"}: ${d.message}`);
  }
  const stages = [];
  for (const ins of DockerfileParser.parse(text).getInstructions()) {
    const keyword = ins.getKeyword();
    if (keyword === "FROM") stages.push({ from: ins, body: [] });
    else if (stages.length > 0) stages[stages.length - 1].body.push(ins);
  }
  return { text, stages };
}

const forbiddenAtRuntime = /\b(chromium|g\+\+|gcc|build-essential|make|python3-dev)\b/;
const runtimeDeps = readFileSync(path.join(repo, "scripts/docker/runtime-deps.sh"), "utf8");
const pkgLine = runtimeDeps.match(/^PKGS=\((.*)\)$/m);
if (!pkgLine) problem("scripts/docker/runtime-deps.sh", 0, "no PKGS=(...) line found");
else if (forbiddenAtRuntime.test(pkgLine[1]))
  problem(
    "scripts/docker/runtime-deps.sh",
    0,
    `runtime packages include a build tool or the test browser: ${pkgLine[1]}`
  );

const main = stagesOf("Dockerfile");
if (main.stages.length < 2) problem("Dockerfile", 0, "the image must be a multi-stage build");
const runtime = main.stages[main.stages.length - 1];
if (runtime) {
  const line = runtime.from.getRange().start.line;
  const image = runtime.from.getArguments()[0]?.getValue() ?? "";
  if (!/-slim\b/.test(image))
    problem("Dockerfile", line, `the runtime stage should start from a slim image, not ${image}`);
  const kw = (k) => runtime.body.filter((i) => i.getKeyword() === k);
  const users = kw("USER");
  const lastUser = users.at(-1)?.getArguments()[0]?.getValue();
  if (!lastUser || lastUser === "root" || lastUser === "0")
    problem("Dockerfile", line, "the runtime stage must end as a non-root USER");
  if (kw("HEALTHCHECK").length === 0)
    problem("Dockerfile", line, "the runtime stage needs a HEALTHCHECK");
  if (!kw("EXPOSE").some((i) => i.getArguments().some((a) => a.getValue().startsWith("8888"))))
    problem("Dockerfile", line, "the runtime stage must EXPOSE 8888");
  for (const ins of kw("RUN")) {
    if (/\bnpm (ci|install)\b|apt-get install/.test(ins.getTextContent()))
      problem(
        "Dockerfile",
        ins.getRange().start.line,
        "the runtime stage installs through scripts/docker/runtime-deps.sh only"
      );
  }
}
// Every RUN runs the project's scripts, so that CI, running the same scripts, tests it.
function checkRunSteps(file, stages) {
  for (const stage of stages) {
    for (const ins of stage.body.filter((i) => i.getKeyword() === "RUN")) {
      const commands = ins
        .getTextContent()
        .replace(/^RUN\s+/i, "")
        .replace(/\\\n/g, " ")
        .split(/&&/)
        .map((c) => c.trim());
      for (const c of commands) {
        if (
          !/^(bash (scripts|binder|\/tmp)\/[\w./-]+\.sh\b|rm |useradd |groupmod |usermod )/.test(c)
        )
          problem(
            file,
            ins.getRange().start.line,
            `RUN step "${c}" is not one of the project's scripts`
          );
        const extras = c.match(/runtime-deps\.sh\s+(.*)$/);
        if (extras && forbiddenAtRuntime.test(extras[1]))
          problem(
            file,
            ins.getRange().start.line,
            `runtime packages include a build tool: ${extras[1]}`
          );
      }
    }
  }
}
checkRunSteps("Dockerfile", main.stages);

// Binder: the same runtime tree, built by the same scripts, for the uid-1000 user Binder runs
// as, started by the jupyter-notebook command BinderHub calls (binder/jupyter-notebook).
const binder = stagesOf("binder/Dockerfile");
checkRunSteps("binder/Dockerfile", binder.stages);
const binderRuntime = binder.stages.at(-1);
if (binder.stages.length < 2)
  problem("binder/Dockerfile", 0, "the image must be a multi-stage build");
else {
  const line = binderRuntime.from.getRange().start.line;
  const kw = (k) => binderRuntime.body.filter((i) => i.getKeyword() === k);
  const runs = kw("RUN")
    .map((i) => i.getTextContent())
    .join("\n");
  for (const script of ["scripts/docker/assemble.sh", "binder/install.sh"])
    if (!binder.text.includes(`bash ${script}`))
      problem("binder/Dockerfile", 0, `the build stage must run ${script}`);
  if (!/runtime-deps\.sh/.test(runs))
    problem(
      "binder/Dockerfile",
      line,
      "the runtime stage installs through scripts/docker/runtime-deps.sh"
    );
  if (!/^ARG NB_UID=1000$/m.test(binder.text))
    problem("binder/Dockerfile", line, "Binder runs as uid 1000: declare ARG NB_UID=1000");
  const lastUser = kw("USER").at(-1)?.getArguments()[0]?.getValue();
  if (lastUser !== "${NB_UID}" && lastUser !== "${NB_USER}")
    problem(
      "binder/Dockerfile",
      line,
      "the runtime stage must end as Binder's user (USER ${NB_UID})"
    );
  const cmd = kw("CMD").at(-1)?.getTextContent() ?? "";
  if (!/"jupyter-notebook"/.test(cmd))
    problem(
      "binder/Dockerfile",
      line,
      "the runtime stage's CMD must start binder's jupyter-notebook"
    );
}

if (problems.length > 0) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
console.log(
  "image definitions: Dockerfile and binder/Dockerfile pass the linter and the image rules"
);
