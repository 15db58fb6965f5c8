/* db_impl.h: the connection's state, shared by db.c and db_pipe.c only. */
#ifndef VIVA_DB_IMPL_H
#define VIVA_DB_IMPL_H

#include <libpq-fe.h>

#include "db.h"
#include "db_stmt.h"

/*
 * A statement db_exec_deferred queued: its text is a literal, its parameters
 * copies in the block params points to (one free).
 */
struct db_deferred {
	const char	*sql;
	char		**params;
	int		 n;
};

struct db {
	PGconn		*conn;
	char		*conninfo;
	/* db_where's text of conninfo; garbled: libpq cannot parse it */
	char		 where[256];
	int		 garbled;
	unsigned long	 reconnects;
	int		 in_tx;
	/* db_begin's BEGIN, not sent yet: it goes with the first statement. */
	int		 begin_pending;
	struct db_deferred *deferred;
	int		 ndeferred, deferred_cap;
	int		 ever_up;
	int		 timeout_ms;	/* statement_timeout, 0: none */
	struct stmt_cache stmts;
	double		 waited_ms;	/* in statements since db_waited_take */
	unsigned	 statements;	/* sent since db_waited_take */
};

struct db_res {
	PGresult	*res;
};

enum status	 db_connect_now(struct db *);
enum status	 db_result_status(struct db *, PGresult *);
/* Wraps res in a db_res freed with the arena. */
struct db_res	*db_res_keep(struct arena *, PGresult *);

/*
 * db_pipe.c: the pending BEGIN, the deferred statements and then sql (its
 * result in *keep) in one pipeline; COMMIT as sql ends the transaction, and
 * NULL sends only what is pending (before a statement sent another way).
 */
enum status	 db_pipe_run(struct db *, const char *sql,
		    const char *const *params, int n, PGresult **keep);
/* Forgets the deferred statements (a rollback, a lost link). */
void		 db_deferred_drop(struct db *);

#endif
