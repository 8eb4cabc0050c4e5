import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pwmk } from "./run-pwmk";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-story-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function storyFile(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

const SECOND_ORDER = [
  "1 Anne entered the room.",
  "2 Sally entered the room.",
  "3 The marble is in the basket.",
  "4 Sally exited the room.",
  "5 Anne moved the marble to the box.",
  "6 Where does Anne think Sally thinks the marble is?\tbasket\t1",
  "7 Where is the marble really?\tbasket\t1"
];

describe("pwmk story", () => {
  it("prints the score and the wrong answers, exit code 0", async () => {
    const r = await pwmk("story", storyFile("a.txt", SECOND_ORDER));
    expect(r.code).toBe(0);
    expect(r.out).toContain("1/2 correct");
    expect(r.out).toContain("line 7: Where is the marble really? -> box (file: basket)");
  });

  it("gives every answer as one JSON object with --json", async () => {
    const r = await pwmk("story", storyFile("b.txt", SECOND_ORDER), "--json");
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ ok: true, command: "story", stories: 1, asked: 2, correct: 1 });
    expect(report.questions[0]).toMatchObject({ line: 6, answer: ["basket"], correct: true });
  });

  it("exits 1 naming the line when a story cannot be read, and 2 for a missing file", async () => {
    const bad = await pwmk(
      "story",
      storyFile("c.txt", ["1 Anne entered the room.", "2 Phone rang."])
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('line 2: cannot read "Phone rang"');
    const skipped = await pwmk("story", path.join(dir, "c.txt"), "--skip-unknown");
    expect(skipped.code).toBe(0);
    expect(skipped.out).toContain("skipped: line 2: Phone rang");
    const missing = await pwmk("story", path.join(dir, "nope.txt"));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("no such story file");
  });

  it("refuses an unknown trust policy as bad usage", async () => {
    const r = await pwmk("story", storyFile("d.txt", SECOND_ORDER), "--trust", "sometimes");
    expect(r.code).toBe(2);
  });
});
