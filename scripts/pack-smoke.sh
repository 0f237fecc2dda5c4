#!/usr/bin/env bash
# A student's first hour from a release tarball, as the README's Install says: packs kafka-grader, installs the
# tarball as a dev dependency in an empty project (`npm i -D ./kafka-grader-<version>.tgz`), runs the installed
# CLI (--help, list, spec, setup --print, a mistyped option's one line), `kgrade init ex0` (the workflow must
# name the tarball and npm must resolve it), copies the shipped reference solution of ex0 and grades it with
# `npm run grade ex0`: exit 0.
# Proves that tsx runs the shipped TypeScript from node_modules and that `files` in package.json holds what the
# CLI needs. Most of its time is `npm install` of the dependencies (about a minute with a warm npm cache) and the
# grading (a stack to start: 20-60 s, more on a busy machine). Set KGRADE_SMOKE_STACK=native|docker to force one.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/kgrade-pack-smoke.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
t0=$(date +%s)

tarball="$(cd "$ROOT" && npm pack --silent --ignore-scripts --pack-destination "$WORK")"
mkdir "$WORK/app"
cd "$WORK/app"
# The release tarball committed beside the solution, so the workflow init writes can install it too.
mv "$WORK/$tarball" .
echo '{ "name": "student-app", "version": "1.0.0", "private": true, "scripts": { "grade": "kgrade grade" } }' > package.json
npm install --save-dev --prefer-offline --no-audit --no-fund --loglevel=error "./$tarball"
t1=$(date +%s)

expect() { # expect <regex> <command...>: the command succeeds and prints a line matching the regex
  local re="$1" out; shift
  out="$("$@")" || { echo "pack-smoke: '$*' failed" >&2; exit 1; }
  grep -qE "$re" <<< "$out" || { echo "pack-smoke: '$*' did not print /$re/" >&2; exit 1; }
}
expect '^Usage: kgrade' npx --no-install kgrade --help
expect '^ex1 ' npx --no-install kgrade list
expect '^# ex1' npx --no-install kgrade spec ex1 --lang en
expect '^kgrade setup: ' npx --no-install kgrade setup all --print
node node_modules/kafka-grader/templates/job-summary.mjs > /dev/null
# A mistyped option: one line with the fix, exit 2, never the whole help.
if npx --no-install kgrade grade ex0 --formt html > /dev/null 2> usage.err; then echo "pack-smoke: an unknown option was accepted" >&2; exit 1; fi
[ "$(cat usage.err)" = 'kgrade: unknown option --formt; did you mean --format? (kgrade grade --help)' ] || { echo "pack-smoke: an unknown option did not get its one line: $(cat usage.err)" >&2; exit 1; }

# init with no entry yet: it asks for a runner (exit 2, one line), then writes what it is told and says so.
if npx --no-install kgrade init ex0 > /dev/null 2> init.err; then echo "pack-smoke: init without a runner succeeded" >&2; exit 1; fi
grep -q -- '--runner' init.err || { echo "pack-smoke: init without a runner did not ask for --runner: $(cat init.err)" >&2; exit 1; }
expect '^kgrade.json: created \(runner node, main src/main.ts' npx --no-install kgrade init ex0 --runner node --package "./$tarball"
spec="$(sed -n 's/^ *KGRADE_PACKAGE: //p' .github/workflows/kgrade.yml)"
[ "$spec" = "./$tarball" ] || { echo "pack-smoke: the workflow installs '$spec', not ./$tarball" >&2; exit 1; }
# The workflow's install step runs npm from the repository's root: the spec it names must resolve there.
npm pack --dry-run --ignore-scripts --loglevel=error "$spec" > /dev/null || { echo "pack-smoke: npm cannot resolve the workflow's package '$spec'" >&2; exit 1; }
t2=$(date +%s)

# The shipped reference solution of ex0, graded as the student would.
cp -r node_modules/kafka-grader/fixtures/ex0/reference-ts/src .
npm run grade --silent ex0 -- --no-color ${KGRADE_SMOKE_STACK:+--stack "$KGRADE_SMOKE_STACK"} > grade.out 2> grade.err || {
  echo "pack-smoke: npm run grade ex0 exited $?; its output:" >&2; tail -n 30 grade.out grade.err >&2; exit 1; }
grep -qE '^Score *: *10/10' grade.out || { echo "pack-smoke: ex0's reference did not score 10/10:" >&2; cat grade.out >&2; exit 1; }
t3=$(date +%s)
echo "pack-smoke: ok ($tarball; pack + install $((t1 - t0)) s, CLI and init checks $((t2 - t1)) s, grading ex0 $((t3 - t2)) s)"
