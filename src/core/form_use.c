/* form_use.c: a form's random id, claimed in its action's transaction. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "form_use.h"
#include "lib/http.h"

const char *
form_use_id(const char *form_id)
{
	size_t	n = form_id != NULL ? strlen(form_id) : 0;

	return n >= FORM_ID_MIN && n <= FORM_ID_MAX ? form_id : NULL;
}

enum status
form_use_claim(struct arena *a, struct db *db, const char *form_id,
    int *repeated, const char **result)
{
	const char	*p[] = { form_id };
	struct db_res	*r;
	long		 n;
	enum status	 st;

	*repeated = 0;
	if (result != NULL)
		*result = NULL;
	if (form_id == NULL)
		return ST_OK;
	/* A concurrent second submit waits here for the first to end. */
	st = db_exec(a, db, SQL("INSERT INTO form_uses (id) VALUES ($1)"
	    " ON CONFLICT DO NOTHING"), p, 1, &n);
	if (st != ST_OK)
		return st;
	if (n == 1)
		return ST_OK;
	*repeated = 1;
	if (result == NULL)
		return ST_OK;
	/* A statement of its own: its snapshot has the first's commit. */
	st = db_query(a, db, SQL("SELECT result FROM form_uses WHERE id = $1"),
	    p, 1, &r);
	if (st == ST_OK && db_rows(r) == 1 && !db_null(r, 0, 0))
		*result = db_get(r, 0, 0);
	return st;
}

enum status
form_use_keep(struct db *db, const char *form_id, const char *result)
{
	const char	*p[] = { form_id, result };

	if (form_id == NULL)
		return ST_OK;
	return db_exec_deferred(db, SQL("UPDATE form_uses SET result = $2"
	    " WHERE id = $1"), p, 2);
}

enum status
form_use_forget(struct arena *a, struct db *db, const char *form_id)
{
	const char	*p[] = { form_id };

	if (form_id == NULL)
		return ST_OK;
	return db_exec(a, db, SQL("DELETE FROM form_uses WHERE id = $1"), p, 1,
	    NULL);
}

enum status
form_use_held(struct arena *a, struct db *db, const char *form_id, int *held)
{
	const char	*p[] = { form_id };
	struct db_res	*r;
	enum status	 st;

	*held = 0;
	if (form_id == NULL)
		return ST_OK;
	st = db_query(a, db, SQL("SELECT FROM form_uses WHERE id = $1"), p, 1,
	    &r);
	if (st == ST_OK)
		*held = db_rows(r) == 1;
	return st;
}

enum status
form_use_create(struct arena *a, struct db *db, const char *form_id,
    enum status (*make)(struct arena *, struct db *, void *, long long *),
    void *arg, long long *id, int *repeated)
{
	const char	*result;
	enum status	 st;

	*id = 0;
	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = form_use_claim(a, db, form_id, repeated, &result);
	if (st != ST_OK || *repeated) {
		if (st == ST_OK && result != NULL)
			*id = strtoll(result, NULL, 10);
		goto out;
	}
	if ((st = make(a, db, arg, id)) == ST_OK &&
	    (st = form_use_keep(db, form_id, db_i64(a, *id))) == ST_OK)
		return db_commit(db);
out:
	db_rollback(db);
	return st;
}

enum status
form_use_wait(struct arena *a, struct db *db, int max_ms,
    enum status (*busy)(struct arena *, struct db *, void *, int *),
    void *arg)
{
	struct timespec	nap = { 0, 100 * 1000000L };
	enum status	st;
	int		waited, still;

	for (waited = 0; ; waited += 100) {
		if ((st = busy(a, db, arg, &still)) != ST_OK || !still ||
		    waited >= max_ms)
			break;
		/* The pool counts it, as the first's wait on the model. */
		if (waited == 0)
			http_waiting(1);
		nanosleep(&nap, NULL);
	}
	if (waited > 0)
		http_waiting(0);
	return st;
}
