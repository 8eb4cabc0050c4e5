/**
 * The server-free page of the fast browser test: renders MIME bundles through JupyterLab's
 * RenderMimeRegistry, once with jupyterlab-pwmk's renderer registered (as in a lab with the
 * extension) and once with the standard renderers only (as in a lab without it).
 */
import { MimeModel, RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import extensions from "../src/mime";

/** One sample to draw and what the test reads back. */
export interface Sample {
  name: string;
  bundle: Record<string, unknown>;
  withExtension: boolean;
}

/** What was drawn for one sample. */
export interface Drawn {
  name: string;
  mimeType: string | undefined;
  status: string | undefined;
  text: string;
}

const withExtension = new RenderMimeRegistry({
  initialFactories: [...standardRendererFactories, ...extensions.map((e) => e.rendererFactory)]
});
const standardOnly = new RenderMimeRegistry({ initialFactories: standardRendererFactories });

async function draw(sample: Sample): Promise<Drawn> {
  const registry = sample.withExtension ? withExtension : standardOnly;
  const section = document.createElement("section");
  section.dataset.sample = sample.name;
  const heading = document.createElement("h3");
  heading.textContent = sample.name;
  section.append(heading);
  document.getElementById("outputs")!.append(section);
  // Notebook outputs from a kernel the user ran are trusted; SVG needs trust, ours does not.
  const mimeType = registry.preferredMimeType(
    sample.bundle as IRenderMime.IMimeModel["data"],
    "any"
  );
  if (!mimeType) return { name: sample.name, mimeType, status: undefined, text: "" };
  const renderer = registry.createRenderer(mimeType);
  await renderer.renderModel(
    new MimeModel({ data: sample.bundle as IRenderMime.IMimeModel["data"], trusted: true })
  );
  Widget.attach(renderer, section);
  return {
    name: sample.name,
    mimeType,
    status: renderer.node.dataset.pwmkStatus,
    text: renderer.node.textContent ?? ""
  };
}

declare global {
  interface Window {
    pwmkDraw(samples: Sample[]): Promise<Drawn[]>;
  }
}

window.pwmkDraw = async (samples) => {
  const drawn: Drawn[] = [];
  for (const sample of samples) drawn.push(await draw(sample));
  return drawn;
};
document.body.dataset.ready = "yes";
