/**
 * @jest-environment jsdom
 */
import "./jsdom-lumino";
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import { DIVERGENCE_MIME, SEARCH_TREE_MIME, TRAINING_HISTORY_MIME } from "pwmk/payloads";
import { divergenceChart, predictionChart, searchTree, trainingChart } from "pwmk/display";
import extensions, {
  divergenceExtension,
  predictionsExtension,
  searchTreeExtension,
  trainingExtension
} from "../src/mime";
import { plotlyText } from "../src/renderers/plotly-view";

function model(data: Record<string, unknown>): IRenderMime.IMimeModel {
  return {
    data,
    metadata: {},
    trusted: false,
    setData: () => undefined
  } as unknown as IRenderMime.IMimeModel;
}

async function render(ext: IRenderMime.IExtension, data: unknown, widget?: IRenderMime.IRenderer) {
  const mimeType = ext.rendererFactory.mimeTypes[0];
  const renderer =
    widget ?? ext.rendererFactory.createRenderer({ mimeType } as IRenderMime.IRendererOptions);
  if (!widget) Widget.attach(renderer, document.body);
  await renderer.renderModel(model({ [mimeType]: data }));
  return renderer;
}

afterEach(() => document.body.replaceChildren());

const HOSTILE = [
  "<script>window.hacked = 1</script>",
  '<img src=x onerror="window.hacked = 1">',
  "javascript:alert(1)",
  "x".repeat(100_000)
];

describe("registration", () => {
  it("registers one safe, JSON renderer per chart kind, ahead of Vega-Lite and the fallbacks", () => {
    expect(extensions).toEqual(
      expect.arrayContaining([trainingExtension, searchTreeExtension, divergenceExtension])
    );
    expect(
      [trainingExtension, searchTreeExtension, divergenceExtension].map(
        (e) => e.rendererFactory.mimeTypes[0]
      )
    ).toEqual([TRAINING_HISTORY_MIME, SEARCH_TREE_MIME, DIVERGENCE_MIME]);
    for (const e of [trainingExtension, searchTreeExtension, divergenceExtension]) {
      expect(e.rendererFactory.safe).toBe(true);
      expect(e.rank).toBeLessThan(50);
      expect(e.dataType).toBe("json");
    }
  });
});

describe("training dashboard", () => {
  const history = [
    { epoch: 1, loss: 0.9, beliefAccuracy: 0.4 },
    { epoch: 2, loss: 0.6, beliefAccuracy: 0.7 }
  ];

  it("draws a chart per panel with the progress line", async () => {
    const payload = trainingChart(history, { title: "World model", totalEpochs: 4 }).payload;
    const r = await render(trainingExtension, payload);
    expect(r.node.dataset.pwmkStatus).toBe("ok");
    expect(
      Array.from(r.node.querySelectorAll(".jp-PWMK-chart-title")).map((n) => n.textContent)
    ).toEqual(["Loss", "Accuracy"]);
    expect(r.node.querySelector(".jp-PWMK-progress")!.textContent).toBe(
      "epoch 2/4 · loss 0.6 · belief accuracy 0.7"
    );
    expect((r.node.querySelector("progress") as HTMLProgressElement).value).toBe(2);
    expect(r.node.querySelectorAll("path.jp-PWMK-line")).toHaveLength(2);
  });

  it("redraws in place when the output is updated (same widget, new data)", async () => {
    const r = await render(trainingExtension, trainingChart(history.slice(0, 1)).payload);
    await render(trainingExtension, trainingChart(history).payload, r);
    expect(r.node.dataset.epochs).toBe("2");
    expect(r.node.querySelectorAll(".jp-PWMK-chart")).toHaveLength(2);
    expect(document.querySelectorAll(".jp-PWMK-Training")).toHaveLength(1);
  });

  it("shows 'No epochs yet.' for a live run before its first epoch", async () => {
    const r = await render(trainingExtension, {
      version: "1.0",
      metrics: [],
      epochs: [],
      totalEpochs: 3
    });
    expect(r.node.textContent).toContain("No epochs yet.");
  });
});

describe("search tree", () => {
  const tree = {
    visits: 20,
    value: 0.5,
    children: [
      {
        action: "look",
        visits: 12,
        value: 0.7,
        children: [
          {
            action: "take",
            visits: 9,
            value: 0.9,
            children: [{ action: "deep", visits: 2, value: 1 }]
          }
        ]
      },
      { action: "wait", visits: 8, value: 0.2 }
    ]
  };

  const names = (r: IRenderMime.IRenderer) =>
    Array.from(r.node.querySelectorAll("[role=treeitem] .jp-PWMK-node-text")).map(
      (n) => n.textContent
    );

  it("draws the outline two levels open, visits and values per node, the most visited child marked", async () => {
    const r = await render(searchTreeExtension, searchTree(tree).payload);
    expect(r.node.dataset.pwmkStatus).toBe("ok");
    expect(names(r)).toEqual(["root", "look", "take", "wait"]);
    const take = r.node.querySelector<HTMLElement>('[data-id="2"]')!;
    expect(take.getAttribute("aria-expanded")).toBe("false");
    expect(take.getAttribute("aria-level")).toBe("3");
    expect(r.node.querySelector('[data-id="1"]')!.classList.contains("jp-mod-best")).toBe(true);
    expect(r.node.querySelector('[data-id="1"] .jp-PWMK-visits')!.textContent).toBe("12");
    expect(r.node.querySelector('[data-id="1"] .jp-PWMK-value')!.textContent).toBe("0.7");
  });

  it("collapses and expands by click and by keyboard", async () => {
    const r = await render(searchTreeExtension, searchTree(tree).payload);
    r.node.querySelector<HTMLElement>('[data-id="1"] .jp-PWMK-toggle')!.click();
    expect(names(r)).toEqual(["root", "look", "wait"]);
    const look = r.node.querySelector<HTMLElement>('[data-id="1"]')!;
    look.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    expect(names(r)).toEqual(["root", "look", "take", "wait"]);
    const take = r.node.querySelector<HTMLElement>('[data-id="2"]')!;
    take.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
    expect(names(r)).toEqual(["root", "look", "take", "deep", "wait"]);
    expect(document.activeElement).toBe(r.node.querySelector('[data-id="2"]'));
    document.activeElement!.dispatchEvent(
      new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true })
    );
    expect(names(r)).toEqual(["root", "look", "take", "wait"]);
    document.activeElement!.dispatchEvent(
      new KeyboardEvent("keydown", { key: "ArrowLeft", bubbles: true })
    );
    expect((document.activeElement as HTMLElement).dataset.id).toBe("1");
  });
});

