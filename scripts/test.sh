#!/usr/bin/env bash
# Runs every test of the project: installs what is missing, builds, starts the lab, runs each test project
# (unit tests first), and tears the lab down at the end, whatever the tests did.
#
#   scripts/test.sh                     everything
#   scripts/test.sh Portal.Core.Tests   only the named test projects
#
# Results (trx) go to artifacts/test-results/. Exit code 0 only when every project passed.
# PORTAL_KEEP_LAB=1 leaves the lab up at the end (for working on tests while others use the lab).
#
# The server, history and scenario tests then run a second time on PostgreSQL (PORTAL_TEST_DATABASE=postgres), in a
# private cluster scripts/postgres.sh starts on 127.0.0.1:55432 and deletes at the end. PORTAL_TEST_POSTGRES=0 skips
# that second run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd)
results="$repo/artifacts/test-results"
# Per-project ceiling, so a hung test cannot hold the run past its 30-minute budget.
readonly PROJECT_TIMEOUT=${PORTAL_TEST_TIMEOUT:-1200}

log() { printf '\n== %s\n' "$*" >&2; }

# Unit tests first (fast, no lab), then the ones that need the lab and the browser.
readonly ORDER=(Portal.Core.Tests Portal.Client.Tests Portal.Server.Tests Portal.Host.Tests)
readonly LAST=(Portal.E2E.Tests)

test_projects() {
  local name all=()
  for project in tests/*/*.csproj; do
    name=$(basename "$project" .csproj)
    [[ "$name" == Portal.Lab ]] && continue
    all+=("$name")
  done
  for name in "${ORDER[@]}"; do
    [[ " ${all[*]} " == *" $name "* ]] && echo "$name"
  done
  for name in "${all[@]}"; do
    [[ " ${ORDER[*]} ${LAST[*]} " == *" $name "* ]] || echo "$name"
  done
  for name in "${LAST[@]}"; do
    [[ " ${all[*]} " == *" $name "* ]] && echo "$name"
  done
  return 0
}

# The projects that run again on PostgreSQL, and the filter of each (empty: the whole project). The scenarios that go
# through the portal's database: history (audit), intents and changes, and address reservations.
readonly POSTGRES_RUN=(Portal.Server.Tests Portal.Scenarios.Tests)
postgres_filter() {
  case "$1" in
    Portal.Scenarios.Tests) echo "FullyQualifiedName~.History.|FullyQualifiedName~.Changes.|FullyQualifiedName~.Addresses." ;;
    *) echo "" ;;
  esac
}

teardown() {
  local rc=$?
  scripts/postgres.sh down || rc=1
  if [[ "${PORTAL_KEEP_LAB:-0}" == 1 ]]; then
    log "PORTAL_KEEP_LAB=1: leaving the lab up"
  else
    log "lab down"
    lab/lab.sh down || rc=1
  fi
  scripts/redis.sh down || rc=1
  exit "$rc"
}

started=$SECONDS
log "dependencies"
scripts/install-deps.sh

log "build"
dotnet build Portal.sln -c Release -nologo -v quiet
# House style (.editorconfig): whitespace, usings, style rules; a change it would make fails the run.
log "format"
dotnet format Portal.sln --verify-no-changes --no-restore -v quiet
# Integration and browser tests run the published server and agent (tests/Portal.Lab/Stack/PortalBinaries.cs):
# only a publish output serves the client's static assets in Production.
dotnet publish Portal.Server/Portal.Server.csproj -c Release -o artifacts/server -nologo -v quiet
# The agent compiles natively (Native AOT, clang from install-deps.sh): one executable, artifacts/host/Portal.Host;
# the folder is emptied first so that no Portal.Host.dll of an older JIT publish lingers beside it.
rm -rf artifacts/host
dotnet publish Portal.Host/Portal.Host.csproj -c Release -o artifacts/host -nologo -v quiet

trap teardown EXIT
log "lab up"
# docker3 (iptables-legacy, IPv6) beside docker1 and docker2: the scenarios and the IPv6 snapshot test run on it.
lab/lab.sh up --icc=false --iptables=legacy
# The replica tests' Redis: private, on loopback (scripts/redis.sh); stopped by the teardown.
scripts/redis.sh up >/dev/null

if (( $# > 0 )); then projects=("$@"); else mapfile -t projects < <(test_projects); fi

mkdir -p "$results"
passed=() failed=()
# run_project NAME LABEL [FILTER] [DATABASE]: one test project; LABEL names its trx and its line in the summary;
# DATABASE is the tests' PORTAL_TEST_DATABASE (empty: SQLite).
run_project() {
  local name=$1 label=$2 filter=${3:-} database=${4:-}
  local project="tests/$name/$name.csproj"
  local args=(-c Release --no-build -nologo --logger "trx;LogFileName=$label.trx" --logger "console;verbosity=normal"
    --results-directory "$results")
  [[ -n "$filter" ]] && args+=(--filter "$filter")
  log "test $label"
  if PORTAL_TEST_DATABASE="$database" timeout --kill-after=30 "$PROJECT_TIMEOUT" dotnet test "$project" "${args[@]}"; then
    passed+=("$label")
  else
    failed+=("$label")
  fi
}

for name in "${projects[@]}"; do
  run_project "$name" "$name"
done

if [[ "${PORTAL_TEST_POSTGRES:-1}" != 0 ]]; then
  postgres_projects=()
  for name in "${POSTGRES_RUN[@]}"; do
    [[ " ${projects[*]} " == *" $name "* ]] && postgres_projects+=("$name")
  done
  if (( ${#postgres_projects[@]} > 0 )); then
    log "postgres up"
    postgres_started=$SECONDS
    scripts/postgres.sh up >/dev/null
    for name in "${postgres_projects[@]}"; do
      run_project "$name" "$name.postgres" "$(postgres_filter "$name")" postgres
    done
    log "PostgreSQL run: $((SECONDS - postgres_started)) s"
  fi
fi

log "summary ($((SECONDS - started)) s)"
for name in "${passed[@]}"; do echo "passed  $name"; done
for name in "${failed[@]}"; do
  echo "FAILED  $name"
  # The failed tests by name (CI keeps only the end of the output); none listed: the project timed out or did not start.
  grep -o '<UnitTestResult [^>]*outcome="Failed"' "$results/$name.trx" 2>/dev/null \
    | sed 's/.*testName="\([^"]*\)".*/          \1/; s/&quot;/"/g; s/&apos;/'"'"'/g; s/&amp;/\&/g' || true
done
(( ${#failed[@]} == 0 ))
