# relay.sh: the realtime relay.  Sourced by bench/run.sh after adaptive.sh, whose stack,
# admin session (IV_COOKIE) and helpers (iv_say, csrf_of, median) it uses.  Prints:
#   BENCH relay sessions=<N> p50_added_ms=<> p99_added_ms=<> cpu_pct=<> kib_per_session=<>
#	RELAY_SESSIONS browsers (default 500) each send a 20 ms PCM16 frame every 20 ms for
#	RELAY_SECONDS (default 10, after 2 s of warm-up) and time each frame's echo:
#	through nginx and viva-worker to a loopback echo provider, against the same audio as
#	the provider's JSON events through nginx straight to the echo provider (TCP both).  Added =
#	worker round trip minus direct round trip, at p50 and p99; medians of RELAY_ROUNDS.
#	cpu_pct: the worker's CPU over the run (100 = one core, user and system time);
#	cpu_us_per_frame: that CPU over the frames echoed, a round trip each (what a
#	busy machine does not change, where it does change the latency); kib_per_session: the
#	worker's RSS with N sessions open minus its RSS before the first session, over N
#	(freed memory stays with the process, so later rounds measure no less).  Medians.
# Alone (bash bench/relay.sh): a stack and an admin session of its own.
if [ -z "${BASE:-}" ]; then
	set -u
	cd "$(dirname "$0")/.." || exit 1
	VIVA_VAR=$(mktemp -d /tmp/viva-bench.XXXXXX)
	chmod 755 "$VIVA_VAR"
	VIVA_PORT=$(node tests/free-port.mjs)
	VIVA_WORKER_PORT=$((VIVA_PORT + 1))
	export VIVA_VAR VIVA_PORT VIVA_WORKER_PORT
	[ -n "${RELAY_KEEP:-}" ] || trap 'bash scripts/stop.sh >/dev/null 2>&1; bash -c ". scripts/stack.sh; rm -rf \"\$(pg_dir)\" \"\$VAR\""' EXIT
	start() {
		bash scripts/stop.sh >/dev/null 2>&1
		bash scripts/run.sh --no-admin >/dev/null || { echo "bench: the stack did not start" >&2; exit 1; }
	}
	median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	iv_say() { echo "bench: $*" >&2; }
	csrf_of() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1; }
	BASE="http://127.0.0.1:$VIVA_PORT"
	start
	_pw=$(bin/viva --config "$VIVA_VAR/viva.conf" user add --org "Bench relay" \
	    --email relay@example.com --name Bench --role admin 2>&1 | sed -n 's/.*password: //p')
	_jar=$VIVA_VAR/admin.jar
	_csrf=$(curl -s -c "$_jar" "$BASE/login" | csrf_of)
	curl -s -o /dev/null -b "$_jar" -c "$_jar" --data-urlencode "csrf=$_csrf" \
	    --data-urlencode "email=relay@example.com" --data-urlencode "password=$_pw" "$BASE/login"
	IV_COOKIE="Cookie: viva_session=$(awk '$6 == "viva_session" { print $7 }' "$_jar")"
fi
RL_N=${RELAY_SESSIONS:-500}
RL_S=${RELAY_SECONDS:-10}
RL_ROUNDS=${RELAY_ROUNDS:-3}
RL=$VIVA_VAR/relay
mkdir -p "$RL" build/bench
# shellcheck disable=SC2046
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -Isrc -o build/bench/relay_load bench/relay_load.c \
    build/release/libviva.a $(pkg-config --libs libsodium libcrypto json-c) ||
	{ echo "bench: relay_load did not build" >&2; exit 1; }
RL_ECHO=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

# The worker's provider is the load generator's echo server; its key comes from var/.
# nginx reaches the same echo server for the baseline (/_bench/rt/), by TCP as the worker does.
VIVA_AI_BASE_URL="http://127.0.0.1:$RL_ECHO/v1" VIVA_AI_API_KEY=bench VIVA_BENCH_ECHO_PORT=$RL_ECHO start
RL_KEY=$(cat "$VIVA_VAR/ticket.key")

