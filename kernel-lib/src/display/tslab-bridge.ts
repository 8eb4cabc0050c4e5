/**
 * The bridge from pwmk to a running tslab kernel: sends one MIME bundle as ONE `display_data`
 * message.
 *
 * tslab's public `display.raw(type, data)` sends one string-typed MIME type per output. It is
 * built on a module-level hook, `lastWriteDisplayData` in tslab's `dist/jupyter.js`, which the
 * kernel sets to the current cell's writer before each execution and which takes a whole
 * `display_data` content (`{ data, metadata, transient }`). That hook is what the public API
 * itself calls, so it is the most stable way in. We find it among the loaded modules (so it is
 * the instance of the tslab that is actually running, wherever it was installed) and read it at
 * call time (so the output lands in the cell that is executing).
 *
 * Fallbacks, in order: tslab's public `display.raw`, one output per MIME type (JSON payloads
 * serialised to strings); outside tslab, the bundle's `text/plain` printed to stdout.
 */
import * as path from "path";
import type { MimeBundle } from "./bundle";

/**
 * The content of a Jupyter `display_data` message, as tslab's hook takes it.
 *
 * ```ts
 * const content: DisplayDataContent = { data: { "text/plain": "hi" }, metadata: {}, transient: {} };
 * ```
 */
export interface DisplayDataContent {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  transient: { display_id?: string };
}

/**
 * tslab's writer: sends `display_data` (or `update_display_data` when `update`) on iopub.
 *
 * ```ts
 * const write: DisplayDataWriter = (content, update) => sent.push({ content, update });
 * ```
 */
export type DisplayDataWriter = (content: DisplayDataContent, update: boolean) => void;

/**
 * tslab's public display API, as far as the fallback uses it.
 *
 * ```ts
 * const display: TslabPublicDisplay = { raw: (type, data) => console.log(type, data.length) };
 * ```
 */
export interface TslabPublicDisplay {
  raw(contentType: string, data: string): unknown;
}

/**
 * The loaded-module table the bridge searches, shaped like Node's `require.cache`.
 *
 * ```ts
 * const modules: ModuleTable = { "/app/node_modules/tslab/dist/jupyter.js": { exports: {} } };
 * ```
 */
export type ModuleTable = Record<string, { exports?: unknown } | undefined>;

/**
 * Where `display` sends its output: the loaded modules it searches for a running tslab kernel,
 * and the printer it falls back to without one. The default is this process (`require.cache`
 * and `console.log`); pass your own as the last argument of `display` or `displayHandle` to
 * capture the output in a script or a test.
 *
 * ```ts
 * const lines: string[] = [];
 * const env: BridgeEnvironment = { modules: {}, load: require, print: (t) => lines.push(t) };
 * display(graph, env); // no tslab in `modules`: lines gets the text/plain part
 * ```
 */
export interface BridgeEnvironment {
  /** The loaded modules searched for tslab's display module (Node's `require.cache` by default). */
  modules: ModuleTable;
  /** Loads a module by absolute path (used to reach tslab's public API next to a found tslab). */
  load(absolutePath: string): unknown;
  /** Prints a line when no kernel is there. */
  print(text: string): void;
}

/**
 * How a bundle was delivered.
 *
 * ```ts
 * const how: Delivery = sendBundle(bundle); // "bundle" | "per-type" | "text"
 * ```
 */
export type Delivery = "bundle" | "per-type" | "text";

const TSLAB_DIST = /[\\/]tslab[\\/]dist[\\/]([a-z]+)\.js$/;

/**
 * The environment of this process: Node's module cache and console.
 *
 * ```ts
 * findPublicDisplay(processEnvironment()); // tslab's display, or undefined outside tslab
 * ```
 */
export function processEnvironment(): BridgeEnvironment {
  return {
    modules: require.cache as ModuleTable,
    // A computed path into the running tslab's folder, so a static import cannot express it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    load: (absolutePath) => require(absolutePath),
    print: (text) => console.log(text)
  };
}

