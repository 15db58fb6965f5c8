/*
 * question.c: the question bank; an org reads its own and the shipped
 * questions, writes only its own, and may hide shipped ones from its
 * interviews.
 */
#include <string.h>

#include "form_use.h"
#include "question.h"

/* Whether org $1 hid the row of questions (question_set_hidden). */
#define Q_HIDDEN "EXISTS (SELECT 1 FROM org_hidden_questions h" \
	" WHERE h.org_id = $1 AND h.question_id = questions.id)"

/* The columns from_row reads, from questions (not aliased); $1 the org. */
#define Q_COLS "id, coalesce(org_id, 0), role, skill_area, category," \
	" difficulty, rubric::text, array_to_string(follow_ups, E'\\n')," \
	" sample_answer, archived_at IS NOT NULL," \
	" to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')," \
	" to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI')," \
	" body_md, (SELECT to_char(h.hidden_at AT TIME ZONE 'UTC'," \
	" 'YYYY-MM-DD HH24:MI') FROM org_hidden_questions h" \
	" WHERE h.org_id = $1 AND h.question_id = questions.id)"

/* Follow-ups arrive one per line, already cleaned by question_check. */
#define Q_FOLLOW_UPS(n) "CASE WHEN " n " = '' THEN '{}'::text[]" \
	" ELSE string_to_array(" n ", E'\\n') END"

/* Easiest first: the order of the levels, not of the words. */
#define Q_LEVEL "array_position(ARRAY['warmup', 'fundamental'," \
	" 'intermediate', 'advanced', 'expert'], difficulty)"

/* Splits newline-joined text into an array in the arena. */
static const char **
split_lines(struct arena *a, const char *text, size_t *n)
{
	const char	**v, *p, *nl;
	size_t		  max = 1;

	for (p = text; *p != '\0'; p++)
		max += *p == '\n';
	v = arena_calloc(a, max + 1, sizeof(*v));
	*n = 0;
	for (p = text; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL) {
			v[(*n)++] = p;
			break;
		}
		v[(*n)++] = arena_strndup(a, p, (size_t)(nl - p));
	}
	return v;
}

static void
from_row(struct arena *a, const struct db_res *r, int i, struct question *q)
{
	const char	*err;

	q->id = db_int(r, i, 0);
	q->org_id = db_int(r, i, 1);
	q->role = db_get(r, i, 2);
	q->skill_area = db_get(r, i, 3);
	q->category = db_get(r, i, 4);
	q->difficulty = db_get(r, i, 5);
	q->rubric = db_get(r, i, 6);
	q->follow_ups_text = db_get(r, i, 7);
	q->sample_answer = db_get(r, i, 8);
	q->archived = db_bool(r, i, 9);
	q->created_at = db_get(r, i, 10);
	q->updated_at = db_get(r, i, 11);
	q->body_md = db_get(r, i, 12);
	q->hidden = !db_null(r, i, 13);
	q->hidden_at = db_get(r, i, 13);
	q->follow_ups = split_lines(a, q->follow_ups_text, &q->n_follow_ups);
	/* A rubric written by SQL may break the shape: it shows as none. */
	(void)question_rubric_parse(a, q->rubric, &q->points, &q->n_points,
	    &err);
}

