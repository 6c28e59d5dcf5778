#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ (not committed) from the committed seeds and the test fixtures:
# every .json fixture, every NDJSON line, every configuration file.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/check corpus/config corpus/redact
cp seeds/check/* corpus/check/
cp seeds/redact/* corpus/redact/
cp seeds/config/* corpus/config/
find ../tests/fixtures ../examples -name '*.json' | while read -r f; do
  cp "$f" "corpus/check/fixture-$(echo "$f" | tr '/.' '__')"
done
find ../tests/fixtures -name '*.ndjson' | while read -r f; do
  n=0
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "corpus/check/line-$n-$(basename "$f")"
  done < "$f"
done
find ../tests -name '*.toml' -path '*fixtures*' | while read -r f; do
  cp "$f" "corpus/config/fixture-$(echo "$f" | tr '/.' '__')"
done
# Every rule's cases, for the redaction target too (its seeds add marker-letter data).
find ../tests/specs -name '*.json' | while read -r f; do
  cp "$f" "corpus/redact/spec-$(echo "$f" | tr '/.' '__')"
done
echo "check: $(ls corpus/check | wc -l) inputs, config: $(ls corpus/config | wc -l) inputs, redact: $(ls corpus/redact | wc -l) inputs"
