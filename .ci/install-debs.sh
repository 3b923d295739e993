#!/bin/sh
# Installs Debian packages the checks need (tmux for the end-to-end test,
# chromium for the join server's browser tests).
# Root runs apt-get directly; anyone else needs passwordless sudo.
set -eu
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "install-debs: not root and no passwordless sudo: apt-get install $* yourself" >&2
		exit 1
	fi
fi
if ! $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"; then
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@"
fi
