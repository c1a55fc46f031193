#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang in build-fuzz/ (or
# $FUZZ_BUILD_DIR) and runs each for SECONDS seconds, 60 unless given:
#
#   scripts/fuzz.sh [SECONDS]
#
# Needs clang and libFuzzer: sudo apt-get install clang libclang-rt-14-dev
# Each target starts from the response bodies, times and numbers in
# tests/fixtures and keeps what it finds in build-fuzz/fuzz-corpus/TARGET, so a
# later run goes on from there. A crashing input is saved as
# build-fuzz/fuzz-artifacts/TARGET-crash-*, and the script then exits with 1.
set -euo pipefail

seconds="${1:-60}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "fuzz.sh: SECONDS must be a positive whole number, not '$seconds'." >&2
    exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${FUZZ_BUILD_DIR:-$root/build-fuzz}"
fixtures="$root/tests/fixtures"
targets=(fuzz_notification_page fuzz_status_history fuzz_timestamp fuzz_msisdn)

if ! command -v clang++ >/dev/null; then
    echo "fuzz.sh: clang++ is missing. Install it with: sudo apt-get install clang libclang-rt-14-dev" >&2
    exit 1
fi

cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DINSPECTOR_FUZZ=ON >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)" --target "${targets[@]}"

# Writes one seed file per line of standard input.
write_seeds() {
    local dir="$1" index=0 line
    while IFS= read -r line; do
        printf '%s' "$line" >"$dir/seed-$index"
        index=$((index + 1))
    done
}

# The seeds: whole bodies for the parsers, field values for the others.
seed_root="$build_dir/fuzz-seeds"
rm -rf "$seed_root"
mkdir -p "$seed_root"/{bodies,timestamps,numbers}
cp "$fixtures"/*.json "$seed_root/bodies/"
{
    grep -ohE '"timestamp": *"[^"]*"' "$fixtures"/*.json | sed -E 's/.*: *"(.*)"/\1/'
    printf '%s\n' 2026-11-30T08:15:02+02:00 2026-11-30T08:15:02.5+0200 2026-11-30 1764490502 1764490502123
} | sort -u | write_seeds "$seed_root/timestamps"
{
    grep -ohE '"(from|recipient|wa_id|phone)": *"[^"]*"' "$fixtures"/*.json | sed -E 's/.*: *"(.*)"/\1/'
    printf '%s\n' 'whatsapp:+46 70-000 01' '004670000001' '+1 (555) 010-0000'
} | sort -u | write_seeds "$seed_root/numbers"

seeds_of() {
    case "$1" in
    fuzz_notification_page | fuzz_status_history) echo "$seed_root/bodies" ;;
    fuzz_timestamp) echo "$seed_root/timestamps" ;;
    fuzz_msisdn) echo "$seed_root/numbers" ;;
    esac
}

mkdir -p "$build_dir/fuzz-artifacts" "$build_dir/fuzz-logs"
failed=()
summary=()
for target in "${targets[@]}"; do
    corpus="$build_dir/fuzz-corpus/$target"
    log="$build_dir/fuzz-logs/$target.log"
    mkdir -p "$corpus"
    echo "Fuzzing $target for $seconds s..."
    status=0
    # The parsers' warnings would cost more time than the parsing itself.
    QT_LOGGING_RULES='*=false' "$build_dir/tests/fuzz/$target" \
        -max_total_time="$seconds" -print_final_stats=1 \
        -artifact_prefix="$build_dir/fuzz-artifacts/$target-" \
        "$corpus" "$(seeds_of "$target")" >"$log" 2>&1 || status=$?
    runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    if [ "$status" -ne 0 ]; then
        failed+=("$target")
        summary+=("$target: FAILED after ${runs:-?} runs; see $log")
        tail -n 40 "$log" >&2
    else
        summary+=("$target: ${runs:-?} runs in $seconds s, corpus of $(find "$corpus" -type f | wc -l) inputs")
    fi
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "Crashing inputs are in $build_dir/fuzz-artifacts/. Turn each into a unit test before fixing it." >&2
    exit 1
fi
