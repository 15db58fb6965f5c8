/* db.c: the PostgreSQL connection each process keeps, and queries through it. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_impl.h"
#include "log.h"

static void
quiet_notice(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;	/* NOTICEs from migrations ("already exists, skipping") are noise */
}

/*
 * Session settings: a new connection needs them again.  Generic plans from
 * the first execution: by default PostgreSQL plans a prepared statement
 * afresh for its first five runs in each session, which made the first
 * five messages a pool process took 2-3 ms slower.  The parameters here
 * are keys and filters whose best plan does not hang on their value; the
 * dashboard's listing and search measured as fast with generic plans.
 * No JIT: PostgreSQL compiles a statement it estimates as costly, which
 * over two years of an org's interviews was the org analytics' averages,
 * 680 of the page's 880 ms, compiling for 12,000 interviews what ran in
 * 120 ms; viva's statements are short, and none gains from it.  No
 * parallel workers either: the generic plan of the interviews list, its
 * estimate of the org's rows being a guess, started one for every page
 * (Gather Merge), and starting it was 8 of the page's 10 ms for a query
 * of 0.3; a pool of processes already shares the cores between requests.
 */
static void
session_settings(struct db *db)
{
	char		 sql[256];
	PGresult	*res;

	snprintf(sql, sizeof(sql), "SET plan_cache_mode = force_generic_plan;"
	    " SET jit = off; SET max_parallel_workers_per_gather = 0;"
	    " SET statement_timeout = %d", db->timeout_ms);
	res = PQexec(db->conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		log_error("database: %s", PQresultErrorMessage(res));
	PQclear(res);
}

/* Appends ", name value" to out (the first without its comma). */
static void
where_add(char *out, size_t sz, const char *name, const char *v)
{
	size_t	n = strlen(out);

	if (v == NULL || *v == '\0')
		return;
	/* A dbname that is itself a connection string may hold a password. */
	if (strchr(v, '=') != NULL || strstr(v, "://") != NULL)
		v = "(a connection string)";
	snprintf(out + n, sz - n, "%s%s %s", n > 0 ? ", " : "", name, v);
}

int
db_where(const char *conninfo, char *out, size_t sz)
{
	PQconninfoOption	*opts, *o;
	char			*err = NULL;

	*out = '\0';
	if ((opts = PQconninfoParse(conninfo, &err)) == NULL) {
		/* Not libpq's reason: it quotes the string, password too. */
		PQfreemem(err);
		snprintf(out, sz, "database_url is not a libpq connection"
		    " string (not shown: it may hold a password)");
		return -1;
	}
	for (o = opts; o->keyword != NULL; o++)
		if (strcmp(o->keyword, "host") == 0 ||
		    strcmp(o->keyword, "hostaddr") == 0 ||
		    strcmp(o->keyword, "port") == 0)
			where_add(out, sz, o->keyword, o->val);
	for (o = opts; o->keyword != NULL; o++)
		if (strcmp(o->keyword, "dbname") == 0)
			where_add(out, sz, "database", o->val);
	PQconninfoFree(opts);
	if (*out == '\0')
		snprintf(out, sz, "libpq's defaults");
	return 0;
}

const char *
db_why(const struct db *db, char *out, size_t sz)
{
	size_t	n;

	if (db->garbled) {
		snprintf(out, sz, "%s", db->where);
		return out;
	}
	snprintf(out, sz, "%s: %s", db->where, PQerrorMessage(db->conn));
	n = strlen(out);
	while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == ' '))
		out[--n] = '\0';
	return out;
}

enum status
db_connect_now(struct db *db)
{
	char	why[768];

	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = PQconnectdb(db->conninfo);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		log_error("database connection failed: %s",
		    db_why(db, why, sizeof(why)));
		return ST_UNAVAILABLE;
	}
	PQsetNoticeProcessor(db->conn, quiet_notice, NULL);
	session_settings(db);
	stmt_forget(&db->stmts);	/* a new session has none of them */
	if (db->ever_up)
		db->reconnects++;
	db->ever_up = 1;
	db->in_tx = 0;
	return ST_OK;
}

enum status
db_open(const char *conninfo, struct db **out)
{
	struct db	*db;

	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->conninfo = strdup(conninfo)) == NULL)
		abort();
	db->garbled = db_where(conninfo, db->where, sizeof(db->where)) != 0;
	*out = db;
	return db_connect_now(db);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	PQfinish(db->conn);
	stmt_forget(&db->stmts);
	db_deferred_drop(db);
	free(db->deferred);
	free(db->conninfo);
	free(db);
}

