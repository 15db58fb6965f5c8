# interviews.sh: the interview pages under load.  Sourced by bench/run.sh (POSIX sh: make
# runs it with sh), whose start, median, BASE, VIVA_VAR, ROUNDS, SECONDS_EACH and CONNS it
# uses.  Prints, each measured in this run on the default pool, medians of ROUNDS:
#   BENCH candidate_page ratio=<> p50_ms=<> p99_ms=<> ...
#	GET /c with the candidate's cookie, an interview with 40 messages (bench/seed.sql),
#	against nginx serving a static file of the same size; wrk, CONNS connections.
#   BENCH send_overhead p50_ms=<> p99_ms=<> ...
#	POST /c/messages to a model of the fake provider (tests/fakeai), which answers at
#	once: the server's own time per message, the "ms" of the app's request log line
#	minus its "provider_ms" (the time in the HTTP exchange with the provider, whose
#	median is printed as provider_p50_ms; curl's view of the whole beside it).  SEND_N
#	messages a round, one after the other, one per interview (the rate limit is per
#	interview), each interview with SEND_HISTORY messages already; the CSRF token comes
#	from GET /c each time, as a browser gets it.  Every message is worded for its
#	interview alone, so none was counted before (the tokenizer's memo), but the
#	challenge, which interviews share.
#   BENCH dashboard p50_ms=<> p99_ms=<> ... search_p50_ms=<> search_p99_ms=<>
#	GET /admin/interviews signed in as an admin, 10,000 interviews in the org; wrk, 8
#	connections.  search_*: the same list searched for a name none of them has
#	(every row a search could not rule out by index would be compared).
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
# The fake provider, for the sends; only this stack is pointed at it.
mkdir -p "$IV/tok"
node tests/fakeai/server.mjs --port 0 --quiet --portfile "$IV/fake.port" \
    --pidfile "$IV/fake.pid" &
