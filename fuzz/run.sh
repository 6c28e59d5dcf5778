#!/usr/bin/env bash
# Runs one fuzz target for a while: ./run.sh check 1200 (seconds). Seeds the corpus first.
# Rust code without `unsafe` gains nothing from AddressSanitizer, so it is left out (about
# three times the executions); debug assertions (overflow checks) stay on.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?target: check, config or redact}
seconds=${2:-600}
./seed.sh > /dev/null
RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none "$target" "corpus/$target" -- \
  -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 -print_final_stats=1
