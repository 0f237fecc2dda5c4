#!/usr/bin/env bash
# Packs kafka-grader, installs the tarball as a dev dependency in an empty project (as a student would with
# `npm i -D kafka-grader`) and runs the installed CLI: --help, list, spec, init. Proves that tsx runs the shipped
# TypeScript from node_modules and that `files` in package.json holds what the CLI needs.
# Most of its time is `npm install` of the dependencies (about a minute here even with a warm npm cache).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kgrade-pack-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
t0=$(date +%s)

tarball="$(cd "$ROOT" && npm pack --silent --ignore-scripts --pack-destination "$WORK")"
mkdir "$WORK/app"
cd "$WORK/app"
echo '{ "name": "student-app", "version": "1.0.0", "private": true }' > package.json
npm install --save-dev --prefer-offline --no-audit --no-fund --loglevel=error "$WORK/$tarball"
t1=$(date +%s)

expect() { # expect <regex> <command...>: the command succeeds and prints a line matching the regex
  local re="$1" out; shift
  out="$("$@")" || { echo "pack-smoke: '$*' failed" >&2; exit 1; }
  grep -qE "$re" <<< "$out" || { echo "pack-smoke: '$*' did not print /$re/" >&2; exit 1; }
}
expect '^Usage: kgrade' npx --no-install kgrade --help
expect '^ex1 ' npx --no-install kgrade list
expect '^# ex1' npx --no-install kgrade spec ex1 --lang en
mkdir repo
npx --no-install kgrade init ex1 --dir repo > /dev/null
grep -q 'KGRADE_EXERCISE: ex1' repo/.github/workflows/kgrade.yml
node node_modules/kafka-grader/templates/job-summary.mjs > /dev/null
t2=$(date +%s)
echo "pack-smoke: ok ($tarball; pack + install $((t1 - t0)) s, CLI checks $((t2 - t1)) s)"
