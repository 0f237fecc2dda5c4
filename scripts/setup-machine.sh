#!/usr/bin/env bash
# Kept for CI and old notes: the same as `kgrade setup machine` (cli/setup/machine-setup.mjs), which needs no
# `npm ci` first. Idempotent; as root it installs (apt) what is missing, otherwise it prints the commands (exit 1).
set -euo pipefail
exec node "$(dirname "${BASH_SOURCE[0]}")/../cli/setup/machine-setup.mjs" machine "$@"
