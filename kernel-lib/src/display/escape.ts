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
