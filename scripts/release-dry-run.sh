#!/usr/bin/env bash
# The release, rehearsed without publishing anything (npm run release:dry-run). From the
# committed HEAD, in temporary copies:
#
#   1. versions: lerna.json, both packages and pwmk.version agree on one semantic version, and
#      the lockfiles satisfy every package.json (they are the single source of versions)
#   2. the version bump previewed through lerna (no commit, no tag, no push), which must move
#      both packages and pwmk.version together
#   3. both packages built and packed (npm pack) twice from fresh copies; the tarballs must be
#      byte-identical (a reproducible build). Both builds use the same path: webpack names the
#      extension's container entry by a hash of the exposed modules' absolute paths, so a build
#      elsewhere gives a different remoteEntry (see docs/deployment.md)
#   4. SHA-256 checksums (SHA256SUMS) and a CycloneDX SBOM of each package, from the lockfile
#   5. the tarballs installed into an empty folder (dependencies from the npm registry), pwmk
#      imported there from CommonJS, ESM and TypeScript, and the packed extension loaded by
#      PWMK Lab in headless Chromium
#
# Options: --out DIR (default dist/release: the tarballs, SHA256SUMS and SBOMs end up there),
#          --bump patch|minor|major|<version> (default patch),
#          --commit REV (default HEAD: the commit to rehearse the release of).
# The release workflow publishes the files this writes; CI runs it through scripts/test.sh.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

out="$repo/dist/release"
bump="patch"
rev="HEAD"
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$(mkdir -p "$2" && cd "$2" && pwd)"; shift 2 ;;
    --bump) bump="$2"; shift 2 ;;
    --commit) rev="$2"; shift 2 ;;
    *) echo "release-dry-run: unknown argument $1 (known: --out DIR, --bump patch|minor|major|<version>, --commit REV)" >&2; exit 2 ;;
  esac
done

step() { printf '\n== release dry run: %s\n' "$*"; }
fail() { echo "release-dry-run: $*" >&2; exit 1; }
NPM_FLAGS=(--no-audit --no-fund --ignore-scripts)

