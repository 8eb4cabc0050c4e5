/**
 * The generated parts of docs/mime-types.md: the table of payload kinds and each kind's JSON
 * Schema, read from the payload contract itself (`pwmk/payloads`, kernel-lib/src/display/payloads),
 * so the page shows exactly what the validator and the renderers check.
 *
 *   npx tsx scripts/docs/mime-types.ts --write   regenerate
 *   npx tsx scripts/docs/mime-types.ts --check   fail when the page no longer matches the schemas
 */
import { join } from "node:path";
import * as payloads from "../../kernel-lib/src/display/payloads/index";
import type { PayloadKind } from "../../kernel-lib/src/display/payloads/index";
import { formatted, modeOf, read, replaceGenerated, repo, sync } from "./generated.mjs";

const PAGE = join(repo, "docs/mime-types.md");
const REGENERATE = "npx tsx scripts/docs/mime-types.ts --write";

/** Every payload kind `pwmk/payloads` exports, by MIME type. */
export function payloadKinds(): PayloadKind<unknown>[] {
  const kinds = Object.values(payloads).filter(
    (v): v is PayloadKind<unknown> =>
      typeof v === "object" && v !== null && "mime" in v && "schema" in v && "major" in v
  );
  return kinds.sort((a, b) => a.mime.localeCompare(b.mime));
}

const anchor = (k: PayloadKind<unknown>) => `${k.slug}-v${k.major}`;

function kindsTable(kinds: PayloadKind<unknown>[]): string {
  return [
    "| MIME type | what | version written | schema |",
    "| --- | --- | --- | --- |",
    ...kinds.map(
      (k) =>
        `| \`${k.mime}\` | ${k.name} | \`"${k.version}"\` | [${k.slug} v${k.major}](#${anchor(k)}) |`
    )
  ].join("\n");
}

function schemaSections(kinds: PayloadKind<unknown>[]): string {
  return kinds
    .map((k) =>
      [
        `### ${k.slug} v${k.major}`,
        "",
        `\`${k.mime}\`: the ${k.name}, format ${k.major}; pwmk writes \`"version": "${k.version}"\`. ` +
          (k.rules
            ? "A valid payload also keeps the kind's rules beyond the schema ([Versions](#versions))."
            : "No rules beyond the schema."),
        "",
        "```json",
        JSON.stringify(k.schema, null, 2),
        "```"
      ].join("\n")
    )
    .join("\n\n");
}

/** Paths in `schema` where unknown fields are forbidden (`additionalProperties: false`). */
function closedObjects(schema: unknown, at = "schema"): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === "additionalProperties" && value === false ? [at] : closedObjects(value, `${at}.${key}`)
  );
}

async function main(): Promise<void> {
  const mode = modeOf();
  const kinds = payloadKinds();
  // The page promises that older readers ignore fields a newer minor version adds.
  const closed = kinds.flatMap((k) => closedObjects(k.schema, k.mime));
  if (closed.length > 0) {
    console.error(
      `docs/mime-types.md says no schema forbids unknown fields, but ${closed.join(", ")} does: ` +
        "a minor version could not add a field there. Change the schema or the Versions section."
    );
    process.exit(1);
  }
  let text = read("docs/mime-types.md");
  text = replaceGenerated(text, "kinds", kindsTable(kinds), PAGE);
  text = replaceGenerated(text, "schemas", schemaSections(kinds), PAGE);
  // Every kind needs words of its own (what it shows, who writes it, which viewer draws it).
  const handWritten = text.replace(/<!-- generated: (\S+) [\s\S]*?<!-- end generated: \1 -->/g, "");
  const undescribed = kinds.filter((k) => !handWritten.includes(`\`${k.mime}\``));
  if (undescribed.length > 0) {
    console.error(
      `docs/mime-types.md does not describe ${undescribed.map((k) => k.mime).join(", ")}: ` +
        "add what it shows, who writes it and which viewer draws it, outside the generated parts."
    );
    process.exit(1);
  }
  const ok = sync(PAGE, await formatted(PAGE, text), mode, REGENERATE);
  process.exit(ok ? 0 : 1);
}

void main();
