/* db_stmt.c: prepared statements, prepared on first use and kept per connection. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_stmt.h"
#include "log.h"

/* FNV-1a: the texts are few and ours, so collisions only cost a string compare. */
static unsigned long long
text_hash(const char *s, int nparams)
{
	unsigned long long	h = 1469598103934665603ULL ^ (unsigned)nparams;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct stmt_slot *
find_slot(struct stmt_cache *c, unsigned long long h, const char *sql, int nparams)
{
	size_t		 i = h % STMT_SLOTS;
	struct stmt_slot *s;

	for (;; i = (i + 1) % STMT_SLOTS) {	/* never full: used <= STMT_MAX */
		s = &c->slot[i];
		if (s->sql == NULL ||
		    (s->hash == h && s->nparams == nparams && strcmp(s->sql, sql) == 0))
			return s;
	}
}

static int
prepare(PGconn *conn, const char *name, const char *sql, int nparams)
{
	PGresult	*res = PQprepare(conn, name, sql, nparams, NULL);
	int		 ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	/*
	 * Said here: in a transaction the statement's own run that follows
	 * can only report the transaction aborted, not why.
	 */
	if (!ok && PQstatus(conn) == CONNECTION_OK)
		log_error("prepare failed: %s", PQresultErrorMessage(res));
	PQclear(res);
	return ok;
}

const char *
stmt_lookup(struct stmt_cache *c, PGconn *conn, const char *sql, int nparams)
{
	unsigned long long h = text_hash(sql, nparams);
	struct stmt_slot *s = find_slot(c, h, sql, nparams);
	char		 name[sizeof(s->name)];

	if (s->sql != NULL)
		return s->name;
	if (c->used >= STMT_MAX)
		return NULL;
	snprintf(name, sizeof(name), "v%u", ++c->serial);
	if (!prepare(conn, name, sql, nparams))
		return NULL;
	if ((s->sql = strdup(sql)) == NULL)
		abort();
	s->hash = h;
	s->nparams = nparams;
	memcpy(s->name, name, sizeof(name));
	c->used++;
	return s->name;
}

void
stmt_forget(struct stmt_cache *c)
{
	size_t		i;
	unsigned	serial = c->serial;

	for (i = 0; i < STMT_SLOTS; i++)
		free(c->slot[i].sql);
	memset(c, 0, sizeof(*c));
	c->serial = serial;
}
