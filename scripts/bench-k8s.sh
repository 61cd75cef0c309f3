#!/usr/bin/env bash
# The chaos-junit-k8s harness: API requests per injection and revert, time to the API's acknowledgement against the
# fabric8 mock server, and the cost per test of the module on the class path without a Kubernetes fault
# (see docs/benchmarks.md, "Kubernetes"). Builds the test classes, then runs the harness under the benchmark lock.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl chaos-junit-k8s -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="chaos-junit-k8s/target/test-classes:chaos-junit-k8s/target/classes:$(cat chaos-junit-k8s/target/bench-classpath.txt)"
exec flock /tmp/chaos-bench.lock java -cp "$CP" dev.chaosjunit.k8s.bench.KubeRequestsBenchmark "$@"
