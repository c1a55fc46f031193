#!/usr/bin/env bash
# Installs what is missing, builds with warnings as errors, and runs every test
# except the benchmarks (those run with: ctest --test-dir build -L bench). Then it
# builds again in build-asan/ with AddressSanitizer and UndefinedBehaviorSanitizer
# and runs the same tests there. Set SKIP_SANITIZERS=1 for the first pass alone.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
asan_build_dir="${ASAN_BUILD_DIR:-$root/build-asan}"
"$root/scripts/install-deps.sh"

BUILD_DIR="$build_dir" "$root/scripts/build.sh" -DINSPECTOR_WERROR=ON
ctest --test-dir "$build_dir" --label-exclude bench --output-on-failure --timeout 300

if [ "${SKIP_SANITIZERS:-0}" = 1 ]; then
    exit 0
fi

# Without optimisation the sanitizer build compiles several times faster on 2
# cores (measured once against RelWithDebInfo), and the tests wait on the
# network far more than they compute. Only the programs of the tests that run
# are built, as CTestTestfile.cmake names them: the first pass already built the
# benchmarks and the applications.
cmake -S "$root" -B "$asan_build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DINSPECTOR_WERROR=ON -DINSPECTOR_SANITIZE=ON
test_names="$(ctest --test-dir "$asan_build_dir" -N --label-exclude bench | sed -n 's/^ *Test *#[0-9]*: //p')"
mapfile -t test_programs < <(
    find "$asan_build_dir" -name CTestTestfile.cmake -exec grep -h '^add_test(' {} + \
        | awk -v prefix="$asan_build_dir/" -v names="$test_names" '
            BEGIN { count = split(names, list, "\n"); for (i = 1; i <= count; i++) wanted[list[i]] = 1 }
            {
                name = $0
                sub(/^add_test\((\[=\[)?/, "", name)
                sub(/(\]=\])?[ "].*/, "", name)
                if (!(name in wanted)) next
                start = index($0, "\"" prefix)
                if (start == 0) next
                rest = substr($0, start + 1 + length(prefix))
                print substr(rest, 1, index(rest, "\"") - 1)
            }' | sort -u)
if [ ${#test_programs[@]} -eq 0 ]; then
    echo "run-tests.sh: found no test programs in $asan_build_dir; building everything." >&2
    test_programs=(all)
fi
cmake --build "$asan_build_dir" --parallel "$(nproc)" -- "${test_programs[@]}"

# Any error or leak ends the test that found it with a stack trace. Qt 6.4 leaves
# no leak report in these tests, so LeakSanitizer runs without suppressions.
export ASAN_OPTIONS="halt_on_error=1:print_stacktrace=1:detect_leaks=1:detect_stack_use_after_return=1:strict_init_order=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
ctest --test-dir "$asan_build_dir" --label-exclude bench --output-on-failure --timeout 600