enum status
question_list(struct arena *a, struct db *db, long long org_id,
    const struct question_filter *f, struct question **out, size_t *n,
    int *more)
{
	const char	*p[10];
	struct db_res	*r;
	enum status	 st;
	int		 i, rows, page = f->page;

	p[0] = db_i64(a, org_id);
	p[1] = f->role != NULL ? f->role : "";
	p[2] = f->skill_area != NULL ? f->skill_area : "";
	p[3] = f->category != NULL ? f->category : "";
	p[4] = f->difficulty != NULL ? f->difficulty : "";
	p[5] = f->q != NULL ? f->q : "";
	p[6] = f->state != NULL ? f->state : "";
	/* Page 0 is every row: LIMIT NULL is no limit. */
	p[7] = page > 0 ? db_i64(a, QUESTION_PAGE_SIZE + 1) : NULL;
	p[8] = db_i64(a, page > 0 ? (long long)(page - 1) *
	    QUESTION_PAGE_SIZE : 0);
	p[9] = f->hidden_apart ? "t" : "f";
	/* strpos, not LIKE: the text may hold % and _; any case, any accents. */
	st = db_query(a, db, SQL("SELECT " Q_COLS " FROM questions"
	    " WHERE (org_id = $1 OR org_id IS NULL)"
	    " AND ($2 = '' OR role = $2) AND ($3 = '' OR skill_area = $3)"
	    " AND ($4 = '' OR category = $4) AND ($5 = '' OR difficulty = $5)"
	    " AND ($6 = '' OR strpos(search_fold(body_md), search_fold($6)) > 0"
	    " OR strpos(search_fold(skill_area), search_fold($6)) > 0)"
	    " AND CASE $7::text WHEN 'archived' THEN archived_at IS NOT NULL"
	    " WHEN 'hidden' THEN " Q_HIDDEN
	    " WHEN 'all' THEN NOT ($10::bool AND " Q_HIDDEN ")"
	    " ELSE archived_at IS NULL AND NOT " Q_HIDDEN " END"
	    " ORDER BY role, " Q_LEVEL ", skill_area, id LIMIT $8 OFFSET $9"),
	    p, 10, &r);
	if (st != ST_OK)
		return st;
	rows = db_rows(r);
	*more = page > 0 && rows > QUESTION_PAGE_SIZE;
	if (*more)
		rows = QUESTION_PAGE_SIZE;
	*n = (size_t)rows;
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < rows; i++)
		from_row(a, r, i, &(*out)[i]);
	return ST_OK;
}

enum status
question_get(struct arena *a, struct db *db, long long org_id, long long id,
    struct question *q)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("SELECT " Q_COLS " FROM questions"
	    " WHERE id = $2 AND (org_id = $1 OR org_id IS NULL)"), p, 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	from_row(a, r, 0, q);
	return ST_OK;
}

enum status
question_get_many(struct arena *a, struct db *db, long long org_id,
    const long long *ids, size_t n, struct question **out, size_t *nout)
{
	const char	*p[2];
	struct db_res	*r;
	enum status	 st;
	size_t		 i;

	*out = NULL;
	*nout = 0;
	if (n == 0)
		return ST_OK;
	/* One statement for a whole file's ids. */
	p[0] = db_i64(a, org_id);
	p[1] = db_i64_array(a, ids, n);
	st = db_query(a, db, SQL("SELECT " Q_COLS " FROM questions"
	    " WHERE id = ANY ($2::bigint[]) AND (org_id = $1 OR org_id IS NULL)"
	    " ORDER BY id"), p, 2, &r);
	if (st != ST_OK)
		return st;
	*nout = (size_t)db_rows(r);
	*out = arena_calloc(a, *nout + 1, sizeof(**out));
	for (i = 0; i < *nout; i++)
		from_row(a, r, (int)i, &(*out)[i]);
	return ST_OK;
}

void
question_input_of(const struct question *q, struct question_input *in)
{
	in->v[QF_ROLE] = q->role;
	in->v[QF_SKILL_AREA] = q->skill_area;
	in->v[QF_CATEGORY] = q->category;
	in->v[QF_DIFFICULTY] = q->difficulty;
	in->v[QF_BODY_MD] = q->body_md;
	in->v[QF_RUBRIC] = q->rubric;
	in->v[QF_FOLLOW_UPS] = q->follow_ups_text;
	in->v[QF_SAMPLE_ANSWER] = q->sample_answer;
}

/* Runs one of the INSERTs below: $1 org, $2..$9 the fields, $10 the author. */
static enum status
insert(struct arena *a, struct db *db, const char *sql, long long org_id,
    long long user_id, const struct question_input *in, struct db_res **r)
{
	const char	*p[QF__MAX + 2];

	p[0] = db_i64(a, org_id);
	memcpy(p + 1, in->v, sizeof(in->v));
	p[QF__MAX + 1] = user_id > 0 ? db_i64(a, user_id) : NULL;
	return db_query(a, db, sql, p, QF__MAX + 2, r);
}

enum status
question_create(struct arena *a, struct db *db, long long org_id,
    long long user_id, const struct question_input *in, long long *id)
{
	struct db_res	*r;
	enum status	 st;

	st = insert(a, db, SQL("INSERT INTO questions (org_id, role,"
	    " skill_area, category, difficulty, body_md, rubric, follow_ups,"
	    " sample_answer, created_by) VALUES ($1, $2, $3, $4, $5, $6,"
	    " $7::jsonb, " Q_FOLLOW_UPS("$8") ", $9, $10) RETURNING id"),
	    org_id, user_id, in, &r);
	if (st == ST_OK && id != NULL)
		*id = db_int(r, 0, 0);
	return st;
}

