#!/bin/bash
# units_test.sh: the shipped systemd units (systemd/) as docs/OPERATIONS.md installs them:
# `systemd-analyze verify` accepts them in a throwaway root holding the installed
# binaries, and their system call filter lets viva.fcgi and viva-worker install their own
# seccomp filters.  Prints "ok ..." / "not ok ..." lines; skips what this host lacks.
cd "$(dirname "$0")/../.." || exit 1
B=${VIVA_BIN_DIR:-build/release}
if ! command -v systemd-analyze >/dev/null; then
	echo "ok units: skipped, no systemd-analyze"
	exit 0
fi
T=$(mktemp -d /tmp/viva-units.XXXXXX)
trap 'rm -rf "$T"' EXIT
rc=0

# The binaries where `make install` puts them, and systemd's own units beside ours.
mkdir -p "$T/usr/local/bin" "$T/usr/local/lib/viva/cgi-bin" "$T/etc/systemd/system" \
    "$T/lib/systemd" "$T/bin"
cp "$B/viva" "$T/usr/local/bin/viva"
cp "$B/viva.fcgi" "$T/usr/local/lib/viva/cgi-bin/viva.fcgi"
cp "$B/viva-worker" "$T/usr/local/lib/viva/viva-worker"
cp -r /lib/systemd/system "$T/lib/systemd/" 2>/dev/null
cp systemd/viva-* "$T/etc/systemd/system/"
units="viva-fcgi.socket viva-fcgi.service viva-worker.service viva-jobs.service viva-jobs.timer"
# shellcheck disable=SC2086
if out=$(systemd-analyze verify --root="$T" $units 2>&1) && [ -z "$out" ]; then
	echo "ok units: systemd-analyze verify accepts them"
else
	echo "not ok units: systemd-analyze verify:"
	echo "$out" | sed 's/^/    /'
	rc=1
fi

# The system calls a unit's SystemCallFilter= allows, groups expanded, one a line.
allowed() {
	local f
	for f in $(sed -n 's/^SystemCallFilter=//p' "systemd/$1"); do
		case $f in
		@*) systemd-analyze syscall-filter "$f" 2>/dev/null |
		    sed -n 's/^ *\([a-z_0-9]*\)$/\1/p' ;;
		*) echo "$f" ;;
		esac
	done
	# Groups hold groups: expand those once more.
	for f in $(sed -n 's/^SystemCallFilter=//p' "systemd/$1"); do
		case $f in
		@*) for g in $(systemd-analyze syscall-filter "$f" 2>/dev/null |
		    sed -n 's/^ *\(@[a-z-]*\)$/\1/p'); do
			systemd-analyze syscall-filter "$g" 2>/dev/null |
			    sed -n 's/^ *\([a-z_0-9]*\)$/\1/p'
		    done ;;
		esac
	done
}

# src/lib/sandbox.c install(): prctl(PR_SET_NO_NEW_PRIVS), then seccomp(2).  Refused
# (EPERM), the process runs on with a warning and without its own filter.
for u in viva-fcgi.service viva-worker.service; do
	allowed "$u" | sort -u >"$T/$u.calls"
	missing=""
	for call in prctl seccomp; do
		grep -qx "$call" "$T/$u.calls" || missing="$missing $call"
	done
	if [ -z "$missing" ]; then
		echo "ok units: $u lets the process install its seccomp filter"
	else
		echo "not ok units: $u's SystemCallFilter= refuses:$missing"
		rc=1
	fi
done
exit $rc
