/*
 * adaptive_once.c: an answer acts once.  Its form's id is claimed before
 * the answer is judged; the same form sent again waits for the first to be
 * judged and recorded, and does nothing itself.
 */
#include "adaptive_impl.h"
#include "form_use.h"

/* Claims form_id in a transaction of its own; *repeated: claimed before. */
static enum status
claim_ahead(struct arena *a, struct db *db, const char *form_id,
    int *repeated)
{
	enum status	st;

	if ((st = db_begin(db)) != ST_OK)
		return st;
	st = form_use_claim(a, db, form_id, repeated, NULL);
	if (st == ST_OK && !*repeated)
		return db_commit(db);
	db_rollback(db);
	return st;
}

/* What wait_judged checks: question n, its answer's form. */
struct judging {
	long long	 iv;
	int		 n;
	const char	*form_id;
};

static enum status
still_judging(struct arena *a, struct db *db, void *arg, int *judging)
{
	const struct judging	*j = arg;
	struct current		 c;
	enum status		 st;
	int			 held;

	*judging = 0;
	if ((st = adaptive_current(a, db, j->iv, 0, &c)) != ST_OK ||
	    (st = form_use_held(a, db, j->form_id, &held)) != ST_OK)
		return st;
	*judging = c.active && c.id != 0 && c.n == j->n && held;
	return ST_OK;
}

/*
 * Waits while question n waits for the answer form_id's first submit is
 * judging, for at most max_ms.
 */
static enum status
wait_judged(struct arena *a, struct db *db, long long iv, int n,
    const char *form_id, int max_ms)
{
	struct judging	j = { iv, n, form_id };

	return form_use_wait(a, db, max_ms, still_judging, &j);
}

enum status
adaptive_claim_answer(struct arena *a, struct db *db,
    const struct assistant_env *env, long long iv, int n,
    const char *form_id, int calls, int *repeated)
{
	enum status	st;

	if ((st = claim_ahead(a, db, form_id, repeated)) != ST_OK ||
	    !*repeated)
		return st;
	/* The slack covers the database work around the calls. */
	return wait_judged(a, db, iv, n, form_id, (env->prov != NULL ?
	    calls * provider_longest_ms(env->prov) : 0) + 5000);
}

enum status
adaptive_answer_once(struct arena *a, struct db *db,
    const struct assistant_env *env, const struct interview *iv, int n,
    const char *answer, const char *form_id, struct adaptive_outcome *out)
{
	int		repeated;
	enum status	st;

	if ((st = adaptive_claim_answer(a, db, env, iv->id, n, form_id,
	    ADAPTIVE_ANSWER_CALLS, &repeated)) != ST_OK)
		return st;
	st = adaptive_answer(a, db, env, iv, n, answer, out);
	if (st != ST_OK && !repeated)
		(void)form_use_forget(a, db, form_id);
	return st;
}
