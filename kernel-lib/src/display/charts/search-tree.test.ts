import { checkMimeBundle } from "../bundle";
import { toMimeBundle } from "../display";
import { validatePayload } from "../payloads/kind";
import {
  SEARCH_TREE_MIME,
  SEARCH_TREE_V1,
  searchTreeRows,
  type SearchTreePayload
} from "../payloads/search-tree";
import { searchTree, type PlainSearchNode } from "./search-tree";

const tree: PlainSearchNode = {
  visits: 20,
  value: 0.5,
  belief: "sally: basket",
  children: [
    {
      action: "look(box)",
      visits: 12,
      value: 0.7,
      children: [{ action: "take", visits: 9, value: 0.9 }]
    },
    { action: "wait", visits: 5, value: 0.2 },
    { action: "ask(anne)", visits: 3, value: 0.1, terminal: true }
  ]
};

describe("searchTree", () => {
  it("flattens a nested tree into a schema-valid payload with parents, visits and values", () => {
    const bundle = searchTree(tree, { title: "MCTS", valueLabel: "return" }).toMimeBundle();
    checkMimeBundle(bundle);
    expect(Object.keys(bundle).sort()).toEqual(
      [SEARCH_TREE_MIME, "image/svg+xml", "text/html", "text/plain"].sort()
    );
    const payload = bundle[SEARCH_TREE_MIME] as SearchTreePayload;
    expect(validatePayload(SEARCH_TREE_V1, payload)).toEqual([]);
    expect(payload.nodes.map((n) => [n.id, n.parent, n.action ?? null, n.visits])).toEqual([
      ["0", null, null, 20],
      ["1", "0", "look(box)", 12],
      ["2", "1", "take", 9],
      ["3", "0", "wait", 5],
      ["4", "0", "ask(anne)", 3]
    ]);
  });

  it("writes an outline marking each node's most visited child", () => {
    const text = searchTree(tree, { title: "MCTS" }).toText();
    expect(text.split("\n")).toEqual([
      "MCTS: 5 nodes, 20 visits at the root",
      "- root  visits 20  value 0.5  [sally: basket]",
      "  * look(box)  visits 12  value 0.7",
      "    * take  visits 9  value 0.9",
      "  - wait  visits 5  value 0.2",
      "  - ask(anne)  visits 3  value 0.1"
    ]);
  });

  it("reads MCTS children kept in a Map keyed by action, and totalValue", () => {
    const node = {
      visits: 4,
      totalValue: 2,
      children: new Map([["left", { visits: 4, totalValue: 1 }]])
    };
    const payload = searchTree(node).payload;
    expect(payload.nodes[1]).toMatchObject({ action: "left", value: 0.25 });
    expect(toMimeBundle(node)[SEARCH_TREE_MIME]).toEqual(payload);
  });

  it("keeps the most visited nodes of a large tree, connected to the root, and counts the rest", () => {
    const wide: PlainSearchNode = {
      visits: 1000,
      value: 0,
      children: Array.from({ length: 50 }, (_, i) => ({
        action: `a${i}`,
        visits: i,
        value: 0,
        children: [{ action: `b${i}`, visits: Math.floor(i / 2), value: 0 }]
      }))
    };
    const payload = searchTree(wide, { maxNodes: 10 }).payload;
    expect(payload.nodes).toHaveLength(10);
    expect(payload.omitted).toBe(91);
    expect(validatePayload(SEARCH_TREE_V1, payload)).toEqual([]);
    // a41..a49 (41-49 visits) beat every b node (at most 24 visits)
    expect(payload.nodes.map((n) => n.action)).toEqual([
      undefined,
      ...Array.from({ length: 9 }, (_, i) => `a${41 + i}`)
    ]);
  });

  it("collapses: rows under a collapsed node are hidden", () => {
    const payload = searchTree(tree).payload;
    expect(searchTreeRows(payload, new Set()).map((r) => r.node.id)).toEqual([
      "0",
      "1",
      "2",
      "3",
      "4"
    ]);
    expect(searchTreeRows(payload, new Set(["1"])).map((r) => [r.node.id, r.open])).toEqual([
      ["0", true],
      ["1", false],
      ["3", false],
      ["4", false]
    ]);
  });

  it("escapes hostile actions in the SVG and HTML fallbacks", () => {
    const bundle = searchTree({
      visits: 1,
      value: 0,
      children: [{ action: "<script>alert(1)</script>", visits: 1, value: 0 }]
    }).toMimeBundle();
    for (const type of ["image/svg+xml", "text/html"]) {
      expect(bundle[type]).not.toMatch(/<script/);
      expect(bundle[type]).toContain("&lt;script&gt;");
    }
  });

  it.each([
    [null, /needs a root node/],
    [{ visits: -1, value: 0, children: [] }, /root\.visits must be a whole number ≥ 0, got -1/],
    [{ visits: 1, children: [{ visits: 1 }] }, /root needs a finite value/],
    [
      { visits: 1, value: 0, children: [{ visits: 1, value: NaN }] },
      /root\.children\[0\] needs a finite value/
    ],
    [
      {
        root: "a",
        nodes: [
          { id: "a", visits: 1, value: 0 },
          { id: "b", parent: "zz", visits: 1, value: 0 }
        ]
      },
      /nodes\[1\]\.parent "zz" is not a node/
    ]
  ])("refuses %j with a clear error", (input, message) => {
    expect(() => searchTree(input as never)).toThrow(message);
  });

  it("reads a planner's recorded tree (numeric ids, h as value, goals marked) and BeliefMCTS's export", () => {
    const planned = searchTree([
      { id: 0, parent: null, action: null, depth: 0, h: 2, goal: false, expanded: true },
      { id: 1, parent: 0, action: "open_a", depth: 1, h: 1, goal: false, expanded: true },
      { id: 2, parent: 1, action: "peek", depth: 2, h: 0, goal: true, expanded: false }
    ] as never).payload;
    expect(planned.valueLabel).toBe("h (goal conjuncts still false)");
    expect(planned.nodes[2]).toEqual({
      id: "2",
      parent: "1",
      action: "peek",
      visits: 1,
      value: 0,
      terminal: true,
      label: "peek (goal)"
    });
    const exported = {
      version: "1.0",
      root: "0",
      valueLabel: "discounted return",
      nodes: [{ id: "0", parent: null, visits: 4, value: 0.5 }]
    };
    expect(toMimeBundle(exported)[SEARCH_TREE_MIME]).toMatchObject({
      valueLabel: "discounted return"
    });
  });

  it("draws the tree of a search's or a plan's result, and says when a plan recorded none", () => {
    const result = {
      action: 0,
      stats: [],
      tree: { version: "1.0", root: "0", nodes: [{ id: "0", parent: null, visits: 2, value: 1 }] }
    };
    expect(toMimeBundle(result)[SEARCH_TREE_MIME]).toMatchObject({ root: "0" });
    expect(() => searchTree({ kind: "solved", tree: undefined } as never)).toThrow(
      /records one with \{ recordTree: true \}/
    );
  });

  it("refuses a node that appears twice (a cycle)", () => {
    const loop: PlainSearchNode = { visits: 1, value: 0, children: [] };
    (loop.children as PlainSearchNode[]).push(loop);
    expect(() => searchTree(loop)).toThrow(/appears twice/);
  });
});
