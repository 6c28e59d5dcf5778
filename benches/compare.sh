#!/usr/bin/env bash
# Times `api4p-lint check` against the tools a partner would otherwise run, on the same
# payloads, in one run, and prints a Markdown table (also written to $WORK/results.md).
#
#   bash benches/compare.sh            # 10,000 GET responses + a 1 GB NDJSON stream
#
# Not run in CI: it installs tools (check-jsonschema from PyPI, ajv-cli + ajv-formats from
# npm, jsonschema-cli from crates.io, hyperfine and GNU time from Debian) under $WORK, and
# takes a few minutes. Re-runnable: installs and corpora are kept and reused.
#
# Settings (environment): WORK (default target/compare), COUNT (10000), RUNS (10),
# BIG_BYTES (1000000000; 0 skips the stream), BIG_DIR (/tmp/api4p-lint-stream: not in the
# repository), SKIP_INSTALL=1 (use what is on PATH or already under $WORK).
#
# Every tool checks the same pretty-printed files (`files/*.json`, one process over all of
# them) against our committed schema `schemas/get-response.schema.json`; api4p-lint does its
# full lint (schema, duplicate keys, semantic rules, open vocabularies) with "today" fixed so
# that every payload is clean. Each tool is first shown to accept the valid files and reject
# a payload with a bad status, so that no tool is timed doing nothing.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=${WORK:-$ROOT/target/compare}
COUNT=${COUNT:-10000}
RUNS=${RUNS:-10}
BIG_BYTES=${BIG_BYTES:-1000000000}
BIG_DIR=${BIG_DIR:-/tmp/api4p-lint-stream}
SCHEMA=$ROOT/schemas/get-response.schema.json
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
log() { printf '== %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------------------
if [ "${SKIP_INSTALL:-0}" != 1 ]; then
  if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
    log "installing hyperfine and GNU time (apt)"
    apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
  fi
  if [ ! -x "$WORK/venv/bin/check-jsonschema" ]; then
    log "installing check-jsonschema (PyPI)"
    python3 -m venv "$WORK/venv"
    "$WORK/venv/bin/pip" install -q check-jsonschema
  fi
  if [ ! -x "$WORK/npm/node_modules/.bin/ajv" ]; then
    log "installing ajv-cli and ajv-formats (npm)"
    mkdir -p "$WORK/npm"
    npm install --silent --no-audit --no-fund --prefix "$WORK/npm" ajv-cli ajv-formats >/dev/null
  fi
  if [ ! -x "$WORK/cargo/bin/jsonschema-cli" ]; then
    log "installing jsonschema-cli (crates.io; a few minutes)"
    cargo install --quiet --root "$WORK/cargo" jsonschema-cli
  fi
fi
CHECK_JSONSCHEMA=$WORK/venv/bin/check-jsonschema
AJV=$WORK/npm/node_modules/.bin/ajv
JSONSCHEMA_CLI=$WORK/cargo/bin/jsonschema-cli
[ -x "$CHECK_JSONSCHEMA" ] || CHECK_JSONSCHEMA=$(command -v check-jsonschema)
[ -x "$AJV" ] || AJV=$(command -v ajv)
[ -x "$JSONSCHEMA_CLI" ] || JSONSCHEMA_CLI=$(command -v jsonschema-cli)
export NODE_PATH=$WORK/npm/node_modules  # for `-c ajv-formats`

log "building api4p-lint (release) and the corpus generator"
(cd "$ROOT" && cargo build --quiet --release --bin api4p-lint --example gen_corpus --example minimal_jsonschema)
LINT=$ROOT/target/release/api4p-lint
GEN=$ROOT/target/release/examples/gen_corpus
MINIMAL=$ROOT/target/release/examples/minimal_jsonschema

# --- corpus --------------------------------------------------------------------------------
CORPUS=$WORK/corpus
if [ ! -f "$CORPUS/files/$(printf '%05d' $((COUNT - 1))).json" ] || [ -f "$CORPUS/files/$(printf '%05d' "$COUNT").json" ]; then
  log "generating $COUNT payloads"
  "$GEN" --out "$CORPUS" --count "$COUNT"
fi
if [ "$BIG_BYTES" != 0 ] && [ "$(stat -c %s "$BIG_DIR/payloads.ndjson" 2>/dev/null || echo 0)" -lt "$BIG_BYTES" ]; then
  log "generating a $BIG_BYTES-byte NDJSON stream in $BIG_DIR"
  "$GEN" --ndjson-only --bytes "$BIG_BYTES" --count "$COUNT" --out "$BIG_DIR"
fi
cd "$CORPUS"
FILES_MB=$(du -cb files/*.json | tail -1 | awk '{printf "%.1f", $1 / 1e6}')
NDJSON_MB=$(stat -c %s payloads.ndjson | awk '{printf "%.1f", $1 / 1e6}')

# --- the commands --------------------------------------------------------------------------
API4P="$LINT check --config api4p-lint.toml --kind get-response --format short"
declare -a NAMES=(
  "api4p-lint check (full lint)"
  "check-jsonschema"
  "ajv-cli (ajv-formats)"
  "jsonschema-cli (jsonschema crate)"
  "api4p-lint check, 1 thread"
  "api4p-lint check, 2 threads"
  "api4p-lint check, NDJSON"
  "minimal jsonschema program, NDJSON"
)
declare -a COMMANDS=(
  "$API4P files"
  "$CHECK_JSONSCHEMA --schemafile $SCHEMA files/*.json"
  "$AJV validate --spec=draft2020 --strict=false -c ajv-formats -s $SCHEMA -d 'files/*.json'"
  "$JSONSCHEMA_CLI validate $SCHEMA --errors-only -i files/*.json"
  "RAYON_NUM_THREADS=1 $API4P files"
  "RAYON_NUM_THREADS=2 $API4P files"
  "$API4P payloads.ndjson"
  "$MINIMAL $SCHEMA payloads.ndjson"
)

log "sanity: every tool accepts the valid files and rejects a bad status"
mkdir -p "$WORK/bad/files"
sed 's/"status": "[A-Z_]*"/"status": "WONN"/' files/00000.json >"$WORK/bad/files/00000.json"
tr -d '\n' <"$WORK/bad/files/00000.json" >"$WORK/bad/payloads.ndjson" && echo >>"$WORK/bad/payloads.ndjson"
cp api4p-lint.toml "$WORK/bad/"
for i in "${!COMMANDS[@]}"; do
  if ! (cd "$CORPUS" && eval "${COMMANDS[$i]}") >/dev/null 2>&1; then
    echo "error: ${NAMES[$i]} fails on the valid corpus: ${COMMANDS[$i]}" >&2
    exit 1
  fi
  if (cd "$WORK/bad" && eval "${COMMANDS[$i]}") >/dev/null 2>&1; then
    echo "error: ${NAMES[$i]} accepts a bad status: ${COMMANDS[$i]}" >&2
    exit 1
  fi
done

# --- timing --------------------------------------------------------------------------------
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
log "hyperfine --warmup 1 --runs $RUNS (load average before: $LOAD)"
ARGS=()
for i in "${!COMMANDS[@]}"; do ARGS+=(-n "${NAMES[$i]}" "${COMMANDS[$i]}"); done
hyperfine --warmup 1 --runs "$RUNS" --style basic --export-json "$WORK/hyperfine.json" "${ARGS[@]}" >&2

log "peak memory (GNU time, one run each)"
: >"$WORK/rss.tsv"
for i in "${!COMMANDS[@]}"; do
  /usr/bin/time -f '%M' -o "$WORK/rss.one" sh -c "${COMMANDS[$i]}" >/dev/null 2>&1 || true
  printf '%s\t%s\n' "${NAMES[$i]}" "$(tail -1 "$WORK/rss.one")" >>"$WORK/rss.tsv"
done

STREAM_JSON=""
if [ "$BIG_BYTES" != 0 ]; then
  log "the NDJSON stream ($BIG_DIR/payloads.ndjson)"
  STREAM="$LINT check --config $CORPUS/api4p-lint.toml --kind get-response --format short $BIG_DIR/payloads.ndjson"
  hyperfine --runs "$RUNS" --style basic --export-json "$WORK/stream.json" -n "api4p-lint check, 1 GB NDJSON" "$STREAM" >&2
  /usr/bin/time -f '%M' -o "$WORK/rss.one" sh -c "$STREAM" >/dev/null
  STREAM_JSON=$WORK/stream.json
  STREAM_RSS=$(tail -1 "$WORK/rss.one")
  STREAM_BYTES=$(stat -c %s "$BIG_DIR/payloads.ndjson")
  STREAM_LINES=$(wc -l <"$BIG_DIR/payloads.ndjson")
fi

LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the table -----------------------------------------------------------------------------
MODEL=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
python3 - "$WORK/hyperfine.json" "$WORK/rss.tsv" "$STREAM_JSON" "${STREAM_RSS:-0}" \
  "${STREAM_BYTES:-0}" "${STREAM_LINES:-0}" "$COUNT" "$FILES_MB" "$NDJSON_MB" \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$MODEL" "$LOAD" "$LOAD_AFTER" >"$WORK/results.md" <<'PY'
import json, sys
(hf, rss, stream, stream_rss, stream_bytes, stream_lines, count, files_mb, ndjson_mb,
 date, nproc, model, load, load_after) = sys.argv[1:]
runs = {r["command"]: r for r in json.load(open(hf))["results"]}
peak = dict(line.rstrip("\n").split("\t") for line in open(rss) if "\t" in line)
def mean(name): return runs[name]["mean"]
def cell(name):
    r = runs[name]
    return f'{r["mean"]:.3f} s ± {r["stddev"] or 0:.3f}'
def cpu(name):
    r = runs[name]
    return f'{r["user"] + r["system"]:.3f} s'
def mb(kb): return f"{int(kb) / 1024:.1f} MB" if kb and kb.isdigit() else "?"
ours = "api4p-lint check (full lint)"
count = int(count)
print(f"Measured {date} on {nproc} × {model} (load average before the run: {load}, after: "
      f"{load_after}); hyperfine --warmup 1, mean of {len(runs[ours]['times'])} runs. "
      f"CPU time is user + system, all threads.\n")
print(f"**{count:,} GET responses, {files_mb} MB of pretty-printed files, one process over all files**\n")
print("| tool | time | CPU time | payloads/s | peak memory | api4p-lint is faster by | target | met |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
targets = {"check-jsonschema": 25, "ajv-cli (ajv-formats)": 3, "jsonschema-cli (jsonschema crate)": 1}
for name in [ours, *targets]:
    ratio = mean(name) / mean(ours)
    target = targets.get(name)
    met = "" if target is None else ("yes" if ratio >= target else "**no**")
    print(f"| {name} | {cell(name)} | {cpu(name)} | {count / mean(name):,.0f} | {mb(peak.get(name))} | "
          f"{'' if name == ours else f'{ratio:.2f}×'} | {'' if target is None else f'≥ {target}×'} | {met} |")
one, two = "api4p-lint check, 1 thread", "api4p-lint check, 2 threads"
speedup = mean(one) / mean(two)
print(f"\n**Threads** ({count:,} files)\n")
print("| run | time | CPU time | payloads/s | ratio | target | met |")
print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
print(f"| RAYON_NUM_THREADS=1 | {cell(one)} | {cpu(one)} | {count / mean(one):,.0f} | | | |")
print(f"| RAYON_NUM_THREADS=2 | {cell(two)} | {cpu(two)} | {count / mean(two):,.0f} | {speedup:.2f}× one thread | ≥ 1.7× | {'yes' if speedup >= 1.7 else '**no**'} |")
nd, minimal = "api4p-lint check, NDJSON", "minimal jsonschema program, NDJSON"
print(f"\n**NDJSON** ({count:,} lines, {ndjson_mb} MB)\n")
print("| run | time | CPU time | payloads/s | MB/s | peak memory |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name in [nd, minimal]:
    print(f"| {name} | {cell(name)} | {cpu(name)} | {count / mean(name):,.0f} | {float(ndjson_mb) / mean(name):.0f} | {mb(peak.get(name))} |")
if stream:
    s = json.load(open(stream))["results"][0]
    size, lines = int(stream_bytes), int(stream_lines)
    stream_rate = size / 1e6 / s["mean"]
    batch_rate = float(ndjson_mb) / mean(nd)
    rel = stream_rate / batch_rate
    ok_mem = int(stream_rss) < 64 * 1024
    print(f"\n**A {size / 1e9:.1f} GB NDJSON stream** ({lines:,} lines)\n")
    print("| run | time | CPU time | payloads/s | MB/s | peak memory | target | met |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
    print(f"| api4p-lint check, stream | {s['mean']:.2f} s ± {s['stddev'] or 0:.2f} | {s['user'] + s['system']:.2f} s | {lines / s['mean']:,.0f} | "
          f"{stream_rate:.0f} | {mb(stream_rss)} | memory < 64 MB | {'yes' if ok_mem else '**no**'} |")
    print(f"| throughput against the {count:,}-line batch | | | | {rel:.2f}× | | ≥ 0.9× | {'yes' if rel >= 0.9 else '**no**'} |")
PY
cat "$WORK/results.md"
