/**
 * Escaping for the static fallbacks (SVG and HTML). Every untrusted string goes through
 * {@link escapeMarkup} before it is placed in markup, as text or as an attribute value.
 */

// Characters XML 1.0 forbids outright; a single one makes an SVG document unparseable.
const FORBIDDEN_XML_CHARS =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};

/**
 * Escapes a string for use as text or as a quoted attribute value in HTML, SVG or XML.
 * Characters that XML forbids (most C0 controls, lone surrogates) become U+FFFD.
 *
 * ```ts
 * escapeMarkup('<b a="1">&'); // "&lt;b a=&quot;1&quot;&gt;&amp;"
 * ```
 */
export function escapeMarkup(text: string): string {
  return text.replace(FORBIDDEN_XML_CHARS, "\uFFFD").replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

export { truncate } from "./payloads/text";

/**
 * A short content hash (FNV-1a, 32 bit, 8 hex digits) for ids inside static drawings: inline
 * SVGs share one id space in an HTML page (nbconvert), so marker ids must differ per drawing.
 *
 * ```ts
 * contentHash("abc"); // "1a47e90b"
 * ```
 */
export function contentHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, "0");
}
