/**
 * Writes the problem set of domains.ts as .mastar files next to this script.
 *
 * ```sh
 * npx tsx test/planning/problems/generate.ts
 * ```
 */
import * as fs from "fs";
import * as path from "path";
import { problemSet } from "./domains";

for (const p of problemSet()) fs.writeFileSync(path.join(__dirname, `${p.name}.mastar`), p.text);
console.log(`wrote ${problemSet().length} problems to ${__dirname}`);
