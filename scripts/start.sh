#!/usr/bin/env bash
# Installs everything (Node 22 from the npm registry, then the project's packages), builds the
# contracts and typed ABIs and the web app, and serves it on http://127.0.0.1:3000.
# Ctrl-C stops everything it started.
#
# Later stages add the local superchain devnet and the shared sequencer to this same command.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

WEB_PORT="${WEB_PORT:-3000}"
export NEXT_TELEMETRY_DISABLED=1

if (exec 3<>"/dev/tcp/127.0.0.1/$WEB_PORT") 2>/dev/null; then
  echo "Port $WEB_PORT on 127.0.0.1 is already in use; stop what is listening there or set WEB_PORT." >&2
  exit 1
fi

mkdir -p .logs
node scripts/build.ts
echo "building the web app… (log: .logs/web-build.log)"
if ! node node_modules/next/dist/bin/next build > .logs/web-build.log 2>&1; then
  tail -n 40 .logs/web-build.log >&2
  echo "the web app failed to build; full log in .logs/web-build.log" >&2
  exit 1
fi

node node_modules/next/dist/bin/next start --hostname 127.0.0.1 --port "$WEB_PORT" &
WEB_PID=$!
trap 'kill "$WEB_PID" 2>/dev/null; wait "$WEB_PID" 2>/dev/null; exit 0' INT TERM

for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$WEB_PORT/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then
    echo
    echo "  Superchain Governance is up."
    echo "  web app   http://127.0.0.1:$WEB_PORT"
    echo
    echo "  Ctrl-C stops it."
    wait "$WEB_PID"
    exit $?
  fi
  if ! kill -0 "$WEB_PID" 2>/dev/null; then
    echo "the web app exited before it became healthy" >&2
    exit 1
  fi
  sleep 0.2
done
echo "the web app did not become healthy within 20 s" >&2
kill "$WEB_PID"
exit 1