/* question_create's arguments, through form_use_create. */
struct creation {
	long long			 org_id;
	long long			 user_id;
	const struct question_input	*in;
};

static enum status
insert_once(struct arena *a, struct db *db, void *arg, long long *id)
{
	const struct creation	*c = arg;

	return question_create(a, db, c->org_id, c->user_id, c->in, id);
}

enum status
question_create_once(struct arena *a, struct db *db, const char *form_id,
    long long org_id, long long user_id, const struct question_input *in,
    long long *id, int *repeated)
{
	struct creation	c = { org_id, user_id, in };

	return form_use_create(a, db, form_id, insert_once, &c, id, repeated);
}

enum status
question_create_new(struct arena *a, struct db *db, long long org_id,
    long long user_id, const struct question_input *in, int *created)
{
	struct db_res	*r;
	enum status	 st;

	st = insert(a, db, SQL("INSERT INTO questions (org_id, role,"
	    " skill_area, category, difficulty, body_md, rubric, follow_ups,"
	    " sample_answer, created_by) SELECT $1, $2, $3, $4, $5, $6,"
	    " $7::jsonb, " Q_FOLLOW_UPS("$8") ", $9, $10 WHERE NOT EXISTS"
	    " (SELECT 1 FROM questions WHERE (org_id = $1 OR org_id IS NULL)"
	    " AND role = $2 AND md5(body_md) = md5($6) AND body_md = $6"
	    " AND archived_at IS NULL) RETURNING id"), org_id, user_id, in, &r);
	if (st == ST_OK)
		*created = db_rows(r) > 0;
	return st;
}

enum status
question_update(struct arena *a, struct db *db, long long org_id,
    long long id, const struct question_input *in, int *changed)
{
	const char	*p[QF__MAX + 2];
	struct db_res	*r;
	enum status	 st;

	*changed = 0;
	p[0] = db_i64(a, org_id);
	p[1] = db_i64(a, id);
	memcpy(p + 2, in->v, sizeof(in->v));
	/* The same values again: no new updated_at, nothing to log. */
	st = db_query(a, db, SQL("WITH u AS (UPDATE questions SET role = $3,"
	    " skill_area = $4, category = $5, difficulty = $6, body_md = $7,"
	    " rubric = $8::jsonb, follow_ups = " Q_FOLLOW_UPS("$9") ","
	    " sample_answer = $10, updated_at = now()"
	    " WHERE org_id = $1 AND id = $2 AND (role, skill_area, category,"
	    " difficulty, body_md, rubric, follow_ups, sample_answer)"
	    " IS DISTINCT FROM ($3, $4, $5, $6, $7, $8::jsonb, "
	    Q_FOLLOW_UPS("$9") ", $10) RETURNING id)"
	    " SELECT (SELECT count(*) FROM u), count(*) FROM questions"
	    " WHERE org_id = $1 AND id = $2"), p, QF__MAX + 2, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1 || db_int(r, 0, 1) == 0)
		return ST_NOTFOUND;
	*changed = db_int(r, 0, 0) > 0;
	return ST_OK;
}

enum status
question_set_archived(struct arena *a, struct db *db, long long org_id,
    long long id, int archived)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id),
	    archived ? "t" : "f" };
	long		 n;
	enum status	 st;

	st = db_exec(a, db, SQL("UPDATE questions SET archived_at = CASE WHEN"
	    " $3::bool THEN coalesce(archived_at, now()) END,"
	    " updated_at = now()"
	    " WHERE org_id = $1 AND id = $2"), p, 3, &n);
	if (st == ST_OK && n == 0)
		return ST_NOTFOUND;
	return st;
}

