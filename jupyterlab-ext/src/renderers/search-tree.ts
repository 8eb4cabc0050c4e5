/**
 * The search-tree viewer: draws `application/vnd.pwmk.search-tree.v1+json` outputs as a
 * collapsible outline (an ARIA tree): per node its action or label, a visits bar, the visit
 * count, the value and the belief summary; each node's most visited child is marked. Click a
 * node's toggle, or use the keyboard (arrows, Home/End, Enter/Space) to open and close nodes.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Widget } from "@lumino/widgets";
import {
  childrenOf,
  formatNumber,
  nodeText,
  readPayload,
  searchTreeRows,
  SEARCH_TREE_MIME,
  SEARCH_TREE_V1,
  truncate,
  type SearchTreePayload,
  type SearchTreeRow
} from "pwmk/payloads";
import { showError } from "./line-chart";
import { el } from "./view-tools";

/**
 * CSS class of every search-tree output.
 *
 * ```ts
 * document.querySelectorAll(`.${SEARCH_TREE_CLASS} [role=treeitem]`);
 * ```
 */
export const SEARCH_TREE_CLASS = "jp-PWMK-SearchTree";

/** Levels open when a tree is first drawn; deeper nodes start closed. */
const OPEN_LEVELS = 2;
/** Rows drawn at most; the rest are counted. */
const MAX_ROWS = 2000;

/**
 * A JupyterLab renderer (a Lumino widget) for planner search trees.
 *
 * ```ts
 * const renderer = registry.createRenderer(SEARCH_TREE_MIME); // a SearchTreeRenderer
 * ```
 */
