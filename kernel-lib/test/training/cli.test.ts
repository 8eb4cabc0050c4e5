/**
 * `pwmk train` and `pwmk eval` from the command line: a run writes a loadable model, its history
 * and checkpoints; a second run on the same --out is refused unless it resumes; eval reports the
 * model beside its baselines as one JSON object.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DataCollector } from "../../src/data";
import { SallyAnneWorld } from "../../src/envs";
import { pwmk } from "../cli/run-pwmk";
import type { TrainingHistory } from "../../src/training/history";

jest.setTimeout(180_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-train-cli-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  fs.mkdirSync(path.join(dir, "data"));
  const env = new SallyAnneWorld({ randomStart: true, seekers: {}, maxSteps: 8 });
  new DataCollector(env).collect({
    numEpisodes: 30,
    policy: "random",
    saveBeliefs: true,
    progress: false,
    path: path.join(dir, "data", "stories.jsonl")
  });
});

const small = ["--hidden", "8", "--layers", "1", "--heads", "1", "--threads", "1"];
const common = ["--batch-size", "8", "--horizon", "8", "--lr", "0.003", ...small];

it("trains, refuses to overwrite a run, resumes it, and evaluates the saved model", async () => {
  const data = path.join(dir, "data");
  const out = path.join(dir, "run");
  const first = await pwmk("train", data, "--out", out, "--epochs", "2", ...common, "--json");
  expect(first.code).toBe(0);
  const result = JSON.parse(first.out) as { ok: boolean; epochs: number; backend: string };
  expect(result).toMatchObject({ ok: true, command: "train", epochs: 2 });
  expect(first.err).toMatch(/epoch 2\/2 .* val /); // the progress line goes to stderr
  expect(fs.readdirSync(path.join(out, "model")).sort()).toEqual(["model.json", "weights.bin"]);

  const again = await pwmk("train", data, "--out", out, "--epochs", "3", ...common);
  expect(again.code).toBe(2);
  expect(again.err).toMatch(/already holds a training run; pass --resume/);

  const resumed = await pwmk("train", data, "--out", out, "--epochs", "3", "--resume", ...common);
  expect(resumed.code).toBe(0);
  const history = JSON.parse(
    fs.readFileSync(path.join(out, "history.json"), "utf8")
  ) as TrainingHistory;
  expect(history.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);

  const evaluated = await pwmk(
    "eval",
    data,
    "--model",
    path.join(out, "model"),
    "--horizon",
    "8",
    "--json"
  );
  expect(evaluated.code).toBe(0);
  const { report } = JSON.parse(evaluated.out) as {
    report: { stateMse: number; beliefAcc: number; baselines: { copyLastStateMse: number } };
  };
  expect(Number.isFinite(report.stateMse)).toBe(true);
  expect(Number.isFinite(report.beliefAcc)).toBe(true);
  expect(Number.isFinite(report.baselines.copyLastStateMse)).toBe(true);
  const text = await pwmk("eval", data, "--model", path.join(out, "model"), "--horizon", "8");
  expect(text.out).toMatch(/next observation MSE +\d\.\d{4} +copy last \d\.\d{4}/);
});

it("refuses bad usage by name", async () => {
  const r = await pwmk("train", path.join(dir, "nothing"), "--out", path.join(dir, "x"));
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/no such dataset file or directory/);
  const lr = await pwmk(
    "train",
    path.join(dir, "data"),
    "--out",
    path.join(dir, "y"),
    "--lr",
    "-1"
  );
  expect(lr.code).toBe(2);
  expect(lr.err).toMatch(/--lr must be a positive number/);
  const resume = await pwmk(
    "train",
    path.join(dir, "data"),
    "--out",
    path.join(dir, "z"),
    "--resume"
  );
  expect(resume.code).toBe(2);
  expect(resume.err).toMatch(/--resume: no checkpoint/);
});
