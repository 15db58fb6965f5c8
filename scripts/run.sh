#!/bin/bash
# run.sh: start the local stack (PostgreSQL under var/, viva.fcgi, viva-worker, nginx, the
# jobs loop) and print the admin URL.
# Options: --no-admin (no first admin and no jobs loop: the tests make their own users and
# run the jobs when they mean to).
set -eu
. "$(dirname "$0")/stack.sh"

make_admin=1
[ "${1:-}" = "--no-admin" ] && make_admin=0
[ -x "$PGBIN/initdb" ] || die "PostgreSQL server binaries not found; run: make deps"
mkdir -p "$VAR/run" "$VAR/log" "$VAR/nginx" "$VAR/bench" "$VAR/storage"

start_postgres() {
	local dir sock
	dir=$(pg_dir)
	sock=$dir/socket
	if [ ! -f "$dir/PG_VERSION" ]; then
		mkdir -p "$dir"
		is_root && chown postgres: "$dir" && chmod 700 "$dir"
		as_pg "$PGBIN/initdb" -D "$dir/data" -U viva -A trust -E UTF8 \
			--locale=C.UTF-8 >"$VAR/log/initdb.log" 2>&1 ||
			die "initdb failed; see $VAR/log/initdb.log"
		as_pg mkdir -p "$sock"
		cat <<-CONF | as_pg tee -a "$dir/data/postgresql.conf" >/dev/null
		# viva: local development and tests: unix socket only
		listen_addresses = ''
		unix_socket_directories = '$sock'
		fsync = ${VIVA_PG_FSYNC:-on}
		CONF
		as_pg touch "$dir/PG_VERSION"
		[ "$dir" = "$VAR/pg" ] || ln -sfn "$dir" "$VAR/pg"
	fi
	if ! as_pg "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 start \
			>/dev/null || die "PostgreSQL did not start; see $dir/postgres.log"
	fi
	DBURL="host=$sock dbname=viva user=viva"
	as_pg "$PGBIN/psql" -h "$sock" -U viva -d postgres -Atqc \
		"SELECT 1 FROM pg_database WHERE datname = 'viva'" | grep -q 1 ||
		as_pg "$PGBIN/createdb" -h "$sock" -U viva viva
}

# The key viva.fcgi signs realtime tickets with and viva-worker checks them with:
# made once, kept in var/ like the database, never printed.
ticket_key() {
	local f=$VAR/ticket.key
	if [ ! -s "$f" ]; then
		(umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$f.tmp") &&
			mv -f "$f.tmp" "$f"
	fi
	cat "$f"
}

# The key recordings are encrypted with at rest: made once like the ticket key.
# Losing it loses every encrypted recording, so it is never replaced here.
recording_key() {
	local f=$VAR/recording.key
	if [ ! -s "$f" ]; then
		(umask 077; od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$f.tmp") &&
			mv -f "$f.tmp" "$f"
	fi
	cat "$f"
}

write_config() {
	(umask 077; cat >"$CONF" <<-CONF
	# Written by scripts/run.sh for the local stack.
	database_url = $DBURL
	socket = $VAR/run/viva.sock
	base_url = http://127.0.0.1:$PORT
	share_dir = $ROOT
	storage_dir = $VAR/storage
	${VIVA_WORKERS:+workers = $VIVA_WORKERS}
	worker_port = $WORKER_PORT
	ticket_key = $(ticket_key)
	recording_key = $(recording_key)
	CONF
	)
}

start_app() {
	alive "$VAR/run/viva-fcgi.pid" && return 0
	rm -f "$VAR/run/viva.sock"
	setsid "$FCGI" --config "$CONF" --listen --pidfile "$VAR/run/viva-fcgi.pid" \
		</dev/null >>"$VAR/log/viva-fcgi.log" 2>&1 &
	for _ in $(seq 100); do
		[ -S "$VAR/run/viva.sock" ] && return 0
		sleep 0.1
	done
	die "viva.fcgi did not start; see $VAR/log/viva-fcgi.log"
}

# viva-worker: the realtime relay on 127.0.0.1:$WORKER_PORT (nginx proxies /rt/ to it).
# Ahead of the rest for the CPU, as systemd/viva-worker.service puts it (Nice=-10): a
# frame late is audio lost, a page late is a page late.  Only root may; others run it
# at their own priority.
start_worker() {
	alive "$VAR/run/viva-worker.pid" && return 0
	port_busy "$WORKER_PORT" && die "port $WORKER_PORT is in use; choose another with VIVA_WORKER_PORT=..."
	ahead=""
	[ "$(id -u)" = 0 ] && ahead="nice -n -10"
	setsid $ahead "$WORKER" --config "$CONF" --pidfile "$VAR/run/viva-worker.pid" \
		${VIVA_WORKER_PING_SECS:+--ping-secs $VIVA_WORKER_PING_SECS} \
		${VIVA_WORKER_STALL_SECS:+--stall-secs $VIVA_WORKER_STALL_SECS} \
		</dev/null >>"$VAR/log/viva-worker.log" 2>&1 &
	for _ in $(seq 100); do
		port_busy "$WORKER_PORT" && [ -s "$VAR/run/viva-worker.pid" ] && return 0
		sleep 0.1
	done
	die "viva-worker did not start; see $VAR/log/viva-worker.log"
}

# viva jobs run, as the production timer does: now, then every VIVA_JOBS_SECS
# (900).  Only for `make run`; the tests and benchmarks run it themselves.
start_jobs() {
	alive "$VAR/run/viva-jobs.pid" && return 0
	setsid bash -c 'while :; do "$1" --config "$2" jobs run; sleep "$3"; done' \
		viva-jobs "$VIVA" "$CONF" "${VIVA_JOBS_SECS:-900}" \
		</dev/null >>"$VAR/log/viva-jobs.log" 2>&1 &
	echo $! >"$VAR/run/viva-jobs.pid"
}

start_nginx() {
	local user_line=""
	alive "$VAR/nginx/nginx.pid" && return 0
	port_busy "$PORT" && die "port $PORT is in use; choose another with VIVA_PORT=..."
	is_root && user_line="user root;"
	sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" \
		-e "s|@WORKER_PORT@|$WORKER_PORT|g" -e "s|@USER_LINE@|$user_line|" \
		-e "s|@BENCH_ECHO_PORT@|${VIVA_BENCH_ECHO_PORT:-9}|g" \
		"$ROOT/nginx/dev.conf.in" >"$VAR/nginx/nginx.conf"
	nginx -p "$VAR/nginx" -c "$VAR/nginx/nginx.conf" -e "$VAR/log/nginx-error.log" ||
		die "nginx did not start; see $VAR/log/nginx-error.log"
}

start_postgres
write_config
"$VIVA" --config "$CONF" migrate >"$VAR/log/migrate.log" 2>&1 ||
	{ cat "$VAR/log/migrate.log" >&2; die "migration failed"; }
start_app
start_worker
start_nginx

if [ "$make_admin" = 1 ]; then
	start_jobs
	echo "viva is running at http://127.0.0.1:$PORT/"
	"$VIVA" --config "$CONF" user add --first --org "${VIVA_ORG:-My organisation}" \
		--email "${VIVA_ADMIN_EMAIL:-admin@example.com}" --name Admin
	echo "Forgot the password? bin/viva --config $CONF user password --email EMAIL"
	echo "Stop it with: make stop. Logs are in $VAR/log/."
fi
