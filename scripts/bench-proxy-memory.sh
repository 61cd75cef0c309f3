#!/usr/bin/env bash
# Resident memory of the standalone Toxiproxy-compatible server (chaos-toxiproxy-server.jar) under a toxic run:
# CONNECTIONS connections at once (default 500), each echoing BYTES bytes (default 1 MiB) through a proxy with a
# latency toxic in both directions; once with the JVM's defaults and once per JVM option set given.
# Prints markdown rows (copied into docs/benchmarks.md).
#
#   scripts/bench-proxy-memory.sh ["-Xmx64m -XX:+UseSerialGC" ...]     env: CONNECTIONS, BYTES
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS="${CONNECTIONS:-500}"
BYTES="${BYTES:-1048576}"
mvn -B -ntp -q -pl chaos-junit-benchmarks -am package -DskipTests >&2
JAR=chaos-toxiproxy-server/target/chaos-toxiproxy-server.jar
CP=chaos-junit-benchmarks/target/classes
echo "| server JVM options | connections | RSS idle | peak RSS | RSS at the end | data | time |"
echo "| --- | ---: | ---: | ---: | ---: | --- | ---: |"
java -cp "$CP" dev.chaosjunit.bench.proxy.MemoryFootprint "$JAR" "$CONNECTIONS" "$BYTES"
for options in "$@"; do
  # shellcheck disable=SC2086
  java -cp "$CP" dev.chaosjunit.bench.proxy.MemoryFootprint "$JAR" "$CONNECTIONS" "$BYTES" $options
done