void
db_statement_timeout(struct db *db, int ms)
{
	db->timeout_ms = ms;
	if (PQstatus(db->conn) == CONNECTION_OK)
		session_settings(db);
}

unsigned long
db_reconnects(const struct db *db)
{
	return db->reconnects;
}

static void
res_free(void *arg)
{
	struct db_res	*r = arg;

	PQclear(r->res);
}

struct db_res *
db_res_keep(struct arena *a, PGresult *res)
{
	struct db_res	*r = arena_alloc(a, sizeof(*r));

	r->res = res;
	arena_defer(a, res_free, r);
	return r;
}

enum status
db_result_status(struct db *db, PGresult *res)
{
	const char	*state;

	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
		return ST_OK;
	default:
		break;
	}
	if (PQstatus(db->conn) != CONNECTION_OK) {
		log_error("database connection lost: %s", PQerrorMessage(db->conn));
		db->in_tx = 0;
		return ST_UNAVAILABLE;
	}
	state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (state != NULL && (strcmp(state, "23505") == 0 ||
	    strcmp(state, "23503") == 0 || strcmp(state, "40001") == 0))
		return ST_CONFLICT;
	if (state != NULL && strncmp(state, "57P", 3) == 0)
		return ST_UNAVAILABLE;	/* admin shutdown, crash recovery */
	if (state != NULL && strcmp(state, "57014") == 0) {
		/* Over statement_timeout (a held lock, a load spike): try again. */
		log_warn("query cancelled: %s", PQresultErrorMessage(res));
		return ST_UNAVAILABLE;
	}
	log_error("query failed: %s", PQresultErrorMessage(res));
	return ST_INTERNAL;
}

/* SQLSTATEs meaning the server no longer has, or can no longer use, a prepared statement. */
static int
stale_statement(const PGresult *res)
{
	const char	*state = PQresultErrorField(res, PG_DIAG_SQLSTATE);

	return state != NULL && (strcmp(state, "26000") == 0 ||	/* does not exist */
	    strcmp(state, "0A000") == 0);	/* cached plan must not change result type */
}

/*
 * A statement with parameters, prepared on first use.  One whose plan went stale
 * (a migration changed a table under a running process) is sent again unprepared
 * when that is safe, i.e. outside a transaction.
 */
static PGresult *
exec_params(struct db *db, const char *sql, const char *const *params, int n)
{
	const char	*name = stmt_lookup(&db->stmts, db->conn, sql, n);
	PGresult	*res;

	if (name == NULL)
		return PQexecParams(db->conn, sql, n, NULL, params, NULL, NULL, 0);
	res = PQexecPrepared(db->conn, name, n, params, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_FATAL_ERROR && stale_statement(res)) {
		stmt_forget(&db->stmts);
		if (!db->in_tx) {
			PQclear(res);
			res = PQexecParams(db->conn, sql, n, NULL, params, NULL, NULL, 0);
		}
	}
	return res;
}

/*
 * Sends one statement; returns NULL if the server cannot be reached.  Outside a
 * transaction, a link found dead (the server restarted since our last query) is
 * re-established and the statement sent once more: nothing of it ran before.
 */
static PGresult *
run_once(struct db *db, const char *sql, const char *const *params, int n)
{
	PGresult	*res;
	int		 try;

	for (try = 0; try < 2; try++) {
		if (PQstatus(db->conn) != CONNECTION_OK &&
		    (db->in_tx || db_connect_now(db) != ST_OK))
			return NULL;
		if (params == NULL && n < 0)
			res = PQexec(db->conn, sql);
		else
			res = exec_params(db, sql, params, n);
		if (PQstatus(db->conn) == CONNECTION_OK || db->in_tx)
			return res;
		PQclear(res);
	}
	return NULL;
}

/* run_once, timed: the database's share of a request, for its log line. */
static PGresult *
run(struct db *db, const char *sql, const char *const *params, int n)
{
	PGresult	*res;
	double		 t0 = clock_ms_exact();

	res = run_once(db, sql, params, n);
	db->waited_ms += clock_ms_exact() - t0;
	db->statements++;
	return res;
}

double
db_waited_take(struct db *db, unsigned *statements)
{
	double	ms = db->waited_ms;

	*statements = db->statements;
	db->waited_ms = 0;
	db->statements = 0;
	return ms;
}

/* Deferred statements outside a transaction are a caller's bug: never run them. */
static void
drop_stray_deferred(struct db *db)
{
	if (db->ndeferred == 0)
		return;
	log_error("database: statements deferred outside a transaction"
	    " were dropped");
	db_deferred_drop(db);
}

