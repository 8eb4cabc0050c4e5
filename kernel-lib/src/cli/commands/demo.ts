/**
 * `pwmk demo`: the flagship false-belief scenario run headless, written as one self-contained
 * HTML report with its pictures: the Sally-Anne story step by step (who believes what, to depth
 * 3, and the nested belief graph after each step, false beliefs marked) and a grid-world episode
 * of hide and seek replayed as a strip of frames. The pictures are the static fallbacks of
 * `pwmk/display`, embedded as images, so the report needs no script and no network.
 *
 * ```sh
 * pwmk demo --out pwmk-demo.html
 * pwmk demo --json
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import { Command } from "commander";
import { toMimeBundle } from "../../display/display";
import { trajectoryOf, recordTrajectory } from "../../display/trajectory-sources";
import { escapeMarkup } from "../../display/escape";
import { HideAndSeek } from "../../envs/worlds/hideandseek";
import { RoomWorld } from "../../stories/rooms";
import { version } from "../../version";
import { CliIO, intAtLeast, runCommand, UsageError, withCommonHelp } from "../io";
import type { Progress } from "../progress";

interface DemoFlags {
  out: string;
  seed: number;
  overwrite?: boolean;
  json?: boolean;
}

/** Longest grid-world episode of the report. */
const EPISODE_STEPS = 40;

/** One step of the story as the report shows it. */
interface StoryStep {
  text: string;
  really: string;
  perspectives: Array<{ chain: string[]; believes: string[] }>;
  svg: string;
}

const CHAINS = [
  ["sally"],
  ["anne"],
  ["anne", "sally"],
  ["sally", "anne"],
  ["anne", "sally", "anne"]
];

/** The Sally-Anne story: what each step says and does to the world. */
const STORY: Array<[string, (world: RoomWorld) => void]> = [
  ["Sally and Anne are in the room; the marble is in the basket.", () => undefined],
  ["Sally goes out.", (world) => world.exit("sally")],
  ["Anne moves the marble to the box.", (world) => world.move("anne", "marble", "box")],
  ["Sally comes back and looks around.", (world) => world.enter("sally", "room")]
];

/** Runs the Sally-Anne story on a RoomWorld, recording beliefs and the belief graph per step. */
function sallyAnne(tick: () => void): StoryStep[] {
  const world = new RoomWorld({
    agents: ["sally", "anne"],
    rooms: { room: ["basket", "box"] },
    objects: { marble: "basket" },
    agentRooms: { sally: "room", anne: "room" },
    maxDepth: 3
  });
  return STORY.map(([text, act]) => {
    act(world);
    const bundle = toMimeBundle(world);
    const svg = bundle["image/svg+xml"];
    if (typeof svg !== "string") throw new Error("the belief graph has no static picture");
    tick();
    return {
      text,
      really: world.whereIs("marble"),
      perspectives: CHAINS.map((chain) => ({ chain, believes: world.whereDoes(chain, "marble") })),
      svg
    };
  });
}

/** Plays one hide-and-seek episode with the scripted policy and returns its replay picture. */
function hideAndSeek(seed: number, tick: () => void): { steps: number; svg: string } {
  const env = new HideAndSeek({ seed });
  env.reset({ seed });
  const recorder = recordTrajectory(env, { title: `hide and seek, seed ${seed}` });
  let steps = 0;
  while (env.agents.length > 0 && steps < EPISODE_STEPS) {
    const actions = Object.fromEntries(env.agents.map((a) => [a, env.expertAction(a)]));
    env.step(actions);
    recorder.capture();
    steps++;
    tick();
  }
  const svg = toMimeBundle(trajectoryOf(recorder))["image/svg+xml"];
  if (typeof svg !== "string") throw new Error("the replay has no static picture");
  return { steps, svg };
}

const image = (svg: string, alt: string) =>
  `<img alt="${escapeMarkup(alt)}" src="data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}">`;

