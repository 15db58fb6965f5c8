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
VIVA_PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
VIVA_WORKER_PORT=$((VIVA_PORT + 1))
export VIVA_VAR VIVA_PORT VIVA_WORKER_PORT
cleanup() {
	bash scripts/stop.sh >/dev/null 2>&1
	bash -c '. scripts/stack.sh; rm -rf "$(pg_dir)" "$VAR"'
}
start() {
	bash scripts/stop.sh >/dev/null 2>&1
	bash scripts/run.sh --no-admin >/dev/null || { echo "bench: the stack did not start" >&2; exit 1; }
}
BASE="http://127.0.0.1:$VIVA_PORT"
NCPU=$(nproc)
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
# interviews.sh: the interview pages under load.  Sourced by bench/run.sh (POSIX sh: make
# runs it with sh), whose start, median, BASE, VIVA_VAR, ROUNDS, SECONDS_EACH and CONNS it
# uses.  Prints, each measured in this run on the default pool, medians of ROUNDS:
#   BENCH candidate_page ratio=<> p50_ms=<> p99_ms=<> ...
#	GET /c with the candidate's cookie, an interview with 40 messages (bench/seed.sql),
#	against nginx serving a static file of the same size; wrk, CONNS connections.
#   BENCH send_overhead p50_ms=<> p99_ms=<> ...
#	POST /c/messages with the offline assistant, which answers at once: the server's own
#	time per message, from the "ms" of the app's request log lines (curl's view beside
#	it).  SEND_N messages a round, one after the other, one per interview (the rate
#	limit is per interview), each interview with SEND_HISTORY messages already; the
#	CSRF token comes from GET /c each time, as a browser gets it.
#   BENCH dashboard p50_ms=<> p99_ms=<> ...
#	GET /admin/interviews signed in as an admin, 10,000 interviews in the org; wrk, 8
#	connections.
# Settings: BENCH_SEND_N (300), BENCH_SEND_HISTORY (10), BENCH_DASH_CONNECTIONS (8).
# Progress goes to stderr; only the BENCH lines to stdout.

IV_SEND_N=${BENCH_SEND_N:-300}
IV_SEND_HISTORY=${BENCH_SEND_HISTORY:-10}
IV_DASH_CONNS=${BENCH_DASH_CONNECTIONS:-8}
IV=$VIVA_VAR/iv

iv_say() { echo "bench: $*" >&2; }

# The stack's settings (PGBIN, CONF, VIVA, VAR, pg_dir) stay in a subshell.
iv_psql() {
	(. scripts/stack.sh; "$PGBIN/psql" -h "$(pg_dir)/socket" -U viva -d viva -X -q -At \
	    -v ON_ERROR_STOP=1 "$@")
}
iv_viva() { (. scripts/stack.sh; "$VIVA" --config "$CONF" "$@"); }
iv_workers() { (. scripts/stack.sh; ps -o pid= --ppid "$(cat "$VAR/run/viva-fcgi.pid")" | wc -l); }

# iv_wrk CONNS URL [wrk options]: prints "rps p50_ms p99_ms non2xx".
iv_wrk() {
	_c=$1
	_u=$2
	shift 2
	wrk -t2 -c"$_c" -d"${SECONDS_EACH}s" --latency "$@" "$_u" 2>&1 | awk '
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
		END { if (bad > 0) rps = 0; printf "%s %s %s %d\n", rps, p50, p99, bad }'
}

# iv_pct P < numbers: the P-th percentile (nearest rank).
iv_pct() {
	sort -g | awk -v p="$1" '{ v[NR] = $1 } END {
		if (NR == 0) { print 0; exit }
		r = int(NR * p / 100 + 0.999999); if (r < 1) r = 1; print v[r] }'
}

iv_col() { cut -d' ' -f"$1" "$2" | median; }

iv_token() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

# --- the stack and the data ------------------------------------------------------------
IV_T0=$(date +%s)
iv_say "interview pages; load average $(cut -d' ' -f1-3 /proc/loadavg)"
unset VIVA_WORKERS
start
IV_WORKERS=$(iv_workers)
mkdir -p "$IV/tok"
IV_EMAIL=bench-admin@example.com
IV_PW=$(iv_viva user add --org "Bench dashboard" --email "$IV_EMAIL" --name Bench \
    --role admin 2>&1 | sed -n 's/.*password: //p')
[ -n "$IV_PW" ] || iv_say "could not add the admin"
IV_ORG=$(iv_psql -c "SELECT org_id FROM users WHERE email = '$IV_EMAIL'")

# Candidate sessions: the cookie value is ours, the database keeps its BLAKE2b-256.
IV_PAGE_TOK=$(iv_token)
IV_PREFIX=$(iv_token)
IV_TOTAL=$((ROUNDS * IV_SEND_N))
printf '%s' "$IV_PAGE_TOK" >"$IV/tok/page"
i=1
while [ "$i" -le "$IV_TOTAL" ]; do
	printf '%s-%d' "$IV_PREFIX" "$i" >"$IV/tok/$i"
	i=$((i + 1))
done
IV_PAGE_HASH=$(b2sum -l 256 "$IV/tok/page" | cut -d' ' -f1)
iv_say "seeding: 10,000 interviews, a 40-message one, $IV_TOTAL to send to"
{
	echo "CREATE TEMP TABLE send_tok (i int, hash text);"
	echo "COPY send_tok FROM STDIN;"
	(cd "$IV/tok" && find . -name '[0-9]*' | sed 's|^\./||' | xargs b2sum -l 256) |
	    awk '{ printf "%s\t%s\n", $2, $1 }'
	echo '\.'
	cat bench/seed.sql
} | iv_psql -v dash_org="$IV_ORG" -v page_hash="$IV_PAGE_HASH" \
    -v page_csrf="$(iv_token)$(iv_token)" -v send_history="$IV_SEND_HISTORY" -f - >/dev/null ||
	iv_say "seeding failed"

# --- the candidate page --------------------------------------------------------------------
IV_COOKIE="Cookie: viva_candidate=$IV_PAGE_TOK"
IV_CODE=$(curl -s -o "$IV/page.html" -w '%{http_code}' -H "$IV_COOKIE" "$BASE/c")
# Every message's first words, once per message: the page must show all 40.
iv_psql -c "SELECT left(m.content, 20) FROM messages m JOIN candidate_sessions s
    ON s.interview_id = m.interview_id WHERE s.token_hash = '$IV_PAGE_HASH'" |
    sort -u >"$IV/starts"
IV_SHOWN=$(grep -o -F -f "$IV/starts" "$IV/page.html" | wc -l)
[ "$IV_CODE" = 200 ] && [ "$IV_SHOWN" -eq 40 ] ||
	iv_say "candidate page: status $IV_CODE, $IV_SHOWN of 40 messages shown"
IV_SIZE=$(wc -c <"$IV/page.html")
echo "BASE=$BASE COOKIE=$IV_COOKIE VAR=$VIVA_VAR" > /tmp/prof/env
