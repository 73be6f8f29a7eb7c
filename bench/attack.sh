#!/usr/bin/env bash
# Issue #15's attack-and-fault run, repeated: every finding of round one, each with the tests that reproduce it and
# show it fixed, on SQLite and (when MYELODX_TEST_POSTGRES names a server) PostgreSQL. Prints one line per finding:
# FIXED (every test passed), FAILED (one failed) or SKIPPED (nothing ran, e.g. no PostgreSQL).
# Usage: bench/attack.sh            (about 6 minutes on the 2-core machine; the long fuzz run is bench/fuzz.sh)
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ -n "${MYELODX_TEST_POSTGRES:-}" ] || echo "note: MYELODX_TEST_POSTGRES is not set, so the PostgreSQL tests skip (.ci/setup.d/postgres.sh starts a server; .ci/run sets it)"

# finding | test project | tests (Class.Method prefixes)
ITEMS=(
  "non-ASCII digits, lone surrogates, NUL: batch answers every line|Cli|HardeningCliTests.Batch_answers_every_line_with_odd_characters_and_never_stops"
  "the same characters in a note, a dose plan or a case file: assess and dose answer (exit 0), never an internal error|Cli|HardeningCliTests.Notes_doses_and_case_files_with_non_ascii_digits"
  "the same characters: no 500 from REST, cases, dose, CDS Hooks, searches or page titles (SQLite; PostgreSQL, which refuses NUL)|Web|SqliteAttackTests.Odd_characters PostgresAttackTests.Odd_characters SqliteAttackTests.Search_queries PostgresAttackTests.Search_queries"
  "generated hostile input (3,000 here; bench/fuzz.sh runs 100,000): no internal error|Web|FuzzTests.Generated_input_never_causes_an_internal_error"
  "disabled, deleted, re-keyed or re-passworded user: cookie and key 401 on the next request|Web|SqliteAttackTests.Revoking PostgresAttackTests.Revoking"
  "users disable|enable|delete|list|rotate-key exist|Cli|HardeningCliTests.Users_can_be_listed_disabled_enabled_rotated_and_deleted"
  "cookies slid for 8 h: 30 min idle, 8 h absolute|Web|SessionLifetimeTests."
  "100 concurrent updates: only 200/409/412 (SQLite, PostgreSQL); If-Match 412/428|Web|SqliteAttackTests.Hundred PostgresAttackTests.Hundred HardeningTests.If_match_can_be_required"
  "login guesses unthrottled: the 20th wrong password is 429, lockout shared by instances on one registry|Web|SqliteAttackTests.Password_guessing SqliteLoginThrottleTests. PostgresLoginThrottleTests."
  "user names told apart by time or words: one password hash and one answer on every path|Web|SignInCheckTests. SqliteAttackTests.Password_guessing"
  "invented Bearer tokens or cookies bypass the rate limit: one bucket per client|Web|SqliteAttackTests.Invented_bearer_tokens_and_cookies_share_one_rate_limit_bucket"
  "passwords needed only 8 characters: 12, common list, no composition rules|Web|HardeningTests.Weak_passwords_are_refused HardeningTests.Long_uncommon_passwords"
  "a mistyped host in --urls listened on all interfaces: refused|Cli|HardeningCliTests.A_mistyped_listen_host_is_refused"
  "the --urls rule: IP addresses, localhost and an explicit all-interfaces accepted; names and typos refused|Web|HardeningTests.Ip_addresses_localhost HardeningTests.Mistyped_or_named_hosts"
  "--alpha-beta 1,5 read as 15, '30,5' as 30.5, '3,000 cGy' as 0.03 Gy: 1.5, 30.5, refused|Cli|HardeningCliTests.A_decimal_comma_is_read_as_a_decimal_or_refused_never_misread"
  "a case with findings {x: null} threw: coded error|Cli|HardeningCliTests.A_null_finding_is_a_coded_error"
  "SQLite file 0644 in a 0755 folder: 0600 and 0700, tightened on start|Web|HardeningTests.A_new_registry_is_owner_only"
  "report -o on a read-only place left a truncated PDF: no file, written atomically (also evaluate --diagram)|Cli|HardeningCliTests.Report_to_a_place_that_cannot_be_written_leaves_no_file HardeningCliTests.Report_output_is_written_whole HardeningCliTests.An_evaluation_diagram"
  "framework logs quoted request input: nothing at Trace, in memory and through Kestrel|Web|LogPrivacyTests. ServerLogPrivacyTests."
  "startup errors printed stack traces: one coded line|Web|CliCommandTests.Serve_and_users_with_a_registry_they_cannot_open CliCommandTests.Serve_with_a_broken_knowledge_base CliCommandTests.Serve_with_postgres_but_no_connection"
  "a store that cannot write: /health 503 and a coded 503/507, never a generic 500|Web|HardeningTests.A_store_that_cannot_write HardeningTests.Store_errors_are_classified"
  "{} as a case exited 0 with priors: coded error, exit 2|Cli|HardeningCliTests.An_empty_case_is_a_coded_error_not_a_ranking_of_priors"
  "FHIR birthDate '1980' dropped silently: kept at year precision and reported|Cli|HardeningCliTests.A_partial_fhir_birth_date_is_kept_at_its_precision_and_reported"
  "the documented rate-limit setting was refused: both spellings work|Web|CliCommandTests.Serve_takes_the_documented_rate_limit_setting"
  "kill -9 during 1,000 acknowledged writes loses nothing (SQLite, PostgreSQL)|Web|DurabilityTests."
  "error and exit codes: one catalogue in code, compared with the docs|Cli|ErrorCatalogueTests."
)

out=$(mktemp -d)
for project in Web Cli; do
  filter=""
  for item in "${ITEMS[@]}"; do
    IFS='|' read -r -a f <<< "$item"
    n=${#f[@]}; [ "${f[$((n-2))]}" = "$project" ] || continue
    for t in ${f[$((n-1))]}; do filter+="${filter:+|}FullyQualifiedName~MyeloDx.$project.Tests.$t"; done
  done
  echo "running the $project tests of the attack run..."
  dotnet test "tests/MyeloDx.$project.Tests" -c Release --filter "$filter" --logger "console;verbosity=normal" > "$out/$project.log" 2>&1
done

printf '\n%-8s %s\n' RESULT FINDING
status=0
for item in "${ITEMS[@]}"; do
  IFS='|' read -r -a f <<< "$item"
  n=${#f[@]}; project=${f[$((n-2))]}; tests=${f[$((n-1))]}
  label=$(IFS='|'; echo "${f[*]:0:$((n-2))}")
  passed=0; failed=0
  for t in $tests; do
    passed=$((passed + $(grep -cE "^\s*Passed MyeloDx\.$project\.Tests\.${t//./\\.}" "$out/$project.log")))
    failed=$((failed + $(grep -cE "^\s*Failed MyeloDx\.$project\.Tests\.${t//./\\.}" "$out/$project.log")))
  done
  if [ "$failed" -gt 0 ]; then r=FAILED; status=1; elif [ "$passed" -gt 0 ]; then r=FIXED; else r=SKIPPED; fi
  printf '%-8s %s (%d passed, %d failed)\n' "$r" "$label" "$passed" "$failed"
done
echo "logs: $out"
exit $status
