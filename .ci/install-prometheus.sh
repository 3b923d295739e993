#!/bin/sh
# Installs Prometheus (the server and promtool) from the distribution's
# packages, for the integration tests of sources/prometheus, which backfill
# generated data with promtool and start their own server on a free loopback
# port. Debian/Ubuntu only (apt-get). Idempotent: does nothing when both
# binaries are on PATH.
#
# The package would normally start a prometheus service on :9090. The tests
# do not need it and a stray server is a surprise on a developer machine, so
# this script keeps it from starting (policy-rc.d) and stops and disables it
# where systemd runs anyway.
set -eu

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
	echo "install-prometheus: already installed: $(prometheus --version 2>&1 | head -n 1)"
	exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-prometheus: apt-get not found; install prometheus and promtool (2.x or 3.x) by hand" >&2
	exit 1
fi

# Root runs apt-get directly; anyone else needs sudo without a password
# prompt (CI). Never ask interactively.
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO="sudo -n"
	else
		echo "install-prometheus: not root and no passwordless sudo: run as root, or apt-get install prometheus yourself" >&2
		exit 1
	fi
fi

# invoke-rc.d and deb-systemd-invoke ask /usr/sbin/policy-rc.d whether a
# service may start; exit code 101 says no. Container images usually ship
# one already: leave it alone. Otherwise put one in for the install only.
POLICY=/usr/sbin/policy-rc.d
OWN_POLICY=""
if [ ! -e "$POLICY" ]; then
	printf '#!/bin/sh\n# install-prometheus.sh: no service starts during this install\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
	$SUDO chmod 0755 "$POLICY"
	OWN_POLICY=1
fi
cleanup() {
	if [ -n "$OWN_POLICY" ]; then
		$SUDO rm -f "$POLICY"
	fi
}
trap cleanup EXIT INT TERM

install_pkg() {
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends prometheus
}
# Try the package lists as they are first; refresh them only when needed.
if ! install_pkg; then
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update
	install_pkg
fi

# Where systemd is running, the unit may have been enabled (and, without
# policy-rc.d honoured, started): stop it and keep it off.
if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then
	$SUDO systemctl stop prometheus.service 2>/dev/null || true
	$SUDO systemctl disable prometheus.service 2>/dev/null || true
fi

command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1 || {
	echo "install-prometheus: the package installed, but prometheus or promtool is not on PATH" >&2
	exit 1
}
echo "install-prometheus: installed $(prometheus --version 2>&1 | head -n 1)"
