#!/usr/bin/env bash
# Brings the project to a runnable state on a machine that has only Node 20 and npm.
#
# Hardhat 3 needs Node >= 22.13 and EDR's native binding is only installed when
# `npm install` itself runs under Node 22, so we first fetch Node 22 from the npm
# registry (the `node` package) into .tools/, then install the project with it.
# Sourcing this file leaves Node 22 first on PATH for the caller.
#
# Idempotent: a second run only checks two stamps and returns in well under a second.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_VERSION="$(sed -n 's/.*"node": "\([0-9.]*\)".*/\1/p' "$ROOT/package.json" | tail -n 1)"
TOOLS="$ROOT/.tools/node-$NODE_VERSION"
NODE_BIN="$TOOLS/node_modules/node/bin"

log() { printf '\033[2m[bootstrap]\033[0m %s\n' "$*" >&2; }

if [[ ! -x "$NODE_BIN/node" ]] || [[ "$("$NODE_BIN/node" --version 2>/dev/null)" != "v$NODE_VERSION" ]]; then
  log "fetching Node $NODE_VERSION from the npm registry into .tools/"
  rm -rf "$TOOLS"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node@$NODE_VERSION" >&2
fi
export PATH="$NODE_BIN:$PATH"

# Reinstall only when the manifest or lockfile changed since the last install.
STAMP="$ROOT/node_modules/.bootstrap-stamp"
install_fingerprint() {
  node -e 'const fs=require("fs"),h=require("crypto").createHash("sha256");for(const f of process.argv.slice(1)){if(fs.existsSync(f))h.update(fs.readFileSync(f))}console.log(h.digest("hex"))' \
    "$ROOT/package.json" "$ROOT/package-lock.json"
}
WANT="$(install_fingerprint)"
if [[ ! -f "$STAMP" ]] || [[ "$(cat "$STAMP")" != "$WANT" ]] || [[ ! -d "$ROOT/node_modules/@nomicfoundation/edr-linux-x64-gnu" ]]; then
  log "npm install under $(node --version)"
  (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error >&2)
  # package-lock.json may have been rewritten by the install; stamp what is there now.
  install_fingerprint > "$STAMP"
fi

# Debian packages the tests drive, each installed only when missing: Chromium for the browser
# tests (never a browser downloaded by a test tool), promtool (from the `prometheus` package)
# for the alerting rules in ops/prometheus (test/ops/alerts.test.ts), and etcd (`etcd-server`),
# the replicated sequencer's consensus store (lib/sequencer/replication, `devnet up --replicas`),
# and PostgreSQL (`postgresql`) for the web app's stores shared by several instances
# (`DATABASE_URL`); the tests start their own server from its binaries on a free port.
APT_PACKAGES=()
if [[ -z "${CHROMIUM_PATH:-}" ]] && ! command -v chromium >/dev/null 2>&1; then APT_PACKAGES+=(chromium); fi
if ! command -v promtool >/dev/null 2>&1; then APT_PACKAGES+=(prometheus); fi
if [[ -z "${ETCD_BINARY:-}" ]] && ! command -v etcd >/dev/null 2>&1; then APT_PACKAGES+=(etcd-server); fi
if [[ -z "${POSTGRES_BIN_DIR:-}" ]] && ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then APT_PACKAGES+=(postgresql); fi
if [[ ${#APT_PACKAGES[@]} -gt 0 ]]; then
  log "installing Debian's ${APT_PACKAGES[*]} for the tests"
  SUDO=""
  [[ "$(id -u)" != "0" ]] && SUDO="sudo -n"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" >&2
fi
