#!/usr/bin/env bash
# Foundation benchmarks, each against a reference measured in the same run:
#   - an audited write against the same write without its audit event
#     (SQLite, and PostgreSQL when TRUSTLANE_TEST_POSTGRES_URL is set);
#   - portal pages through the whole stack against a handler writing the
#     same bytes;
#   - the audit walk per event.
# Prints the Go benchmark lines and the ratios. Usage: bench/foundation.sh [benchtime]
set -euo pipefail
cd "$(dirname "$0")/.."
bt=${1:-2s}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
go test -run '^$' -bench 'BenchmarkWrite|BenchmarkVerifyAudit' -benchtime "$bt" ./internal/store/ | tee -a "$out"
go test -run '^$' -bench 'BenchmarkPages' -benchtime "$bt" ./internal/server/ | tee -a "$out"
echo
echo "machine: $(nproc) cores, $(go version | awk '{print $3}'), $(uname -sr)"
awk '
  /^Benchmark(Write|Pages)\// {
    name=$1; sub(/-[0-9]+$/, "", name); split(name, p, "/"); ns[p[2] "/" p[3]]=$3
  }
  END {
    for (e in ns) {
      split(e, k, "/")
      if (k[2]=="audited") printf "%-10s audited write %8.0f ns, plain %8.0f ns: audited/plain = %.2f\n", k[1], ns[e], ns[k[1] "/plain"], ns[e]/ns[k[1] "/plain"]
      if (k[2]=="trustlane") printf "%-10s page %9.0f ns, same bytes from a plain handler %6.0f ns: ratio %.0f\n", k[1], ns[e], ns[k[1] "/reference"], ns[e]/ns[k[1] "/reference"]
    }
  }' "$out"
