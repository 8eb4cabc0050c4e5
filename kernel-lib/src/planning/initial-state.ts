/**
 * The initial pointed Kripke model of an mA* problem, built by the finitary-S5 reading of
 * `initially` that the EFP planners use: every world satisfies the fluent formulas under
 * `C([all agents], ...)`; an agent tells worlds apart only by what it is said to know whether
 * (`C(..., B(i, φ) | B(i, -φ))`); the plain `initially` fluent formulas pick the actual world.
 *
 * ```ts
 * const model = initialModel(ast, vocabulary, resolve); // contracted
 * ```
 */
import type { Resolved } from "../epistemic/formula-eval";
import { KripkeModel } from "../epistemic/kripke-model";
import type { Vocabulary } from "../epistemic/vocabulary";
import type { MAFormula, MAStarProblem, SourcePos } from "./mastar/ast";
import { MAStarSyntaxError } from "./mastar/lexer";

/** Most unknown fluents the initial state may enumerate (2^n candidate worlds). */
const MAX_FREE_FLUENTS = 20;

const fail = (message: string, at: SourcePos): never => {
  throw new MAStarSyntaxError(message, at);
};

/** The initial model of `ast` (see the module comment); throws MAStarSyntaxError naming the problem. */
export function initialModel(
  ast: MAStarProblem,
  vocab: Vocabulary,
  resolve: (phi: MAFormula) => Resolved
): KripkeModel {
  const nF = ast.fluents.length;
  const constraints: Array<(v: Int32Array) => boolean> = [];
  const pointed: Array<(v: Int32Array) => boolean> = [];
  const knowsWhether: Array<Array<(v: Int32Array) => boolean>> = ast.agents.map(() => []);
  const fixed = new Int32Array(nF).fill(-1);
  const allAgents = [...ast.agents].sort().join(",");
  const isKnowsWhether = (psi: MAFormula): [string, MAFormula] | undefined => {
    if (psi.kind !== "or" || psi.args.length !== 2) return undefined;
    const [x, y] = psi.args;
    if (x.kind !== "B" || y.kind !== "B" || x.agent !== y.agent) return undefined;
    if (y.arg.kind === "not" && sameFormula(y.arg.arg, x.arg)) return [x.agent, x.arg];
    if (x.arg.kind === "not" && sameFormula(x.arg.arg, y.arg)) return [x.agent, y.arg];
    return undefined;
  };
  const common = (psi: MAFormula): void => {
    if (psi.kind === "and") return psi.args.forEach(common);
    if (!mentionsBelief(psi)) {
      if (psi.kind === "fluent") fixed[vocab.fluentIndex(psi.name)] = 1;
      else if (psi.kind === "not" && psi.arg.kind === "fluent")
        fixed[vocab.fluentIndex(psi.arg.name)] = 0;
      constraints.push(objective(psi, resolve(psi)));
      return;
    }
    const kw = isKnowsWhether(psi);
    if (kw) {
      knowsWhether[ast.agents.indexOf(kw[0])].push(objective(kw[1], resolve(kw[1])));
      return;
    }
    // C(B(i, φ)): in the reflexive initial models, φ holds in every world.
    if (psi.kind === "B" && !mentionsBelief(psi.arg)) return common(psi.arg);
    // C(-B(i, φ), -B(i, -φ)): "i does not know whether φ" is the default; checked below.
    if (psi.kind === "not" && psi.arg.kind === "B") return;
    fail(
      "unsupported initial condition: under C([...], ...) write fluent formulas, B(i, φ), or B(i, φ) | B(i, -φ) with φ about fluents",
      psi.at
    );
  };
  for (const phi of ast.initially) {
    if (phi.kind === "C") {
      if ([...phi.agents].sort().join(",") !== allAgents) {
        fail(`initially C([...], φ) must name every agent (${ast.agents.join(", ")})`, phi.at);
      }
      common(phi.arg);
    } else if (!mentionsBelief(phi)) {
      pointed.push(objective(phi, resolve(phi)));
    }
  }
  const free: number[] = [];
  for (let f = 0; f < nF; f++) if (fixed[f] < 0) free.push(f);
  if (free.length > MAX_FREE_FLUENTS) {
    fail(
      `the initial state leaves ${free.length} fluents unknown (at most ${MAX_FREE_FLUENTS}); state more of them under initially C([...], ...)`,
      { line: 1, col: 1 }
    );
  }
  const worlds: Int32Array[] = [];
  for (let m = 0; m < 1 << free.length; m++) {
    const v = Int32Array.from(fixed);
    free.forEach((f, i) => (v[f] = (m >> i) & 1));
    if (constraints.every((c) => c(v))) worlds.push(v);
  }
  const start = ast.initially[0]?.at ?? { line: 1, col: 1 };
  if (worlds.length === 0)
    fail(
      "the initial common-belief conditions contradict each other (no world satisfies them)",
      start
    );
  const actual = worlds.filter((v) => pointed.every((c) => c(v)));
  if (actual.length !== 1) {
    const unknown = free
      .filter((f) => new Set(actual.map((v) => v[f])).size > 1)
      .map((f) => ast.fluents[f]);
    fail(
      actual.length === 0
        ? "no initial world satisfies both the initially fluent formulas and the common-belief conditions"
        : `the initially fluent formulas leave the actual world undetermined: give a value to ${unknown.join(", ")}`,
      start
    );
  }
  const actualIdx = worlds.indexOf(actual[0]);
  const clusterOf: Int32Array[] = [];
  const clusters: number[][][] = [];
  for (let a = 0; a < ast.agents.length; a++) {
    const ids = new Map<string, number>();
    const of = new Int32Array(worlds.length);
    const list: number[][] = [];
    worlds.forEach((v, w) => {
      const key = knowsWhether[a].map((t) => (t(v) ? "1" : "0")).join("");
      let id = ids.get(key);
      if (id === undefined) {
        id = list.length;
        ids.set(key, id);
        list.push([]);
      }
      list[id].push(w);
      of[w] = id;
    });
    clusterOf.push(of);
    clusters.push(list);
  }
  return new KripkeModel(worlds, clusterOf, clusters, actualIdx).contract();
}

function mentionsBelief(phi: MAFormula): boolean {
  switch (phi.kind) {
    case "fluent":
      return false;
    case "not":
      return mentionsBelief(phi.arg);
    case "and":
    case "or":
      return phi.args.some(mentionsBelief);
    default:
      return true;
  }
}

function sameFormula(x: MAFormula, y: MAFormula): boolean {
  const strip = (phi: MAFormula): unknown =>
    JSON.parse(
      JSON.stringify(phi, (k, v) =>
        k === "at" || k === "agentAt" || k === "agentsAt" ? undefined : v
      )
    );
  return JSON.stringify(strip(x)) === JSON.stringify(strip(y));
}

/** A formula about fluents alone, as a test on a valuation; an error when it mentions beliefs. */
export function objective(phi: MAFormula, r: Resolved): (v: Int32Array) => boolean {
  const test = (g: Resolved): ((v: Int32Array) => boolean) => {
    switch (g.op) {
      case "atom":
        return (v) => v[g.f] === g.v;
      case "const":
        return () => g.value;
      case "not": {
        const t = test(g.arg);
        return (v) => !t(v);
      }
      case "and": {
        const ts = g.args.map(test);
        return (v) => ts.every((t) => t(v));
      }
      case "or": {
        const ts = g.args.map(test);
        return (v) => ts.some((t) => t(v));
      }
      default:
        return fail(
          "a condition of a causes law or of the initial worlds must be about fluents only (no B or C)",
          phi.at
        );
    }
  };
  return test(r);
}