export class SearchTreeRenderer extends Widget implements IRenderMime.IRenderer {
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this.mimeType = options.mimeType;
    this.addClass(SEARCH_TREE_CLASS);
  }

  readonly mimeType: string;
  private payload: SearchTreePayload | undefined;
  private collapsed = new Set<string>();
  private list: HTMLElement | undefined;

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    const result = readPayload(SEARCH_TREE_V1, model.data[this.mimeType]);
    if (!result.ok) {
      this.payload = undefined;
      showError(this.node, result.title, result.detail);
      return Promise.resolve();
    }
    const payload = result.payload;
    this.payload = payload;
    this.collapsed = initiallyClosed(payload);
    this.node.dataset.pwmkStatus = "ok";
    const root = payload.nodes.find((n) => n.id === payload.root)!;
    const header = el("div", "jp-PWMK-chart-header");
    header.append(el("strong", "jp-PWMK-title", payload.title ?? "Search tree"));
    const omitted = payload.omitted ? `, ${payload.omitted} less visited left out` : "";
    header.append(
      el(
        "span",
        "jp-PWMK-progress",
        `${payload.nodes.length} nodes, ${root.visits} visits at the root${omitted}`
      )
    );
    const columns = el("div", "jp-PWMK-tree-columns");
    columns.setAttribute("aria-hidden", "true");
    columns.append(
      el("span", "", "node"),
      el("span", "", "visits"),
      el("span", "", payload.valueLabel ?? "value")
    );
    this.list = el("div", "jp-PWMK-tree");
    this.list.setAttribute("role", "tree");
    this.list.setAttribute("aria-label", payload.title ?? "Search tree");
    this.list.addEventListener("click", (event) => this.onClick(event));
    this.list.addEventListener("keydown", (event) => this.onKey(event));
    this.node.replaceChildren(header, columns, this.list);
    this.drawRows();
    return Promise.resolve();
  }

  /** Opens or closes a node by id (as a click on its toggle does). */
  toggle(id: string): void {
    if (this.collapsed.has(id)) this.collapsed.delete(id);
    else this.collapsed.add(id);
    this.drawRows(id);
  }

  private drawRows(focusId?: string): void {
    const payload = this.payload;
    const list = this.list;
    if (!payload || !list) return;
    const rows = searchTreeRows(payload, this.collapsed, { limit: MAX_ROWS });
    const maxVisits = Math.max(1, ...rows.map((r) => r.node.visits));
    const focused =
      focusId ?? (list.querySelector<HTMLElement>("[tabindex='0']")?.dataset.id || payload.root);
    const items = rows.map((row) => drawRow(row, maxVisits, payload.valueLabel));
    if (rows.length === MAX_ROWS)
      items.push(
        el(
          "div",
          "jp-PWMK-more",
          `… only the first ${MAX_ROWS} open rows are shown; close some nodes to see others`
        )
      );
    list.replaceChildren(...items);
    const all = Array.from(list.querySelectorAll<HTMLElement>("[role=treeitem]"));
    const target = all.find((item) => item.dataset.id === focused) ?? all[0];
    if (target) {
      target.tabIndex = 0;
      if (focusId !== undefined) target.focus();
    }
  }

  private onClick(event: MouseEvent): void {
    const item = (event.target as Element).closest<HTMLElement>("[role=treeitem]");
    if (!item?.dataset.id) return;
    this.moveFocus(item);
    if ((event.target as Element).closest(".jp-PWMK-toggle") && item.hasAttribute("aria-expanded"))
      this.toggle(item.dataset.id);
  }

  private onKey(event: KeyboardEvent): void {
    const item = (event.target as Element).closest<HTMLElement>("[role=treeitem]");
    if (!item?.dataset.id || !this.list) return;
    const items = Array.from(this.list.querySelectorAll<HTMLElement>("[role=treeitem]"));
    const index = items.indexOf(item);
    const expanded = item.getAttribute("aria-expanded");
    const level = Number(item.getAttribute("aria-level"));
    let handled = true;
    switch (event.key) {
      case "ArrowDown":
        this.moveFocus(items[Math.min(items.length - 1, index + 1)]);
        break;
      case "ArrowUp":
        this.moveFocus(items[Math.max(0, index - 1)]);
        break;
      case "Home":
        this.moveFocus(items[0]);
        break;
      case "End":
        this.moveFocus(items[items.length - 1]);
        break;
      case "ArrowRight":
        if (expanded === "false") this.toggle(item.dataset.id);
        else if (expanded === "true") this.moveFocus(items[index + 1]);
        break;
      case "ArrowLeft":
        if (expanded === "true") this.toggle(item.dataset.id);
        else {
          const parent = items
            .slice(0, index)
            .reverse()
            .find((i) => Number(i.getAttribute("aria-level")) === level - 1);
          if (parent) this.moveFocus(parent);
        }
        break;
      case "Enter":
      case " ":
        if (expanded !== null) this.toggle(item.dataset.id);
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  private moveFocus(item: HTMLElement | undefined): void {
    if (!item || !this.list) return;
    for (const other of Array.from(
      this.list.querySelectorAll<HTMLElement>("[role=treeitem][tabindex='0']")
    ))
      other.tabIndex = -1;
    item.tabIndex = 0;
    item.focus();
  }
}

function initiallyClosed(payload: SearchTreePayload): Set<string> {
  const children = childrenOf(payload);
  const closed = new Set<string>();
  let level = [payload.root];
  for (let depth = 0; level.length > 0; depth++) {
    const next: string[] = [];
    for (const id of level) {
      const kids = children.get(id) ?? [];
      if (depth >= OPEN_LEVELS && kids.length > 0) closed.add(id);
      for (const k of kids) next.push(k.id);
    }
    level = next;
  }
  return closed;
}

function drawRow(row: SearchTreeRow, maxVisits: number, valueLabel = "value"): HTMLElement {
  const { node } = row;
  const item = el("div", "jp-PWMK-node");
  item.setAttribute("role", "treeitem");
  item.setAttribute("aria-level", String(row.depth + 1));
  item.tabIndex = -1;
  item.dataset.id = node.id;
  if (row.childCount > 0) item.setAttribute("aria-expanded", String(row.open));
  if (row.best) item.classList.add("jp-mod-best");
  if (node.terminal) item.classList.add("jp-mod-terminal");
  const text = nodeText(node);
  item.setAttribute(
    "aria-label",
    `${truncate(text, 200)}, ${node.visits} visits, ${valueLabel} ${formatNumber(node.value)}${row.best ? ", most visited" : ""}`
  );
  const name = el("span", "jp-PWMK-node-name");
  name.style.paddingLeft = `${row.depth * 16}px`;
  const toggle = el("span", "jp-PWMK-toggle", row.childCount === 0 ? "·" : row.open ? "▾" : "▸");
  toggle.setAttribute("aria-hidden", "true");
  name.append(toggle, el("span", "jp-PWMK-node-text", truncate(text, 120)));
  if (row.childCount > 0 && !row.open)
    name.append(el("span", "jp-PWMK-node-count", ` (${row.childCount})`));
  if (node.belief) name.append(el("span", "jp-PWMK-belief-summary", truncate(node.belief, 120)));
  if (text.length > 120) name.title = truncate(text, 1000);
  const bar = el("span", "jp-PWMK-visits-bar");
  const fill = el("span", "jp-PWMK-visits-fill");
  fill.style.width = `${Math.max(1, (node.visits / maxVisits) * 100).toFixed(1)}%`;
  bar.append(fill);
  const visits = el("span", "jp-PWMK-visits", String(node.visits));
  visits.prepend(bar);
  item.append(name, visits, el("span", "jp-PWMK-value", formatNumber(node.value)));
  return item;
}

/**
 * The renderer factory registered with JupyterLab's rendermime registry (rank 45).
 *
 * ```ts
 * new RenderMimeRegistry({ initialFactories: [searchTreeRendererFactory] });
 * ```
 */
export const searchTreeRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [SEARCH_TREE_MIME],
  defaultRank: 45,
  createRenderer: (options) => new SearchTreeRenderer(options)
};
