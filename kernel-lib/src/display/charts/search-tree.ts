/**
 * Planner and MCTS search trees as notebook outputs: a collapsible outline with visits and
 * values per node (jupyterlab-pwmk), a static SVG of the most visited part, and text.
 */
import { inspect } from "util";
import type { Displayable, MimeBundle } from "../bundle";
import { escapeMarkup, truncate } from "../escape";
import { assertPayload } from "../payloads/kind";
import { formatNumber } from "../payloads/line-chart";
import {
  SEARCH_TREE_MIME,
  SEARCH_TREE_V1,
  nodeText,
  searchTreeRows,
  type SearchTreeNode,
  type SearchTreePayload
} from "../payloads/search-tree";
import { htmlFallback } from "./svg-chart";

/**
 * A search tree node as planners hold it: visits and a value (mean, or `totalValue` to be
 * divided by visits), the action that led here, and children as an array or a Map keyed by
 * action. Extra fields are ignored.
 *
 * ```ts
 * const tree: PlainSearchNode = {
 *   visits: 10, value: 0.5,
 *   children: [{ action: "look", visits: 6, value: 0.7 }, { action: "wait", visits: 4, value: 0.2 }]
 * };
 * ```
 */
export interface PlainSearchNode {
  /** The action that led here (any value, shown as text; default: the child's Map key). */
  action?: unknown;
  /** Text shown for the node instead of its action. */
  label?: string;
  /** Simulations through the node (a whole number ≥ 0). */
  visits: number;
  /** Mean value (return) of the node; or give `totalValue`. */
  value?: number;
  /** Sum of the returns, divided by `visits` to give the value. */
  totalValue?: number;
  /** Prior probability of the action, when the planner uses one. */
  prior?: number;
  /** A short summary of the belief at the node ("sally: basket 0.8"). */
  belief?: string;
  /** Whether the node ends the episode (or reaches the goal). */
  terminal?: boolean;
  /** The children: an array, or a Map keyed by action. */
  children?: ReadonlyArray<PlainSearchNode> | ReadonlyMap<unknown, PlainSearchNode>;
}

/**
 * What {@link searchTree} reads: a nested root node, or a flat tree of nodes with parent ids.
 *
 * ```ts
 * const t: SearchTreeInput = { root: "0", nodes: [{ id: "0", visits: 1, value: 0 }] };
 * ```
 */
export type SearchTreeInput =
  | PlainSearchNode
  | { root: string; nodes: ReadonlyArray<SearchTreeNode>; title?: string; valueLabel?: string }
  | ReadonlyArray<PlannerTreeNode>;

/**
 * A tree, or a search's or a plan's result holding one (`{ action, stats, tree }` from
 * BeliefMCTS, `{ plan, tree }` from EpistemicPlanner with `recordTree`).
 *
 * ```ts
 * const source: SearchTreeSource = mcts.search({ root });
 * ```
 */
export type SearchTreeSource = SearchTreeInput | { readonly tree?: SearchTreeInput };

/**
 * A node of a planner's recorded tree (e.g. `EpistemicPlanner`'s `result.tree`): numeric or
 * string ids, the root's parent null. Without visits a node counts one visit; without a value
 * its heuristic `h` is shown; `goal` marks it terminal.
 *
 * ```ts
 * const n: PlannerTreeNode = { id: 1, parent: 0, action: "open_a", h: 1, goal: false };
 * ```
 */
export interface PlannerTreeNode {
  /** Unique within the tree. */
  id: number | string;
  /** The parent's id; null for the root (exactly one node). */
  parent: number | string | null;
  /** The action that led from the parent here. */
  action?: string | null;
  /** Visits (default 1). */
  visits?: number;
  /** The value shown (default: `h`, else 0). */
  value?: number;
  /** The planner's heuristic at the node (goal conjuncts still false). */
  h?: number;
  /** Whether the node satisfies the goal (shown as terminal). */
  goal?: boolean;
}

/**
 * Options of {@link searchTree}.
 *
 * ```ts
 * const o: SearchTreeOptions = { title: "BeliefMCTS, 200 simulations", maxNodes: 500, valueLabel: "return" };
 * ```
 */
export interface SearchTreeOptions {
  /** The heading (default "Search tree", or the tree's own title). */
  title?: string;
  /** Keep at most this many nodes, the most visited first (default 2,000); the rest are counted as omitted. */
  maxNodes?: number;
  /** What the values are called in the view, e.g. "return" (default "value"). */
  valueLabel?: string;
}

