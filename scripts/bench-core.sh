#!/usr/bin/env bash
# The chaos-junit core overhead harness: what an experiment costs per test (see docs/fault-spi.md, "Overhead").
# Builds the test classes, then runs the harness under the shared benchmark lock.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -pl chaos-junit -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
CP="chaos-junit/target/test-classes:chaos-junit/target/classes:$(cat chaos-junit/target/bench-classpath.txt)"
exec flock /tmp/chaos-bench.lock java -cp "$CP" dev.chaosjunit.bench.ExperimentOverheadBenchmark "$@"
