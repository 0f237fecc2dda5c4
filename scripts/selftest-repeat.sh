#!/usr/bin/env bash
# Repeated selftests, to catch flaky verdicts (not part of CI: each run grades every fixture).
# Usage: scripts/selftest-repeat.sh [--stack native|docker] RUNS EXERCISE...   e.g. scripts/selftest-repeat.sh --stack docker 5 ex1 ex9
# Prints, per run, the verdicts that differ from expect.json, and a summary of verdicts that ever changed.
# --stack docker uses the offline images (built first when missing).
set -uo pipefail
cd "$(dirname "$0")/.."
provider=native
if [ "${1:-}" = "--stack" ]; then provider="${2:?--stack native|docker}"; shift 2; fi
runs="${1:?usage: selftest-repeat.sh [--stack native|docker] RUNS EXERCISE...}"; shift
if [ "$provider" = docker ]; then node bin/kgrade.mjs images build >/dev/null || { echo "selftest-repeat: the offline images could not be built" >&2; exit 2; }; fi
out="$(mktemp -d)"
for i in $(seq 1 "$runs"); do
  start=$(date +%s)
  node bin/kgrade.mjs selftest "$@" --stack "$provider" --images offline --json > "$out/run-$i.json"
  echo "run $i ($provider): exit $? in $(( $(date +%s) - start )) s"
done
node -e '
const fs = require("fs"); const dir = process.argv[1]; const runs = fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const seen = new Map(); let mismatches = 0;
for (const f of runs) {
  let r; try { r = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8")); } catch { console.log(`${f}: no JSON (crashed?)`); continue; }
  for (const row of r.rows) {
    const k = `${row.exercise} ${row.fixture} ${row.check}`; const set = seen.get(k) ?? new Set(); set.add(row.actual); seen.set(k, set);
    if (row.actual !== row.expected) { mismatches++; console.log(`${f}: ${k}: expected ${row.expected}, got ${row.actual}: ${row.summary}`); }
    else if (row.diagnosisMismatch) { mismatches++; console.log(`${f}: ${k}: ${row.diagnosisMismatch}`); }
  }
  for (const e of r.errors) console.log(`${f}: error: ${e}`);
}
const changed = [...seen].filter(([, s]) => s.size > 1);
console.log(`${runs.length} runs, ${seen.size} verdicts each, ${mismatches} mismatches with expect.json, ${changed.length} verdicts that changed between runs`);
for (const [k, s] of changed) console.log(`  changed: ${k}: ${[...s].join(" / ")}`);
' "$out"
