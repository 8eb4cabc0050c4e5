/**
 * Search tree payload (`application/vnd.pwmk.search-tree.v1+json`): the tree a planner or MCTS
 * explored, one node per state with the action that led there, its visit count and mean value,
 * drawn as a collapsible outline. Nodes are a flat list with parent ids, so deep trees need no
 * deep JSON. Also the outline layout shared by the static SVG and the extension's renderer.
 *
 * ```ts
 * import { SEARCH_TREE_V1, validatePayload } from "pwmk/payloads";
 * validatePayload(SEARCH_TREE_V1, {
 *   version: "1.0",
 *   root: "0",
 *   nodes: [{ id: "0", visits: 10, value: 0.4 }, { id: "1", parent: "0", action: "look", visits: 7, value: 0.6 }]
 * }); // []
 * ```
 */
import type { PayloadKind } from "./kind";

/**
 * MIME type of a search tree, major version 1.
 *
 * ```ts
 * pwmk.toMimeBundle(pwmk.searchTree(tree))[SEARCH_TREE_MIME];
 * ```
 */
export const SEARCH_TREE_MIME = "application/vnd.pwmk.search-tree.v1+json";

/**
 * One node of a search tree.
 *
 * ```ts
 * const n: SearchTreeNode = { id: "3", parent: "0", action: "ask(anne)", visits: 12, value: 0.58, belief: "sally: basket" };
 * ```
 */
export interface SearchTreeNode {
  /** Unique within the tree. */
  id: string;
  /** The parent's id; absent (or null) only for the root. */
  parent?: string | null;
  /** The action that led from the parent to this node. */
  action?: string;
  /** Free text shown for the node (a state or observation); the action or id is shown when absent. */
  label?: string;
  /** Simulations (or expansions) through the node. */
  visits: number;
  /** Mean value (return) of the node. */
  value: number;
  /** Prior probability of the action, when the planner uses one. */
  prior?: number;
  /** A short summary of the belief at this node ("sally: basket 0.8"). */
  belief?: string;
  /** Whether the node ends the episode or reaches the goal. */
  terminal?: boolean;
}

/**
 * The payload of {@link SEARCH_TREE_MIME}.
 *
 * ```ts
 * const p: SearchTreePayload = { version: "1.0", root: "r", nodes: [{ id: "r", visits: 1, value: 0 }] };
 * ```
 */
export interface SearchTreePayload {
  /** The payload format's "major.minor" version; a reader accepts any minor of its major. */
  version: `1.${number}`;
  /** The heading shown above the view. */
  title?: string;
  /** The root node's id. */
  root: string;
  /** Every node kept, each naming its parent. */
  nodes: SearchTreeNode[];
  /** What `value` means ("expected return", "win rate"); "value" when absent. */
  valueLabel?: string;
  /** Nodes the planner explored but the payload leaves out (e.g. cut to the most visited). */
  omitted?: number;
}

const TEXT = { type: "string", maxLength: 100_000 } as const;

/**
 * The search-tree kind: MIME type, version, JSON Schema, and the rules beyond it (unique ids,
 * the root has no parent, every other node's parent exists, every node reachable from the root).
 *
 * ```ts
 * readPayload(SEARCH_TREE_V1, model.data[SEARCH_TREE_MIME]);
 * ```
 */
export const SEARCH_TREE_V1: PayloadKind<SearchTreePayload> = {
  name: "search tree",
  slug: "search-tree",
  mime: SEARCH_TREE_MIME,
  major: 1,
  version: "1.0",
  schema: {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://pwmk.dev/schemas/search-tree.v1.json",
    title: "PWMK search tree, format 1.x",
    type: "object",
    required: ["version", "root", "nodes"],
    properties: {
      version: { type: "string", pattern: "^1\\.(0|[1-9][0-9]*)$" },
      title: TEXT,
      root: { type: "string", minLength: 1 },
      valueLabel: TEXT,
      omitted: { type: "integer", minimum: 0 },
      nodes: {
        type: "array",
        minItems: 1,
        maxItems: 200_000,
        items: {
          type: "object",
          required: ["id", "visits", "value"],
          properties: {
            id: { type: "string", minLength: 1, maxLength: 100_000 },
            parent: { type: ["string", "null"] },
            action: TEXT,
            label: TEXT,
            visits: { type: "integer", minimum: 0 },
            value: { type: "number" },
            prior: { type: "number", minimum: 0, maximum: 1 },
            belief: TEXT,
            terminal: { type: "boolean" }
          }
        }
      }
    }
  },
  rules: (payload) => {
    const problems: string[] = [];
    const ids = new Set<string>();
    payload.nodes.forEach((n, i) => {
      if (ids.has(n.id))
        problems.push(`nodes[${i}].id "${n.id.slice(0, 40)}" is used by another node`);
      ids.add(n.id);
    });
    if (!ids.has(payload.root))
      return [...problems, `root "${payload.root.slice(0, 40)}" is not a node`];
    payload.nodes.forEach((n, i) => {
      const parent = n.parent ?? null;
      if (n.id === payload.root) {
        if (parent !== null) problems.push(`the root (nodes[${i}]) must have no parent`);
      } else if (parent === null) {
        problems.push(`nodes[${i}] has no parent but is not the root`);
      } else if (!ids.has(parent)) {
        problems.push(`nodes[${i}].parent "${parent.slice(0, 40)}" is not a node`);
      }
    });
    if (problems.length === 0) {
      const reached = descendants(childrenOf(payload), payload.root);
      if (reached.size < payload.nodes.length)
        problems.push(
          `${payload.nodes.length - reached.size} nodes are not reachable from the root (a parent cycle)`
        );
    }
    return problems;
  }
};

