#!/usr/bin/env bash
# Wall time of `kgrade grade ex0` on the TypeScript reference: cold (the grade starts its own stack) and
# warm (against a running `kgrade stack up`, --stack external). Prints each run and the medians.
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
solution="${2:-fixtures/ex0/reference-ts}"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
ms() { local s; s=$(date +%s%N); "$@" > /dev/null 2>&1; echo $(( ($(date +%s%N) - s) / 1000000 )); }
cold=(); warm=()
for i in $(seq 1 "$runs"); do cold+=("$(ms node bin/kgrade.mjs grade ex0 --solution "$solution" --stack native --format json --out /tmp/kgrade-timing)"); done
node bin/kgrade.mjs stack up > /tmp/kgrade-timing-stack.log 2>&1 &
up=$!
for _ in $(seq 1 120); do grep -q "Ctrl-C" /tmp/kgrade-timing-stack.log && break; sleep 1; done
for i in $(seq 1 "$runs"); do warm+=("$(ms node bin/kgrade.mjs grade ex0 --solution "$solution" --stack external --format json --out /tmp/kgrade-timing)"); done
kill -INT "$up"; wait "$up" 2>/dev/null
echo "cold (own stack): ${cold[*]} ms; median $(printf '%s\n' "${cold[@]}" | median) ms"
echo "warm (kgrade stack up, --stack external): ${warm[*]} ms; median $(printf '%s\n' "${warm[@]}" | median) ms"
