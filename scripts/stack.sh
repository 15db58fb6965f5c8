# stack.sh: shared by run.sh, stop.sh and the tests: where the local stack lives and how to drive it.
# Settings (environment): VIVA_VAR (default ./var), VIVA_PORT (8080), VIVA_WORKER_PORT
# (VIVA_PORT + 10: a second checkout on another VIVA_PORT does not collide),
# VIVA_WORKERS (pool size), VIVA_BIN_DIR (where viva and viva.fcgi are; default bin and cgi-bin).

ROOT=$(cd "$(dirname "$0")/.." && pwd)
VAR=${VIVA_VAR:-$ROOT/var}
mkdir -p "$VAR"
VAR=$(cd "$VAR" && pwd)
PORT=${VIVA_PORT:-8080}
WORKER_PORT=${VIVA_WORKER_PORT:-$((PORT + 10))}
VIVA=${VIVA_BIN_DIR:+$VIVA_BIN_DIR/viva}
VIVA=${VIVA:-$ROOT/bin/viva}
FCGI=${VIVA_BIN_DIR:+$VIVA_BIN_DIR/viva.fcgi}
FCGI=${FCGI:-$ROOT/cgi-bin/viva.fcgi}
WORKER=${VIVA_BIN_DIR:+$VIVA_BIN_DIR/viva-worker}
WORKER=${WORKER:-$ROOT/bin/viva-worker}
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
CONF=$VAR/viva.conf

die() { echo "viva: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
# From /: the postgres user may not be allowed into the current directory.
as_pg() {
	if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# The cluster's directory: var/pg, or (as root, when postgres cannot reach var/)
# a directory of postgres's own that var/pg points to.
pg_dir() {
	if ! is_root || runuser -u postgres -- test -x "$VAR" 2>/dev/null; then
		echo "$VAR/pg"
	else
		echo "/var/tmp/viva-pg-$(echo "$VAR" | cksum | cut -d' ' -f1)"
	fi
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

port_busy() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
