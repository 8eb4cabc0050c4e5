/**
 * Display handles: one notebook output that is drawn once and then redrawn in place, through
 * Jupyter's `display_data` / `update_display_data` messages carrying the same `display_id`.
 * Used for live training curves and replays that follow a running episode.
 */
import { randomUUID } from "crypto";
import { toMimeBundle, type Showable } from "./display";
import {
  findDisplayDataWriter,
  processEnvironment,
  sendBundle,
  type BridgeEnvironment
} from "./tslab-bridge";

/**
 * An output that can be redrawn in place. Its first `update` (or `display`) creates the output;
 * each later `update` replaces its content, wherever it is in the notebook, even from a later cell.
 *
 * ```ts
 * const handle = pwmk.displayHandle();
 * for (let epoch = 1; epoch <= 5; epoch++) handle.update(pwmk.trainingChart(history.slice(0, epoch)));
 * ```
 */
export interface DisplayHandle {
  /** The Jupyter `display_id` shared by the output and its updates. */
  readonly id: string;
  /** How many times the output has been sent (1 display + updates). */
  readonly sends: number;
  /** Shows `obj` as a NEW output tied to this handle (later updates redraw every copy). */
  display(obj: Showable): void;
  /** Redraws the output with `obj`; the first call shows it. */
  update(obj: Showable): void;
}

/**
 * Creates a display handle, and shows `obj` right away when given. Inside a tslab kernel the
 * output is updated in place; outside a kernel each update prints its `text/plain`; in a tslab
 * without its display hook each update is a new output (there is no way to address the old one).
 * Bad input throws before anything is sent, as with `display`.
 *
 * ```ts
 * const handle = pwmk.displayHandle(pwmk.trainingChart([]));
 * handle.update(pwmk.trainingChart(trainer.history)); // same output, redrawn
 * ```
 */
export function displayHandle(
  obj?: Showable,
  env: BridgeEnvironment = processEnvironment()
): DisplayHandle {
  const id = `pwmk-${randomUUID()}`;
  let sends = 0;
  const send = (obj: Showable, update: boolean) => {
    const bundle = toMimeBundle(obj);
    const write = findDisplayDataWriter(env.modules);
    if (write) {
      write({ data: { ...bundle }, metadata: {}, transient: { display_id: id } }, update);
    } else {
      sendBundle(bundle, env);
    }
    sends++;
  };
  const handle: DisplayHandle = {
    id,
    get sends() {
      return sends;
    },
    display: (obj) => send(obj, false),
    update: (obj) => send(obj, sends > 0)
  };
  if (obj !== undefined) handle.display(obj);
  return handle;
}
