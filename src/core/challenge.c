/* challenge.c: the challenge library; an org reads its own and the shipped ones, writes only its own. */
#include <string.h>

#include "challenge.h"
#include "form_use.h"

const char *const challenge_categories[CC__MAX][2] = {
	{ "algorithms", "Algorithms" },		/* CC_ALGORITHMS */
	{ "debugging", "Debugging" },		/* CC_DEBUGGING */
	{ "sql", "SQL" },			/* CC_SQL */
	{ "api_design", "API design" },		/* CC_API_DESIGN */
	{ "frontend", "Frontend" },		/* CC_FRONTEND */
	{ "data_analysis", "Data analysis" },	/* CC_DATA_ANALYSIS */
	{ "system_design", "System design" },	/* CC_SYSTEM_DESIGN */
	{ "refactoring", "Refactoring" },	/* CC_REFACTORING */
	{ "other", "Other" },			/* CC_OTHER */
};

/* The columns from_row reads; the body comes last so lists can leave it out. */
#define CH_COLS "id, coalesce(org_id, 0), title, category, difficulty," \
	" time_limit_min, token_budget, array_to_string(hints, E'\\n')," \
	" archived_at IS NOT NULL," \
	" to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')," \
	" to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')"

/*
 * The form's hints text as a text[]: one hint per line, each trimmed, blank
 * lines dropped, order kept.
 */
#define CH_HINTS(n) "ARRAY(SELECT btrim(h, E' \\t\\r') FROM" \
	" unnest(string_to_array(" n ", E'\\n')) WITH ORDINALITY AS t(h, i)" \
	" WHERE btrim(h, E' \\t\\r') <> '' ORDER BY i)"

const char *
challenge_category_label(const char *word)
{
	size_t	i;

	for (i = 0; i < CC__MAX; i++)
		if (strcmp(challenge_categories[i][0], word) == 0)
			return challenge_categories[i][1];
	return word;
}

/* Splits the newline-joined hints into an array in the arena. */
static void
split_hints(struct arena *a, struct challenge *c)
{
	const char	*p, *nl;
	size_t		 n = 0;

	c->n_hints = 0;
	for (p = c->hints_text; *p != '\0'; p++)
		n += *p == '\n';
	c->hints = arena_calloc(a, n + 2, sizeof(*c->hints));
	if (*c->hints_text == '\0')
		return;
	for (p = c->hints_text; ; p = nl + 1) {
		nl = strchr(p, '\n');
		c->hints[c->n_hints++] = nl != NULL ?
		    arena_strndup(a, p, (size_t)(nl - p)) : p;
		if (nl == NULL)
			break;
	}
}

static void
from_row(struct arena *a, const struct db_res *r, int i, int with_body,
    struct challenge *c)
{
	c->id = db_int(r, i, 0);
	c->org_id = db_int(r, i, 1);
	c->title = db_get(r, i, 2);
	c->category = db_get(r, i, 3);
	c->difficulty = db_get(r, i, 4);
	c->time_limit_min = (int)db_int(r, i, 5);
	c->token_budget = (int)db_int(r, i, 6);
	c->hints_text = db_get(r, i, 7);
	c->archived = db_bool(r, i, 8);
	c->created_at = db_get(r, i, 9);
	c->updated_at = db_get(r, i, 10);
	c->body_md = with_body ? db_get(r, i, 11) : "";
	split_hints(a, c);
}

enum status
challenge_list(struct arena *a, struct db *db, long long org_id,
    const char *category, int with_archived, struct challenge **out,
    size_t *n)
{
	const char	*p[] = { db_i64(a, org_id),
	    category != NULL && *category != '\0' ? category : NULL,
	    with_archived ? "t" : "f" };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT " CH_COLS " FROM challenges"
	    " WHERE (org_id = $1 OR org_id IS NULL)"
	    " AND ($2::text IS NULL OR category = $2)"
	    " AND ($3::bool OR archived_at IS NULL)"
	    " ORDER BY category, lower(title), id"), p, 3, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++)
		from_row(a, r, i, 0, &(*out)[i]);
	return ST_OK;
}