describe("divergence chart", () => {
  it("draws a line per pair and lists the events", async () => {
    const records = [
      { step: 0, a: "sally", b: "world", mean: 0, perFluent: {} },
      { step: 1, a: "sally", b: "world", mean: 1, perFluent: {}, label: "anne moves the marble" }
    ];
    const r = await render(
      divergenceExtension,
      divergenceChart(records, { title: "Sally-Anne" }).payload
    );
    expect(r.node.dataset.pwmkStatus).toBe("ok");
    expect(r.node.querySelectorAll("path.jp-PWMK-line")).toHaveLength(1);
    expect(r.node.querySelector(".jp-PWMK-legend")!.textContent).toBe("sally vs world");
    expect(r.node.querySelector(".jp-PWMK-events")!.textContent).toBe("anne moves the marble");
    expect(r.node.querySelector("circle title")!.textContent).toBe("sally vs world: 0 at step 0");
  });
});

describe("predictions", () => {
  it("draws a chart per quantity, true beside predicted, titled with the error", async () => {
    const payload = predictionChart(
      { truth: { x: [0, 1, 2], y: [1, 1, 0] }, predicted: { x: [0, 1, 3], y: [1, 0, 0] } },
      { title: "Rollout" }
    ).payload;
    const r = await render(predictionsExtension, payload);
    expect(r.node.dataset.pwmkStatus).toBe("ok");
    expect(
      Array.from(r.node.querySelectorAll(".jp-PWMK-chart-title")).map((n) => n.textContent)
    ).toEqual(["x (mean abs. error 0.333)", "y (mean abs. error 0.333)"]);
    expect(r.node.querySelectorAll("path.jp-PWMK-line")).toHaveLength(4);
    expect(r.node.querySelector(".jp-PWMK-legend")!.textContent).toBe("truepredicted");
  });
});

describe("bad payloads and hostile labels", () => {
  it.each([
    [
      trainingExtension,
      { version: "2.0", metrics: [], epochs: [] },
      "Unsupported training history version"
    ],
    [
      trainingExtension,
      { version: "1.0", metrics: "loss", epochs: [] },
      "Malformed training history"
    ],
    [searchTreeExtension, "not json", "Not a PWMK search tree"],
    [
      searchTreeExtension,
      { version: "1.0", root: "x", nodes: [{ id: "y", visits: 1, value: 0 }] },
      "Malformed search tree"
    ],
    [
      divergenceExtension,
      {
        version: "1.0",
        measure: "m",
        steps: [{ step: 0 }],
        series: [{ a: "a", b: "b", values: [] }]
      },
      "Malformed belief divergence chart"
    ]
  ])("%#: shows a clear message instead of a chart", async (ext, data, title) => {
    const r = await render(ext, data);
    expect(r.node.dataset.pwmkStatus).toBe("error");
    expect(r.node.querySelector(".jp-PWMK-error[role=alert] strong")!.textContent).toBe(title);
  });

  it("keeps hostile labels as text in every renderer", async () => {
    const w = window as unknown as { hacked?: number };
    const history = [Object.fromEntries(HOSTILE.map((h, i) => [h, i]))];
    const t = await render(
      trainingExtension,
      trainingChart(history, { title: HOSTILE[0] }).payload
    );
    const s = await render(
      searchTreeExtension,
      searchTree(
        {
          visits: 2,
          value: 0,
          belief: HOSTILE[1],
          children: HOSTILE.map((h) => ({ action: h, visits: 1, value: 0 }))
        },
        { title: HOSTILE[1] }
      ).payload
    );
    const d = await render(
      divergenceExtension,
      divergenceChart(
        HOSTILE.map((h, i) => ({
          step: 0,
          a: h,
          b: `w${i}`,
          mean: 0,
          perFluent: {},
          label: HOSTILE[2]
        }))
      ).payload
    );
    for (const r of [t, s, d]) {
      expect(r.node.dataset.pwmkStatus).toBe("ok");
      expect(r.node.querySelector("script, img, a")).toBeNull();
      expect(r.node.textContent).toContain("<script>window.hacked = 1</script>".slice(0, 30));
    }
    expect(w.hacked).toBeUndefined();
  });

  it("escapes labels for plotly, which reads a few tags (links) in names", () => {
    expect(plotlyText('<a href="javascript:alert(1)">x</a> & y')).toBe(
      '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt; &amp; y'
    );
  });
});