/** The report: plain HTML, every text escaped, every picture an embedded image. */
function reportHtml(
  story: StoryStep[],
  episode: { steps: number; svg: string },
  seed: number
): string {
  const rows = (s: StoryStep) =>
    s.perspectives
      .map((p) => {
        const wrong = !(p.believes.length === 1 && p.believes[0] === s.really);
        return `<tr${wrong ? ' class="false"' : ""}><td>${escapeMarkup(p.chain.join(" → "))}</td><td>${escapeMarkup(p.believes.join(" or "))}</td></tr>`;
      })
      .join("\n");
  const steps = story
    .map(
      (s, i) => `<section>
<h3>${i + 1}. ${escapeMarkup(s.text)}</h3>
<p>The marble is really in the <b>${escapeMarkup(s.really)}</b>.</p>
<table><tr><th>perspective</th><th>where the marble is</th></tr>
${rows(s)}
</table>
${image(s.svg, `belief graph after step ${i + 1}`)}
</section>`
    )
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>PWMK demo: the false-belief task</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #ccc; padding: .2rem .6rem; text-align: left; }
tr.false td { background: #fde8e8; } img { max-width: 100%; display: block; margin: .5rem 0; }
</style></head><body>
<h1>The false-belief task</h1>
<p>Made by <code>pwmk demo</code> (pwmk ${escapeMarkup(version)}). A perspective such as
<i>anne → sally</i> reads "where Anne thinks Sally thinks the marble is"; rows in red are false
beliefs. The graphs show every nested belief, false ones marked.</p>
${steps}
<h2>A partially observable grid world</h2>
<p>One episode of hide and seek (seed ${seed}, ${episode.steps} steps, scripted policy): each
agent sees only its field of view.</p>
${image(episode.svg, "hide and seek replay")}
</body></html>
`;
}

/**
 * Adds the `demo` subcommand to `program`.
 *
 * ```ts
 * registerDemo(new Command("pwmk"), io, (code) => (exit = code));
 * ```
 */
export function registerDemo(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const cmd = program
    .command("demo")
    .description(
      "run the false-belief scenario headless and write an HTML report with its pictures"
    )
    .option("--out <file>", "the report to write", "pwmk-demo.html")
    .option("--seed <n>", "seed of the grid-world episode", intAtLeast(0), 1)
    .option("--overwrite", "replace an existing report");
  withCommonHelp(cmd, [
    "pwmk demo                       # writes pwmk-demo.html here",
    "pwmk demo --out reports/false-belief.html --seed 3 --overwrite",
    "pwmk demo --json"
  ]).action(async (flags: DemoFlags) => {
    await runCommand(io, flags.json === true, "demo", setExit, async (ctx) => {
      if (fs.existsSync(flags.out) && !flags.overwrite)
        throw new UsageError(`${flags.out} exists; pass --overwrite to replace it`);
      // Units of work: the story's steps, the episode's steps at most, writing the report.
      const units = STORY.length + EPISODE_STEPS + 1;
      const bar: Progress = ctx.progress("demo", units, "steps");
      let done = 0;
      const tick = () => bar.update(++done);
      const story = sallyAnne(tick);
      const episode = hideAndSeek(flags.seed, tick);
      const html = reportHtml(story, episode, flags.seed);
      fs.mkdirSync(path.dirname(path.resolve(flags.out)), { recursive: true });
      // Written whole, then renamed: a reader never sees half a report.
      const tmp = `${flags.out}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, html);
      fs.renameSync(tmp, flags.out);
      bar.update(units);
      bar.stop();
      const last = story[story.length - 1];
      const sallyBefore = story[2].perspectives[0].believes;
      return {
        value: {
          out: flags.out,
          bytes: Buffer.byteLength(html),
          storySteps: story.length,
          episodeSteps: episode.steps,
          sallyBeforeReturning: sallyBefore,
          sallyAfterReturning: last.perspectives[0].believes
        },
        text: [
          `wrote ${flags.out} (${Buffer.byteLength(html)} bytes): ${story.length} story steps with belief graphs, a ${episode.steps}-step grid episode`,
          `while away, Sally believes the marble is in the ${sallyBefore.join(" or ")} (it is in the ${story[2].really})`
        ]
      };
    });
  });
}
