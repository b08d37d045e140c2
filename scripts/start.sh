#!/usr/bin/env bash
# Installs everything (Node 22 from the npm registry, then the project's packages), builds the
# contracts, typed ABIs and web app (each skipped when its inputs are unchanged), starts the local
# superchain devnet (hub 900, base-local 901, zora-local 902, every contract deployed, a council
# Safe, seeded delegates and proposals) and serves the web app on http://127.0.0.1:3000. Ctrl-C
# stops everything it started; `bin/superchain devnet down` stops the devnet alone.
#
# SEED_PROPOSALS (default 8) sets how many sample proposals the devnet starts with.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

WEB_PORT="${WEB_PORT:-3000}"
SEED_PROPOSALS="${SEED_PROPOSALS:-8}"
export NEXT_TELEMETRY_DISABLED=1

if (exec 3<>"/dev/tcp/127.0.0.1/$WEB_PORT") 2>/dev/null; then
  echo "Port $WEB_PORT on 127.0.0.1 is already in use; stop what is listening there or set WEB_PORT." >&2
  exit 1
fi

mkdir -p .logs
# Both skip their work when nothing they read changed since their last successful build.
node scripts/build.ts
node scripts/web-build.ts

WEB_PID=""
# Whatever ends this script (Ctrl-C, a signal, the web app dying, an error) stops what it started.
stop_all() {
  trap - EXIT INT TERM
  if [[ -n "$WEB_PID" ]]; then
    kill "$WEB_PID" 2>/dev/null || true
    wait "$WEB_PID" 2>/dev/null || true
  fi
  bin/superchain devnet down || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The web app boots while the devnet comes up: it reads the manifest on each request once the
# file changes, so a page served after "is up" sees this devnet.
node node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port "$WEB_PORT" > .logs/web.log 2>&1 &
WEB_PID=$!

bin/superchain devnet up --seed-proposals "$SEED_PROPOSALS"

for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$WEB_PORT/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    echo
    echo "  Superchain Governance is up."
    echo "  web app   http://127.0.0.1:$WEB_PORT   (log: .logs/web.log)"
    echo "  devnet    bin/superchain devnet status | time advance 1h | down"
    echo
    echo "  Ctrl-C stops everything."
    wait "$WEB_PID" || true
    echo "the web app stopped; see .logs/web.log" >&2
    exit 1
  fi
  if ! kill -0 "$WEB_PID" 2>/dev/null; then
    echo "the web app exited before it became healthy; see .logs/web.log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "the web app did not become healthy within 20 s" >&2
exit 1
