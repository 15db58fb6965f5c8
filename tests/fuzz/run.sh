#!/bin/sh
# run.sh: run every fuzz target for a while; one "ok NAME" or "not ok NAME" line each.
#
#	sh tests/fuzz/run.sh BUILD_FUZZ_DIR SECONDS
#
# Each target starts from a scratch copy of tests/fuzz/corpus/NAME (or
# corpus/NAME-without-fuzz_), so the repository is never written to.  A
# failing target's log and crash input stay in the scratch directory, whose
# path goes to stderr; stdout holds only the result lines.

usage() {
	echo "usage: sh tests/fuzz/run.sh BUILD_FUZZ_DIR SECONDS" >&2
	exit 2
}

[ $# -eq 2 ] || usage
bindir=$1
secs=$2
case $secs in
''|*[!0-9]*) usage ;;
esac
[ -d "$bindir" ] || { echo "run.sh: no directory $bindir" >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/viva-fuzz.XXXXXX") || exit 2
failed=0
ran=0

for bin in "$bindir"/fuzz_*; do
	[ -f "$bin" ] && [ -x "$bin" ] || continue
	name=$(basename "$bin")
	ran=$((ran + 1))
	work=$tmp/$name
	mkdir -p "$work/corpus"
	for seeds in "$here/corpus/$name" "$here/corpus/${name#fuzz_}"; do
		if [ -d "$seeds" ]; then
			cp -R "$seeds/." "$work/corpus/"
			break
		fi
	done
	# -timeout catches inputs that run slowly (quadratic paths),
	# not only those that crash.
	if "$bin" -max_total_time="$secs" -timeout=10 -max_len=16384 \
	    -print_final_stats=1 -artifact_prefix="$work/" \
	    "$work/corpus" >"$work/log" 2>&1; then
		echo "ok $name"
	else
		echo "not ok $name"
		echo "run.sh: $name failed; see $work/log" >&2
		failed=1
	fi
done

if [ "$ran" -eq 0 ]; then
	echo "run.sh: no fuzz_* targets in $bindir" >&2
	rm -rf "$tmp"
	exit 1
fi
# Keep the evidence of a failure; clean up after success.
[ "$failed" -eq 0 ] && rm -rf "$tmp"
exit $failed
