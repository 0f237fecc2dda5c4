#!/usr/bin/env bash
# Makes a Docker engine answer for kgrade's docker provider (idempotent; Debian/Ubuntu, as root):
# installs docker.io and debootstrap when missing, then starts `dockerd --iptables=false` in the
# background (log: /var/log/kgrade-dockerd.log) unless an engine already answers.
# --iptables=false: the machines here cannot load iptables NAT rules; published ports still work on
# 127.0.0.1 (docker-proxy) and containers reach each other on a user-defined network.
set -euo pipefail

LOG=/var/log/kgrade-dockerd.log
WAIT_S=60
# cgroup v1 (cgroupfs driver): every container sits under /docker, and that group competes for CPU with
# each host thread as ONE task of weight 1024. On a busy 2-core machine a 3-broker stack then took 60-100 s
# to start instead of 13-16 s. Weight 8192 = eight host threads' worth, shared by all containers.
DOCKER_CPU_SHARES=8192

tune_cpu_shares() {
  local group=/sys/fs/cgroup/cpu/docker
  [ -d /sys/fs/cgroup/cpu ] && [ "$(id -u)" -eq 0 ] || return 0
  mkdir -p "$group" 2>/dev/null || return 0
  if [ "$(cat "$group/cpu.shares" 2>/dev/null)" != "$DOCKER_CPU_SHARES" ]; then
    echo "$DOCKER_CPU_SHARES" >"$group/cpu.shares" 2>/dev/null && echo "setup-docker: containers' CPU weight set to $DOCKER_CPU_SHARES (cgroup v1)"
  fi
  return 0
}

need=()
command -v dockerd >/dev/null || need+=(docker.io)
command -v debootstrap >/dev/null || need+=(debootstrap)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup-docker: missing ${need[*]}; run as root: apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "setup-docker: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi

if docker info >/dev/null 2>&1; then
  echo "setup-docker: a Docker engine already answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
  tune_cpu_shares
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup-docker: no Docker engine answers and starting one needs root" >&2
  exit 1
fi

# A daemon of ours may be up but not answering yet (a second run of this script): do not start another.
if ! pgrep -x dockerd >/dev/null; then
  echo "setup-docker: starting dockerd --iptables=false (log: $LOG)"
  nohup dockerd --iptables=false >>"$LOG" 2>&1 </dev/null &
  disown || true
fi

for _ in $(seq 1 "$WAIT_S"); do
  if docker info >/dev/null 2>&1; then
    echo "setup-docker: engine ready ($(docker info --format '{{.Driver}}' 2>/dev/null) storage driver)"
    tune_cpu_shares
    exit 0
  fi
  sleep 1
done
echo "setup-docker: the Docker engine did not answer within ${WAIT_S} s; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2 || true
exit 1
