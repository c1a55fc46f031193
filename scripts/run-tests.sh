#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test
# except the benchmarks (those run with: ctest --test-dir build -L bench).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
BUILD_DIR="$build_dir" "$root/scripts/build.sh" -DINSPECTOR_WERROR=ON

ctest --test-dir "$build_dir" --label-exclude bench --output-on-failure --timeout 300
