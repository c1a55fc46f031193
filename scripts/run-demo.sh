#!/usr/bin/env bash
# Installs what is missing, builds, and starts the inspector on its built-in simulator.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display found (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
    echo "Start the demo from a desktop session, or on a headless machine with:" >&2
    echo "  xvfb-run -a $root/build/app/callback-inspector --demo" >&2
    exit 1
fi
exec "$root/build/app/callback-inspector" --demo "$@"