/**
 * Builds a search tree view from a planner's tree: a nested {@link PlainSearchNode}, or a flat
 * `{ root, nodes: [{ id, parent, visits, value, … }] }`. Large trees keep their most visited
 * nodes (always a connected tree from the root). Throws a clear error naming a malformed node.
 *
 * ```ts
 * pwmk.display(pwmk.searchTree({
 *   visits: 10, value: 0.5,
 *   children: [{ action: "look", visits: 6, value: 0.7 }, { action: "wait", visits: 4, value: 0.2 }]
 * }, { title: "MCTS from the start state" }));
 * ```
 */
export function searchTree(tree: SearchTreeSource, options: SearchTreeOptions = {}): SearchTree {
  if (typeof tree !== "object" || tree === null)
    throw new Error("searchTree needs a root node { visits, value, children } or { root, nodes }");
  // A search's or a plan's result: { action, stats, tree } (BeliefMCTS) or { plan, tree } (EpistemicPlanner).
  if (!isSearchTree(tree) && "tree" in tree) {
    if (tree.tree === undefined)
      throw new Error(
        "searchTree: this result has no tree (EpistemicPlanner records one with { recordTree: true })"
      );
    tree = tree.tree;
  }
  let flat: ReadonlyArray<SearchTreeNode>;
  let root = "0";
  let valueLabel = options.valueLabel;
  let title = options.title;
  if (Array.isArray(tree)) {
    const planner = tree as ReadonlyArray<PlannerTreeNode>;
    ({ nodes: flat, root } = fromPlannerNodes(planner));
    if (planner.some((n) => n.value === undefined && typeof n.h === "number"))
      valueLabel ??= "h (goal conjuncts still false)";
  } else if ("nodes" in tree && Array.isArray(tree.nodes)) {
    const given = tree as {
      root: string;
      nodes: SearchTreeNode[];
      title?: unknown;
      valueLabel?: unknown;
    };
    flat = given.nodes;
    root = String(given.root);
    valueLabel ??= typeof given.valueLabel === "string" ? given.valueLabel : undefined;
    title ??= typeof given.title === "string" ? given.title : undefined;
  } else {
    flat = flatten(tree as PlainSearchNode);
  }
  const kept = mostVisited(flat, root, options.maxNodes ?? 2000);
  const payload: SearchTreePayload = { version: "1.0", root, nodes: kept };
  if (title !== undefined) payload.title = String(title);
  if (valueLabel !== undefined) payload.valueLabel = String(valueLabel);
  if (kept.length < flat.length) payload.omitted = flat.length - kept.length;
  return SearchTree.fromPayload(payload);
}

/**
 * True for values {@link searchTree} reads, so `display(tree)` takes a planner's tree directly.
 *
 * ```ts
 * isSearchTree({ visits: 3, value: 0, children: [] }); // true
 * ```
 */
export function isSearchTree(value: unknown): boolean {
  if (Array.isArray(value))
    return (
      value.length > 0 &&
      value.every((n) => typeof n === "object" && n !== null && "id" in n && "parent" in n) &&
      value.some((n: { parent: unknown }) => n.parent === null)
    );
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.root === "string" && Array.isArray(v.nodes)) return true;
  return typeof v.visits === "number" && (Array.isArray(v.children) || v.children instanceof Map);
}

/**
 * True for a search's or a plan's result holding a tree (`{ action, stats, tree }`,
 * `{ plan, tree }`), so `display(result)` draws its tree.
 *
 * ```ts
 * isSearchResult(mcts.search({ root })); // true
 * ```
 */
export function isSearchResult(value: unknown): boolean {
  return (
    typeof value === "object" && value !== null && isSearchTree((value as { tree?: unknown }).tree)
  );
}

/**
 * A search tree view; `pwmk.display(tree)` shows it.
 *
 * ```ts
 * tree.payload.nodes.length;
 * tree.toText(); // the outline, most visited children marked with *
 * ```
 */
export class SearchTree implements Displayable {
  private constructor(
    /** The JSON payload the extension draws (the search tree's MIME type), validated. */
    readonly payload: Readonly<SearchTreePayload>
  ) {}

  /**
   * Validates a payload (throwing every problem) and wraps it.
   *
   * ```ts
   * SearchTree.fromPayload({ version: "1.0", root: "r", nodes: [{ id: "r", visits: 1, value: 0 }] });
   * ```
   */
  static fromPayload(payload: unknown): SearchTree {
    assertPayload(SEARCH_TREE_V1, payload);
    return new SearchTree(JSON.parse(JSON.stringify(payload)) as SearchTreePayload);
  }

