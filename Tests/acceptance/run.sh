#!/usr/bin/env bash
# Runs the chat-platform and chat-app acceptance tests against a built `muster`: sets up a virtualenv with the real
# platform clients from PyPI (once), then runs the tests. Usage: Tests/acceptance/run.sh MUSTER_BINARY STORE
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.build/acceptance-venv"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$stamp"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$stamp"
fi
# The webhooks first, then the apps (bot tokens, the Bot Framework, button presses) on the same store; both always
# run, and the script fails if either does.
status=0
for suite in chat_platforms chat_apps; do
  "$venv/bin/python" "$here/$suite.py" --muster "$1" --store "$2" --root "$root" || status=1
done
exit "$status"