enum status
db_query(struct arena *a, struct db *db, const char *sql,
    const char *const *params, int n, struct db_res **out)
{
	PGresult	*res;
	enum status	 st;

	if (!db->in_tx)
		drop_stray_deferred(db);
	if (db->begin_pending || db->ndeferred > 0) {
		if ((st = db_pipe_run(db, sql, params, n, &res)) != ST_OK)
			return st;
	} else if ((res = run(db, sql, params, n)) == NULL)
		return ST_UNAVAILABLE;
	else if ((st = db_result_status(db, res)) != ST_OK) {
		PQclear(res);
		return st;
	}
	*out = db_res_keep(a, res);
	return ST_OK;
}

enum status
db_exec(struct arena *a, struct db *db, const char *sql,
    const char *const *params, int n, long *affected)
{
	struct db_res	*r;
	enum status	 st;

	if ((st = db_query(a, db, sql, params, n, &r)) != ST_OK)
		return st;
	if (affected != NULL)
		*affected = strtol(PQcmdTuples(r->res), NULL, 10);
	return ST_OK;
}

enum status
db_script(struct db *db, const char *sql, char *err, size_t errsz, int *pos)
{
	PGresult	*res;
	const char	*p;
	enum status	 st = ST_OK;

	*pos = 0;
	if ((db->begin_pending || db->ndeferred > 0) &&
	    (st = db_pipe_run(db, NULL, NULL, 0, &res)) != ST_OK)
		return st;
	if (PQstatus(db->conn) != CONNECTION_OK && db_connect_now(db) != ST_OK)
		return ST_UNAVAILABLE;
	res = PQexec(db->conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK &&
	    PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_EMPTY_QUERY) {	/* only comments */
		snprintf(err, errsz, "%s", PQresultErrorMessage(res));
		if ((p = PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION)) != NULL)
			*pos = atoi(p);
		st = ST_INVALID;
	}
	PQclear(res);
	return st;
}

static enum status
simple(struct db *db, const char *sql)
{
	PGresult	*res;
	enum status	 st;

	if ((res = run(db, sql, NULL, -1)) == NULL)
		return ST_UNAVAILABLE;
	st = db_result_status(db, res);
	PQclear(res);
	return st;
}

enum status
db_ping(struct db *db)
{
	return simple(db, "SELECT 1") == ST_OK ? ST_OK : ST_UNAVAILABLE;
}

/*
 * BEGIN waits for the transaction's first statement and goes with it, in
 * one round trip (db_pipe.c): on this VM a round trip that wakes PostgreSQL
 * costs about 0.15 ms, more than most statements' own work.
 */
enum status
db_begin(struct db *db)
{
	drop_stray_deferred(db);
	db->in_tx = 1;
	db->begin_pending = 1;
	return ST_OK;
}

enum status
db_commit(struct db *db)
{
	PGresult	*res;
	enum status	 st = ST_OK;

	if (db->ndeferred > 0) {	/* they go with the COMMIT */
		st = db_pipe_run(db, "COMMIT", NULL, 0, &res);
		PQclear(res);
		/* One of them failed: the COMMIT never ran. */
		if (st != ST_OK && PQstatus(db->conn) == CONNECTION_OK &&
		    PQtransactionStatus(db->conn) != PQTRANS_IDLE)
			PQclear(PQexec(db->conn, "ROLLBACK"));
	} else if (!db->begin_pending)	/* else nothing was sent */
		st = simple(db, "COMMIT");
	db->in_tx = 0;
	db->begin_pending = 0;
	return st;
}

void
db_rollback(struct db *db)
{
	db_deferred_drop(db);
	if (!db->begin_pending && PQstatus(db->conn) == CONNECTION_OK)
		(void)simple(db, "ROLLBACK");
	db->in_tx = 0;
	db->begin_pending = 0;
}

int
db_rows(const struct db_res *r)
{
	return PQntuples(r->res);
}

const char *
db_get(const struct db_res *r, int row, int col)
{
	return PQgetvalue(r->res, row, col);
}

int
db_null(const struct db_res *r, int row, int col)
{
	return PQgetisnull(r->res, row, col);
}

long long
db_int(const struct db_res *r, int row, int col)
{
	return strtoll(PQgetvalue(r->res, row, col), NULL, 10);
}

int
db_bool(const struct db_res *r, int row, int col)
{
	return PQgetvalue(r->res, row, col)[0] == 't';
}

const char *
db_i64(struct arena *a, long long v)
{
	return arena_printf(a, "%lld", v);
}

const char *
db_i64_array(struct arena *a, const long long *ids, size_t n)
{
	struct buf	b;
	size_t		i;

	buf_init(&b, a);
	buf_putc(&b, '{');
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i > 0 ? "," : "", ids[i]);
	buf_putc(&b, '}');
	return b.p;
}
