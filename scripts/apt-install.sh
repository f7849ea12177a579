#!/usr/bin/env bash
# Install Debian packages for a make target (chromium, wrk, postgresql), waiting for apt's
# locks instead of failing when another install or an unattended upgrade holds them.
#
#   scripts/apt-install.sh PACKAGE...
#
# apt-get install waits for dpkg's lock itself when told to (DPkg::Lock::Timeout); apt-get
# update takes the package lists' lock without waiting, so it is tried again while that lock
# is held. APT_LOCK_WAIT: how long to wait in all, in seconds (default 600).
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "Installing $* needs root: run 'apt-get install $*' as root, then try again." >&2
    exit 1
fi

wait_for="${APT_LOCK_WAIT:-600}"
poll="${APT_LOCK_POLL:-5}"
deadline=$(( $(date +%s) + wait_for ))
said=""
until out="$(apt-get update -qq 2>&1)"; do
    if ! grep -qE "Could not get lock|Unable to lock" <<<"$out" || [ "$(date +%s)" -ge "$deadline" ]; then
        echo "$out" >&2
        exit 1
    fi
    if [ -z "$said" ]; then
        echo "apt is busy (another install or an update holds its lock): waiting..." >&2
        said=1
    fi
    sleep "$poll"
done
left=$(( deadline - $(date +%s) ))
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout="$(( left > 0 ? left : 0 ))" \
    install -y -qq "$@" >/dev/null