  /** Our payload, the SVG (also as HTML) and text. Trees do not fit Vega-Lite. */
  toMimeBundle(): MimeBundle {
    const svg = this.toSVG();
    return {
      [SEARCH_TREE_MIME]: JSON.parse(JSON.stringify(this.payload)),
      "image/svg+xml": svg,
      "text/html": htmlFallback(svg, this.title()),
      "text/plain": this.toText()
    };
  }

  /** The top of the outline (3 levels, 60 rows) with visit bars. */
  toSVG(): string {
    const rows = searchTreeRows(this.payload, new Set(), { maxDepth: 3, limit: 60 });
    const maxVisits = Math.max(1, ...rows.map((r) => r.node.visits));
    const rowH = 20;
    const top = 44;
    const width = 640;
    const parts: string[] = [];
    const height = top + rows.length * rowH + 24;
    parts.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12" role="img" aria-label="${escapeMarkup(truncate(this.caption(), 200))}">`,
      `<rect width="100%" height="100%" fill="#fff"/>`,
      `<text x="8" y="18" font-size="14" font-weight="bold" fill="#222">${escapeMarkup(truncate(this.title(), 80))}</text>`,
      `<text x="380" y="36" fill="#555">visits</text><text x="560" y="36" fill="#555">${escapeMarkup(truncate(this.payload.valueLabel ?? "value", 12))}</text>`
    );
    rows.forEach((row, i) => {
      const y = top + i * rowH;
      const x = 8 + row.depth * 18;
      const marker = row.childCount === 0 ? "·" : row.open ? "▾" : "▸";
      const weight = row.best ? ` font-weight="bold"` : "";
      parts.push(
        `<text x="${x}" y="${y + 14}" fill="#222"${weight}>${escapeMarkup(`${marker} ${truncate(nodeText(row.node), 40)}`)}</text>`,
        `<rect x="380" y="${y + 4}" width="${Math.max(1, (row.node.visits / maxVisits) * 120).toFixed(1)}" height="11" fill="#4e79a7"/>`,
        `<text x="505" y="${y + 14}" fill="#222">${row.node.visits}</text>`,
        `<text x="560" y="${y + 14}" fill="#222">${escapeMarkup(formatNumber(row.node.value))}</text>`
      );
    });
    const hidden = this.payload.nodes.length - rows.length + (this.payload.omitted ?? 0);
    if (hidden > 0) {
      parts.push(
        `<text x="8" y="${top + rows.length * rowH + 16}" fill="#555">… ${hidden} more nodes (open the output with jupyterlab-pwmk to explore)</text>`
      );
    }
    parts.push("</svg>");
    return parts.join("");
  }

  /** An indented outline of the first 4 levels; the most visited child of each node marked "*". */
  toText(): string {
    const rows = searchTreeRows(this.payload, new Set(), { maxDepth: 4, limit: 200 });
    const lines = [this.caption()];
    for (const row of rows) {
      const n = row.node;
      const belief = n.belief ? `  [${truncate(n.belief, 60)}]` : "";
      lines.push(
        `${"  ".repeat(row.depth)}${row.best ? "*" : "-"} ${truncate(nodeText(n), 60)}  visits ${n.visits}  ${this.payload.valueLabel ?? "value"} ${formatNumber(n.value)}${belief}`
      );
    }
    return lines.join("\n");
  }

  /** tslab and the Node REPL print the chart's text view instead of the object's fields. */
  [inspect.custom](): string {
    return this.toText();
  }

  private title(): string {
    return this.payload.title ?? "Search tree";
  }

  private caption(): string {
    const p = this.payload;
    const root = p.nodes.find((n) => n.id === p.root)!;
    const omitted = p.omitted ? ` (${p.omitted} less visited nodes left out)` : "";
    return `${this.title()}: ${p.nodes.length} nodes, ${root.visits} visits at the root${omitted}`;
  }
}

