#!/usr/bin/env bash
# Where the time goes: samples (perf, cpu-clock, with DWARF call stacks) of
#   1. `c lint valid` and 2. `d lint invalid` from benches/lint.rs (one thread, per payload),
#   3. `api4p-lint check` over 10,000 GET-response files on one worker (RAYON_NUM_THREADS=1),
# each sample put in exactly one stage: the innermost stage frame on its stack (a malloc
# inside the parse counts as parse, a did-you-mean inside a schema finding as suggestions).
# Prints a Markdown table. Needs `perf` (apt-get install linux-perf); not run in CI.
#
#   bash benches/profile.sh            # uses target/compare/corpus if present, else makes one

set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${WORK:-$ROOT/target/profile}
mkdir -p "$OUT"
cd "$ROOT"
cargo build --quiet --release --bin api4p-lint --example gen_corpus
BENCH=$(cargo bench --bench lint --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "lint" and m.get("executable"):
        print(m["executable"])' | tail -1)
CORPUS=$ROOT/target/compare/corpus
[ -d "$CORPUS/files" ] || { CORPUS=$OUT/corpus; [ -d "$CORPUS/files" ] || target/release/examples/gen_corpus --out "$CORPUS" --count 10000; }

record() { perf record -q -e cpu-clock -F "${FREQ:-2000}" --call-graph dwarf,16384 -o "$1" -- "${@:2}" >/dev/null 2>&1; }
record "$OUT/valid.data" "$BENCH" --bench --profile-time 5 "c lint valid"
record "$OUT/invalid.data" "$BENCH" --bench --profile-time 5 "d lint invalid"
(cd "$CORPUS" && FREQ=10000 RAYON_NUM_THREADS=1 record "$OUT/files.data" "$ROOT/target/release/api4p-lint" \
  check --config api4p-lint.toml --kind get-response --format short files)

for run in valid invalid files; do
  perf script -i "$OUT/$run.data" -F comm,ip,sym 2>/dev/null >"$OUT/$run.txt"
done
python3 - "$OUT" <<'PY'
import re, sys
out = sys.argv[1]
# Innermost first: the first stage found walking a stack from the leaf wins.
STAGES = [
    ("spans: span index, line and column", r"span_index|Source::line_col|Source>::line_col|line_starts|Locator"),
    ("suggestions (did-you-mean)", r"suggest::nearest|strsim"),
    ("parse into a Value (duplicate keys noticed)", r"source::parse::parse|ValueSeed"),
    ("free the Value", r"drop_in_place<serde_json::|drop_in_place<alloc::collections::btree::map::(BTreeMap|IntoIter)<alloc::string::String, ?serde_json"),
    ("UTF-8 check", r"core::str::converts::from_utf8"),
    ("schema: iter_errors", r"iter_errors|schema_check::findings"),
    ("schema: is_valid", r"is_valid"),
    ("schema findings: messages", r"schema_check|rules::schema::"),
    ("semantic rules", r"api4p_lint::rules::|Checker"),
    ("read the files (open, read, close)", r"OpenOptions|libc_open|libc_read|libc_close|__close|read_to_end|File>::open|sys_openat|ksys_read|__x64_sys_close"),
    ("walk the inputs", r"inputs::expand|ignore::walk|inputs::walk"),
    ("output: place and render findings", r"FileReport::add|Emitter|emitter|Writer>::write|render::short|render::human"),
    ("hand tasks to threads, wait", r"futex|rayon_core::(sleep|latch)|mpsc|Parker"),
    ("levels, sorting, the report", r"apply_levels|sort|Linter::check|Report"),
]
compiled = [(name, re.compile(pat)) for name, pat in STAGES]
def split(path):
    counts, total = {}, 0
    stack = []
    def flush():
        nonlocal total
        if not stack:
            return
        total += 1
        stage = "other"
        for frame in stack:  # leaf first
            hit = next((n for n, p in compiled if p.search(frame)), None)
            if hit:
                stage = hit
                break
        counts[stage] = counts.get(stage, 0) + 1
        stack.clear()
    for line in open(path, errors="replace"):
        if not line.strip():
            flush()
        elif line.startswith((" ", "\t")):
            stack.append(line.strip())
        else:
            flush()
    flush()
    return counts, total
runs = [("valid GET response (c)", "valid"), ("1-5 findings (d)", "invalid"), ("`check`, 10,000 files, 1 worker", "files")]
results = {key: split(f"{out}/{key}.txt") for _, key in runs}
names = [n for n, _ in STAGES] + ["other"]
print("| stage | " + " | ".join(label for label, _ in runs) + " |")
print("| --- |" + " ---: |" * len(runs))
for name in names:
    cells = []
    for _, key in runs:
        counts, total = results[key]
        share = 100 * counts.get(name, 0) / max(total, 1)
        cells.append(f"{share:.0f} %" if counts.get(name) else "")
    if any(cells):
        print(f"| {name} | " + " | ".join(cells) + " |")
print("| samples | " + " | ".join(str(results[key][1]) for _, key in runs) + " |")
PY
