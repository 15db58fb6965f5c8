# adaptive.sh: the adaptive interview's answer under the builtin evaluator.  Sourced by
# bench/run.sh after interviews.sh, whose stack, admin session (IV_COOKIE), log (IV_LOG)
# and helpers (iv_say, iv_pct) it uses.  Prints, measured in this run:
#   BENCH adaptive_answer p50_ms=<> p99_ms=<> engine_ns=<> n=<>
#	p50/p99: the server's own time per answered question (POST /c/answer: score,
#	engine, next question, under the row lock), from the "ms" of the app's request
#	log; ADAPTIVE_N interviews of 12 questions each, answered one after the other.
#	With the builtin evaluator there is no provider time to take out.
#	engine_ns: engine_answer() alone, in a loop (bench/engine_bench.c), median of 5.
AD_N=${ADAPTIVE_N:-25}
AD=$VIVA_VAR/adaptive
mkdir -p "$AD" build/bench
AD_ANSWER='I would start with a small example, because it shows the idea: for example a list comprehension, then a generator, and finally a test with pytest.'

# shellcheck disable=SC2046
cc -std=c11 -D_GNU_SOURCE -O2 -Isrc $(pkg-config --cflags json-c) -o build/bench/engine_bench \
    bench/engine_bench.c src/core/engine.c src/core/engine_json.c src/lib/status.c \
    $(pkg-config --libs json-c)
AD_ENGINE=$(build/bench/engine_bench | sed -n 's/^engine_ns=//p')

csrf_of() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1; }

# One interview: the admin creates it, a candidate answers until the end.
ad_interview() {
	_csrf=$(curl -s -H "$IV_COOKIE" "$BASE/admin/adaptive/new" | csrf_of)
	_tok=$(curl -s -H "$IV_COOKIE" --data-urlencode "csrf=$_csrf" \
	    -d "candidate_name=Bench&candidate_email=b%40x.test&role=python" \
	    -d "min_questions=12&max_questions=12&minutes=0&question_source=bank" \
	    -d "model=builtin&expiry_days=7" "$BASE/admin/adaptive" |
	    sed -n 's|.*/i/\([A-Za-z0-9_-]*\)<.*|\1|p' | head -n 1)
	_jar=$AD/jar
	rm -f "$_jar"
	curl -s -o /dev/null -c "$_jar" "$BASE/i/$_tok"
	_csrf=$(curl -s -b "$_jar" "$BASE/c" | csrf_of)
	curl -s -o /dev/null -b "$_jar" --data-urlencode "csrf=$_csrf" "$BASE/c/start"
	while :; do
		_page=$(curl -s -b "$_jar" "$BASE/c")
		_n=$(echo "$_page" | sed -n 's/.*name="n" value="\([0-9]*\)".*/\1/p' | head -n 1)
		[ -n "$_n" ] || break
		_csrf=$(echo "$_page" | csrf_of)
		curl -s -o /dev/null -b "$_jar" --data-urlencode "csrf=$_csrf" -d "n=$_n" \
		    --data-urlencode "answer=$AD_ANSWER" "$BASE/c/answer"
	done
}

AD_LINES=$(wc -l <"$IV_LOG")
iv_say "adaptive: $AD_N interviews of 12 answers"
i=1
while [ "$i" -le "$AD_N" ]; do
	ad_interview
	i=$((i + 1))
done
tail -n +"$((AD_LINES + 1))" "$IV_LOG" | grep '"route":"POST /c/answer","status":303,' |
    sed 's/.*"ms":\([0-9.e+-]*\).*/\1/' >"$AD/srv_ms"
printf 'BENCH adaptive_answer p50_ms=%.2f p99_ms=%.2f engine_ns=%s n=%d\n' \
	"$(iv_pct 50 <"$AD/srv_ms")" "$(iv_pct 99 <"$AD/srv_ms")" "$AD_ENGINE" \
	"$(wc -l <"$AD/srv_ms")"
