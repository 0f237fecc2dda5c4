#!/usr/bin/env bash
# Grades one fixture several times in a row and compares each run's verdicts with its expect.json, to catch
# flaky verdicts (not part of CI). Each run gets the seed given, or a fresh random one with --seed random.
# Usage: scripts/repeat-fixture.sh RUNS EXERCISE FIXTURE [--seed N|random] [--stack native|docker]
#   e.g. scripts/repeat-fixture.sh 10 ex9 mutant-rf-1 --seed 1103006781
# Keeps every run's JSON report under a temporary folder (printed) and exits 1 when any run differed.
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:?usage: repeat-fixture.sh RUNS EXERCISE FIXTURE [--seed N|random] [--stack native|docker]}"
ex="${2:?exercise}"; fixture="${3:?fixture}"; shift 3
seed=random; provider=native
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) seed="${2:?--seed N|random}"; shift 2 ;;
    --stack) provider="${2:?--stack native|docker}"; shift 2 ;;
    *) echo "repeat-fixture: unknown option $1" >&2; exit 2 ;;
  esac
done
dir="fixtures/$ex/$fixture"
[ -f "$dir/expect.json" ] || { echo "repeat-fixture: no $dir/expect.json" >&2; exit 2; }
out="$(mktemp -d -t "repeat-$ex-$fixture-XXXX")"
echo "reports in $out"
bad=0
for i in $(seq 1 "$runs"); do
  s="$seed"; [ "$s" = random ] && s=$(( (RANDOM << 15 | RANDOM) ))
  start=$(date +%s)
  node bin/kgrade.mjs grade "$ex" --solution "$dir" --stack "$provider" --seed "$s" --format json --lang en --out "$out/run-$i" > "$out/run-$i.log" 2>&1
  verdict=$(node -e '
const fs = require("fs");
const [report, expectFile] = process.argv.slice(1);
let r; try { r = JSON.parse(fs.readFileSync(report, "utf8")); } catch { console.log("no report (see the log)"); process.exit(1); }
const e = JSON.parse(fs.readFileSync(expectFile, "utf8"));
const checks = r.verdicts ?? [];
// Same rule as selftest/fixture-expectations.ts expectedStatus: unlisted checks pass.
const has = (l, id) => l === "*" || (Array.isArray(l) && l.includes(id));
const expected = (id) => (has(e.error, id) ? "error" : has(e.fail, id) ? "fail" : has(e.skipped, id) ? "skipped" : "pass");
const diffs = checks.filter((c) => c.status !== expected(c.id)).map((c) => `${c.id}: expected ${expected(c.id)}, got ${c.status} (${c.evidence?.summary?.en ?? ""})`);
for (const [id, re] of Object.entries(e.diagnosis ?? {})) {
  const c = checks.find((x) => x.id === id);
  if (c && !new RegExp(re, "i").test(c.evidence?.summary?.en ?? "")) diffs.push(`${id}: diagnosis does not match /${re}/i: ${c.evidence?.summary?.en}`);
}
console.log(diffs.length ? diffs.join("\n    ") : `as expected (${checks.map((c) => `${c.id}=${c.status}`).join(", ")})`);
process.exit(diffs.length ? 1 : 0);
' "$out/run-$i/kgrade-$ex.json" "$dir/expect.json")
  rc=$?; [ $rc -ne 0 ] && bad=$((bad + 1))
  echo "run $i seed $s: $(( $(date +%s) - start )) s: $verdict"
done
echo "$ex/$fixture: $runs runs, $bad differing from expect.json"
[ "$bad" -eq 0 ]
