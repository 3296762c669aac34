#!/usr/bin/env bash
# Screenshots the web console answering a question, as a person would see it, with headless Chromium.
# Usage: scripts/console-screenshot.sh [question] [out.png]   (installs chromium when missing; needs a built muster)
set -euo pipefail
cd "$(dirname "$0")/.."
question=${1:-"what are people saying about bins in Ward 4?"}
out=${2:-console.png}
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }
port=8097
./.build/debug/muster serve --port "$port" > /tmp/muster-console.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
query=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$question")
chromium --headless --no-sandbox --disable-gpu --window-size=1200,1600 --virtual-time-budget=8000 \
  --screenshot="$out" "http://127.0.0.1:$port/?q=$query" 2>/dev/null
echo "wrote $out"