# An adaptive interview that offers voice, started by its candidate.
_csrf=$(curl -s -H "$IV_COOKIE" "$BASE/admin/adaptive/new" | csrf_of)
_tok=$(curl -s -H "$IV_COOKIE" --data-urlencode "csrf=$_csrf" \
    -d "candidate_name=Relay&candidate_email=r%40x.test&role=python&voice=1" \
    -d "min_questions=12&max_questions=12&minutes=0&question_source=bank" \
    -d "model=gpt-4o-mini&expiry_days=7" "$BASE/admin/adaptive" |
    sed -n 's|.*/i/\([A-Za-z0-9_-]*\)<.*|\1|p' | head -n 1)
rm -f "$RL/jar"
curl -s -o /dev/null -c "$RL/jar" "$BASE/i/$_tok"
_csrf=$(curl -s -b "$RL/jar" "$BASE/c" | csrf_of)
curl -s -o /dev/null -b "$RL/jar" --data-urlencode "csrf=$_csrf" "$BASE/c/start"
curl -s -o /dev/null -b "$RL/jar" "$BASE/c"
RL_IV=$(curl -s -b "$RL/jar" -H "X-CSRF-Token: $_csrf" -X POST "$BASE/c/ticket" |
    sed -n 's|.*/rt/interviews/\([0-9]*\)?.*|\1|p')
[ -n "$RL_IV" ] || { echo "bench: no voice interview for the relay" >&2; exit 1; }

# One interview per session: the worker ends an interview's older session when a
# newer one opens (two tabs), so N sessions need N interviews.  The other N - 1 are
# copies of the first, rows and questions, made in one statement (a new id and
# invite hash each).
# The interviews' columns but the generated ones, which take no value.
rl_psql() {
	(. scripts/stack.sh; "$PGBIN/psql" -h "$(pg_dir)/socket" -U viva -d viva \
	    -X -q -At -v ON_ERROR_STOP=1 "$@")
}
RL_COLS=$(rl_psql -c "SELECT string_agg(quote_ident(attname), ',' ORDER BY attnum)
    FROM pg_attribute WHERE attrelid = 'interviews'::regclass AND attnum > 0
    AND NOT attisdropped AND attgenerated = ''")
RL_IVS=$RL_IV
if [ "$RL_N" -gt 1 ]; then
	RL_IVS=$RL_IV,$(rl_psql <<SQL
WITH made AS (
	INSERT INTO interviews ($RL_COLS) SELECT $(echo "$RL_COLS" | sed 's/[^,]*/r.&/g')
	    FROM interviews i, generate_series(2, $RL_N) g,
	    LATERAL jsonb_populate_record(i, jsonb_build_object('id', nextval('interviews_id_seq'),
	    'invite_hash', i.invite_hash || '-relay-' || g)) r
	WHERE i.id = $RL_IV RETURNING id
), asked AS (
	INSERT INTO interview_questions SELECT r.* FROM made m, interview_questions q,
	    LATERAL jsonb_populate_record(q, jsonb_build_object('id',
	    nextval('interview_questions_id_seq'), 'interview_id', m.id)) r
	WHERE q.interview_id = $RL_IV
)
SELECT string_agg(id::text, ',' ORDER BY id) FROM made;
SQL
)
fi
[ "$(echo "$RL_IVS" | tr ',' '\n' | grep -c .)" -eq "$RL_N" ] ||
	{ echo "bench: $RL_N voice interviews for the relay were not made" >&2; exit 1; }

# The echo provider in a process of its own, for the whole run.
build/bench/relay_load --mode echo --sessions "$RL_N" --seconds 1 --echo-port "$RL_ECHO" \
    --echo-sock "$VIVA_VAR/run/bench-echo.sock" 2>>"$RL/errors" &
RL_ECHO_PID=$!
for _i in $(seq 50); do [ -S "$VIVA_VAR/run/bench-echo.sock" ] && break; sleep 0.1; done

rl_run() {
	build/bench/relay_load --mode "$1" --sessions "$RL_N" --seconds "$RL_S" \
	    --nginx-port "$VIVA_PORT" --echo-sock none --interviews "$RL_IVS" --key "$RL_KEY" \
	    --worker-pid "$(cat "$VIVA_VAR/run/viva-worker.pid")" 2>>"$RL/errors"
}

# The worker's own relay histogram (read to written, per message), cumulative.
rl_hist() {
	curl -s "http://127.0.0.1:$VIVA_WORKER_PORT/metrics" |
	    sed -n 's/^viva_worker_relay_seconds_bucket{le="\([^"]*\)"} \([0-9]*\)$/\1 \2/p'
}
# The bucket bound (ms) under which a share q of the messages between two
# snapshots fell: the worker's own part of the added latency.
rl_hist_q() {
	paste -d' ' "$1" "$2" | awk -v q="$3" '
		{ le[NR] = $1; n[NR] = $4 - $2 }
		END { for (i = 1; i <= NR; i++) if (n[i] >= q * n[NR]) {
			print (le[i] == "+Inf" ? "inf" : le[i] * 1000); exit } }'
}
# Busy share of all CPUs (100 = every core) between two /proc/stat snapshots.
rl_cpu() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat; }

