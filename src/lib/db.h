/* db.h: libpq with parameters only, results owned by an arena, reconnect on a lost link. */
#ifndef VIVA_DB_H
#define VIVA_DB_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "status.h"

/* Compiles only for a string literal: SQL text never comes from input. */
#define SQL(s) ("" s "")

struct db;
struct db_res;

/* Connects; on failure logs and returns ST_UNAVAILABLE but still gives a handle that retries later. */
enum status	 db_open(const char *conninfo, struct db **);
void		 db_close(struct db *);
/*
 * Where conninfo points, for a message, into out: "host H, port P,
 * database D", each part only if set; never the password nor the string
 * itself.  Returns 0, or -1 when libpq cannot parse it (out says so).
 */
int		 db_where(const char *conninfo, char *out, size_t sz);
/*
 * Why the link is down, into out: db_where's text and libpq's reason
 * (which names host and port, never the password); out is returned.
 */
const char	*db_why(const struct db *, char *out, size_t sz);
/*
 * Cancels any statement running longer than ms (0: no limit) on this link,
 * now and after every reconnect; a cancelled one gives ST_UNAVAILABLE.
 */
void		 db_statement_timeout(struct db *, int ms);
/* Times the connection was re-established after being lost. */
unsigned long	 db_reconnects(const struct db *);
/*
 * Milliseconds spent in statements (sending, the server's work, reading the
 * result) and how many were sent, since the last call: the database's share
 * of a request, which viva.fcgi logs beside the request's own time.
 */
double		 db_waited_take(struct db *, unsigned *statements);
/* Makes sure the link is up (reconnecting if needed); ST_UNAVAILABLE if not. */
enum status	 db_ping(struct db *);

/*
 * Runs sql with n text parameters (NULL entries are SQL NULL).  The result is
 * freed when the arena is reset.  A lost connection outside a transaction is
 * re-established and the statement tried once more.  Maps unique and foreign
 * key violations to ST_CONFLICT and a down server to ST_UNAVAILABLE.
 */
enum status	 db_query(struct arena *, struct db *, const char *sql,
		    const char *const *params, int n, struct db_res **);
/* As db_query, for statements without rows; *affected may be NULL. */
enum status	 db_exec(struct arena *, struct db *, const char *sql,
		    const char *const *params, int n, long *affected);
/* Runs a script of several statements (migrations); on error *pos is the 1-based character offset or 0. */
enum status	 db_script(struct db *, const char *sql, char *err, size_t errsz, int *pos);

/*
 * As db_query, for one statement that is a transaction of its own and whose
 * loss in a crash would harm nothing: its COMMIT returns without waiting for
 * the WAL to reach the disk (the next ordinary commit flushes it with its
 * own).  BEGIN, SET LOCAL synchronous_commit, the statement and COMMIT go
 * out together in libpq's pipeline mode: one round trip instead of four.
 * Not inside db_begin's transaction.
 *
 * lock_sql, when not NULL, runs before the statement with params[0] alone
 * (a SELECT ... FOR UPDATE): the statement's snapshot is then taken after
 * the lock is held, so it sees every row committed by the transaction that
 * held the lock before.  A statement that locks in a CTE of its own sees
 * the locked row's newest version but, in its subqueries, only the rows of
 * its snapshot, taken before it waited.
 */
enum status	 db_query_async_commit(struct arena *, struct db *,
		    const char *lock_sql, const char *sql,
		    const char *const *params, int n, struct db_res **);
/*
 * As db_query, planned for these values each time (a fraction of a
 * millisecond), not with the generic plan every other statement keeps
 * (session_settings in db.c).  For a statement whose best plan hangs on its
 * values: a search, where a rare name wants the trigram index and a word in
 * every row the list's own order; either plan for both cost one of them 100
 * times as much.  BEGIN, SET LOCAL plan_cache_mode, the statement and COMMIT
 * in one round trip, as above.  Not inside db_begin's transaction.
 */
enum status	 db_query_planned(struct arena *, struct db *, const char *sql,
		    const char *const *params, int n, struct db_res **);

/*
 * A transaction.  Its BEGIN goes to the server with its first statement,
 * in one round trip; a COMMIT or ROLLBACK before any statement sends
 * nothing.
 */
enum status	 db_begin(struct db *);
enum status	 db_commit(struct db *);
void		 db_rollback(struct db *);
/*
 * Inside db_begin's transaction: a statement whose result nobody reads
 * (its parameters are copied).  It goes to the server just before the next
 * statement, or the COMMIT, in the same round trip, so the order holds;
 * its failure is that call's (a unique violation: ST_CONFLICT).
 */
enum status	 db_exec_deferred(struct db *, const char *sql,
		    const char *const *params, int n);

int		 db_rows(const struct db_res *);
/* Cell text ("" for NULL), its NULL-ness, and as a number (0 for NULL). */
const char	*db_get(const struct db_res *, int row, int col);
int		 db_null(const struct db_res *, int row, int col);
long long	 db_int(const struct db_res *, int row, int col);
int		 db_bool(const struct db_res *, int row, int col);

/* Formats an integer parameter into the arena. */
const char	*db_i64(struct arena *, long long);
/* ids[0..n) as a bigint[] parameter's text, "{1,2,3}", in the arena. */
const char	*db_i64_array(struct arena *, const long long *ids, size_t n);

#endif
