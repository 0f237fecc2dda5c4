#!/usr/bin/env bash
# Installs headless Chromium from Debian for the report browser test (reports/browser.stack.test.ts), when
# missing (idempotent; Debian/Ubuntu, as root). The test finds it at /usr/bin/chromium (or $KGRADE_CHROMIUM).
set -euo pipefail

if command -v chromium >/dev/null; then
  echo "setup-browser: $(chromium --version 2>/dev/null || echo chromium) is present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-browser: chromium is missing; run as root: apt-get install -y --no-install-recommends chromium fonts-dejavu-core" >&2
  exit 1
fi
echo "setup-browser: installing chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core
chromium --version
