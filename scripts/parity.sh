#!/usr/bin/env bash
# Provider parity: grades every fixture of the given exercises on the native provider and on the docker
# provider (offline images), and fails when the two verdict tables differ or either differs from expect.json.
# Usage: scripts/parity.sh [--scope all|faults] [EXERCISE...]   (default: every exercise, every fixture)
# Needs a Docker engine (kgrade setup docker) and the offline images (kgrade images build, run here if missing).
# Not part of CI as a whole (it grades everything twice); CI grades the fault scope on docker.
set -uo pipefail
cd "$(dirname "$0")/.."
scope=all
if [ "${1:-}" = "--scope" ]; then scope="${2:?--scope all|faults}"; shift 2; fi
out="$(mktemp -d)"
node bin/kgrade.mjs images build >/dev/null || { echo "parity: the offline images could not be built" >&2; exit 2; }
for p in native docker; do
  start=$(date +%s)
  node bin/kgrade.mjs selftest "$@" --scope "$scope" --stack "$p" --images offline --json > "$out/$p.json"
  echo "parity: $p: exit $? in $(( $(date +%s) - start )) s"
done
node -e '
const fs = require("fs"); const dir = process.argv[1];
const read = (p) => { try { return JSON.parse(fs.readFileSync(`${dir}/${p}.json`, "utf8")); } catch { return { rows: [], errors: [`${p}: no JSON (crashed?)`] }; } };
const native = read("native"), docker = read("docker");
const key = (r) => `${r.exercise} ${r.fixture} ${r.check}`;
const table = (run) => new Map(run.rows.map((r) => [key(r), r]));
const n = table(native), d = table(docker);
let differ = 0, unexpected = 0;
for (const k of [...new Set([...n.keys(), ...d.keys()])].sort()) {
  const a = n.get(k), b = d.get(k);
  if (!a || !b) { differ++; console.log(`only on ${a ? "native" : "docker"}: ${k}`); continue; }
  if (a.actual !== b.actual) { differ++; console.log(`DIFFERS ${k}: native ${a.actual} (${a.summary}) | docker ${b.actual} (${b.summary})`); }
  for (const [p, r] of [["native", a], ["docker", b]]) {
    if (r.actual !== r.expected) { unexpected++; console.log(`UNEXPECTED on ${p}: ${k}: expected ${r.expected}, got ${r.actual}: ${r.summary}`); }
    else if (r.diagnosisMismatch) { unexpected++; console.log(`UNEXPECTED on ${p}: ${k}: ${r.diagnosisMismatch}`); }
  }
}
for (const e of [...native.errors, ...docker.errors]) { unexpected++; console.log(`error: ${e}`); }
console.log(`parity: ${n.size} verdicts on native, ${d.size} on docker, ${differ} differing, ${unexpected} not as expected`);
process.exit(differ || unexpected || n.size === 0 ? 1 : 0);
' "$out"
