/**
 * The search tree of BeliefMCTS: its nodes while searching (visits, summed returns, the labels of
 * the worlds that passed through) and their export as plain data in the shape of the
 * visualizer's search-tree payload.
 *
 * ```ts
 * const tree: MctsTree = exportTree(root, ["stay", "up", "down", "left", "right"]);
 * ```
 */
/**
 * One node of an exported search tree: the action leading to it from its parent, its visits,
 * its mean discounted return from that action on, and the share of each described world among
 * the simulations through it. The shape is the visualizer's search-tree payload.
 *
 * ```ts
 * tree.nodes.filter((n) => n.parent === tree.root).map((n) => [n.action, n.visits]);
 * ```
 */
export interface MctsTreeNode {
  /** Unique within the tree. */
  id: string;
  /** The parent's id; null for the root. */
  parent: string | null;
  /** The action from the parent (the simulator's action label). */
  action?: string;
  /** Simulations through the node. */
  visits: number;
  /** Mean discounted return of those simulations. */
  value: number;
  /** The simulator's `describe()` labels seen here with their shares, e.g. "prize behind 0 0.75". */
  belief?: string;
  /** Whether every simulation ended the episode on the step into this node. */
  terminal?: boolean;
}

/**
 * A search tree as plain data (JSON-safe), in the shape of the visualizer's search-tree
 * payload (`application/vnd.pwmk.search-tree.v1+json`).
 *
 * ```ts
 * pwmk.display(pwmk.searchTree(mcts.search({ root }).tree));
 * ```
 */
export interface MctsTree {
  /** The search-tree payload version it matches. */
  version: "1.0";
  /** The root node's id ("0"). */
  root: string;
  /** Every node, each naming its parent. */
  nodes: MctsTreeNode[];
  /** What the values are: "expected discounted return". */
  valueLabel: string;
}

/** Labels kept per node; the rest are counted under "other". */
export const MAX_LABELS = 8;

/** A node while searching; the root has no action. */
export class Node {
  readonly children: (Node | undefined)[];
  visits = 0;
  total = 0;
  belief: Map<string, number> | undefined;
  ended = 0;
  constructor(
    readonly action: number | null,
    numActions: number
  ) {
    this.children = new Array<Node | undefined>(numActions);
  }
  get mean(): number {
    return this.visits === 0 ? 0 : this.total / this.visits;
  }
}

/** The tree as plain data, nodes in depth-first order, the root first. */
export function exportTree(root: Node, actionNames: readonly string[]): MctsTree {
  const nodes: MctsTreeNode[] = [];
  const visit = (node: Node, parent: string | null): void => {
    const id = String(nodes.length);
    const out: MctsTreeNode = { id, parent, visits: node.visits, value: node.mean };
    if (node.action !== null) out.action = actionNames[node.action];
    if (node.belief) out.belief = summarize(node.belief, node.visits);
    if (node.visits > 0 && node.ended === node.visits) out.terminal = true;
    nodes.push(out);
    for (const c of node.children) if (c) visit(c, id);
  };
  visit(root, null);
  return { version: "1.0", root: "0", nodes, valueLabel: "expected discounted return" };
}

/** "label share; label share", most frequent first. */
function summarize(counts: Map<string, number>, total: number): string {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label, c]) => `${label} ${(c / Math.max(1, total)).toFixed(2)}`)
    .join("; ");
}
