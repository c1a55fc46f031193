#!/usr/bin/env bash
# Runs a command inside a private D-Bus session bus with its own GNOME Keyring,
# unlocked without a prompt, so that keychain tests never touch the user's keychain.
#
#   scripts/with-keyring.sh [--without-secret-service] COMMAND [ARGUMENTS...]
#
# The session gets a temporary HOME and XDG directories, so the keyring file and
# anything else the command writes there is deleted afterwards. The command gets
# INSPECTOR_KEYRING_SESSION=secret-service, or =none with --without-secret-service.
# In that mode the bus runs but no Secret Service can be started on it, as on a
# desktop without a keychain.
#
# Needs dbus-run-session (dbus), gnome-keyring-daemon (gnome-keyring) and
# secret-tool (libsecret-tools); scripts/install-deps.sh installs them.
set -euo pipefail

script="$(readlink -f "$0")"

# The password of the throwaway login keyring. gnome-keyring 42 only creates and
# unlocks a login keyring without a prompt when the password is not empty.
keyring_password="inspector-test-keyring"

fail() {
    echo "with-keyring.sh: $*" >&2
    exit 1
}

# Runs inside dbus-run-session: starts the keyring, checks it, then runs the command.
inside_session() {
    local mode="$1"
    shift
    export INSPECTOR_KEYRING_SESSION="$mode"
    if [ "$mode" = none ]; then
        "$@"
        return
    fi

    # --unlock starts the daemon, creating the login keyring with this password;
    # --start then brings up its Secret Service on this bus.
    printf '%s' "$keyring_password" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1

    printf '%s' "probe-secret" | secret-tool store --label="with-keyring.sh probe" inspector-probe 1 \
        || fail "could not store a secret in the private GNOME Keyring"
    local probe
    probe="$(secret-tool lookup inspector-probe 1)" || true
    [ "$probe" = "probe-secret" ] || fail "the private GNOME Keyring returned \"$probe\" instead of the probe secret"
    secret-tool clear inspector-probe 1

    "$@"
}

if [ "${1:-}" = "--inside-session" ]; then
    shift
    inside_session "$@"
    exit $?
fi

mode=secret-service
if [ "${1:-}" = "--without-secret-service" ]; then
    mode=none
    shift
fi
[ $# -gt 0 ] || fail "usage: with-keyring.sh [--without-secret-service] COMMAND [ARGUMENTS...]"

for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
    command -v "$tool" >/dev/null || fail "$tool is missing; install dbus, gnome-keyring and libsecret-tools (scripts/install-deps.sh)"
done

private_home="$(mktemp -d -t inspector-keyring.XXXXXX)"
trap 'rm -rf "$private_home"' EXIT
mkdir -p "$private_home"/{data,config,cache,runtime}
chmod 700 "$private_home/runtime"

# Everything the bus, the keyring and the command start writes into the private
# home, and no prompt can appear on the user's display.
export HOME="$private_home"
export XDG_DATA_HOME="$private_home/data"
export XDG_CONFIG_HOME="$private_home/config"
export XDG_CACHE_HOME="$private_home/cache"
export XDG_RUNTIME_DIR="$private_home/runtime"
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

bus_options=()
if [ "$mode" = none ]; then
    # A session bus with no service files, so nothing can be started on demand,
    # org.freedesktop.secrets included.
    mkdir -p "$private_home/no-services"
    cat >"$private_home/session-without-services.conf" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$XDG_RUNTIME_DIR</listen>
  <servicedir>$private_home/no-services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
    bus_options=(--config-file="$private_home/session-without-services.conf")
fi

status=0
dbus-run-session "${bus_options[@]}" -- "$script" --inside-session "$mode" "$@" || status=$?
exit "$status"