/* Adds the org's row unless there; *n: 1 added, 0 there, -1 no such. */
static enum status
hide(struct arena *a, struct db *db, long long org_id, long long user_id,
    long long id, int *n)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id),
	    user_id > 0 ? db_i64(a, user_id) : NULL };
	struct db_res	*r;
	enum status	 st;

	/* Shipped ones only: the org archives its own. */
	st = db_query(a, db, SQL("WITH q AS (SELECT id FROM questions"
	    " WHERE id = $2 AND org_id IS NULL), i AS (INSERT INTO"
	    " org_hidden_questions (org_id, question_id, hidden_by)"
	    " SELECT $1, id, $3::bigint FROM q ON CONFLICT DO NOTHING"
	    " RETURNING 1) SELECT (SELECT count(*) FROM q),"
	    " (SELECT count(*) FROM i)"), p, 3, &r);
	if (st == ST_OK)
		*n = db_int(r, 0, 0) == 0 ? -1 : (int)db_int(r, 0, 1);
	return st;
}

/* Deletes the org's row; *n as hide's. */
static enum status
show(struct arena *a, struct db *db, long long org_id, long long id, int *n)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id) };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("WITH q AS (SELECT id FROM questions"
	    " WHERE id = $2 AND org_id IS NULL), d AS (DELETE FROM"
	    " org_hidden_questions h USING q WHERE h.org_id = $1"
	    " AND h.question_id = q.id RETURNING 1)"
	    " SELECT (SELECT count(*) FROM q), (SELECT count(*) FROM d)"),
	    p, 2, &r);
	if (st == ST_OK)
		*n = db_int(r, 0, 0) == 0 ? -1 : (int)db_int(r, 0, 1);
	return st;
}

enum status
question_set_hidden(struct arena *a, struct db *db, long long org_id,
    long long user_id, long long id, int hidden, int *changed)
{
	enum status	st;
	int		n;

	*changed = 0;
	st = hidden ? hide(a, db, org_id, user_id, id, &n) :
	    show(a, db, org_id, id, &n);
	if (st != ST_OK)
		return st;
	if (n < 0)
		return ST_NOTFOUND;
	*changed = n > 0;
	return ST_OK;
}

/* Inserts the org's copy of a question it can see. */
static enum status
copy(struct arena *a, struct db *db, long long org_id, long long user_id,
    long long id, long long *new_id)
{
	const char	*p[] = { db_i64(a, org_id), db_i64(a, id),
	    user_id > 0 ? db_i64(a, user_id) : NULL };
	struct db_res	*r;
	enum status	 st;

	st = db_query(a, db, SQL("INSERT INTO questions (org_id, role,"
	    " skill_area, category, difficulty, body_md, rubric, follow_ups,"
	    " sample_answer, created_by) SELECT $1, role, skill_area,"
	    " category, difficulty, body_md, rubric, follow_ups, sample_answer,"
	    " $3::bigint FROM questions"
	    " WHERE id = $2 AND (org_id = $1 OR org_id IS NULL) RETURNING id"),
	    p, 3, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) != 1)
		return ST_NOTFOUND;
	*new_id = db_int(r, 0, 0);
	return ST_OK;
}

enum status
question_duplicate(struct arena *a, struct db *db, long long org_id,
    long long user_id, long long id, int hide_original, long long *new_id,
    int *hid)
{
	enum status	st;
	int		n = 0;

	*hid = 0;
	if (!hide_original)
		return copy(a, db, org_id, user_id, id, new_id);
	/* Both or neither: a copy beside a still-asked original is the bug. */
	if ((st = db_begin(db)) != ST_OK)
		return st;
	if ((st = copy(a, db, org_id, user_id, id, new_id)) != ST_OK ||
	    (st = hide(a, db, org_id, user_id, id, &n)) != ST_OK ||
	    (st = db_commit(db)) != ST_OK) {
		db_rollback(db);
		return st;
	}
	*hid = n > 0;	/* -1: the org's own, which is archived instead */
	return ST_OK;
}

enum status
question_skill_areas(struct arena *a, struct db *db, long long org_id,
    const char ***out, size_t *n)
{
	const char	*p[] = { db_i64(a, org_id) };
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT s FROM (SELECT skill_area AS s"
	    " FROM questions WHERE org_id = $1 OR org_id IS NULL UNION"
	    " SELECT unnest(skill_areas) FROM roles WHERE org_id = $1"
	    " OR org_id IS NULL) AS t ORDER BY s"), p, 1, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	*out = arena_calloc(a, *n + 1, sizeof(**out));
	for (i = 0; i < db_rows(r); i++)
		(*out)[i] = db_get(r, i, 0);
	return ST_OK;
}
