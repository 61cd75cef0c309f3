#!/usr/bin/env bash
# Creates the samples' kind cluster (name: $KIND_CLUSTER, default chaos-junit) unless it exists, and makes it the
# current kubectl context (kind-chaos-junit). Needs kind, kubectl and a running Docker engine.
set -euo pipefail
cd "$(dirname "$0")/.."
cluster="${KIND_CLUSTER:-chaos-junit}"
for tool in kind kubectl docker; do
  command -v "$tool" >/dev/null 2>&1 || { echo "kind-up: $tool is not installed (needed: kind, kubectl, docker)" >&2; exit 2; }
done
if kind get clusters 2>/dev/null | grep -qx "$cluster"; then
  echo "kind-up: cluster $cluster exists"
else
  kind create cluster --name "$cluster" --config scripts/kind-cluster.yaml --wait 120s
fi
kubectl config use-context "kind-$cluster" >/dev/null
kubectl wait --for=condition=Ready nodes --all --timeout=120s
