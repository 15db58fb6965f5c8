#!/bin/bash
# stop.sh: stop the jobs loop, nginx, viva.fcgi, viva-worker and PostgreSQL of the local stack;
# the data stays in var/.
set -u
. "$(dirname "$0")/stack.sh"

stop_pid() {
	local f=$1 pid
	alive "$f" || return 0
	pid=$(cat "$f")
	kill "$pid" 2>/dev/null
	for _ in $(seq 50); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -9 "$pid" 2>/dev/null
	rm -f "$f"
}

# The jobs loop is a process group (setsid): its sleep goes with it.
if alive "$VAR/run/viva-jobs.pid"; then
	kill -- "-$(cat "$VAR/run/viva-jobs.pid")" 2>/dev/null
	rm -f "$VAR/run/viva-jobs.pid"
fi
stop_pid "$VAR/nginx/nginx.pid"
# An upload cut by the stop leaves its part in nginx's temp folder.
find "$VAR/nginx/upload" -type f -delete 2>/dev/null
stop_pid "$VAR/run/viva-fcgi.pid"
stop_pid "$VAR/run/viva-worker.pid"
dir=$(pg_dir)
if [ -d "$dir/data" ]; then
	as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
fi
echo "viva: stopped"
