/**
 * One version for the kit: what `pwmk.version` says at run time is the version of the pwmk
 * package, of the JupyterLab extension and of lerna.json (which `lerna version` bumps together).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pwmk from "../src";

const repo = path.resolve(__dirname, "../..");
const versionOf = (file: string): string =>
  (JSON.parse(fs.readFileSync(path.join(repo, file), "utf8")) as { version: string }).version;

describe("release versions", () => {
  it("pwmk.version, the extension's version and lerna.json's agree", () => {
    expect({
      extension: versionOf("jupyterlab-ext/package.json"),
      lerna: versionOf("lerna.json"),
      pwmkPackage: versionOf("kernel-lib/package.json")
    }).toEqual({ extension: pwmk.version, lerna: pwmk.version, pwmkPackage: pwmk.version });
  });

  it("is a semantic version", () => {
    expect(pwmk.version).toMatch(/^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/);
  });

  it("the extension is built against this very pwmk", () => {
    const ext = JSON.parse(fs.readFileSync(path.join(repo, "jupyterlab-ext/package.json"), "utf8"));
    const range: string = ext.dependencies?.pwmk ?? ext.devDependencies?.pwmk;
    expect(range.replace(/^[\^~]/, "")).toBe(pwmk.version);
  });
});
