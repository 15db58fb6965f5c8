#!/bin/bash
# run.sh: every benchmark, each printing one line "BENCH <name> key=value ...".
# The page benchmark compares, in one run, the sign-in page through nginx + viva.fcgi
# with nginx serving a static file of the same size (wrk, 64 connections); medians of ROUNDS.
set -u
cd "$(dirname "$0")/.." || exit 1
ROUNDS=${BENCH_ROUNDS:-3}
SECONDS_EACH=${BENCH_SECONDS:-8}
CONNS=${BENCH_CONNECTIONS:-64}

VIVA_VAR=$(mktemp -d /tmp/viva-bench.XXXXXX)
chmod 755 "$VIVA_VAR"
VIVA_PORT=$(node tests/free-port.mjs)	# and its successor, for the worker
VIVA_WORKER_PORT=$((VIVA_PORT + 1))
export VIVA_VAR VIVA_PORT VIVA_WORKER_PORT
cleanup() {
	bash scripts/stop.sh >/dev/null 2>&1
	[ -f "$VIVA_VAR/iv/fake.pid" ] && kill "$(cat "$VIVA_VAR/iv/fake.pid")" 2>/dev/null
	bash -c '. scripts/stack.sh; rm -rf "$(pg_dir)" "$VAR"'
}
trap cleanup EXIT
start() {
	bash scripts/stop.sh >/dev/null 2>&1
	bash scripts/run.sh --no-admin >/dev/null || { echo "bench: the stack did not start" >&2; exit 1; }
}
BASE="http://127.0.0.1:$VIVA_PORT"
NCPU=$(nproc)

# wrk_run URL: prints "rps p50_ms p99_ms".
wrk_run() {
	wrk -t2 -c"$CONNS" -d"${SECONDS_EACH}s" --latency "$1" 2>&1 | awk '
		function ms(v) {
			if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
			if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
			if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
			return v
		}
		/^ +50%/ { p50 = ms($2) }
		/^ +99%/ { p99 = ms($2) }
		/^Requests\/sec/ { rps = $2 }
		/Non-2xx/ { bad = $NF }
		END { if (bad > 0) rps = 0; printf "%s %s %s\n", rps, p50, p99 }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# page_bench NAME PATH WORKERS: the dynamic page against a static copy of the same size.
page_bench() {
	local name=$1 path=$2 workers=$3 size i dyn st
	size=$(curl -s "$BASE$path" | wc -c)
	head -c "$size" /dev/zero | tr '\0' 'x' >"$VIVA_VAR/bench/$name.html"
	: >"$VIVA_VAR/dyn.txt"
	: >"$VIVA_VAR/static.txt"
	for i in $(seq "$ROUNDS"); do
		wrk_run "$BASE/_bench/$name.html" >>"$VIVA_VAR/static.txt"
		wrk_run "$BASE$path" >>"$VIVA_VAR/dyn.txt"
	done
	dyn=$(cut -d' ' -f1 "$VIVA_VAR/dyn.txt" | median)
	st=$(cut -d' ' -f1 "$VIVA_VAR/static.txt" | median)
	# static_p99_ms: the tail nginx alone has on this machine at this load.
	printf 'BENCH %s ratio=%.2f p50_ms=%.2f p99_ms=%.2f rps=%.0f static_rps=%.0f static_p99_ms=%.2f bytes=%d workers=%d\n' \
		"$name" "$(echo "$dyn $st" | awk '{ print ($2 > 0) ? $1 / $2 : 0 }')" \
		"$(cut -d' ' -f2 "$VIVA_VAR/dyn.txt" | median)" \
		"$(cut -d' ' -f3 "$VIVA_VAR/dyn.txt" | median)" "$dyn" "$st" \
		"$(cut -d' ' -f3 "$VIVA_VAR/static.txt" | median)" "$size" "$workers"
}

# The default pool (2 processes per core, one per core active and the rest in
# reserve), then one per core and no reserve.
start
page_bench page /login "$((2 * NCPU))"
VIVA_WORKERS=$NCPU start
page_bench page_one_per_core /login "$NCPU"

# The interview pages: candidate page, sending a message, the dashboard (default pool).
. bench/interviews.sh
. bench/adaptive.sh
. bench/relay.sh

# A seek in a sealed recording: a 64 KiB range at 45 MiB of a 50 MiB take,
# against the whole take read from its start (bench/seal_bench.c).
mkdir -p build/bench
# shellcheck disable=SC2046
cc -std=c11 -D_GNU_SOURCE -O2 -Isrc -o build/bench/seal_bench bench/seal_bench.c \
    build/release/libviva.a $(pkg-config --libs libsodium json-c) &&
	echo "BENCH seal_seek $(build/bench/seal_bench)"

[ -f bench/tokenizer.sh ] && bash bench/tokenizer.sh
exit 0
