/**
 * Saved PWMK views as documents: a `.pwmk.json` file holds a MIME bundle as pwmk writes it
 * (`JSON.stringify(pwmk.toMimeBundle(x))`) or a bare payload. Opened in JupyterLab, it shows
 * in the viewer of the PWMK type it carries; anything else gets a clear message.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Panel, Widget } from "@lumino/widgets";
import { isObject } from "pwmk/payloads";
import { el, errorBox } from "./view-tools";

/**
 * MIME type JupyterLab gives the contents of a `.pwmk.json` file.
 *
 * ```ts
 * model.data[PWMK_FILE_MIME]; // the parsed file
 * ```
 */
export const PWMK_FILE_MIME = "application/vnd.pwmk.file+json";

/** Recognises a bare payload (no bundle around it) by its shape. */
const BARE: [string, (v: Record<string, unknown>) => boolean][] = [
  ["application/vnd.pwmk.belief-graph.v2+json", (v) => "snapshots" in v && "facts" in v],
  ["application/vnd.pwmk.trajectory.v1+json", (v) => "grid" in v && "steps" in v],
  ["application/vnd.pwmk.belief-graph.v1+json", (v) => "nodes" in v && "edges" in v]
];

/**
 * Builds the `.pwmk.json` document renderer over the given PWMK renderer factories: it picks
 * the first MIME type of the file's bundle that one of them draws.
 *
 * ```ts
 * const factory = pwmkFileRendererFactory([beliefGraphRendererFactory, trajectoryRendererFactory]);
 * ```
 */
export function pwmkFileRendererFactory(
  factories: IRenderMime.IRendererFactory[]
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [PWMK_FILE_MIME],
    defaultRank: 45,
    createRenderer: (options) => new PwmkFileRenderer(options, factories)
  };
}

class PwmkFileRenderer extends Panel implements IRenderMime.IRenderer {
  private inner: IRenderMime.IRenderer | null = null;

  constructor(
    private readonly options: IRenderMime.IRendererOptions,
    private readonly factories: IRenderMime.IRendererFactory[]
  ) {
    super();
    this.addClass("jp-PWMK-File");
  }

  async renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this.inner?.dispose();
    this.inner = null;
    for (const w of [...this.widgets]) w.dispose();
    let data: unknown = model.data[PWMK_FILE_MIME];
    if (typeof data === "string") {
      try {
        data = JSON.parse(data);
      } catch {
        data = undefined;
      }
    }
    if (!isObject(data)) {
      this.addWidget(
        new Widget({
          node: errorBox(
            "Not a PWMK file",
            "a .pwmk.json file holds a JSON object: a MIME bundle from pwmk or one payload"
          )
        })
      );
      return;
    }
    const bundle: Record<string, unknown> =
      BARE.reduce<Record<string, unknown> | null>(
        (found, [mime, test]) =>
          found ?? (test(data as Record<string, unknown>) ? { [mime]: data } : null),
        null
      ) ?? data;
    for (const [mimeType, payload] of Object.entries(bundle)) {
      const factory = this.factories.find((f) => f.mimeTypes.includes(mimeType));
      if (!factory) continue;
      const renderer = factory.createRenderer({ ...this.options, mimeType });
      await renderer.renderModel({ ...model, data: { [mimeType]: payload as never } });
      this.inner = renderer;
      this.addWidget(new Widget({ node: el("div", "jp-PWMK-file-kind", mimeType) }));
      this.addWidget(renderer as unknown as Widget);
      return;
    }
    this.addWidget(
      new Widget({
        node: errorBox("Not a PWMK file", "it holds no payload that jupyterlab-pwmk draws")
      })
    );
  }

  dispose(): void {
    this.inner?.dispose();
    super.dispose();
  }
}
