import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pwmk } from "./run-pwmk";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pwmk-demo-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("pwmk demo", () => {
  const report = path.join(dir, "report.html");

  it("writes a self-contained report of the false-belief task with its pictures", async () => {
    const r = await pwmk("demo", "--out", report, "--json");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out);
    expect(summary).toMatchObject({ ok: true, out: report, storySteps: 4 });
    expect(summary.sallyBeforeReturning).toEqual(["basket"]);
    expect(summary.sallyAfterReturning).toEqual(["box"]);
    const html = fs.readFileSync(report, "utf8");
    // a belief graph per story step and the grid-world replay, as embedded images
    expect(html.match(/<img alt="belief graph after step \d"/g)).toHaveLength(4);
    expect(html).toContain('<img alt="hide and seek replay" src="data:image/svg+xml;base64,');
    // Sally's false belief while away is marked; no script anywhere
    expect(html).toMatch(/<tr class="false"><td>sally<\/td><td>basket<\/td><\/tr>/);
    expect(html).not.toMatch(/<script/i);
    const svg = Buffer.from(
      html.match(/alt="belief graph after step 3" src="data:image\/svg\+xml;base64,([^"]+)"/)![1],
      "base64"
    ).toString("utf8");
    expect(svg).toContain("<svg");
    expect(svg).toContain("sally");
  });

  it("refuses to overwrite a report unless asked, as bad usage", async () => {
    const again = await pwmk("demo", "--out", report);
    expect(again.code).toBe(2);
    expect(again.err).toContain("--overwrite");
    const replaced = await pwmk("demo", "--out", report, "--overwrite");
    expect(replaced.code).toBe(0);
    expect(replaced.out).toContain("while away, Sally believes the marble is in the basket");
  });
});
