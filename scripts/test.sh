#!/usr/bin/env bash
# Installs what is missing (idempotent), then runs every test suite. The last line printed is
# `N passed, N failed`; the exit code is non-zero if anything failed or a suite ran no tests.
# Arguments name suites to run alone: scripts/test.sh solidity
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
exec node scripts/test.ts "$@"
