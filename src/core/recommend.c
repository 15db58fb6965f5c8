/*
 * recommend.c: each reviewer's recommendation of an interview's candidate,
 * whatever its kind (oneway_recommendations, sql/033; every kind since
 * sql/042).  Saving one's own replaces only one's own: a second reviewer
 * adds a second opinion, and the first one's stays, with its notes.
 */
#include <string.h>

#include "core/recommend.h"

/*
 * A practice run is feedback for its candidate, not an assessment, and an
 * interview that ended (expired, mostly) before its candidate started has
 * nothing to review: neither takes a recommendation, here and in
 * recommend_save's statement.
 */
enum rec_refusal
recommend_refusal(const struct interview *iv)
{
	if (iv->practice)
		return REC_PRACTICE;
	if (!interview_running(iv))
		return *iv->started_at == '\0' ? REC_UNSTARTED : REC_OPEN;
	return strcmp(iv->kind, "oneway") == 0 ? REC_OPEN : REC_RUNNING;
}

int
recommend_open(const struct interview *iv)
{
	return recommend_refusal(iv) == REC_OPEN;
}

enum status
recommend_save(struct arena *a, struct db *db, long long org, long long iv,
    long long user, const char *rec, const char *notes, const char **was)
{
	const char	*p[] = { db_i64(a, org), db_i64(a, iv),
			    db_i64(a, user), rec, notes };
	struct db_res	*r;
	enum status	 st;

	*was = "";
	/*
	 * Only the org's interview that takes one (recommend_refusal); the
	 * earlier recommendation read in the statement's snapshot, for the
	 * timeline.
	 */
	st = db_query(a, db, SQL("WITH s AS (SELECT id FROM interviews"
	    " WHERE org_id = $1 AND id = $2 AND NOT (kind = 'adaptive'"
	    " AND practice) AND CASE WHEN status IN ('created', 'active',"
	    " 'paused') THEN kind = 'oneway' ELSE started_at IS NOT NULL"
	    " END),"
	    " old AS (SELECT recommendation FROM oneway_recommendations"
	    " WHERE interview_id = $2 AND user_id = $3)"
	    " INSERT INTO oneway_recommendations (interview_id, user_id,"
	    " recommendation, notes) SELECT id, $3, $4, $5 FROM s"
	    " ON CONFLICT (interview_id, user_id) DO UPDATE SET"
	    " recommendation = EXCLUDED.recommendation,"
	    " notes = EXCLUDED.notes, recommended_at = now()"
	    " RETURNING coalesce((SELECT recommendation FROM old), '')"),
	    p, 5, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) == 1) {
		*was = db_get(r, 0, 0);
		return ST_OK;
	}
	/* Not saved: no such interview, or one that takes none. */
	st = db_query(a, db, SQL("SELECT 1 FROM interviews WHERE org_id = $1"
	    " AND id = $2"), p, 2, &r);
	return st != ST_OK ? st : db_rows(r) == 1 ? ST_CONFLICT : ST_NOTFOUND;
}

enum status
recommend_list(struct arena *a, struct db *db, long long org, long long iv,
    const struct review **out, size_t *n)
{
	const char	*p[] = { db_i64(a, org), db_i64(a, iv) };
	struct review	*list;
	struct db_res	*r;
	enum status	 st;
	int		 i;

	st = db_query(a, db, SQL("SELECT coalesce(c.user_id, 0),"
	    " coalesce(u.email, ''), coalesce(u.name, ''), c.recommendation,"
	    " c.notes, to_char(c.recommended_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD HH24:MI:SS')"
	    " FROM oneway_recommendations c JOIN interviews i"
	    " ON i.id = c.interview_id LEFT JOIN users u ON u.id = c.user_id"
	    " WHERE i.org_id = $1 AND c.interview_id = $2"
	    " ORDER BY c.recommended_at, 1"), p, 2, &r);
	if (st != ST_OK)
		return st;
	*n = (size_t)db_rows(r);
	list = arena_calloc(a, *n + 1, sizeof(*list));
	for (i = 0; i < db_rows(r); i++) {
		list[i].user_id = db_int(r, i, 0);
		list[i].email = db_get(r, i, 1);
		list[i].name = db_get(r, i, 2);
		list[i].recommendation = db_get(r, i, 3);
		list[i].notes = db_get(r, i, 4);
		list[i].at = db_get(r, i, 5);
	}
	*out = list;
	return ST_OK;
}

const struct review *
recommend_of(const struct review *list, size_t n, long long user)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (list[i].user_id == user && user != 0)
			return &list[i];
	return NULL;
}

const char *
recommend_reviewer(struct arena *a, const struct review *rv)
{
	if (*rv->email == '\0')
		return "unrecorded reviewer";
	if (*rv->name == '\0')
		return rv->email;
	return arena_printf(a, "%s (%s)", rv->name, rv->email);
}

const char *
recommend_agreed(const struct review *list, size_t n)
{
	size_t	 i;

	if (n == 0)
		return "";
	for (i = 1; i < n; i++)
		if (strcmp(list[i].recommendation, list[0].recommendation) != 0)
			return "mixed";
	return list[0].recommendation;
}

/* Strongest first, as the summary lists them. */
static const char *const labels[][2] = {
	{ "strong_yes", "Strong yes" },
	{ "yes", "Yes" },
	{ "no", "No" },
	{ "strong_no", "Strong no" },
};

const char *
recommend_label(const char *rec)
{
	size_t	 i;

	for (i = 0; i < NITEMS(labels); i++)
		if (strcmp(rec, labels[i][0]) == 0)
			return labels[i][1];
	return "";
}

const char *
recommend_summary(struct arena *a, const char *csv)
{
	int		 count[NITEMS(labels)] = { 0 }, total = 0;
	const char	*p = csv, *sep = "";
	size_t		 i, len;
	struct buf	 b;

	while (*p != '\0') {
		len = strcspn(p, ",");
		for (i = 0; i < NITEMS(labels); i++)
			if (strlen(labels[i][0]) == len &&
			    strncmp(p, labels[i][0], len) == 0) {
				count[i]++;
				total++;
			}
		p += len + (p[len] == ',');
	}
	if (total <= 1)
		return recommend_label(csv);
	buf_init(&b, a);
	buf_printf(&b, "%d reviews: ", total);
	for (i = 0; i < NITEMS(labels); i++) {
		if (count[i] == 0)
			continue;
		buf_printf(&b, "%s%s", sep, labels[i][1]);
		if (count[i] > 1)	/* "Yes ×2" */
			buf_printf(&b, " \xc3\x97%d", count[i]);
		sep = ", ";
	}
	return b.p;
}