/**
 * The running tslab kernel's display-data writer, or undefined outside tslab (or in a tslab
 * whose internals changed).
 *
 * ```ts
 * const write = findDisplayDataWriter(processEnvironment().modules);
 * write?.({ data: { "text/plain": "hi" }, metadata: {}, transient: {} }, false);
 * ```
 */
export function findDisplayDataWriter(modules: ModuleTable): DisplayDataWriter | undefined {
  for (const [file, mod] of Object.entries(modules)) {
    const match = TSLAB_DIST.exec(file);
    if (match?.[1] !== "jupyter") continue;
    const hook = (mod?.exports as { lastWriteDisplayData?: unknown } | undefined)
      ?.lastWriteDisplayData;
    if (typeof hook === "function") return hook as DisplayDataWriter;
  }
  return undefined;
}

/**
 * tslab's public `display` object if tslab is loaded in this process: either its public module
 * is loaded already, or it is loaded from the `dist/` folder of the tslab that is running.
 * Loading failures count as "no tslab" rather than errors.
 *
 * ```ts
 * findPublicDisplay(processEnvironment())?.raw("text/html", "<b>hi</b>");
 * ```
 */
export function findPublicDisplay(env: BridgeEnvironment): TslabPublicDisplay | undefined {
  const distDirs = new Set<string>();
  for (const [file, mod] of Object.entries(env.modules)) {
    const match = TSLAB_DIST.exec(file);
    if (!match) continue;
    if (match[1] === "public") {
      const display = publicDisplayOf(mod?.exports);
      if (display) return display;
    }
    distDirs.add(path.dirname(file));
  }
  for (const dir of distDirs) {
    try {
      const display = publicDisplayOf(env.load(path.join(dir, "public.js")));
      if (display) return display;
    } catch {
      // Not a usable tslab; try the next one.
    }
  }
  return undefined;
}

function publicDisplayOf(exports: unknown): TslabPublicDisplay | undefined {
  const display = (exports as { display?: { raw?: unknown } } | undefined)?.display;
  return typeof display?.raw === "function" ? (display as TslabPublicDisplay) : undefined;
}

/**
 * Sends a checked bundle to the notebook by the best channel available and says which one:
 * `"bundle"` (one output with every MIME type), `"per-type"` (tslab without the hook: one
 * output per type, `text/plain` last) or `"text"` (no kernel: `text/plain` printed).
 *
 * ```ts
 * sendBundle({ "text/plain": "hi", "text/html": "<b>hi</b>" }); // "bundle" inside tslab
 * ```
 */
export function sendBundle(
  bundle: MimeBundle,
  env: BridgeEnvironment = processEnvironment()
): Delivery {
  const write = findDisplayDataWriter(env.modules);
  if (write) {
    write({ data: { ...bundle }, metadata: {}, transient: {} }, false);
    return "bundle";
  }
  // A tslab whose hook exists but is unset is loaded without running a cell (e.g. a script
  // that imports tslab): there is no notebook to send to. Only a tslab without the hook at all
  // (changed internals) gets the per-type fallback.
  const display = hasIdleHook(env.modules) ? undefined : findPublicDisplay(env);
  if (display) {
    const types = Object.keys(bundle).filter((t) => t !== "text/plain");
    const parts = types.length > 0 ? types : ["text/plain"];
    let sent = 0;
    try {
      for (const type of parts) {
        const data = bundle[type];
        display.raw(type, typeof data === "string" ? data : JSON.stringify(data));
        sent++;
      }
      return "per-type";
    } catch (error) {
      // Nothing sent yet (tslab not ready): fall through to text. Mid-way: a real failure.
      if (sent > 0) throw error;
    }
  }
  env.print(bundle["text/plain"]);
  return "text";
}

function hasIdleHook(modules: ModuleTable): boolean {
  return Object.entries(modules).some(([file, mod]) => {
    if (TSLAB_DIST.exec(file)?.[1] !== "jupyter") return false;
    const exports = mod?.exports;
    return typeof exports === "object" && exports !== null && "lastWriteDisplayData" in exports;
  });
}
