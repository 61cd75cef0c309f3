#!/usr/bin/env bash
# Runs the test suite (README's test command, `mvn -B -ntp verify`) several times, each time from a fresh clone of
# the current commit, optionally while a CPU hog keeps every core busy, and prints the failures per test.
#
#   scripts/flake-check.sh [--hog] [runs]      # runs defaults to 5
#
# --hog starts `stress-ng --cpu <cores>` (Debian package stress-ng, installed when missing) for the whole check and
# stops it on exit, however the script ends. Logs and the surefire/failsafe reports of failed runs are kept under
# $FLAKE_CHECK_DIR (default: a new /tmp/flake-check.XXXXXX); clones are deleted after each run.
# Exit status: 0 when every run passed, 1 otherwise, 2 for bad arguments. See docs/testing.md.
set -uo pipefail

usage() {
  echo "usage: scripts/flake-check.sh [--hog] [runs]   (runs: a whole number >= 1, default 5)" >&2
  exit 2
}

hog=0
runs=5
for arg in "$@"; do
  case "$arg" in
    --hog) hog=1 ;;
    -h|--help) usage ;;
    *[!0-9]*|'') echo "flake-check: unknown argument \"$arg\"" >&2; usage ;;
    *) runs=$arg ;;
  esac
done
[ "$runs" -ge 1 ] 2>/dev/null || usage

repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse HEAD)
short=$(git -C "$repo" rev-parse --short HEAD)
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
  echo "flake-check: note: uncommitted changes are not tested; the clones check out $short" >&2
fi
out=${FLAKE_CHECK_DIR:-$(mktemp -d /tmp/flake-check.XXXXXX)}
mkdir -p "$out"

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

bash "$repo/scripts/install-test-deps.sh"

hog_pid=""
work=""
cleanup() {
  if [ -n "$hog_pid" ]; then
    kill "$hog_pid" 2>/dev/null
    wait "$hog_pid" 2>/dev/null
    hog_pid=""
  fi
  if [ -n "$work" ] && [ -d "$work" ]; then
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

load="none"
if [ "$hog" -eq 1 ]; then
  if ! command -v stress-ng >/dev/null 2>&1; then
    echo "flake-check: installing stress-ng"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends stress-ng \
      || { echo "flake-check: could not install stress-ng (needs root or sudo)" >&2; exit 2; }
  fi
  cores=$(nproc)
  stress-ng --cpu "$cores" --quiet &
  hog_pid=$!
  load="hog (stress-ng --cpu $cores)"
fi

# Prints "class#method" for every test case with a <failure> or <error> in the given report files.
failed_tests() {
  awk '
    {
      line = $0
      if (cdata) {                                   # inside test output: only look for its end
        if (index(line, "]]>") == 0) next
        line = substr(line, index(line, "]]>") + 3); cdata = 0
      }
      while (index(line, "<![CDATA[") > 0) {         # drop CDATA sections, keep the markup around them
        head = substr(line, 1, index(line, "<![CDATA[") - 1)
        rest = substr(line, index(line, "<![CDATA[") + 9)
        if (index(rest, "]]>") == 0) { line = head; cdata = 1; break }
        line = head substr(rest, index(rest, "]]>") + 3)
      }
    }
    line ~ /<testcase / {
      name = line; sub(/.*<testcase /, "", name); sub(/.* name="/, "", name); sub(/^name="/, "", name); sub(/".*/, "", name)
      cls = line; sub(/.*classname="/, "", cls); sub(/".*/, "", cls)
      if (line !~ /classname="/) cls = "?"
    }
    line ~ /<(failure|error)[ >\/]/ { print cls "#" name }
  ' "$@" 2>/dev/null | sort -u
}

declare -A per_test=()
failed_runs=0
started=$(date -u +%s)
echo "flake-check: $runs run(s) of 'mvn -B -ntp verify' at $short, load: $load, logs in $out"
echo "flake-check: load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  work=$(mktemp -d /tmp/flake-check-run.XXXXXX)
  git clone -q --no-checkout "$repo" "$work/repo" && git -C "$work/repo" checkout -q "$commit" \
    || { echo "flake-check: could not clone $repo at $short" >&2; exit 2; }
  t0=$(date -u +%s)
  when=$(date -u '+%Y-%m-%d %H:%M')
  (cd "$work/repo" && mvn -B -ntp verify) >"$out/run-$i.log" 2>&1
  status=$?
  secs=$(( $(date -u +%s) - t0 ))
  mapfile -t reports < <(find "$work/repo" -path '*/target/*-reports/*.xml' -name 'TEST-*.xml')
  tests=0
  if [ ${#reports[@]} -gt 0 ]; then
    tests=$(grep -ho '<testcase ' "${reports[@]}" | wc -l)
    mapfile -t failures < <(failed_tests "${reports[@]}")
  else
    failures=()
  fi
  if [ "$status" -ne 0 ] && [ ${#failures[@]} -eq 0 ]; then
    failures=("(build failed without a failed test: see $out/run-$i.log)")
  fi
  if [ ${#failures[@]} -eq 0 ]; then
    verdict="PASS"
  else
    verdict="FAIL"
    failed_runs=$((failed_runs + 1))
    mkdir -p "$out/run-$i-reports"
    for r in "${reports[@]}"; do cp "$r" "$out/run-$i-reports/"; done
    find "$work/repo" -path '*/target/*-reports/*-output.txt' -exec cp {} "$out/run-$i-reports/" \;
  fi
  printf 'flake-check: run %d/%d %s  %s UTC  %dm%02ds  %d tests, %d failed, load average %s\n' "$i" "$runs" "$verdict" \
    "$when" $((secs / 60)) $((secs % 60)) "$tests" "${#failures[@]}" "$(cut -d' ' -f1-3 /proc/loadavg)"
  for f in "${failures[@]}"; do
    echo "    FAILED $f"
    per_test["$f"]=$(( ${per_test["$f"]:-0} + 1 ))
  done
  rm -rf "$work"
  work=""
done

total=$(( $(date -u +%s) - started ))
echo "flake-check: failures per test:"
if [ ${#per_test[@]} -eq 0 ]; then
  echo "    none"
else
  for f in "${!per_test[@]}"; do printf '    %d/%d  %s\n' "${per_test[$f]}" "$runs" "$f"; done | sort -rn
fi
echo "flake-check: SUMMARY commit $short, load $load: $failed_runs of $runs run(s) failed, $((total / 60))m$((total % 60))s in all"
[ "$failed_runs" -eq 0 ]
