#!/usr/bin/env bash
# Benchmarks the embedded Toxiproxy server (module chaos-toxiproxy-server) against nginx with wrk as the load:
# requests/s at 1, 16 and 64 connections direct and through the proxy, added latency at 1 connection,
# latency-toxic accuracy and bulk MB/s. Prints markdown tables (copied into docs/benchmarks.md).
#
#   scripts/bench-proxy.sh [seconds-per-run (default 5)]    env: PARTS=wrk,accuracy,bulk ROUNDS=3 LOOPS=<n>
#                                                               CONNECTIONS=1,16,64
#   TOXIPROXY_SERVER=/path/to/toxiproxy-server scripts/bench-proxy.sh   also runs every round through a real
#                                                               Toxiproxy (a binary you provide), side by side
#
# Needs: Java 17, Maven, wrk, nginx (nginx-light is enough). Everything stays on 127.0.0.1. On a shared machine run
# it under `flock /tmp/chaos-bench.lock scripts/bench-proxy.sh` so benchmarks never overlap.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_CELL="${1:-5}"
for tool in wrk nginx java mvn; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench-proxy: '$tool' not found on PATH" >&2; exit 1; }
done
NGINX_BIN="$(command -v nginx)"

WORK="$(mktemp -d /tmp/chaos-bench-proxy.XXXXXX)"
NGINX_PID=""
TP_PID=""
cleanup() {
  if [ -n "$TP_PID" ]; then kill "$TP_PID" 2>/dev/null || true; wait "$TP_PID" 2>/dev/null || true; fi
  if [ -n "$NGINX_PID" ]; then kill "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "bench-proxy: building (mvn package -DskipTests)" >&2
mvn -B -ntp -q -pl chaos-junit-benchmarks -am package -DskipTests \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=runtime >&2
CP="chaos-junit-benchmarks/target/classes:$(cat "$WORK/cp.txt")"

# nginx on a free loopback port with its own config (never the system default config).
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mkdir -p "$WORK/html" "$WORK/logs"
chmod 755 "$WORK" "$WORK/html"   # nginx workers run as an unprivileged user when started by root
head -c 268435456 /dev/zero > "$WORK/html/big.bin"   # 256 MiB for the bulk test
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000000;
  client_body_temp_path $WORK/tmp;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/html;
    location = / { default_type text/plain; return 200 "hello\n"; }
  }
}
CONF
mkdir -p "$WORK/tmp"
"$NGINX_BIN" -c "$WORK/nginx.conf" -p "$WORK" -g 'daemon off;' &
NGINX_PID=$!
for _ in $(seq 50); do
  if (exec 3<>/dev/tcp/127.0.0.1/"$PORT") 2>/dev/null; then break; fi
  sleep 0.1
done

echo "## machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1), $(wrk --version 2>&1 | head -1 | cut -c1-40), $(nginx -v 2>&1)"
REAL_ARGS=()
if [ -n "${TOXIPROXY_SERVER:-}" ]; then
  TP_PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  LOG_LEVEL=warn "$TOXIPROXY_SERVER" -host 127.0.0.1 -port "$TP_PORT" > "$WORK/toxiproxy.log" 2>&1 &
  TP_PID=$!
  for _ in $(seq 50); do
    if (exec 3<>/dev/tcp/127.0.0.1/"$TP_PORT") 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "## side by side with: $("$TOXIPROXY_SERVER" -version 2>&1 | head -1)"
  REAL_ARGS=(--toxiproxy-port "$TP_PORT" --toxiproxy-pid "$TP_PID")
fi
echo "## load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms256m -Xmx256m ${JAVA_OPTS:-} -cp "$CP" dev.chaosjunit.bench.proxy.ProxyBenchmark \
  --nginx-port "$PORT" --seconds "$SECONDS_PER_CELL" --big /big.bin --samples 100 --parts "${PARTS:-wrk,accuracy,bulk}" ${LOOPS:+--loops "$LOOPS"} --rounds "${ROUNDS:-3}" \
  --connections "${CONNECTIONS:-1,16,64}" "${REAL_ARGS[@]}"
echo "## load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
