/* db.c: the PostgreSQL connection each process keeps, and queries through it. */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db.h"
#include "db_stmt.h"
#include "log.h"

struct db {
	PGconn		*conn;
	char		*conninfo;
	unsigned long	 reconnects;
	int		 in_tx;
	int		 ever_up;
	int		 timeout_ms;	/* statement_timeout, 0: none */
	struct stmt_cache stmts;
	double		 waited_ms;	/* in statements since db_waited_take */
	unsigned	 statements;	/* sent since db_waited_take */
};

struct db_res {
	PGresult	*res;
};

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
 */
static void
session_settings(struct db *db)
{
	char		 sql[128];
	PGresult	*res;

	snprintf(sql, sizeof(sql), "SET plan_cache_mode = force_generic_plan;"
	    " SET statement_timeout = %d", db->timeout_ms);
	res = PQexec(db->conn, sql);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		log_error("database: %s", PQresultErrorMessage(res));
	PQclear(res);
}

static enum status
connect_now(struct db *db)
{
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = PQconnectdb(db->conninfo);
	if (PQstatus(db->conn) != CONNECTION_OK) {
		log_error("database connection failed: %s",
		    PQerrorMessage(db->conn));
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
	*out = db;
	return connect_now(db);
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	PQfinish(db->conn);
	stmt_forget(&db->stmts);
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

static enum status
result_status(struct db *db, PGresult *res)
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
		    (db->in_tx || connect_now(db) != ST_OK))
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

enum status
db_query(struct arena *a, struct db *db, const char *sql,
    const char *const *params, int n, struct db_res **out)
{
	PGresult	*res;
	enum status	 st;

	if ((res = run(db, sql, params, n)) == NULL)
		return ST_UNAVAILABLE;
	if ((st = result_status(db, res)) != ST_OK) {
		PQclear(res);
		return st;
	}
	*out = arena_alloc(a, sizeof(**out));
	(*out)->res = res;
	arena_defer(a, res_free, *out);
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
	if (PQstatus(db->conn) != CONNECTION_OK && connect_now(db) != ST_OK)
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
	st = result_status(db, res);
	PQclear(res);
	return st;
}

enum status
db_ping(struct db *db)
{
	return simple(db, "SELECT 1") == ST_OK ? ST_OK : ST_UNAVAILABLE;
}

static enum status
begin(struct db *db, const char *sql)
{
	enum status	st;

	if ((st = simple(db, sql)) == ST_OK)
		db->in_tx = 1;
	return st;
}

enum status
db_begin(struct db *db)
{
	return begin(db, "BEGIN");
}

/*
 * db_query_async_commit's pipeline: BEGIN, SET LOCAL, the lock statement
 * when there is one, the statement (whose result the caller gets), COMMIT.
 */
#define PIPE_FIXED	3	/* BEGIN, SET LOCAL, COMMIT */

/* Queues one statement of a pipeline; 0 when libpq refused it. */
static int
pipe_send(struct db *db, const char *sql, const char *const *params, int n)
{
	const char	*name = NULL;

	if (n > 0 && (name = stmt_lookup(&db->stmts, db->conn, sql, n)) != NULL)
		return PQsendQueryPrepared(db->conn, name, n, params, NULL,
		    NULL, 0);
	return PQsendQueryParams(db->conn, sql, n, NULL, params, NULL, NULL, 0);
}

/*
 * Reads the pipeline's results up to its sync: the statement's (kept in
 * *keep), the others' checked.  *answered says whether the server ran the
 * BEGIN, so that a link dead before anything ran can be told from one that
 * died midway, when the statement may have run.
 */
static enum status
pipe_read(struct db *db, int count, int kept, PGresult **keep, int *answered)
{
	PGresult	*res;
	enum status	 st = ST_OK, one;
	int		 i;

	*keep = NULL;
	*answered = 0;
	for (i = 0; i < count; i++) {
		while ((res = PQgetResult(db->conn)) != NULL) {
			if (i == 0 && PQresultStatus(res) == PGRES_COMMAND_OK)
				*answered = 1;
			if (PQresultStatus(res) == PGRES_PIPELINE_ABORTED) {
				PQclear(res);
				continue;
			}
			if ((one = result_status(db, res)) != ST_OK && st == ST_OK)
				st = one;
			if (i == kept && *keep == NULL && one == ST_OK)
				*keep = res;
			else
				PQclear(res);
		}
	}
	while ((res = PQgetResult(db->conn)) != NULL &&
	    PQresultStatus(res) != PGRES_PIPELINE_SYNC)
		PQclear(res);
	PQclear(res);
	return st;
}

static enum status
async_commit_once(struct db *db, const char *lock_sql, const char *sql,
    const char *const *params, int n, PGresult **keep, int *answered)
{
	enum status	st;
	int		locks = lock_sql != NULL;

	*keep = NULL;
	*answered = 0;
	if (PQstatus(db->conn) != CONNECTION_OK && connect_now(db) != ST_OK)
		return ST_UNAVAILABLE;
	/* Prepared before the pipeline: preparing is a round trip of its own. */
	if (locks)
		(void)stmt_lookup(&db->stmts, db->conn, lock_sql, 1);
	if (n > 0)
		(void)stmt_lookup(&db->stmts, db->conn, sql, n);
	if (!PQenterPipelineMode(db->conn))
		return ST_UNAVAILABLE;
	if (!pipe_send(db, "BEGIN", NULL, 0) ||
	    !pipe_send(db, "SET LOCAL synchronous_commit = off", NULL, 0) ||
	    (locks && !pipe_send(db, lock_sql, params, 1)) ||
	    !pipe_send(db, sql, params, n) || !pipe_send(db, "COMMIT", NULL, 0) ||
	    !PQpipelineSync(db->conn)) {
		log_error("database: %s", PQerrorMessage(db->conn));
		st = ST_UNAVAILABLE;
	} else
		st = pipe_read(db, PIPE_FIXED + 1 + locks, 2 + locks, keep,
		    answered);
	if (PQstatus(db->conn) == CONNECTION_OK) {
		(void)PQexitPipelineMode(db->conn);
		/* A failed statement left the transaction aborted. */
		if (PQtransactionStatus(db->conn) != PQTRANS_IDLE)
			PQclear(PQexec(db->conn, "ROLLBACK"));
	}
	return st;
}

enum status
db_query_async_commit(struct arena *a, struct db *db, const char *lock_sql,
    const char *sql, const char *const *params, int n, struct db_res **out)
{
	PGresult	*keep;
	enum status	 st;
	double		 t0 = clock_ms_exact();
	int		 answered;

	st = async_commit_once(db, lock_sql, sql, params, n, &keep, &answered);
	/* A link found dead before anything ran: once more on a new one. */
	if (st == ST_UNAVAILABLE && answered == 0 &&
	    PQstatus(db->conn) != CONNECTION_OK)
		st = async_commit_once(db, lock_sql, sql, params, n, &keep,
		    &answered);
	db->waited_ms += clock_ms_exact() - t0;
	db->statements += PIPE_FIXED + 1 + (lock_sql != NULL);
	if (st != ST_OK || keep == NULL) {
		PQclear(keep);
		return st != ST_OK ? st : ST_INTERNAL;
	}
	*out = arena_alloc(a, sizeof(**out));
	(*out)->res = keep;
	arena_defer(a, res_free, *out);
	return ST_OK;
}

enum status
db_commit(struct db *db)
{
	enum status	st;

	st = simple(db, "COMMIT");
	db->in_tx = 0;
	return st;
}

void
db_rollback(struct db *db)
{
	if (PQstatus(db->conn) == CONNECTION_OK)
		(void)simple(db, "ROLLBACK");
	db->in_tx = 0;
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