[ -d node_modules ] || fail "node_modules is missing: run scripts/setup.sh first"
commit="$(git rev-parse --verify "$rev^{commit}")" || fail "no commit $rev here (the dry run packs a commit)"
if [ "$rev" = HEAD ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "note: the working tree has uncommitted changes; the dry run packs the committed HEAD ${commit:0:12}"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/pwmk-release.XXXXXX")"
# PWMK_RELEASE_KEEP=1 keeps the temporary copies for a look after a failure.
cleanup() { if [ "${PWMK_RELEASE_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# A copy of the commit at $1, whose node_modules links to the installed packages of this checkout
# (the lockfile's versions) except the two workspace packages, which link into the copy itself.
copy_of_commit() {
  local dest="$1"
  if [ "${2:-}" = with-history ]; then
    # A clone sharing this repository's objects (nothing is written here): lerna and the
    # changelog read the history and tags.
    git clone -q --shared --no-checkout "$repo" "$dest"
    git -C "$dest" -c advice.detachedHead=false checkout -q "$commit"
  else
    mkdir -p "$dest"
    git archive --format=tar "$commit" | tar -x -C "$dest"
  fi
  mkdir "$dest/node_modules"
  ln -s "$repo"/node_modules/* "$repo"/node_modules/.bin "$dest/node_modules/"
  rm "$dest/node_modules/pwmk" "$dest/node_modules/jupyterlab-pwmk"
  ln -s ../kernel-lib "$dest/node_modules/pwmk"
  ln -s ../jupyterlab-ext "$dest/node_modules/jupyterlab-pwmk"
  for ws in kernel-lib jupyterlab-ext; do
    if [ -d "$repo/$ws/node_modules" ]; then ln -s "$repo/$ws/node_modules" "$dest/$ws/node_modules"; fi
  done
}

step "versions"
copy_of_commit "$work/preview" with-history
node scripts/release/versions.mjs --dir "$work/preview"
version="$(node -p "require('$work/preview/lerna.json').version")"

step "lockfiles (the single source of versions) match every package.json"
for dir in . lab; do
  (cd "$work/preview/$dir" && timeout 120 npm ls --package-lock-only --all >/dev/null 2>"$work/npm-ls.log") || {
    cat "$work/npm-ls.log" >&2
    fail "$dir/package-lock.json does not satisfy the package.json files it locks (npm install, then commit the lockfile)"
  }
  echo "in sync: $dir/package-lock.json"
done

step "version bump preview through lerna ($bump)"
(
  cd "$work/preview"
  timeout 300 ./node_modules/.bin/lerna version "$bump" --no-git-tag-version --no-push --yes \
    --force-publish --loglevel warn
)
next="$(node -p "require('$work/preview/lerna.json').version")"
node scripts/release/versions.mjs --dir "$work/preview" --expect "$next" >/dev/null ||
  fail "after lerna version $bump the versions disagree (see above)"
echo "lerna would release $version -> $next (pwmk, jupyterlab-pwmk and pwmk.version together)"
(cd "$work/preview" && node scripts/release/changelog.mjs --notes "$next" >"$work/notes.md") ||
  fail "lerna version did not write the CHANGELOG.md section of $next"
echo "CHANGELOG.md would gain: $(head -1 "$work/notes.md") with $(grep -c '^- ' "$work/notes.md") commits"

# Builds and packs both packages in a fresh copy at $1; the tarballs go to $2.
build_and_pack() {
  local dir="$1" packs="$2"
  rm -rf "$dir"
  copy_of_commit "$dir"
  (
    cd "$dir"
    timeout 600 npm run build -w pwmk >"$dir/build.log" 2>&1 &&
      timeout 600 npm run build -w jupyterlab-pwmk >>"$dir/build.log" 2>&1
  ) || {
    tail -40 "$dir/build.log" >&2
    fail "the build failed in $dir"
  }
  mkdir -p "$packs"
  (cd "$dir" && timeout 300 npm pack -w pwmk -w jupyterlab-pwmk --pack-destination "$packs" \
    "${NPM_FLAGS[@]}" --loglevel warn >/dev/null)
}

step "build and pack, twice (reproducibility)"
build_and_pack "$work/build" "$work/packs-1"
build_and_pack "$work/build" "$work/packs-2"
tarballs=("pwmk-$version.tgz" "jupyterlab-pwmk-$version.tgz")
for t in "${tarballs[@]}"; do
  [ -f "$work/packs-1/$t" ] || fail "npm pack did not write $t"
  if ! cmp -s "$work/packs-1/$t" "$work/packs-2/$t"; then
    echo "$t differs between two builds of $commit:" >&2
    diff <(tar -xzOf "$work/packs-1/$t" | sha256sum; tar -tvzf "$work/packs-1/$t") \
      <(tar -xzOf "$work/packs-2/$t" | sha256sum; tar -tvzf "$work/packs-2/$t") >&2 || true
    fail "the build is not reproducible: $t"
  fi
  echo "reproducible: $t ($(stat -c %s "$work/packs-1/$t") bytes, identical in both builds)"
done

step "release files in $out"
rm -rf "$out"
mkdir -p "$out"
cp "${tarballs[@]/#/$work/packs-1/}" "$out/"
(cd "$out" && sha256sum "${tarballs[@]}" >SHA256SUMS && sha256sum --check --quiet SHA256SUMS)
cat "$out/SHA256SUMS"

step "CycloneDX SBOMs (from the lockfile, production dependencies)"
for ws in kernel-lib jupyterlab-ext; do
  name="$(node -p "require('$repo/$ws/package.json').name")"
  (cd "$work/build" && timeout 300 ./node_modules/.bin/cyclonedx-npm --workspace "$ws" \
    --package-lock-only --omit dev --output-reproducible --spec-version 1.6 --output-format JSON \
    --output-file "$out/$name-$version.cdx.json" 2>"$work/sbom-$name.log") || {
    cat "$work/sbom-$name.log" >&2
    fail "cyclonedx-npm failed for $name"
  }
  node scripts/release/sbom.mjs "$out/$name-$version.cdx.json" "$work/build/$ws/package.json"
done

step "install the tarballs into an empty folder"
mkdir -p "$work/install"
printf '{ "name": "pwmk-install-check", "version": "0.0.0", "private": true }\n' >"$work/install/package.json"
(cd "$work/install" && timeout 900 npm install "${tarballs[@]/#/$out/}" "${NPM_FLAGS[@]}" \
  --prefer-offline --loglevel error >"$work/install.log" 2>&1) || {
  tail -40 "$work/install.log" >&2
  fail "npm install of the packed tarballs failed"
}
node scripts/release/check-install.mjs "$work/install" "$version"

step "the packed extension in PWMK Lab"
timeout 300 node scripts/release/check-labext.mjs "$work/install/node_modules/jupyterlab-pwmk" "$version"

step "done"
echo "release dry run of $commit passed: version $version (next: $next); files in $out:"
ls -l "$out"
