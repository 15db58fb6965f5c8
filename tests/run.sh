#!/bin/sh
# run.sh BUILD_DIR [unit]: every test suite in turn; the last line is "N passed, N failed".
# Suites: cmocka unit tests, short fuzz runs, the fake provider's self-test, `make run` as a
# new user runs it, the production nginx site and systemd units, integration tests
# against a real stack (PostgreSQL, nginx, viva.fcgi) and headless Chromium tests.
B=${1:-build/release}
ONLY=${2:-}
cd "$(dirname "$0")/.." || exit 1
LOG=$(mktemp -d /tmp/viva-tests.XXXXXX)
pass=0
fail=0
# A suite that hangs fails after this many seconds (its log kept) instead of stopping
# the whole run until CI gives up on it with nothing said.
SUITE_LIMIT=${VIVA_SUITE_LIMIT:-1800}

# limited LOGFILE CMD...: runs CMD under the limit, output to LOGFILE; sets rc and secs.
limited() {
	_out=$1
	shift
	_t0=$(date +%s)
	timeout -k 30 "$SUITE_LIMIT" "$@" >"$_out" 2>&1
	rc=$?
	secs=$(($(date +%s) - _t0))
	[ "$rc" -eq 124 ] && echo "run.sh: timed out after $SUITE_LIMIT s" >>"$_out"
}

# cmocka prints "[       OK ] name" per pass and "[  FAILED  ] N test(s)" at the end.
run_cmocka() {
	name=$(basename "$1")
	out=$LOG/$name.log
	limited "$out" "$@"
	ok=$(grep -c '^\[       OK \]' "$out")
	bad=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$out" | head -n 1)
	bad=${bad:-0}
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1	# crashed, or a sanitizer stopped it
	fi
	pass=$((pass + ok))
	fail=$((fail + bad))
	if [ "$bad" -ne 0 ]; then
		echo "not ok $name ($ok passed, $bad failed, $secs s)"
		sed 's/^/    /' "$out" | grep -v '^    \[       OK \]\|^    \[ RUN' | tail -n 40
	else
		echo "ok $name ($ok tests, $secs s)"
	fi
}

# Other suites print "ok NAME" / "not ok NAME" per check.
run_tap() {
	name=$1
	shift
	out=$LOG/$name.log
	limited "$out" "$@"
	ok=$(grep -c '^ok ' "$out")
	bad=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
		bad=1
	fi
	pass=$((pass + ok))
	fail=$((fail + bad))
	if [ "$bad" -ne 0 ]; then
		echo "not ok $name ($ok passed, $bad failed, $secs s)"
		sed 's/^/    /' "$out" | tail -n 40
	else
		echo "ok $name ($ok checks, $secs s)"
	fi
}

for t in "$B"/unit/*_test; do
	[ -x "$t" ] && run_cmocka "$t"
done
if [ "$ONLY" != unit ]; then
	[ -d build/fuzz ] && run_tap fuzz sh tests/fuzz/run.sh build/fuzz "${FUZZ_SECONDS:-5}"
	run_tap fakeai node tests/fakeai/selftest.mjs
	VIVA_BIN_DIR=$B run_tap make_run bash tests/stack/make_run_test.sh
	run_tap site_conf bash tests/stack/site_conf_test.sh
	VIVA_BIN_DIR=$B run_tap units bash tests/stack/units_test.sh
	for t in "$B"/integration/*_test; do
		[ -x "$t" ] && VIVA_BIN_DIR=$B run_cmocka "$t"
	done
	[ -f tests/e2e/run.sh ] && VIVA_BIN_DIR=$B run_tap e2e sh tests/e2e/run.sh
fi
echo "logs: $LOG"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
