#!/usr/bin/env bash
# Sock Shop on the samples' kind cluster: applies the microservices-demo project's complete-demo.yaml from its
# published URL (pinned to a commit; override with SOCKSHOP_MANIFEST_URL), waits until every deployment is available
# and the front page answers, then prints the variables the sock-shop tests read.
#   FRONT_END_REPLICAS  front-end replicas (default 1; the pod-kill experiment wants 4)
set -euo pipefail
cd "$(dirname "$0")/.."
manifest="${SOCKSHOP_MANIFEST_URL:-https://raw.githubusercontent.com/microservices-demo/microservices-demo/9dff06fae4981921caec6a62393a6ebfce4b3e3f/deploy/kubernetes/complete-demo.yaml}"
replicas="${FRONT_END_REPLICAS:-1}"

bash scripts/kind-up.sh
# the manifest selects nodes by the old beta.kubernetes.io/os label, which recent kubelets no longer set
kubectl label nodes --all beta.kubernetes.io/os=linux --overwrite >/dev/null
kubectl apply -f "$manifest"
kubectl -n sock-shop scale deployment front-end --replicas="$replicas"
echo "sockshop-up: waiting for every Sock Shop deployment (images are pulled on first start; this takes minutes)"
kubectl -n sock-shop wait --for=condition=Available deployment --all --timeout="${SOCKSHOP_WAIT:-900s}"
kubectl -n sock-shop rollout status deployment/front-end --timeout=300s

url="http://localhost:30001"
for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "$url/" && curl -fsS -o /dev/null "$url/catalogue"; then
    echo "sockshop-up: Sock Shop answers at $url"
    echo "export SOCKSHOP_URL=$url"
    echo "export KUBECONFIG=${KUBECONFIG:-$HOME/.kube/config}"
    exit 0
  fi
  sleep 5
done
echo "sockshop-up: the front-end is available but $url/ does not answer (is node port 30001 mapped? see scripts/kind-cluster.yaml)" >&2
exit 1
