#!/usr/bin/env bash
# Installs a Node.js release from the npm registry's node-linux-<arch> package (the official binary, published as
# an npm package) into kgrade's cache, and prints its bin folder on stdout:
#   PATH="$(bash scripts/install-node.sh 24):$PATH" node --version
# Idempotent and cached: the newest version of that major already in $KGRADE_CACHE/node is used without asking the
# registry; --refresh asks the registry for the newest one. Needs only npm and tar.
set -euo pipefail
major="${1:?usage: scripts/install-node.sh <major, e.g. 24> [--refresh]}"
refresh="${2:-}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "install-node: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
CACHE="${KGRADE_CACHE:-$HOME/.cache/kgrade}/node"
mkdir -p "$CACHE"

cached="$(ls -d "$CACHE/$major".*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [ -n "$cached" ] && [ -x "$cached/node" ] && [ "$refresh" != "--refresh" ]; then
  echo "$cached"
  exit 0
fi

version="$(npm view "node-linux-$arch@$major" version --json | node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log([].concat(v).at(-1))')"
dest="$CACHE/$version"
if [ ! -x "$dest/bin/node" ]; then
  echo "install-node: installing Node $version (node-linux-$arch from the npm registry) into $dest" >&2
  work="$(mktemp -d "$CACHE/.partial.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent --loglevel=error "node-linux-$arch@$version" > /dev/null)
  tar -xzf "$work"/node-linux-"$arch"-"$version".tgz -C "$work" package/bin/node package/LICENSE
  mkdir -p "$work/out/bin" && mv "$work/package/bin/node" "$work/out/bin/" && mv "$work/package/LICENSE" "$work/out/"
  "$work/out/bin/node" --version > /dev/null
  rm -rf "$dest" && mv "$work/out" "$dest" # whole or not at all: an interrupted install is redone
fi
echo "$dest/bin"