enum status
challenge_get(struct arena *a, struct db *db, long long org_id, long long id,
    struct challenge *c)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " CH_COLS ", body_md FROM challenges"
	    " WHERE id = $2 AND (org_id = $1 OR org_id IS NULL)"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	from_row(a, r, 0, 1, c);
	return ST_OK;
}

/* The form's values as seven parameters, hints last. */
static void
input_params(struct arena *a, const struct challenge_input *in,
    const char **p)
{
	p[0] = in->title;
	p[1] = in->body_md;
	p[2] = in->category;
	p[3] = in->difficulty;
	p[4] = db_i64(a, in->time_limit_min);
	p[5] = db_i64(a, in->token_budget);
	p[6] = in->hints != NULL ? in->hints : "";
}

/* challenge_create's arguments, through form_use_create. */
struct creation {
	long long			 org_id;
	const struct challenge_input	*in;
};

static enum status
insert(struct arena *a, struct db *db, void *arg, long long *id)
{
	const struct creation	*c = arg;
	const char		*p[8];
	struct db_res		*r;
	enum status		 st;

	p[0] = db_i64(a, c->org_id);
	input_params(a, c->in, p + 1);
	st = db_query(a, db, SQL("INSERT INTO challenges (org_id, title, body_md,"
	    " category, difficulty, time_limit_min, token_budget, hints)"
	    " VALUES ($1, $2, $3, $4, $5, $6, $7, " CH_HINTS("$8") ")"
	    " RETURNING id"), p, 8, &r);
	if (st == ST_OK)
		*id = db_int(r, 0, 0);
	return st;
}

enum status
challenge_create(struct arena *a, struct db *db, long long org_id,
    const struct challenge_input *in, long long *id, int *repeated)
{
	struct creation	c = { org_id, in };

	return form_use_create(a, db, in->form_id, insert, &c, id, repeated);
}

enum status
challenge_update(struct arena *a, struct db *db, long long org_id,
    long long id, const struct challenge_input *in)
{
	const char	*p[9];
	long		 n;
	enum status	 st;

	p[0] = db_i64(a, org_id);
	p[1] = db_i64(a, id);
	input_params(a, in, p + 2);
	st = db_exec(a, db, SQL("UPDATE challenges SET title = $3, body_md = $4,"
	    " category = $5, difficulty = $6, time_limit_min = $7,"
	    " token_budget = $8, hints = " CH_HINTS("$9") ", updated_at = now()"
	    " WHERE org_id = $1 AND id = $2"), p, 9, &n);
	if (st == ST_OK && n == 0)
		return ST_NOTFOUND;
	return st;
}

enum status
challenge_set_archived(struct arena *a, struct db *db, long long org_id,
    long long id, int archived)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id), archived ? "t" : "f" };
	long		 n;
	enum status	 st;

	st = db_exec(a, db, SQL("UPDATE challenges SET archived_at = CASE WHEN"
	    " $3::bool THEN coalesce(archived_at, now()) END, updated_at = now()"
	    " WHERE org_id = $1 AND id = $2"), p, 3, &n);
	if (st == ST_OK && n == 0)
		return ST_NOTFOUND;
	return st;
}

enum status
challenge_duplicate(struct arena *a, struct db *db, long long org_id,
    long long id, long long *new_id)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("INSERT INTO challenges (org_id, title, body_md,"
	    " category, difficulty, time_limit_min, token_budget, hints)"
	    " SELECT $1, left(title, 193) || ' (copy)', body_md, category,"
	    " difficulty, time_limit_min, token_budget, hints FROM challenges"
	    " WHERE id = $2 AND (org_id = $1 OR org_id IS NULL) RETURNING id"),
	    p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*new_id = db_int(r, 0, 0);
	return ST_OK;
}
