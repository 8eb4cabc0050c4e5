/**
 * Text measures shared by the layouts, the kernel's static drawings and the renderers, so both
 * sides cut and size labels the same way. No font metrics are available in Node, so widths are
 * estimated from a fixed average character width of the 13 px sans-serif both sides use.
 */

/**
 * Average width in pixels of one character at the 13 px font size of the drawings.
 *
 * ```ts
 * const width = Array.from(label).length * CHAR_WIDTH;
 * ```
 */
export const CHAR_WIDTH = 7.4;

/**
 * Shortens a string to at most `max` characters (code points), ending it with "…" when cut.
 *
 * ```ts
 * truncate("at(marble, basket)", 8); // "at(marb…"
 * ```
 */
export function truncate(text: string, max: number): string {
  // Cheap path for the 100 kB label: never split the whole string into code points.
  if (text.length <= max) return text;
  const chars = Array.from(text.slice(0, max * 2 + 2));
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join("") + "…";
}

/**
 * Cuts `text` to fit a box `width` pixels wide with 8 px padding each side.
 *
 * ```ts
 * fitText("a long proposition label", 80); // "a long p…"
 * ```
 */
export function fitText(text: string, width: number): string {
  return truncate(text, Math.max(1, Math.floor((width - 16) / CHAR_WIDTH)));
}

/**
 * Width of a column of boxes holding `labels` (each counted up to 40 characters), clamped.
 *
 * ```ts
 * columnWidth(["sally", "anne"], 80, 240); // 80
 * ```
 */
export function columnWidth(labels: readonly string[], min: number, max: number): number {
  let longest = 0;
  for (const label of labels) longest = Math.max(longest, Math.min(label.length, 40));
  return Math.min(max, Math.max(min, longest * CHAR_WIDTH + 24));
}

/**
 * Rounds a coordinate to one decimal for compact markup.
 *
 * ```ts
 * fmt(12.345); // "12.3"
 * ```
 */
export function fmt(n: number): string {
  return String(Math.round(n * 10) / 10);
}
