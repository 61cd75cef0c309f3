#!/usr/bin/env bash
# Validates every GitHub Actions workflow under .github/workflows against the workflow schema with action-validator
# (the @action-validator/cli package from the npm registry, installed once into target/tools; needs Node.js and npm).
# First proves the validator rejects a broken workflow, so a validator that accepts everything cannot pass.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${ACTION_VALIDATOR_VERSION:-0.6.0}"
prefix="target/tools/action-validator-$version"
bin="$prefix/node_modules/.bin/action-validator"
if [ ! -x "$bin" ]; then
  command -v npm >/dev/null 2>&1 || { echo "validate-workflows: npm is not installed (Debian: apt-get install npm)" >&2; exit 2; }
  npm install --silent --no-audit --no-fund --prefix "$prefix" \
    "@action-validator/cli@$version" "@action-validator/core@$version" >/dev/null
fi

broken="$(mktemp --suffix=.yml)"
trap 'rm -f "$broken"' EXIT
printf 'name: broken\non: push\njobs:\n  job:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: true\n' > "$broken"
if "$bin" "$broken" >/dev/null 2>&1; then
  echo "validate-workflows: action-validator accepted a workflow with an unknown key; not trusting it" >&2
  exit 1
fi

status=0
count=0
for workflow in .github/workflows/*.yml .github/workflows/*.yaml; do
  [ -e "$workflow" ] || continue
  count=$((count + 1))
  if "$bin" "$workflow"; then
    echo "validate-workflows: $workflow is valid"
  else
    echo "validate-workflows: $workflow is NOT valid (see above)" >&2
    status=1
  fi
done
if [ "$count" -eq 0 ]; then
  echo "validate-workflows: no workflow found under .github/workflows" >&2
  exit 1
fi
exit "$status"
