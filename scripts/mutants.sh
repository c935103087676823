#!/usr/bin/env bash
# Mutation testing of the natively tested layers with cargo-mutants: each mutant is a
# small planted bug (a changed comparison, a deleted statement, a constant result);
# a mutant that no test notices is a rule nobody checks. Slow (one build and test run
# per mutant), so not part of CI.
#
#   scripts/mutants.sh                 the rules a rep relies on (see RULES below)
#   scripts/mutants.sh --all           every file under src/domain and src/storage
#   scripts/mutants.sh --all --sample N    every N-th mutant of each of those files
#                                      (an estimate of the overall score in 1/N the time)
#   scripts/mutants.sh --sample N FILE...  every N-th mutant of these files
#   scripts/mutants.sh FILE[:TEST_FILTER[:FUNCTION_REGEX]] ...   just these files
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
# each mutant's test run to seconds instead of the whole suite's minute) [: a regex
# of the functions that implement the rule, for the files where the rule is a part
# of a larger file; `--all` covers the rest].
RULES=(
  "src/domain/lifecycle.rs:lifecycle"
  "src/domain/tiering.rs:tiering"
  "src/domain/csv_export.rs:csv_export"
  "src/domain/validation.rs:validation"
  "src/storage/mod.rs:"
  "src/domain/value.rs:value:(abc_classes|AbcThresholds|AbcCounts|assign_tiers|TierShares|ceil_share)"
  "src/domain/reference_rates.rs:reference_rates"
  "src/domain/backup.rs:backup"
  "src/domain/customer_import.rs:customer_import"
  "src/domain/contact.rs:contact"
  "src/domain/complaint.rs:complaint:(response_clock|ResponseTargets|parse_target_hours)"
)

targets=()
sample=
if [ "${1:-}" = --sample ]; then
  sample=${2:?--sample needs a number}
  shift 2
fi
case "${1:-}" in
  "") targets=("${RULES[@]}") ;;
  --all)
    [ "${2:-}" = --sample ] && sample=${3:?--sample needs a number}
    # Test-only code (tests.rs, fuzz generators, reference implementations) and the
    # browser adapters (idb*.rs, not compiled natively) are not mutated.
    # Each file's own module tests are its filter (src/domain/value.rs: tests under
    # `domain::value`): a mutant that only another module's test notices counts as
    # missed, so the score is if anything too low.
    while IFS= read -r f; do
      module=${f#src/}; module=${module%.rs}; module=${module%/mod}
      case $f in
        # The adapters are tested through the port, by the integration suite.
        src/storage/memory.rs) targets+=("$f:--test memory_store") ;;
        *) targets+=("$f:${module//\//::}") ;;
      esac
    done < <(
      find src/domain src/storage -name '*.rs' ! -name 'tests.rs' ! -name 'fuzz.rs' \
        ! -name 'fuzz_support.rs' ! -name 'idb*.rs' ! -name 'reference_checks.rs' | sort)
    ;;
  *) for f in "$@"; do case "$f" in *:*) targets+=("$f") ;; *) targets+=("$f:") ;; esac; done ;;
esac

total_caught=0
total_missed=0
for entry in "${targets[@]}"; do
  file=${entry%%:*}
  rest=${entry#*:}
  filter=${rest%%:*}
  functions=
  [ "$rest" != "$filter" ] && functions=${rest#*:}
  name=$(echo "$file" | tr '/.' '__')
  out="target/mutants/$name${sample:+-sample$sample}"
  # The `mutants` profile (Cargo.toml) builds without debug info: faster links.
  args=(--file "$file" --output "$out" --no-shuffle --profile mutants)
  [ -n "$functions" ] && args+=(--re "$functions")
  # Extra cargo-mutants options, e.g. MUTANTS_ARGS="--in-place --baseline skip" in a
  # scratch checkout: no copy and no fresh build per file (much faster on few cores).
  # shellcheck disable=SC2206
  [ -n "${MUTANTS_ARGS:-}" ] && args+=(${MUTANTS_ARGS})
  [ -n "$sample" ] && args+=(--shard "0/$sample" --sharding round-robin)
  echo "==> $file${filter:+ (tests matching '$filter')}${functions:+, functions $functions}${sample:+, every ${sample}th mutant}"
  mkdir -p "$out"
  rc=0
  # --cargo-arg reaches the build as well as the test run: without it every mutant
  # builds all the integration-test binaries too, twice the time for nothing.
  if [ "${filter#--}" != "$filter" ]; then
    # a test target of its own, e.g. "--test memory_store"
    # shellcheck disable=SC2086
    cargo mutants "${args[@]}" $(printf -- '--cargo-arg=%s ' $filter) || rc=$?
  elif [ -n "$filter" ]; then
    cargo mutants "${args[@]}" --cargo-arg=--lib -- "$filter" || rc=$?
  else
    cargo mutants "${args[@]}" || rc=$?
  fi
  # 2 (missed mutants) and 3 (timeouts) are results; anything else is a failure.
  case $rc in 0|2|3) ;; *) echo "cargo mutants failed on $file (exit $rc)" >&2; exit "$rc" ;; esac
  if [ ! -f "$out/mutants.out/caught.txt" ]; then echo "    no mutants"; continue; fi
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
