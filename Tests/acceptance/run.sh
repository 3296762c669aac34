#!/usr/bin/env bash
# Runs the chat-platform and chat-app acceptance tests against a built `muster`: sets up a virtualenv with the real
# platform clients from PyPI (once), then runs the tests. Usage: Tests/acceptance/run.sh MUSTER_BINARY STORE
# or, for the app manifests (app_manifests.py): Tests/acceptance/run.sh --app-manifests TEAMS_PACKAGE_ZIP
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.build/acceptance-venv"
stamp="$venv/.requirements"
# Tests run in parallel and more than one uses the virtualenv: the first to get the lock builds it, the rest wait.
mkdir -p "$root/.build"
exec 9>"$root/.build/acceptance-venv.lock"
if command -v flock >/dev/null; then flock 9; fi
if [ ! -x "$venv/bin/python" ] || ! cmp -s "$here/requirements.txt" "$stamp"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$stamp"
fi
exec 9>&-
if [ "${1:-}" = --app-manifests ]; then
  exec "$venv/bin/python" "$here/app_manifests.py" --teams-package "$2" --root "$root"
fi
# The webhooks first, then the apps (bot tokens, the Bot Framework, button presses) on the same store, then the
# console's single sign-on on a copy of it; all always run, and the script fails if any does.
status=0
for suite in chat_platforms chat_apps console_sso; do
  "$venv/bin/python" "$here/$suite.py" --muster "$1" --store "$2" --root "$root" || status=1
done
exit "$status"
