/**
 * Prints formulas of the landed language over Boolean fluents back in mA* syntax, for plans,
 * trajectories and messages: `f = true` is `f`, `f = false` is `-f`.
 *
 * ```ts
 * formulaToMAStar(F.B("a", F.not(F.eq("tail", true)))); // "B(a, -tail)"
 * ```
 */
import type { Formula } from "../../epistemic/formula";

/** The mA* text of a formula (see the module comment). */
export function formulaToMAStar(phi: Formula): string {
  const inner = (g: Formula) =>
    g.op === "or" || g.op === "and" ? `(${formulaToMAStar(g)})` : formulaToMAStar(g);
  switch (phi.op) {
    case "atom":
      return phi.value === false
        ? `-${phi.fluent}`
        : phi.value === true
          ? phi.fluent
          : `${phi.fluent}=${String(phi.value)}`;
    case "const":
      return String(phi.value);
    case "not":
      return phi.arg.op === "atom" && phi.arg.value === true
        ? `-${phi.arg.fluent}`
        : `(-${inner(phi.arg)})`;
    case "and":
      return phi.args.map(inner).join(", ");
    case "or":
      return phi.args
        .map((g) => (g.op === "and" ? `(${formulaToMAStar(g)})` : formulaToMAStar(g)))
        .join(" | ");
    case "believes":
      return `B(${phi.agent}, ${formulaToMAStar(phi.arg)})`;
    case "common":
      return `C(${phi.group === "*" ? "*" : `[${phi.group.join(", ")}]`}, ${formulaToMAStar(phi.arg)})`;
  }
}
