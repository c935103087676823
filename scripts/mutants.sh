#!/usr/bin/env bash
# Mutation testing of the natively tested layers with cargo-mutants: each mutant is a
# small planted bug (a changed comparison, a deleted statement, a constant result);
# a mutant that no test notices is a rule nobody checks. Slow (one build and test run
# per mutant), so not part of CI.
#
#   scripts/mutants.sh            the rules a rep relies on (see RULES below)
#   scripts/mutants.sh --all      every file under src/domain and src/storage
#   scripts/mutants.sh FILE[:TEST_FILTER] ...   just these files
#
# Results land in target/mutants/<name>/mutants.out (caught.txt, missed.txt, ...);
# the score printed at the end is caught / (caught + missed), unviable mutants
# (that do not compile) left out.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=27.1.0
if [ "$(cargo mutants --version 2>/dev/null | awk '{print $2}')" != "$VERSION" ]; then
  echo "==> installing cargo-mutants $VERSION (a few minutes, once)"
  cargo install --locked "cargo-mutants@$VERSION"
fi

# file : the test filter that exercises it (the module's own tests; a filter keeps
# each mutant's test run to seconds instead of the whole suite's minute).
RULES=(
  "src/domain/lifecycle.rs:lifecycle"
  "src/domain/tiering.rs:tiering"
  "src/domain/csv_export.rs:csv_export"
  "src/domain/validation.rs:validation"
  "src/storage/mod.rs:"
  "src/domain/value.rs:value"
  "src/domain/reference_rates.rs:reference_rates"
  "src/domain/backup.rs:backup"
  "src/domain/customer_import.rs:customer_import"
  "src/domain/contact.rs:contact"
  "src/domain/complaint.rs:complaint"
  "src/domain/text_file.rs:text_file"
)

targets=()
case "${1:-}" in
  "") targets=("${RULES[@]}") ;;
  --all)
    while IFS= read -r f; do targets+=("$f:"); done < <(
      find src/domain src/storage -name '*.rs' ! -name 'tests.rs' ! -name 'idb*.rs' ! -path '*/reference_checks.rs' | sort)
    ;;
  *) for f in "$@"; do case "$f" in *:*) targets+=("$f") ;; *) targets+=("$f:") ;; esac; done ;;
esac

total_caught=0
total_missed=0
for entry in "${targets[@]}"; do
  file=${entry%%:*}
  filter=${entry#*:}
  name=$(echo "$file" | tr '/.' '__')
  out="target/mutants/$name"
  # The `mutants` profile (Cargo.toml) builds without debug info: faster links.
  args=(--file "$file" --output "$out" --no-shuffle --profile mutants)
  echo "==> $file${filter:+ (tests matching '$filter')}"
  mkdir -p "$out"
  rc=0
  if [ -n "$filter" ]; then
    cargo mutants "${args[@]}" -- --lib "$filter" || rc=$?
  else
    cargo mutants "${args[@]}" || rc=$?
  fi
  # 2 (missed mutants) and 3 (timeouts) are results; anything else is a failure.
  case $rc in 0|2|3) ;; *) echo "cargo mutants failed on $file (exit $rc)" >&2; exit "$rc" ;; esac
  caught=$(wc -l < "$out/mutants.out/caught.txt")
  missed=$(wc -l < "$out/mutants.out/missed.txt")
  total_caught=$((total_caught + caught))
  total_missed=$((total_missed + missed))
  echo "    caught $caught, missed $missed"
  [ "$missed" -eq 0 ] || sed 's/^/    missed: /' "$out/mutants.out/missed.txt"
done
all=$((total_caught + total_missed))
if [ "$all" -gt 0 ]; then
  echo "mutation score: $total_caught of $all caught ($((100 * total_caught / all)) %)"
fi
