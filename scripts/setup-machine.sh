#!/usr/bin/env bash
# Installs the system tools kgrade's native stack and native sandbox need, when missing (idempotent; Debian/Ubuntu, as root).
# Kafka, Toxiproxy, Debezium and Apicurio themselves are provisioned into kgrade's cache by
# `kgrade stack provision`; this script only covers what comes from the OS package manager.
set -euo pipefail

need=()
command -v java >/dev/null || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || need+=(maven)
command -v go >/dev/null || need+=(golang-go)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
command -v psql >/dev/null || need+=(postgresql-client-15)
command -v patch >/dev/null || need+=(patch)
# the native sandbox (--sandbox, cohort): bubblewrap for namespaces, util-linux for setpriv/prlimit
command -v bwrap >/dev/null || need+=(bubblewrap)
command -v setpriv >/dev/null && command -v prlimit >/dev/null || need+=(util-linux)

if [ ${#need[@]} -eq 0 ]; then
  echo "setup-machine: java, mvn, go, PostgreSQL 15 and bubblewrap are present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-machine: missing ${need[*]}; run as root: apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "setup-machine: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${need[@]}"
