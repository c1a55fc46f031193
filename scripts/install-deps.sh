#!/usr/bin/env bash
# Installs the Debian 12 packages that building, running and testing need,
# skipping those already installed. Run as root (or through sudo).
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    # colour emoji in message previews and bodies
    fonts-noto-color-emoji
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libgl-dev
    # the fast reader of notification pages, and the flat table of its repeat checks
    libsimdjson-dev libabsl-dev
    # tests: offscreen widgets, an X server for screenshots
    xvfb xauth
    # benchmarks: the keep-alive baseline of the fetch benchmark
    curl
    # the token keychain: QtKeychain, and libsecret, which QtKeychain loads at run time
    qtkeychain-qt6-dev libsecret-1-0
    # keychain tests: a private D-Bus session with GNOME Keyring (scripts/with-keyring.sh)
    dbus gnome-keyring libsecret-tools
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "All build and test packages are installed."
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing packages: ${missing[*]}" >&2
    echo "Run this script as root, or install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
fi

echo "Installing: ${missing[*]}"
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