function fromPlannerNodes(list: ReadonlyArray<PlannerTreeNode>): {
  nodes: SearchTreeNode[];
  root: string;
} {
  const roots = list.filter((n) => n?.parent === null);
  if (roots.length !== 1)
    throw new Error(
      `searchTree: a planner tree needs exactly one node with parent null, found ${roots.length}`
    );
  const nodes = list.map((n, i) => {
    if (
      typeof n !== "object" ||
      n === null ||
      !(typeof n.id === "number" || typeof n.id === "string")
    )
      throw new Error(`searchTree: node ${i} needs an id (number or string)`);
    const value = n.value ?? n.h ?? 0;
    if (!Number.isFinite(value))
      throw new Error(`searchTree: node ${i} has value ${inspect(value)}`);
    const node: SearchTreeNode = {
      id: String(n.id),
      parent: n.parent === null ? null : String(n.parent),
      visits: n.visits ?? 1,
      value
    };
    if (typeof n.action === "string") node.action = n.action;
    if (n.goal === true) {
      node.terminal = true;
      node.label = `${n.action ?? "root"} (goal)`;
    }
    return node;
  });
  return { nodes, root: String(roots[0].id) };
}

function flatten(root: PlainSearchNode): SearchTreeNode[] {
  const out: SearchTreeNode[] = [];
  const stack: Array<{
    node: PlainSearchNode;
    parent: string | null;
    key?: unknown;
    path: string;
  }> = [{ node: root, parent: null, path: "root" }];
  const seen = new Set<PlainSearchNode>();
  while (stack.length > 0) {
    const { node, parent, key, path } = stack.pop()!;
    if (typeof node !== "object" || node === null)
      throw new Error(`searchTree: ${path} is not a node object`);
    if (seen.has(node))
      throw new Error(`searchTree: ${path} appears twice in the tree (a cycle or a shared node)`);
    seen.add(node);
    if (typeof node.visits !== "number" || !Number.isInteger(node.visits) || node.visits < 0)
      throw new Error(
        `searchTree: ${path}.visits must be a whole number ≥ 0, got ${inspect(node.visits)}`
      );
    const value =
      typeof node.value === "number"
        ? node.value
        : typeof node.totalValue === "number"
          ? node.totalValue / Math.max(1, node.visits)
          : NaN;
    if (!Number.isFinite(value))
      throw new Error(
        `searchTree: ${path} needs a finite value (or totalValue), got ${inspect(node.value)}`
      );
    const id = String(out.length);
    const flat: SearchTreeNode = { id, parent, visits: node.visits, value };
    const action = node.action ?? key;
    if (action !== undefined)
      flat.action =
        typeof action === "string" ? action : inspect(action, { breakLength: Infinity });
    if (typeof node.label === "string") flat.label = node.label;
    if (typeof node.prior === "number") flat.prior = node.prior;
    if (typeof node.belief === "string") flat.belief = node.belief;
    if (typeof node.terminal === "boolean") flat.terminal = node.terminal;
    out.push(flat);
    const kids = node.children ?? [];
    const children: Array<readonly [unknown, PlainSearchNode]> =
      kids instanceof Map
        ? [...kids.entries()]
        : (kids as ReadonlyArray<PlainSearchNode>).map((c) => [undefined, c] as const);
    for (let i = children.length - 1; i >= 0; i--) {
      const [childKey, child] = children[i];
      stack.push({
        node: child as PlainSearchNode,
        parent: id,
        key: childKey,
        path: `${path}.children[${i}]`
      });
    }
  }
  return out;
}

/** The `max` most visited nodes forming a tree from the root (best-first from the root). */
function mostVisited(
  nodes: ReadonlyArray<SearchTreeNode>,
  root: string,
  max: number
): SearchTreeNode[] {
  if (nodes.length <= max) return [...nodes];
  const children = new Map<string, SearchTreeNode[]>();
  for (const n of nodes) {
    if (n.parent == null) continue;
    const list = children.get(n.parent) ?? [];
    list.push(n);
    children.set(n.parent, list);
  }
  const start = nodes.find((n) => n.id === root);
  if (!start) return [...nodes]; // validation reports the missing root
  const kept: SearchTreeNode[] = [];
  const frontier = new MaxHeap<SearchTreeNode>((n) => n.visits);
  frontier.push(start);
  while (kept.length < max && frontier.size > 0) {
    const n = frontier.pop()!;
    kept.push(n);
    for (const c of children.get(n.id) ?? []) frontier.push(c);
  }
  const order = new Map(nodes.map((n, i) => [n, i]));
  return kept.sort((a, b) => order.get(a)! - order.get(b)!);
}

class MaxHeap<T> {
  private items: T[] = [];
  constructor(private readonly key: (item: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0;) {
      const up = (i - 1) >> 1;
      if (this.key(a[up]) >= this.key(a[i])) break;
      [a[up], a[i]] = [a[i], a[up]];
      i = up;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.key(a[l]) > this.key(a[m])) m = l;
        if (r < a.length && this.key(a[r]) > this.key(a[m])) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}
