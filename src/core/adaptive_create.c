/* adaptive_create.c: the roles an adaptive interview can be for, and making one. */
#include <string.h>

#include "adaptive_impl.h"
#include "form_use.h"
#include "lib/crypto.h"

enum status
adaptive_roles(struct arena *a, struct db *db, long long org_id,
    struct adaptive_role **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT DISTINCT ON (r.slug) r.slug, r.name,"
	    " (SELECT count(*) FROM questions q WHERE q.role = r.slug AND"
	    QUESTION_SCOPE ") FROM roles r WHERE" ROLE_SCOPE
	    " ORDER BY r.slug, r.org_id NULLS LAST"), p, 1, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++) {
		(*out)[i].slug = db_get(r, i, 0);
		(*out)[i].name = db_get(r, i, 1);
		(*out)[i].nquestions = (int)db_int(r, i, 2);
	}
	return ST_OK;
}

enum status
adaptive_role_open(struct arena *a, struct db *db, long long org_id,
    const char *role, int *nquestions)
{
	const char	*p[] = { db_i64(a, org_id), role };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT count(*) > 0,"
	    " coalesce(bool_and(r.archived_at IS NOT NULL), false),"
	    " (SELECT count(*) FROM questions q WHERE q.role = $2 AND"
	    QUESTION_SCOPE ") FROM roles r"
	    " WHERE r.slug = $2 AND (r.org_id IS NULL OR r.org_id = $1)"),
	    p, 2, &r);
	if (st != ST_OK)
		return st;
	if (nquestions != NULL)
		*nquestions = (int)db_int(r, 0, 2);
	if (!db_bool(r, 0, 0))
		return ST_NOTFOUND;
	return db_bool(r, 0, 1) ? ST_DENIED : ST_OK;
}

/*
 * Why no interview was made for role: not the org's (ST_NOTFOUND),
 * archived (ST_DENIED), or empty (ST_CONFLICT).
 */
static enum status
role_refusal(struct arena *a, struct db *db, long long org_id,
    const char *role)
{
	enum status	st = adaptive_role_open(a, db, org_id, role, NULL);

	return st == ST_OK ? ST_CONFLICT : st;
}

static enum status
insert(struct arena *a, struct db *db, void *arg, long long *id)
{
	struct iv_creation		*c = arg;
	const struct adaptive_new	*in = c->in;
	const char			*p[15];
	struct db_res			*r;
	enum status			 st;

	p[0] = db_i64(a, c->org_id);
	p[1] = db_i64(a, c->user_id);
	p[2] = in->candidate_name;
	p[3] = in->candidate_email;
	p[4] = crypto_token_hash(a, c->token, strlen(c->token));
	p[5] = db_i64(a, in->expiry_days);
	/* Untimed: the longest the column allows, and the pages say so. */
	p[6] = db_i64(a, in->time_limit_min > 0 ?
	    (long long)in->time_limit_min * 60 : 86400);
	p[7] = db_i64(a, ADAPTIVE_TOKEN_BUDGET);
	p[8] = in->model;
	p[9] = in->role;
	p[10] = db_i64(a, in->min_questions);
	p[11] = db_i64(a, in->max_questions);
	p[12] = in->practice ? "t" : "f";
	p[13] = in->voice_offered ? "t" : "f";
	p[14] = in->question_source;
	st = db_query(a, db, SQL("INSERT INTO interviews (org_id, created_by,"
	    " kind, candidate_name, candidate_email, invite_hash,"
	    " invite_expires_at, time_limit_s, timed, token_budget, model,"
	    " role, min_questions, max_questions, practice, voice_offered,"
	    " question_source, challenge_title)"
	    " SELECT $1, $2, 'adaptive', $3, $4, $5,"
	    " now() + make_interval(days => $6::int), $7,"
	    " $7::int < 86400, $8, $9, r.slug, $11, $12, $13, $14, $15,"
	    " r.name || ' interview'"
	    " FROM roles r WHERE r.slug = $10 AND" ROLE_SCOPE
	    /* From the bank, the role needs a question, or Start would end it. */
	    " AND ($15 = 'generated' OR EXISTS (SELECT 1 FROM questions q"
	    " WHERE q.role = r.slug AND" QUESTION_SCOPE "))"
	    " ORDER BY r.org_id NULLS LAST LIMIT 1 RETURNING id"), p, 15, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return role_refusal(a, db, c->org_id, in->role);
	*id = db_int(r, 0, 0);
	return ST_OK;
}

enum status
adaptive_create(struct arena *a, struct db *db, long long org_id,
    long long user_id, const struct adaptive_new *in, char **token,
    long long *id)
{
	struct iv_creation	 c = { org_id, user_id, in, crypto_token(a, 32) };
	int			 repeated;
	enum status		 st;

	st = form_use_create(a, db, in->form_id, insert, &c, id, &repeated);
	*token = st == ST_OK && !repeated ? c.token : NULL;
	return st;
}
