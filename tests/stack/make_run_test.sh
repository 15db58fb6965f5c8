#!/bin/bash
# make_run_test.sh: what `make run` and `make stop` do for a new user, on a throwaway var/ and
# free ports: the first run prints the URL and a first admin who can sign in; the jobs loop
# runs `viva jobs run` at once and then every VIVA_JOBS_SECS; a second run keeps the data and
# makes no second admin; stop leaves no process behind.  Prints "ok ..." / "not ok ..." lines.
cd "$(dirname "$0")/../.." || exit 1
VIVA_VAR=$(mktemp -d /tmp/viva-makerun.XXXXXX)
chmod 755 "$VIVA_VAR"
VIVA_PORT=$(node tests/free-port.mjs) || { echo "not ok make run: no free port"; exit 1; }
VIVA_WORKER_PORT=$((VIVA_PORT + 1))
VIVA_JOBS_SECS=1
export VIVA_VAR VIVA_PORT VIVA_WORKER_PORT VIVA_JOBS_SECS
BASE=http://127.0.0.1:$VIVA_PORT
JAR=$VIVA_VAR/jar
rc=0

cleanup() {
	bash scripts/stop.sh >/dev/null 2>&1
	bash -c '. scripts/stack.sh; rm -rf "$(pg_dir)" "$VAR"'
}
trap cleanup EXIT

check() {	# check NAME COMMAND...: runs the command; ok when it succeeds
	local name=$1
	shift
	if "$@"; then
		echo "ok make run: $name"
	else
		echo "not ok make run: $name"
		rc=1
	fi
}

# signs_in PASSWORD: the first admin signs in and reaches the admin home.
signs_in() {
	local csrf
	rm -f "$JAR"
	csrf=$(curl -s -c "$JAR" "$BASE/login" |
	    sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
	[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -b "$JAR" -c "$JAR" \
	    --data-urlencode "csrf=$csrf" --data-urlencode "email=admin@example.com" \
	    --data-urlencode "password=$1" "$BASE/login")" = "303 $BASE/admin" ] &&
	    curl -s -b "$JAR" "$BASE/admin" | grep -q 'Sign out'
}

# jobs_ran N: the jobs loop has run `viva jobs run` N times (waits up to 10 s).
jobs_ran() {
	local i
	for i in $(seq 100); do
		[ "$(grep -c '^reservations: ' "$VIVA_VAR/log/viva-jobs.log" 2>/dev/null)" -ge "$1" ] &&
			return 0
		sleep 0.1
	done
	return 1
}

# leftovers: the processes still running from this var/.
leftovers() { pgrep -f -- "$VIVA_VAR" | grep -v "^$$\$"; }

first=$(bash scripts/run.sh 2>&1)
pw=$(echo "$first" | sed -n 's/^password: *//p')
check "the first run prints the URL" grep -q "viva is running at $BASE/" <<<"$first"
check "the first run prints the first admin's email and password" \
	test -n "$pw" -a -n "$(echo "$first" | grep '^email: *admin@example.com')"
check "the first admin signs in with that password" signs_in "$pw"
check "viva jobs run runs at once, then again after VIVA_JOBS_SECS" jobs_ran 2
check "the jobs loop sweeps retention, held tokens and transcripts" \
	grep -q '^transcripts: 0 transcribed' "$VIVA_VAR/log/viva-jobs.log"

# An upload still arriving when the stack stops: nginx's part of it goes too.
head -c 3000000 /dev/urandom >"$VIVA_VAR/big.bin"
curl -s -o /dev/null --limit-rate 300k -F "audio=@$VIVA_VAR/big.bin" \
    "$BASE/c/answer/voice" &
for _ in $(seq 30); do
	[ -n "$(find "$VIVA_VAR/nginx/upload" -type f 2>/dev/null)" ] && break
	sleep 0.1
done
check "an upload in progress is in nginx's temp folder" \
	test -n "$(find "$VIVA_VAR/nginx/upload" -type f)"
bash scripts/stop.sh >/dev/null 2>&1
wait
check "make stop leaves no process behind" test -z "$(leftovers)"
check "make stop leaves no part of an upload behind" \
	test -z "$(find "$VIVA_VAR/nginx/upload" -type f)"

second=$(bash scripts/run.sh 2>&1)
check "a second run makes no second admin" test -z "$(echo "$second" | grep '^password:')"
check "a second run keeps the data: the same password signs in" signs_in "$pw"
exit $rc