/**
 * Children of each node id, in payload order.
 *
 * ```ts
 * childrenOf(payload).get(payload.root); // the root's children
 * ```
 */
export function childrenOf(payload: SearchTreePayload): Map<string, SearchTreeNode[]> {
  const children = new Map<string, SearchTreeNode[]>();
  for (const node of payload.nodes) {
    const parent = node.parent ?? null;
    if (parent === null) continue;
    const list = children.get(parent);
    if (list) list.push(node);
    else children.set(parent, [node]);
  }
  return children;
}

function descendants(children: Map<string, SearchTreeNode[]>, root: string): Set<string> {
  const seen = new Set<string>([root]);
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!seen.has(child.id)) {
        seen.add(child.id);
        stack.push(child.id);
      }
    }
  }
  return seen;
}

/**
 * One visible row of the outline: a node, its depth, whether it has children and is open, and
 * whether it is its parent's most visited child (the planner's choice).
 *
 * ```ts
 * const row: SearchTreeRow = searchTreeRows(payload, new Set())[0];
 * ```
 */
export interface SearchTreeRow {
  /** The node shown. */
  node: SearchTreeNode;
  /** 0 for the root. */
  depth: number;
  /** How many children the node has (shown or not). */
  childCount: number;
  /** Whether its children are shown. */
  open: boolean;
  /** Whether it is its parent's most visited child (the planner's choice). */
  best: boolean;
}

/**
 * The outline's visible rows in depth-first order: children of a collapsed node are hidden;
 * nodes deeper than `maxDepth` start collapsed. At most `limit` rows (the rest are counted in
 * the payload's caption by the caller).
 *
 * ```ts
 * searchTreeRows(payload, new Set(["1"])); // node "1" shown closed, its subtree hidden
 * ```
 */
export function searchTreeRows(
  payload: SearchTreePayload,
  collapsed: ReadonlySet<string>,
  options: { maxDepth?: number; limit?: number } = {}
): SearchTreeRow[] {
  const children = childrenOf(payload);
  const byId = new Map(payload.nodes.map((n) => [n.id, n]));
  const maxDepth = options.maxDepth ?? Infinity;
  const limit = options.limit ?? Infinity;
  const rows: SearchTreeRow[] = [];
  const visit = (node: SearchTreeNode, depth: number, best: boolean) => {
    if (rows.length >= limit) return;
    const kids = children.get(node.id) ?? [];
    const open = kids.length > 0 && depth < maxDepth && !collapsed.has(node.id);
    rows.push({ node, depth, childCount: kids.length, open, best });
    if (!open) return;
    const most = mostVisited(kids);
    for (const kid of kids) visit(kid, depth + 1, kid === most);
  };
  const root = byId.get(payload.root);
  if (root) visit(root, 0, false);
  return rows;
}

/**
 * Text shown for a node: its label, else its action, else "root"/its id.
 *
 * ```ts
 * nodeText({ id: "4", action: "go(box)", visits: 3, value: 1 }); // "go(box)"
 * ```
 */
export function nodeText(node: SearchTreeNode): string {
  return node.label ?? node.action ?? (node.parent == null ? "root" : node.id);
}

function mostVisited(nodes: SearchTreeNode[]): SearchTreeNode | undefined {
  let best: SearchTreeNode | undefined;
  for (const n of nodes) if (!best || n.visits > best.visits) best = n;
  return best;
}
