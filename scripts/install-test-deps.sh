#!/usr/bin/env bash
# Installs the Debian packages the test suite uses: a real Prometheus server (the Prometheus steady-state tests
# start it on a free loopback port) and npm (scripts/validate-workflows.sh installs the workflow validator with it).
# Safe to run again; does nothing when everything is present.
set -euo pipefail
need=()
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
command -v npm >/dev/null 2>&1 || need+=(npm)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-test-deps: need root (or sudo) to install: ${need[*]}; tests that need them will be skipped with a reason" >&2
    exit 0
  fi
fi
echo "install-test-deps: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
