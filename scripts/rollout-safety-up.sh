#!/usr/bin/env bash
# The rollout-safety services on the samples' kind cluster: builds the services' jar and images (service1:v2 and
# service2:v1..v4), loads them into kind (never pushed or pulled: the manifests use imagePullPolicy IfNotPresent),
# applies samples/rollout-safety/k8s/ and waits until both deployments are available; prints COUNTER_URL.
set -euo pipefail
cd "$(dirname "$0")/.."
cluster="${KIND_CLUSTER:-chaos-junit}"
module=samples/rollout-safety

bash scripts/kind-up.sh
mvn -B -ntp -q -pl "$module" -am package -DskipTests
images=(chaos-junit/rollout-service1:v2)
docker build -q -f "$module/docker/service1.Dockerfile" -t chaos-junit/rollout-service1:v2 "$module"
for version in v1 v2 v3 v4; do
  docker build -q -f "$module/docker/service2.Dockerfile" --build-arg VERSION="$version" \
    -t "chaos-junit/rollout-service2:$version" "$module"
  images+=("chaos-junit/rollout-service2:$version")
done
for image in "${images[@]}"; do
  kind load docker-image --name "$cluster" "$image"
done

kubectl apply -f "$module/k8s/namespace.yaml"
kubectl apply -f "$module/k8s/"
kubectl -n rollout-safety rollout status deployment/service2 --timeout=180s
kubectl -n rollout-safety rollout status deployment/service1 --timeout=180s

url="http://localhost:30080/"
for _ in $(seq 1 30); do
  if curl -fsS "$url" >/dev/null; then
    echo "rollout-safety-up: service1 answers at $url: $(curl -fsS "$url")"
    echo "export COUNTER_URL=$url"
    exit 0
  fi
  sleep 2
done
echo "rollout-safety-up: $url does not answer (is node port 30080 mapped? see scripts/kind-cluster.yaml)" >&2
exit 1
