/**
 * `npm run bench [-- filter] [--json out.json]`: runs every benchmark suite and prints each figure
 * with its anchor; `--json` (or PWMK_BENCH_JSON) also writes them as JSON for `npm run bench:check`.
 * Suites register here; each lives in its own file under bench/.
 */
import { parseBenchArgs, runSuites, Suite, writeBenchReport } from "./harness";
import { harnessSelfCheck } from "./harness-selfcheck";
import { probabilisticSuite } from "./probabilistic";
import { epistemicSuite } from "./epistemic";
import { envsSuite } from "./envs";
import { beliefsSuite } from "./beliefs";
import { agentsSuite } from "./agents";
import { planningSuite } from "./planning";
import { viewersSuite } from "./viewers";
import { worldModelSuite } from "./worldmodel";
import { unitySuite } from "./unity";

const suites: Suite[] = [harnessSelfCheck, epistemicSuite];
suites.push(probabilisticSuite);
suites.push(envsSuite);
suites.push(beliefsSuite);
suites.push(agentsSuite);
suites.push(planningSuite);
suites.push(viewersSuite);
suites.push(worldModelSuite);
suites.push(unitySuite);

const args = parseBenchArgs(process.argv.slice(2));
runSuites(suites, args.filter).then(
  (figs) => {
    console.log(`\n${figs.length} figures measured`);
    if (args.jsonPath) {
      writeBenchReport(args.jsonPath, figs);
      console.log(`figures written to ${args.jsonPath}`);
    }
  },
  (err) => {
    console.error(err);
    process.exit(1);
  }
);