i=0
while [ ! -s "$IV/fake.port" ] && [ "$i" -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
[ -s "$IV/fake.port" ] || iv_say "the fake provider did not start"
VIVA_AI_BASE_URL="http://127.0.0.1:$(cat "$IV/fake.port")/v1" VIVA_AI_API_KEY=bench start
IV_WORKERS=$(iv_workers)
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
    -v page_csrf="$(iv_token)$(iv_token)" -v send_history="$IV_SEND_HISTORY" \
    -v send_model=gpt-4o-mini -f - >/dev/null ||
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
head -c "$IV_SIZE" /dev/zero | tr '\0' 'x' >"$VIVA_VAR/bench/candidate_page.html"
iv_say "candidate page: $IV_SIZE bytes, $ROUNDS rounds"
: >"$IV/page_dyn"
: >"$IV/page_static"
i=1
while [ "$i" -le "$ROUNDS" ]; do
	iv_wrk "$CONNS" "$BASE/_bench/candidate_page.html" -H "$IV_COOKIE" >>"$IV/page_static"
	iv_wrk "$CONNS" "$BASE/c" -H "$IV_COOKIE" >>"$IV/page_dyn"
	i=$((i + 1))
done
IV_DYN=$(iv_col 1 "$IV/page_dyn")
IV_ST=$(iv_col 1 "$IV/page_static")
printf 'BENCH candidate_page ratio=%.2f p50_ms=%.2f p99_ms=%.2f rps=%.0f static_rps=%.0f static_p99_ms=%.2f bytes=%d messages=%d workers=%d\n' \
	"$(echo "$IV_DYN $IV_ST" | awk '{ print ($2 > 0) ? $1 / $2 : 0 }')" \
	"$(iv_col 2 "$IV/page_dyn")" "$(iv_col 3 "$IV/page_dyn")" "$IV_DYN" "$IV_ST" \
	"$(iv_col 3 "$IV/page_static")" "$IV_SIZE" "$IV_SHOWN" "$IV_WORKERS"

# --- sending a message ---------------------------------------------------------------------
IV_LOG=$VIVA_VAR/log/viva-fcgi.log
IV_MSG='Thanks, that helps. One more thing: if two meetings have the same start, for example [[10, 20], [10, 50]], does my loop keep the longer one? I compare s <= last[1] && take max(last[1], e), so I think so, but I would like to double-check before I write the final answer.'
: >"$IV/send_srv"
: >"$IV/send_curl"
IV_BAD=0
r=1
while [ "$r" -le "$ROUNDS" ]; do
	iv_say "send: round $r of $ROUNDS, $IV_SEND_N messages"
	IV_LINES=$(wc -l <"$IV_LOG")
	: >"$IV/curl_round"
	j=1
	while [ "$j" -le "$IV_SEND_N" ]; do
		c="Cookie: viva_candidate=$IV_PREFIX-$(((r - 1) * IV_SEND_N + j))"
		csrf=$(curl -s -H "$c" "$BASE/c" |
		    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
		curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "$c" \
		    --data-urlencode "csrf=$csrf" --data-urlencode "message=$IV_MSG ($r.$j)" \
		    "$BASE/c/messages" >>"$IV/curl_round"
		j=$((j + 1))
	done
	IV_BAD=$((IV_BAD + $(grep -vc '^303 ' "$IV/curl_round")))
	awk '$1 == 303 { print $2 * 1000 }' "$IV/curl_round" >"$IV/curl_ms"
	# ms minus provider_ms of each line; provider_ms alone beside it.
	tail -n +"$((IV_LINES + 1))" "$IV_LOG" |
	    grep '"route":"POST /c/messages","status":303,' |
	    sed 's/.*"ms":\([0-9.e+-]*\).*"provider_ms":\([0-9.e+-]*\).*/\1 \2/' |
	    awk 'NF == 2 { print $1 - $2 > "'"$IV/prov_ms"'"; print $2 > "'"$IV/prov_only"'" }'
	mv "$IV/prov_ms" "$IV/srv_ms"
	echo "$(iv_pct 50 <"$IV/srv_ms") $(iv_pct 99 <"$IV/srv_ms") $(wc -l <"$IV/srv_ms")" \
	    "$(iv_pct 50 <"$IV/prov_only")" >>"$IV/send_srv"
	echo "$(iv_pct 50 <"$IV/curl_ms") $(iv_pct 99 <"$IV/curl_ms")" >>"$IV/send_curl"
	r=$((r + 1))
done
[ "$IV_BAD" -eq 0 ] || iv_say "send: $IV_BAD messages were not accepted (not 303)"
printf 'BENCH send_overhead p50_ms=%.2f p99_ms=%.2f provider_p50_ms=%.2f curl_p50_ms=%.2f curl_p99_ms=%.2f n=%d history=%d\n' \
	"$(iv_col 1 "$IV/send_srv")" "$(iv_col 2 "$IV/send_srv")" "$(iv_col 4 "$IV/send_srv")" \
	"$(iv_col 1 "$IV/send_curl")" "$(iv_col 2 "$IV/send_curl")" \
	"$(iv_col 3 "$IV/send_srv")" "$IV_SEND_HISTORY"

# --- the dashboard -------------------------------------------------------------------------
IV_JAR=$IV/jar
IV_CSRF=$(curl -s -c "$IV_JAR" "$BASE/login" |
    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
IV_CODE=$(curl -s -o /dev/null -w '%{http_code}' -b "$IV_JAR" -c "$IV_JAR" \
    --data-urlencode "csrf=$IV_CSRF" --data-urlencode "email=$IV_EMAIL" \
    --data-urlencode "password=$IV_PW" "$BASE/login")
IV_SESSION=$(awk '$6 == "viva_session" { print $7 }' "$IV_JAR")
IV_COOKIE="Cookie: viva_session=$IV_SESSION"
IV_CODE=$IV_CODE/$(curl -s -o "$IV/dash.html" -w '%{http_code}' -H "$IV_COOKIE" \
    "$BASE/admin/interviews")
grep -q 'page=2' "$IV/dash.html" && [ "$IV_CODE" = 303/200 ] ||
	iv_say "dashboard: sign-in/page status $IV_CODE, no link to page 2"
iv_say "dashboard: $(wc -c <"$IV/dash.html") bytes, $ROUNDS rounds"
: >"$IV/dash"
: >"$IV/search"
IV_SEARCH="$BASE/admin/interviews?q=Nobody+Hasthisname&refresh=0"
curl -s -H "$IV_COOKIE" "$IV_SEARCH" | grep -q 'No interviews match' ||
	iv_say "dashboard: the search did not say that no interview matches"
i=1
while [ "$i" -le "$ROUNDS" ]; do
	iv_wrk "$IV_DASH_CONNS" "$BASE/admin/interviews" -H "$IV_COOKIE" >>"$IV/dash"
	iv_wrk "$IV_DASH_CONNS" "$IV_SEARCH" -H "$IV_COOKIE" >>"$IV/search"
	i=$((i + 1))
done
printf 'BENCH dashboard p50_ms=%.2f p99_ms=%.2f rps=%.0f interviews=%d connections=%d search_p50_ms=%.2f search_p99_ms=%.2f\n' \
	"$(iv_col 2 "$IV/dash")" "$(iv_col 3 "$IV/dash")" "$(iv_col 1 "$IV/dash")" \
	"$(iv_psql -c "SELECT count(*) FROM interviews WHERE org_id = $IV_ORG")" "$IV_DASH_CONNS" \
	"$(iv_col 2 "$IV/search")" "$(iv_col 3 "$IV/search")"
kill "$(cat "$IV/fake.pid")" 2>/dev/null
iv_say "interview pages: $(($(date +%s) - IV_T0)) s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