iv_say "relay: $RL_N sessions x ${RL_S}s, $RL_ROUNDS rounds; load average $(cut -d' ' -f1-3 /proc/loadavg)"
RL_RSS0=$(awk '/^VmRSS:/ { print $2 }' "/proc/$(cat "$VIVA_VAR/run/viva-worker.pid")/status")
: >"$RL/direct"
: >"$RL/worker"
: >"$RL/wp50"
: >"$RL/wp99"
: >"$RL/busy"
for _i in $(seq "$RL_ROUNDS"); do
	rl_run direct >>"$RL/direct"
	rl_hist >"$RL/hist0"
	_c0=$(rl_cpu)
	rl_run worker >>"$RL/worker"
	_c1=$(rl_cpu)
	rl_hist >"$RL/hist1"
	echo "$_c0 $_c1" | awk '{ b = $3 - $1; i = $4 - $2; print 100 * b / (b + i) }' >>"$RL/busy"
	rl_hist_q "$RL/hist0" "$RL/hist1" 0.5 >>"$RL/wp50"
	rl_hist_q "$RL/hist0" "$RL/hist1" 0.99 >>"$RL/wp99"
done
kill "$RL_ECHO_PID" 2>/dev/null
_col() { cut -d' ' -f"$1" "$2" | median; }
# in_worker_*: the worker's own histogram (bucket bounds, ms); machine_busy_pct:
# all cores during the worker runs (100 = the machine saturated, so time queues
# in every process, not only the worker).
printf 'BENCH relay sessions=%d p50_added_ms=%.3f p99_added_ms=%.3f cpu_pct=%.1f cpu_us_per_frame=%.1f kib_per_session=%.1f direct_p50_ms=%.3f worker_p50_ms=%.3f direct_p99_ms=%.3f worker_p99_ms=%.3f frames=%d in_worker_p50_le_ms=%s in_worker_p99_le_ms=%s machine_busy_pct=%.0f\n' \
	"$RL_N" \
	"$(echo "$(_col 1 "$RL/worker") $(_col 1 "$RL/direct")" | awk '{ print ($1 - $2) / 1000 }')" \
	"$(echo "$(_col 2 "$RL/worker") $(_col 2 "$RL/direct")" | awk '{ print ($1 - $2) / 1000 }')" \
	"$(_col 4 "$RL/worker")" \
	"$(echo "$(_col 4 "$RL/worker") $(_col 3 "$RL/worker") $RL_S" | awk '{ print $1 * $3 * 10000 / $2 }')" \
	"$(echo "$(_col 5 "$RL/worker") $RL_RSS0 $RL_N" | awk '{ print ($1 - $2) / $3 }')" \
	"$(echo "$(_col 1 "$RL/direct")" | awk '{ print $1 / 1000 }')" \
	"$(echo "$(_col 1 "$RL/worker")" | awk '{ print $1 / 1000 }')" \
	"$(echo "$(_col 2 "$RL/direct")" | awk '{ print $1 / 1000 }')" \
	"$(echo "$(_col 2 "$RL/worker")" | awk '{ print $1 / 1000 }')" \
	"$(_col 3 "$RL/worker")" "$(median <"$RL/wp50")" "$(median <"$RL/wp99")" \
	"$(median <"$RL/busy")"
[ -s "$RL/errors" ] && sort "$RL/errors" | uniq -c | sort -rn | head -n 5 | sed 's/^/bench: relay: /' >&2
