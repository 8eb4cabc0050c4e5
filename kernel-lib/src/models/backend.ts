/**
 * Which TensorFlow.js backend runs the world model: the native ones (`@tensorflow/tfjs-node-gpu`,
 * then `@tensorflow/tfjs-node`) when they are installed and load against the same tfjs-core as
 * PWMK, else WebAssembly, else plain JavaScript. The native packages are never dependencies of
 * PWMK (their install step downloads libtensorflow): they are tried with an optional `require`.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

/**
 * Which backend runs, and why each better one was skipped.
 *
 * ```ts
 * const { name, skipped } = await useBestBackend();
 * console.log(name, skipped.map((s) => `${s.name}: ${s.reason}`));
 * ```
 */
export interface BackendReport {
  /** tfjs's name of the backend now running: "tensorflow", "wasm" or "cpu". */
  name: string;
  /** The package that provides it. */
  package: string;
  /** The candidates (by package) passed over before it, and why: absent, failed to load, not requested. */
  skipped: { name: string; reason: string }[];
}

interface Candidate {
  package: string;
  backend: string;
  load: () => void;
}

/** Loads a package that may be absent (the native backends are never dependencies). */
function optional(name: string): () => void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return () => require(name);
}

const CANDIDATES: Candidate[] = [
  {
    package: "@tensorflow/tfjs-node-gpu",
    backend: "tensorflow",
    load: optional("@tensorflow/tfjs-node-gpu")
  },
  {
    package: "@tensorflow/tfjs-node",
    backend: "tensorflow",
    load: optional("@tensorflow/tfjs-node")
  },
  {
    package: "@tensorflow/tfjs-backend-wasm",
    backend: "wasm",
    load: optional("@tensorflow/tfjs-backend-wasm")
  },
  { package: "@tensorflow/tfjs-backend-cpu", backend: "cpu", load: () => undefined }
];

let current: BackendReport | undefined;
let pending: Promise<BackendReport> | undefined;

function why(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/Cannot find module/.test(text)) return "not installed";
  return text.split("\n")[0];
}

async function tryCandidate(c: Candidate): Promise<void> {
  c.load();
  if (!tf.findBackendFactory(c.backend))
    throw new Error("it loaded a different copy of @tensorflow/tfjs-core than PWMK's");
  if (!(await tf.setBackend(c.backend))) throw new Error("it failed to initialise");
  // A backend that initialises but cannot compute is no use: run one small op.
  const probe = tf.tidy(() => tf.sum(tf.matMul(tf.ones([2, 2]), tf.ones([2, 2]))).dataSync()[0]);
  if (probe !== 8) throw new Error(`it computed a wrong result (${probe})`);
}

/**
 * Selects the fastest working backend (once; later calls return the same report). `only` limits
 * the choice, e.g. `["cpu"]` for exact, slow runs.
 *
 * ```ts
 * const report = await useBestBackend();
 * report.name; // "wasm" here
 * ```
 */
export function useBestBackend(options: { only?: string[] } = {}): Promise<BackendReport> {
  if (options.only === undefined && pending) return pending;
  const run = (async () => {
    const skipped: BackendReport["skipped"] = [];
    for (const c of CANDIDATES) {
      if (options.only && !options.only.includes(c.backend) && !options.only.includes(c.package)) {
        skipped.push({ name: c.package, reason: "not requested" });
        continue;
      }
      try {
        await tryCandidate(c);
        current = { name: c.backend, package: c.package, skipped };
        return current;
      } catch (e) {
        skipped.push({ name: c.package, reason: why(e) });
      }
    }
    throw new Error(
      `no TensorFlow.js backend works: ${skipped.map((s) => `${s.name} (${s.reason})`).join("; ")}`
    );
  })();
  if (options.only === undefined) pending = run;
  return run;
}

/**
 * The report of the last `useBestBackend`, or undefined when it has not run.
 *
 * ```ts
 * backendReport()?.name;
 * ```
 */
export function backendReport(): BackendReport | undefined {
  return current;
}

/**
 * Whether some backend is ready to run ops without awaiting anything.
 *
 * ```ts
 * if (!backendReady()) await useBestBackend();
 * ```
 */
export function backendReady(): boolean {
  return (tf.engine() as unknown as { backendName: string | null }).backendName != null;
}
