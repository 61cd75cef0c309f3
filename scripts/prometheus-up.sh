#!/usr/bin/env bash
# The samples' Prometheus on the kind cluster (samples/sock-shop-tests/k8s/prometheus.yaml): scrapes the annotated
# Services (Sock Shop, rollout-safety) and cAdvisor; waits until it is ready and prints PROMETHEUS_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/kind-up.sh
kubectl apply -f samples/sock-shop-tests/k8s/prometheus.yaml
kubectl -n monitoring rollout status deployment/prometheus --timeout=300s
url="http://localhost:30090"
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "$url/-/ready"; then
    echo "prometheus-up: Prometheus is ready at $url"
    echo "export PROMETHEUS_URL=$url"
    exit 0
  fi
  sleep 2
done
echo "prometheus-up: $url/-/ready does not answer (is node port 30090 mapped? see scripts/kind-cluster.yaml)" >&2
exit 1
