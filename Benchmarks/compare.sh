#!/usr/bin/env bash
# Runs two wardsim-bench figures and the SimPy references of the same models
# on this machine, one after the other, and prints both and their ratios:
#   - M/M/10 (mmc_customers_per_second vs Benchmarks/simpy_mmc.py);
#   - a simple ward day, 3 kinds of citizen and 2 stations
#     (ward_simple_citizens_per_second, Benchmarks/simple-ward-day.yaml, vs
#     Benchmarks/simpy_ward.py).
#
#   bash Benchmarks/compare.sh            # 10^6 customers, 200 ward days (SimPy: ~15 s + ~3 s a run)
#   bash Benchmarks/compare.sh --quick    # 10^5 customers, 20 ward days, smoke test
#   bash Benchmarks/compare.sh --wall-clock   # elapsed time on both sides
#
# Both sides time CPU time by default (thread CPU time for wardsim, process
# CPU time for SimPy): the machines are shared, and elapsed time there mostly
# measures the scheduler. --wall-clock passes through to both.
#
# Environment: SIMPY_CUSTOMERS (default 1000000, 100000 with --quick),
# SIMPY_WARD_DAYS (default 200, 20 with --quick),
# SIMPY_REPETITIONS (default 3; the fastest run counts), PYTHON (default python3).
# Without python3 or simpy it prints a note and exits 0: the Swift figure alone
# is still printed.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
clock_flags=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --wall-clock) clock_flags=(--wall-clock) ;;
    *) echo "usage: bash Benchmarks/compare.sh [--quick] [--wall-clock]" >&2; exit 64 ;;
  esac
done
python="${PYTHON:-python3}"
if (( quick )); then
  customers="${SIMPY_CUSTOMERS:-100000}"; repetitions="${SIMPY_REPETITIONS:-1}"; bench_flags=(--quick)
  ward_days="${SIMPY_WARD_DAYS:-20}"
else
  customers="${SIMPY_CUSTOMERS:-1000000}"; repetitions="${SIMPY_REPETITIONS:-3}"; bench_flags=()
  ward_days="${SIMPY_WARD_DAYS:-200}"
fi

echo "building wardsim-bench (release)…" >&2
swift build -c release --product wardsim-bench >&2
bench="$(swift build -c release --show-bin-path)/wardsim-bench"

echo "running wardsim-bench --only mmc,ward_simple…" >&2
swift_json="$("$bench" --only mmc,ward_simple --json ${bench_flags[@]+"${bench_flags[@]}"} ${clock_flags[@]+"${clock_flags[@]}"})"
echo "wardsim: $swift_json"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "note: $python not found; SimPy comparison skipped." >&2
  exit 0
fi
if ! "$python" -c 'import simpy' 2>/dev/null; then
  echo "note: simpy is not installed ($python -m pip install simpy); SimPy comparison skipped." >&2
  exit 0
fi

echo "running SimPy, $customers customers, best of $repetitions…" >&2
simpy_json="$("$python" Benchmarks/simpy_mmc.py "$customers" --repetitions "$repetitions" ${clock_flags[@]+"${clock_flags[@]}"})"
echo "simpy:   $simpy_json"

echo "running SimPy ward day, $ward_days days, best of $repetitions…" >&2
simpy_ward_json="$("$python" Benchmarks/simpy_ward.py "$ward_days" --repetitions "$repetitions" ${clock_flags[@]+"${clock_flags[@]}"})"
echo "simpy:   $simpy_ward_json"

SWIFT_JSON="$swift_json" SIMPY_JSON="$simpy_json" SIMPY_WARD_JSON="$simpy_ward_json" "$python" - <<'PY'
import json, os
swift = json.loads(os.environ["SWIFT_JSON"])
simpy = json.loads(os.environ["SIMPY_JSON"])
simpy_ward = json.loads(os.environ["SIMPY_WARD_JSON"])
ours, theirs = swift["mmc_customers_per_second"], simpy["simpy_customers_per_second"]
ward, simpy_ward_rate = swift["ward_simple_citizens_per_second"], simpy_ward["simpy_ward_citizens_per_second"]
print(json.dumps({
    "mmc_customers_per_second": ours,
    "simpy_customers_per_second": theirs,
    "speedup_vs_simpy": round(ours / theirs, 1),
    "ward_simple_citizens_per_second": ward,
    "simpy_ward_citizens_per_second": simpy_ward_rate,
    "ward_speedup_vs_simpy": round(ward / simpy_ward_rate, 1),
    "timing": swift.get("timing"),
    "target_speedup": 100,
}))
PY
