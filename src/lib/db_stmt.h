/* db_stmt.h: a per-connection cache of prepared statements, keyed by their SQL text. */
#ifndef VIVA_DB_STMT_H
#define VIVA_DB_STMT_H

#include <libpq-fe.h>

/*
 * Every statement the app sends is a string literal (see SQL() in db.h), so the
 * set is small and fixed: preparing each once per connection spares PostgreSQL
 * the parse and plan on every later call, which profiles showed to be most of
 * its time on a page.  Past STMT_MAX distinct texts, statements run unprepared.
 */
#define STMT_SLOTS	1024
#define STMT_MAX	768

struct stmt_slot {
	unsigned long long	 hash;
	char			*sql;	/* owned copy: the key */
	int			 nparams;
	char			 name[12];
};

struct stmt_cache {
	struct stmt_slot	 slot[STMT_SLOTS];
	unsigned		 used;
	unsigned		 serial;	/* never reset: a name is never reused */
};

/*
 * The name of sql's prepared statement on conn, preparing it on first use; NULL
 * when it cannot be prepared (the cache is full, or the server refused it: the
 * caller then sends it unprepared and gets the server's own error).
 */
const char	*stmt_lookup(struct stmt_cache *, PGconn *, const char *sql, int nparams);
/* Forgets every statement: after a reconnect, or when the server lost them. */
void		 stmt_forget(struct stmt_cache *);

#endif
