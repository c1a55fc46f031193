#!/usr/bin/env bash
# Builds in build/ (or $BUILD_DIR) and runs the benchmarks, which the normal test
# run leaves out, then lists their RESULT lines with the date and the machine.
# Each benchmark starts its own callback-store-sim on 127.0.0.1 and takes under a
# minute; other work on the machine makes the figures noisy.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
log="$build_dir/benchmarks.log"

BUILD_DIR="$build_dir" "$root/scripts/build.sh" "$@"
ctest --test-dir "$build_dir" --label-regex bench --output-on-failure --verbose > "$log" 2>&1 || {
    echo "A benchmark failed; see $log" >&2
    exit 1
}

echo "Date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^[0-9]+: RESULT [a-z]' "$log" | sed 's/^[0-9]*: //'
echo "Full output: $log"
