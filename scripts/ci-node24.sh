#!/usr/bin/env bash
# CI on the current Node (24; `engines` stays >=20, and the rest of CI runs on the machine's Node): installs Node 24
# from the npm registry (scripts/install-node.sh, cached), puts it first on PATH, and runs on it
#   1. the native modules the clients load (lz4-napi, @mongodb-js/zstd: N-API, installed by the machine's npm);
#   2. the unit tests;
#   3. the provider-agnostic stack suite (`kgrade stack check`'s capabilities with real traffic, native provider);
#   4. one grading per runner on the native provider: node (ex0 reference-ts), maven (ex0 reference-java),
#      command (ex0 reference-command, `node main.mjs`: the Node on PATH); each must score 100 %.
# Prints one PASS/FAIL line per step with its wall time, then "N passed, N failed"; exits 1 on any failure.
# Usage: scripts/ci-node24.sh [major]   (default 24)
set -uo pipefail
cd "$(dirname "$0")/.."
major="${1:-24}"
passed=0
failed=0
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kgrade-node$major.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

step() { # step <name> <command...>: runs it, its output in $WORK/<name>.log (printed on failure)
  local name="$1" t0 rc; shift
  t0=$(date +%s)
  "$@" > "$WORK/$name.log" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then
    echo "PASS $name ($(( $(date +%s) - t0 )) s)"; passed=$((passed + 1))
  else
    echo "FAIL $name (exit $rc, $(( $(date +%s) - t0 )) s); last lines:"; tail -n 25 "$WORK/$name.log" | sed 's/^/    /'; failed=$((failed + 1))
  fi
}

bin="$(bash scripts/install-node.sh "$major")" || { echo "FAIL node$major install"; echo "0 passed, 1 failed"; exit 1; }
export PATH="$bin:$PATH"
echo "node $(node --version) from $bin"
case "$(node --version)" in "v$major."*) ;; *) echo "FAIL node$major: PATH gives $(node --version)"; echo "0 passed, 1 failed"; exit 1 ;; esac

native_modules() {
  node -e '
    const b = Buffer.from("kafka ".repeat(200));
    (async () => {
      const lz4 = require("lz4-napi"), zstd = require("@mongodb-js/zstd");
      if (!(await lz4.uncompress(await lz4.compress(b))).equals(b)) throw new Error("lz4 round trip");
      if (!(await zstd.decompress(await zstd.compress(b))).equals(b)) throw new Error("zstd round trip");
      console.log(`lz4-napi and @mongodb-js/zstd load and round-trip on ${process.version} (N-API ${process.versions.napi})`);
    })().catch((e) => { console.error(e); process.exit(1); });'
}
grade() { # grade <fixture>: the fixture must score 100 % (its expect.json)
  node bin/kgrade.mjs grade ex0 --solution "fixtures/ex0/$1" --stack native --no-color --lang en --format console,json --out "$WORK/$1" || return 1
  node -e 'const r = require(process.argv[1]); if (r.score !== r.maxScore || !(r.maxScore > 0)) { console.error(`scored ${r.score}/${r.maxScore}`); process.exit(1); }' "$WORK/$1/kgrade-ex0.json"
}

step native-modules native_modules
step unit-tests node node_modules/vitest/vitest.mjs run --project unit
# KGRADE_NODE24_QUICK=1 (CI, for its time budget): the node and command runners only, no stack suite.
if [ -z "${KGRADE_NODE24_QUICK:-}" ]; then
  step stack-suite node node_modules/vitest/vitest.mjs run --project stack cli/diagnostics/stack-check.stack.test.ts
fi
step grade-node grade reference-ts
[ -z "${KGRADE_NODE24_QUICK:-}" ] && step grade-maven grade reference-java
step grade-command grade reference-command
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
