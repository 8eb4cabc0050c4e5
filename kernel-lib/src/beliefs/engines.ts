/**
 * Choosing and starting a backend. Each engine module is loaded only when chosen, so a store on
 * one engine never loads the others.
 */
import type { BackendName, EngineBackend } from "./backends/engine";
import { BeliefStoreError } from "./errors";

/** The backends, in the order the docs list them. */
export const BACKENDS: readonly BackendName[] = ["swipl", "swipl-native", "clingo"];

/**
 * Starts the engine of a backend; throws a BeliefStoreError naming an unknown one.
 * ```ts
 * const engine = await startEngine("clingo");
 * engine.capabilities.answerSets; // true
 * ```
 */
export async function startEngine(
  backend: unknown,
  options: { swiplPath?: string } = {}
): Promise<EngineBackend> {
  switch (backend) {
    case "swipl": {
      const { startSwiplWasm } = await import("./backends/swipl-wasm");
      return startSwiplWasm();
    }
    case "swipl-native": {
      const { startSwiplNative } = await import("./backends/swipl-native");
      return startSwiplNative(options.swiplPath);
    }
    case "clingo": {
      const { ClingoBackend } = await import("./backends/clingo");
      return ClingoBackend.start();
    }
    default:
      throw new BeliefStoreError(
        `unknown backend ${JSON.stringify(backend)}: use ${BACKENDS.map((b) => `"${b}"`)
          .join(", ")
          .replace(/, ([^,]*)$/, " or $1")}`
      );
  }
}
