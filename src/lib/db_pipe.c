/*
 * db_pipe.c: statements sent together in libpq's pipeline mode, one round
 * trip for several: db_query_async_commit's and db_query_planned's
 * transactions, and a transaction
 * of db_begin's whose BEGIN and deferred statements wait for the next
 * statement or the COMMIT.
 */
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "db_impl.h"
#include "log.h"

/*
 * db_query_async_commit's and db_query_planned's pipeline: BEGIN, a SET
 * LOCAL, the lock statement when there is one, the statement (whose result
 * the caller gets), COMMIT.
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
	return PQsendQueryParams(db->conn, sql, n > 0 ? n : 0, NULL, params,
	    NULL, NULL, 0);
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
			if ((one = db_result_status(db, res)) != ST_OK && st == ST_OK)
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
local_once(struct db *db, const char *set_local, const char *lock_sql,
    const char *sql, const char *const *params, int n, PGresult **keep,
    int *answered)
{
	enum status	st;
	int		locks = lock_sql != NULL;

	*keep = NULL;
	*answered = 0;
	if (PQstatus(db->conn) != CONNECTION_OK && db_connect_now(db) != ST_OK)
		return ST_UNAVAILABLE;
	/* Prepared before the pipeline: preparing is a round trip of its own. */
	if (locks)
		(void)stmt_lookup(&db->stmts, db->conn, lock_sql, 1);
	if (n > 0)
		(void)stmt_lookup(&db->stmts, db->conn, sql, n);
	if (!PQenterPipelineMode(db->conn))
		return ST_UNAVAILABLE;
	if (!pipe_send(db, "BEGIN", NULL, 0) ||
	    !pipe_send(db, set_local, NULL, 0) ||
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

/* sql in a transaction of its own with the setting set_local. */
static enum status
query_local(struct arena *a, struct db *db, const char *set_local,
    const char *lock_sql, const char *sql, const char *const *params, int n,
    struct db_res **out)
{
	PGresult	*keep;
	enum status	 st;
	double		 t0 = clock_ms_exact();
	int		 answered;

	st = local_once(db, set_local, lock_sql, sql, params, n, &keep,
	    &answered);
	/* A link found dead before anything ran: once more on a new one. */
	if (st == ST_UNAVAILABLE && answered == 0 &&
	    PQstatus(db->conn) != CONNECTION_OK)
		st = local_once(db, set_local, lock_sql, sql, params, n, &keep,
		    &answered);
	db->waited_ms += clock_ms_exact() - t0;
	db->statements += PIPE_FIXED + 1 + (lock_sql != NULL);
	if (st != ST_OK || keep == NULL) {
		PQclear(keep);
		return st != ST_OK ? st : ST_INTERNAL;
	}
	*out = db_res_keep(a, keep);
	return ST_OK;
}

enum status
db_query_async_commit(struct arena *a, struct db *db, const char *lock_sql,
    const char *sql, const char *const *params, int n, struct db_res **out)
{
	return query_local(a, db, "SET LOCAL synchronous_commit = off",
	    lock_sql, sql, params, n, out);
}

enum status
db_query_planned(struct arena *a, struct db *db, const char *sql,
    const char *const *params, int n, struct db_res **out)
{
	return query_local(a, db, "SET LOCAL plan_cache_mode ="
	    " force_custom_plan", NULL, sql, params, n, out);
}

/* --- db_begin's transaction: the pending BEGIN and deferred statements --- */

enum status
db_exec_deferred(struct db *db, const char *sql, const char *const *params,
    int n)
{
	struct db_deferred	*d;
	char			*copy;
	size_t			 size, len;
	int			 i;

	if (!db->in_tx) {
		log_error("database: a deferred statement outside a transaction");
		return ST_INTERNAL;
	}
	if (db->ndeferred == db->deferred_cap) {
		db->deferred_cap = db->deferred_cap * 2 + 4;
		if ((db->deferred = realloc(db->deferred, (size_t)db->deferred_cap *
		    sizeof(*db->deferred))) == NULL)
			abort();
	}
	/* One block: the parameters' pointers, then their copies. */
	for (i = 0, size = (size_t)(n > 0 ? n : 1) * sizeof(char *); i < n; i++)
		if (params[i] != NULL)
			size += strlen(params[i]) + 1;
	d = &db->deferred[db->ndeferred++];
	d->sql = sql;
	d->n = n;
	if ((d->params = malloc(size)) == NULL)
		abort();
	copy = (char *)(d->params + (n > 0 ? n : 1));
	for (i = 0; i < n; i++) {
		if (params[i] == NULL) {
			d->params[i] = NULL;
			continue;
		}
		len = strlen(params[i]) + 1;
		d->params[i] = memcpy(copy, params[i], len);
		copy += len;
	}
	return ST_OK;
}

void
db_deferred_drop(struct db *db)
{
	int	i;

	for (i = 0; i < db->ndeferred; i++)
		free(db->deferred[i].params);
	db->ndeferred = 0;
}

/* The pending BEGIN, the deferred statements, sql: queued, then read. */
static enum status
pipe_once(struct db *db, const char *sql, const char *const *params, int n,
    PGresult **keep, int *answered)
{
	const struct db_deferred *d;
	int			 i, ok, count;
	enum status		 st;

	count = db->begin_pending + db->ndeferred + (sql != NULL);

	*keep = NULL;
	*answered = 0;
	/* Reconnecting is safe while nothing of the transaction ran. */
	if (PQstatus(db->conn) != CONNECTION_OK) {
		if (!db->begin_pending || db_connect_now(db) != ST_OK)
			return ST_UNAVAILABLE;
		db->in_tx = 1;
	}
	/* Prepared before the pipeline: preparing is a round trip of its own. */
	for (i = 0; i < db->ndeferred; i++)
		if ((d = &db->deferred[i])->n > 0)
			(void)stmt_lookup(&db->stmts, db->conn, d->sql, d->n);
	if (sql != NULL && n > 0)
		(void)stmt_lookup(&db->stmts, db->conn, sql, n);
	if (!PQenterPipelineMode(db->conn))
		return ST_UNAVAILABLE;
	ok = !db->begin_pending || pipe_send(db, "BEGIN", NULL, 0);
	for (i = 0; ok && i < db->ndeferred; i++)
		ok = pipe_send(db, db->deferred[i].sql,
		    (const char *const *)db->deferred[i].params,
		    db->deferred[i].n);
	if (!ok || (sql != NULL && !pipe_send(db, sql, params, n)) ||
	    !PQpipelineSync(db->conn)) {
		log_error("database: %s", PQerrorMessage(db->conn));
		st = ST_UNAVAILABLE;
	} else
		st = pipe_read(db, count, sql != NULL ? count - 1 : -1, keep,
		    answered);
	if (PQstatus(db->conn) == CONNECTION_OK)
		(void)PQexitPipelineMode(db->conn);
	return st;
}

enum status
db_pipe_run(struct db *db, const char *sql, const char *const *params, int n,
    PGresult **keep)
{
	double		t0 = clock_ms_exact();
	int		begun = db->begin_pending, answered;
	enum status	st;

	db->statements += (unsigned)(begun + db->ndeferred + (sql != NULL));
	st = pipe_once(db, sql, params, n, keep, &answered);
	/* The link was dead before the BEGIN ran: once more on a new one. */
	if (st == ST_UNAVAILABLE && begun && !answered &&
	    PQstatus(db->conn) != CONNECTION_OK) {
		db->in_tx = 1;
		db->begin_pending = 1;
		st = pipe_once(db, sql, params, n, keep, &answered);
	}
	db->waited_ms += clock_ms_exact() - t0;
	db->begin_pending = 0;
	db_deferred_drop(db);
	if (st != ST_OK) {
		PQclear(*keep);
		*keep = NULL;
	} else if (*keep == NULL && sql != NULL)
		st = ST_INTERNAL;
	return st;
}
