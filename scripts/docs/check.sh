#!/usr/bin/env bash
# Checks that the generated parts of the docs match the code they come from (part of `npm test`):
# the architecture diagram and layer table (the layers of .dependency-cruiser.cjs and the real
# imports), the MIME types page (the JSON Schemas of pwmk/payloads), and the guides' code (the
# regions of kernel-lib/test/guides/*.test.ts, which the unit tests run), and that docs/README.md
# lists every page.
# `bash scripts/docs/check.sh --write` regenerates all of them instead.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mode="${1:---check}"
status=0
node scripts/docs/architecture.mjs "$mode" || status=1
npx --no-install tsx scripts/docs/mime-types.ts "$mode" || status=1
node scripts/docs/snippets.mjs "$mode" || status=1
node scripts/docs/index.mjs || status=1
[ "$status" -eq 0 ] && echo "docs: generated parts are up to date"
exit "$status"
