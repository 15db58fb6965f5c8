#!/bin/sh
# run.sh: headless Chromium against a throwaway stack; prints "ok ..." / "not ok ..." lines.
cd "$(dirname "$0")/../.." || exit 1
[ -d tests/e2e/node_modules/playwright-core ] && [ -d tests/e2e/node_modules/html-validate ] ||
	(cd tests/e2e && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
	{ echo "not ok e2e: npm ci failed"; exit 1; }
VIVA_VAR=$(mktemp -d /tmp/viva-e2e.XXXXXX)
chmod 755 "$VIVA_VAR"
VIVA_PORT=$(node tests/free-port.mjs)
VIVA_WORKER_PORT=$((VIVA_PORT + 1))
export VIVA_VAR VIVA_PORT VIVA_WORKER_PORT
stop() {
	[ -f "$VIVA_VAR/fakeai.pid" ] && kill "$(cat "$VIVA_VAR/fakeai.pid")" 2>/dev/null
	bash scripts/stop.sh >/dev/null 2>&1
	bash -c '. scripts/stack.sh; rm -rf "$(pg_dir)" "$VAR"'
}
trap stop EXIT
# The fake AI provider on loopback, for replies that stream.
node tests/fakeai/server.mjs --port 0 --quiet --pidfile "$VIVA_VAR/fakeai.pid" \
	--portfile "$VIVA_VAR/fakeai.port" &
for _ in $(seq 50); do [ -s "$VIVA_VAR/fakeai.port" ] && break; sleep 0.1; done
[ -s "$VIVA_VAR/fakeai.port" ] || { echo "not ok e2e: the fake provider did not start"; exit 1; }
VIVA_FAKEAI="http://127.0.0.1:$(cat "$VIVA_VAR/fakeai.port")"
export VIVA_FAKEAI VIVA_AI_BASE_URL="$VIVA_FAKEAI/v1" VIVA_AI_API_KEY=e2e-key \
	VIVA_AI_MODELS=gpt-4o-mini
if ! bash scripts/run.sh --no-admin >/dev/null 2>"$VIVA_VAR/run.err"; then
	echo "not ok e2e: the stack did not start"
	cat "$VIVA_VAR/run.err"
	exit 1
fi
. scripts/stack.sh
# Sourced from here, stack.sh takes its ROOT from this script's $0 (tests/): name viva here.
VIVA=${VIVA_BIN_DIR:+$VIVA_BIN_DIR/viva}
VIVA=${VIVA:-$PWD/bin/viva}
PASSWORD=$("$VIVA" --config "$CONF" user add --org "E2E Org" --email e2e@example.com --role admin \
	--name "E2E Admin" | sed -n 's/^password: //p')
export VIVA_BASE="http://127.0.0.1:$VIVA_PORT" VIVA_EMAIL=e2e@example.com VIVA_PASSWORD="$PASSWORD"
mkdir -p tests/e2e/out
rc=0
# E2E_ONLY: a subset while working on one, tests/e2e/check.test.mjs or just "check live";
# all by default.
for t in ${E2E_ONLY:-tests/e2e/*.test.mjs}; do
	[ -f "$t" ] || t=tests/e2e/$t.test.mjs
	node "$t" || rc=1
done
exit $rc
