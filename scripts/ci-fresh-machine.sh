#!/usr/bin/env bash
# CI: kgrade on a fresh machine of this kind, with the Docker engine up (idempotent, self-contained).
#   1. the README's first command, exactly as written, in a fresh clone with an empty HOME (so an empty
#      ~/.cache/kgrade: no provisioned artifact, hence no usable offline image set); must score 100 %.
#   2. `kgrade doctor --json` in the same state: must answer valid JSON and exit 0.
#   3. the classroom docker-compose.yml on the offline images, started with Debian's docker-compose (1.29), a
#      reference graded against it with --stack external, then stopped (uses the shared cache's offline set:
#      `kgrade images build` first when it is not built).
# Package registries' caches (npm and its config, Maven's local repository, Go's module and build caches) stay
# warm; nothing else of the real HOME is seen.
# Prints one PASS/FAIL line per step with its wall time, then "N passed, N failed"; exits 1 on any failure.
# Usage: scripts/ci-fresh-machine.sh [step...]   (steps: readme doctor compose; default: all)
set -uo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
REAL_HOME=$HOME
STEPS=("$@")
[ ${#STEPS[@]} -gt 0 ] || STEPS=(readme doctor compose)
WORK=$(mktemp -d /tmp/kgrade-fresh-XXXXXX)
PROJECT="kgrade-ci-$$"
COMPOSE_ARGS=()
passed=0
failed=0

cleanup() {
  if [ ${#COMPOSE_ARGS[@]} -gt 0 ]; then docker-compose "${COMPOSE_ARGS[@]}" down -v --remove-orphans >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf 'ci-fresh-machine: %s\n' "$*" >&2; }

# Runs step $1 (function $2), timing it; its output goes to $WORK/<step>.log (printed on failure).
step() {
  local name=$1 fn=$2 t0 t1 rc
  t0=$(date +%s.%N)
  "$fn" >"$WORK/$name.log" 2>&1
  rc=$?
  t1=$(date +%s.%N)
  local secs
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
    echo "PASS $name (${secs} s)"
  else
    failed=$((failed + 1))
    echo "FAIL $name (${secs} s, exit $rc); last lines of its log:"
    tail -n 40 "$WORK/$name.log" | sed 's/^/  | /'
  fi
}

# A fresh checkout of HEAD with an empty HOME (npm's cache and config kept: a registry's cache, not kgrade state).
fresh_env() {
  [ -d "$WORK/clone" ] || git clone -q "$REPO" "$WORK/clone" || return 1
  mkdir -p "$WORK/home"
  cp "$REAL_HOME/.npmrc" "$WORK/home/.npmrc" 2>/dev/null || true
  export HOME="$WORK/home" npm_config_cache="$REAL_HOME/.npm"
  # Registries' download and build caches stay warm too (Maven's local repository, Go's modules and builds):
  # they hold what Maven Central and the Go module proxy serve, not kgrade state.
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Dmaven.repo.local=$REAL_HOME/.m2/repository"
  export GOMODCACHE="${GOMODCACHE:-$REAL_HOME/go/pkg/mod}" GOCACHE="${GOCACHE:-$REAL_HOME/.cache/go-build}"
  unset KGRADE_CACHE XDG_CACHE_HOME KGRADE_BOOTSTRAP_SERVERS KGRADE_TEST_PROVIDER
}

# The first command of the README's Quick start block, as written.
readme_command() {
  awk '/^## Quick start/ { q = 1 } q && /^```sh/ { getline; print; exit }' "$REPO/README.md" | sed 's/[[:space:]]*#.*$//'
}

step_readme() (
  docker info >/dev/null 2>&1 || { echo 'no Docker engine answers: this step proves the engine-up case'; exit 1; }
  fresh_env || exit 1
  cmd=$(readme_command)
  [ -n "$cmd" ] || { echo 'no command found in the README Quick start'; exit 1; }
  [ ! -e "$HOME/.cache/kgrade" ] || { echo "the cache is not empty: $HOME/.cache/kgrade"; exit 1; }
  cd "$WORK/clone" || exit 1
  echo "\$ $cmd"
  bash -c "$cmd" | tee "$WORK/readme.out"
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || { echo "exit code $rc"; exit 1; }
  grep -Eq '^Score ?: *([0-9]+)/\1 ' "$WORK/readme.out" || { echo 'the reference did not score 100 %'; exit 1; }
)

step_doctor() (
  fresh_env || exit 1
  cd "$WORK/clone" || exit 1
  [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null || exit 1
  node bin/kgrade.mjs doctor --json >"$WORK/doctor.json"
  rc=$?
  cat "$WORK/doctor.json"
  [ "$rc" -eq 0 ] || { echo "kgrade doctor exited $rc"; exit 1; }
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const k of ["tools", "artifacts", "dockerEngine", "providers", "auto", "canRun"]) if (!(k in r)) throw new Error("no " + k);
    if (!r.dockerEngine.answers) throw new Error("doctor says no Docker engine answers");
    const ex0 = r.auto.find((a) => a.exercise === "ex0");
    console.log("--stack auto for ex0:", ex0.choice.provider, "-", ex0.choice.reason);
  ' "$WORK/doctor.json"
)

# Host ports nobody listens on (the course's own first when free), for the compose project.
free_port() {
  local p=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || grep -q ":$(printf '%04X' "$p") " /proc/net/tcp /proc/net/tcp6 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}

step_compose() (
  command -v docker-compose >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null || {
      apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends docker-compose >/dev/null
    } || exit 1
  }
  docker-compose version --short
  cd "$REPO" || exit 1
  env_file="$WORK/offline.env"
  node bin/kgrade.mjs images compose-env >"$env_file" || exit 1
  # Ports chosen now, one after the other, so that no two services (nor another stack) share one.
  next=9092
  for var in KGRADE_KAFKA_1_PORT KGRADE_KAFKA_2_PORT KGRADE_KAFKA_3_PORT KGRADE_TOXIPROXY_PORT; do
    next=$(free_port "$next")
    echo "$var=$next" >>"$env_file"
    next=$((next + 1))
  done
  cat "$env_file"
  set -a; . "$env_file"; set +a
  args=(-p "$PROJECT" --env-file "$env_file" -f docker-compose.yml -f docker-compose.offline.yml)
  docker-compose "${args[@]}" up -d kafka-1 kafka-2 kafka-3 toxiproxy || exit 1
  rc=0
  KGRADE_BOOTSTRAP_SERVERS="localhost:$KGRADE_KAFKA_1_PORT,localhost:$KGRADE_KAFKA_2_PORT,localhost:$KGRADE_KAFKA_3_PORT" \
    node bin/kgrade.mjs grade ex0 --solution fixtures/ex0/reference-ts --stack external --format console --out "$WORK/compose-out" | tee "$WORK/compose.out" || rc=1
  grep -Eq '^Score ?: *([0-9]+)/\1 ' "$WORK/compose.out" || { echo 'the reference did not score 100 % against the compose stack'; rc=1; }
  if [ $rc -ne 0 ]; then
    docker-compose "${args[@]}" logs --tail 15 kafka-1
    echo '--- the grade against the compose stack (its end):'
    tail -n 20 "$WORK/compose.out"
  fi
  docker-compose "${args[@]}" down -v --remove-orphans || rc=1
  exit $rc
)

for s in "${STEPS[@]}"; do
  case $s in
    readme) step readme step_readme ;;
    doctor) step doctor step_doctor ;;
    compose)
      # The subshell cannot hand its arguments back to the EXIT trap: they are rebuilt here for it.
      COMPOSE_ARGS=(-p "$PROJECT" -f "$REPO/docker-compose.yml" -f "$REPO/docker-compose.offline.yml")
      step compose step_compose
      ;;
    *) echo "unknown step '$s' (readme, doctor, compose)" >&2; exit 2 ;;
  esac
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
