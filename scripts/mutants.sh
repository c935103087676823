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
#   scripts/mutants.sh [--sample N] FILE[:TEST_FILTER][@FUNCTION_REGEX] ...
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

# file : the test filter that exercises it (the context's own tests; a filter keeps
# each mutant's test run to seconds instead of the whole suite's minute; a filter
# starting with "--" is a cargo test target such as "--test memory_store")
# [@ a regex of the functions that implement the rule, where the rule is a part of a
# larger file; `--all` covers the rest].
RULES=(
  "src/domain/customers/lifecycle.rs:domain::customers"
  "src/domain/customers/form.rs:domain::customers"
  "src/domain/value/tiering.rs:domain::value"
  "src/domain/value/tiers.rs:domain::value@(assign_tiers|TierShares|ceil_share)"
  "src/domain/value/abc.rs:domain::value@(abc_classes|AbcThresholds|AbcCounts)"
  "src/domain/value/reference_rates.rs:domain::value"
  "src/domain/exchange/csv_export.rs:domain::exchange::csv_export"
  "src/domain/exchange/backup/checksum.rs:domain::exchange::backup"
  "src/domain/exchange/backup/mod.rs:domain::exchange::backup"
  "src/domain/exchange/backup/reading.rs:domain::exchange::backup"
  "src/domain/exchange/backup/stores.rs:domain::exchange::backup"
  "src/domain/exchange/customers_import/plan.rs:domain::exchange::customers_import"
  "src/domain/exchange/customers_import/preview.rs:domain::exchange::customers_import"
  "src/domain/contacts/follow_ups.rs:domain::contacts"
  "src/domain/contacts/log.rs:domain::contacts"
  "src/domain/complaints/clock.rs:domain::complaints"
  "src/storage/revision.rs:storage::revision"
  "src/domain/orders/cost_form.rs:domain::orders"
  "src/services/customers.rs:--test desk_services"
  "src/services/complaints.rs:--test desk_services"
  "src/services/value.rs:--test desk_services"
  "src/services/settings.rs:--test desk_services"
  "src/services/workspace.rs:--test desk_services"
  "src/domain/replies/template.rs:domain::replies"
  "src/domain/replies/library.rs:domain::replies"
  "src/domain/replies/fill.rs:domain::replies"
  "src/domain/replies/library_file.rs:domain::replies"
  "src/services/replies.rs:--lib --test reply_services"
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
    # Test-only code (tests.rs, tests/, fuzz generators, reference implementations,
    # test support) and the browser adapter (idb/, not compiled natively) are not
    # mutated. Each file's filter is its context's tests (src/domain/value/abc.rs:
    # tests under `domain::value`): a mutant that only another context's test
    # notices counts as missed, so the score is if anything too low.
    while IFS= read -r f; do
      case $f in
        src/storage/memory/*) filter="--test memory_store" ;;
        src/storage/*) filter=storage ;;
        src/domain/shared/*) filter="domain::" ;; # used, and tested, by every context
        # The demo's output is pinned by the golden test in tests/demo_service.rs.
        src/domain/demo/*) filter="--lib --test demo_service" ;;
        src/domain/exchange/*)
          part=${f#src/domain/exchange/}; filter="domain::exchange::${part%%/*}"; filter=${filter%.rs} ;;
        src/domain/*/*)
          context=${f#src/domain/}; filter="domain::${context%%/*}" ;;
        *) continue ;;
      esac
      targets+=("$f:$filter")
    done < <(
      find src/domain src/storage -name '*.rs' ! -name 'tests.rs' ! -path '*/tests/*' \
        ! -name 'fuzz.rs' ! -name 'fuzz_support.rs' ! -name 'reference_checks.rs' \
        ! -name 'form_bounds.rs' ! -name 'test_support.rs' ! -path 'src/storage/idb/*' | sort)
    ;;
  *) targets=("$@") ;;
esac

total_caught=0
total_missed=0
for entry in "${targets[@]}"; do
  functions=
  case $entry in *@*) functions=${entry#*@}; entry=${entry%%@*} ;; esac
  file=${entry%%:*}
  filter=
  [ "$file" != "$entry" ] && filter=${entry#*:}
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
