#!/usr/bin/env bash
# `pnpm test`: every test we have, in the order that fails fastest. Needs PostgreSQL and Redis reachable
# (see README) and Chromium at /usr/bin/chromium for the browser tests.
set -uo pipefail
cd "$(dirname "$0")/.."
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing Debian's chromium for the browser tests"
    (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || { echo "could not install chromium"; exit 1; }
  else
    echo "Chromium is missing: sudo apt-get install -y chromium (the browser tests drive /usr/bin/chromium)"; exit 1
  fi
fi

passed=0
failed=0
failures=()
stage() {
  local name=$1; shift
  echo
  echo "== $name: $*"
  local started=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "== $name passed in $((SECONDS - started)) s"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "== $name FAILED after $((SECONDS - started)) s"
  fi
}

stage generate pnpm db:generate
stage lint bash -c "pnpm lint && pnpm format:check"
stage typecheck bash -c "pnpm typecheck && pnpm exec tsc -p tsconfig.json"
stage migrations-drift pnpm exec tsx packages/engine/src/migrate/cli.ts drift
stage unit pnpm exec vitest run --project unit
stage integration pnpm exec vitest run --project integration
stage browser pnpm exec playwright test
stage drills pnpm drills --quick

echo
[ ${#failures[@]} -gt 0 ] && echo "failed stages: ${failures[*]}"
echo "stages: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
