#!/usr/bin/env bash
# Load-driver benchmarks (NOT tests): client comparison vs wrk, open-model accurate ceiling, coordinated omission
# under a 1 s nginx stall, CPU per request. Starts its own nginx (own config, 127.0.0.1 only) and stops it on exit.
# Every harness runs under flock /tmp/chaos-bench.lock so benchmarks of parallel builds never overlap.
# Usage: scripts/bench-load.sh [all|compare|ceiling|co|cpu]   (env: BENCH_PORT, default 18089; SECONDS_PER_RUN, default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
port="${BENCH_PORT:-18089}"
secs="${SECONDS_PER_RUN:-10}"
lock=/tmp/chaos-bench.lock

command -v nginx >/dev/null || { echo "bench-load: nginx is needed (apt-get install nginx-light)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "bench-load: wrk is needed (apt-get install wrk)" >&2; exit 1; }

mvn -B -ntp -q -Dstyle.color=never -pl chaos-junit-benchmarks -am package -DskipTests >&2
jar=chaos-junit-benchmarks/target/chaos-load-bench.jar

dir=$(mktemp -d /tmp/chaos-load-bench.XXXXXX)
mkdir -p "$dir/www" "$dir/logs"
chmod 755 "$dir" "$dir/www"            # the nginx worker runs as an unprivileged user
printf 'hello\n' > "$dir/www/index.html"   # small static body (6 bytes)
cat > "$dir/nginx.conf" <<CONF
worker_processes 1;
daemon on;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  server {
    listen 127.0.0.1:$port;
    root $dir/www;
    location / { }
  }
}
CONF
nginx -c "$dir/nginx.conf" -p "$dir" -e "$dir/logs/error.log"
cleanup() {
  if [ -f "$dir/nginx.pid" ]; then
    master=$(cat "$dir/nginx.pid")
    for w in $(pgrep -P "$master" || true); do kill -CONT "$w" 2>/dev/null || true; done
    kill -QUIT "$master" 2>/dev/null || true
  fi
  sleep 0.5
  rm -rf "$dir"
}
trap cleanup EXIT
sleep 0.5
url="http://127.0.0.1:$port/index.html"
master=$(cat "$dir/nginx.pid")
worker=$(pgrep -P "$master" | head -1)
run() { flock "$lock" java -Xms256m -Xmx256m -cp "$jar" "$@"; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
if [[ $what == all || $what == compare ]]; then
  echo "## (1) closed loop: clients vs wrk -t1, ${secs}s per run"
  run dev.chaosjunit.bench.load.ClientComparison "$url" "$secs" 16 64
fi
if [[ $what == all || $what == ceiling ]]; then
  echo "## (2) open-model accurate ceiling, ${secs}s per rate, 64 connections"
  run dev.chaosjunit.bench.load.OpenModelCeiling "$url" "$secs" 64 10000 20000 30000 40000 50000 60000 70000
fi
if [[ $what == all || $what == co ]]; then
  echo "## (3) coordinated omission: 1000/s for 30s, nginx worker SIGSTOPped for 1s at 10s, 64 connections"
  run dev.chaosjunit.bench.load.CoordinatedOmission "$url" "$worker" 1000 30 10 1000 64
fi
if [[ $what == all || $what == cpu ]]; then
  echo "## (4) CPU per request at 5000 req/s, 20s"
  run dev.chaosjunit.bench.load.CpuPerRequest "$url" 5000 20 64
fi
