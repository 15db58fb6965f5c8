/*
 * oneway_review.c: the reviewers' scorecards of a one-way interview: each
 * interviewer's own 1-5 rating and notes per answer (oneway_ratings) and
 * own recommendation and notes (oneway_recommendations, sql/033).  Saving
 * one's own replaces only one's own: a second reviewer adds a second
 * opinion, and the first one's stays, with its notes.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/oneway.h"

enum status
oneway_rate(struct arena *a, struct db *db, long long org, long long iv,
    int n, long long user, int rating, const char *notes, int *was)
{
	const char	*p[] = { db_i64(a, org), db_i64(a, iv), db_i64(a, n),
			    db_i64(a, user), db_i64(a, rating), notes };
	struct db_res	*r;
	enum status	 st;

	*was = 0;
	/*
	 * Only a submitted answer of the org's interview; the earlier rating
	 * read in the statement's snapshot, for the timeline.
	 */
	st = db_query(a, db, SQL("WITH q AS (SELECT q.interview_id, q.n"
	    " FROM oneway_questions q JOIN interviews i"
	    " ON i.id = q.interview_id WHERE i.org_id = $1"
	    " AND q.interview_id = $2 AND q.n = $3"
	    " AND q.submitted IS NOT NULL),"
	    " old AS (SELECT rating FROM oneway_ratings WHERE interview_id = $2"
	    " AND n = $3 AND user_id = $4)"
	    " INSERT INTO oneway_ratings (interview_id, n, user_id, rating,"
	    " notes) SELECT interview_id, n, $4, $5, $6 FROM q"
	    " ON CONFLICT (interview_id, n, user_id) DO UPDATE SET"
	    " rating = EXCLUDED.rating, notes = EXCLUDED.notes,"
	    " rated_at = now()"
	    " RETURNING coalesce((SELECT rating FROM old), 0)"), p, 6, &r);
	if (st != ST_OK)
		return st;
	if (db_rows(r) == 1) {
		*was = (int)db_int(r, 0, 0);
		return ST_OK;
	}
	/* Not rated: no such question, or one with no answer to rate yet. */
	st = db_query(a, db, SQL("SELECT 1 FROM oneway_questions q JOIN"
	    " interviews i ON i.id = q.interview_id WHERE i.org_id = $1"
	    " AND q.interview_id = $2 AND q.n = $3"), p, 3, &r);
	return st != ST_OK ? st : db_rows(r) == 1 ? ST_CONFLICT : ST_NOTFOUND;
}

/* Row i of the reviews query as a review. */
static void
review_of(const struct db_res *r, int i, struct review *rv)
{
	rv->user_id = db_int(r, i, 1);
	rv->email = db_get(r, i, 2);
	rv->name = db_get(r, i, 3);
	rv->rating = (int)db_int(r, i, 4);
	rv->recommendation = db_get(r, i, 5);
	rv->notes = db_get(r, i, 6);
	rv->at = db_get(r, i, 7);
}

enum status
oneway_reviews(struct arena *a, struct db *db, long long org, long long iv,
    struct oneway *ow, struct oneway_question *q, size_t n)
{
	const char		*p[] = { db_i64(a, org), db_i64(a, iv) };
	struct review	*all;
	struct db_res		*r;
	size_t			 k;
	int			 i, j, rows, qn;
	enum status		 st;

	ow->recs = NULL;
	ow->nrecs = 0;
	for (k = 0; k < n; k++) {
		q[k].ratings = NULL;
		q[k].nratings = 0;
	}
	/* Question 0: the recommendations.  Each part oldest first. */
	st = db_query(a, db, SQL("SELECT c.n, coalesce(c.user_id, 0),"
	    " coalesce(u.email, ''), coalesce(u.name, ''), c.rating, '',"
	    " c.notes, to_char(c.rated_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD HH24:MI:SS'), c.rated_at"
	    " FROM oneway_ratings c JOIN interviews i ON i.id = c.interview_id"
	    " LEFT JOIN users u ON u.id = c.user_id"
	    " WHERE i.org_id = $1 AND c.interview_id = $2"
	    " UNION ALL SELECT 0, coalesce(c.user_id, 0), coalesce(u.email, ''),"
	    " coalesce(u.name, ''), 0, c.recommendation, c.notes,"
	    " to_char(c.recommended_at AT TIME ZONE 'UTC',"
	    " 'YYYY-MM-DD HH24:MI:SS'), c.recommended_at"
	    " FROM oneway_recommendations c JOIN interviews i"
	    " ON i.id = c.interview_id LEFT JOIN users u ON u.id = c.user_id"
	    " WHERE i.org_id = $1 AND c.interview_id = $2"
	    " ORDER BY 1, 9, 2"), p, 2, &r);
	if (st != ST_OK)
		return st;
	rows = db_rows(r);
	all = arena_calloc(a, (size_t)rows + 1, sizeof(*all));
	for (i = 0; i < rows; i++)
		review_of(r, i, &all[i]);
	/* Rows i..j-1 are one question's (sorted by it). */
	for (i = 0; i < rows; i = j) {
		qn = (int)db_int(r, i, 0);
		for (j = i; j < rows && db_int(r, j, 0) == qn; j++)
			;
		if (qn == 0) {
			ow->recs = &all[i];
			ow->nrecs = (size_t)(j - i);
		}
		for (k = 0; qn > 0 && k < n; k++)
			if (q[k].n == qn) {
				q[k].ratings = &all[i];
				q[k].nratings = (size_t)(j - i);
			}
	}
	return ST_OK;
}

double
oneway_rating_avg(const struct oneway_question *q)
{
	long	 sum = 0;
	size_t	 i;

	if (q->nratings == 0)
		return 0;
	for (i = 0; i < q->nratings; i++)
		sum += q->ratings[i].rating;
	return round(100.0 * (double)sum / (double)q->nratings) / 100.0;
}

const char *
oneway_rating_text(struct arena *a, double x)
{
	char	*s;
	size_t	 len;

	if (x == floor(x))
		return arena_printf(a, "%d", (int)x);
	s = arena_printf(a, "%.2f", x);
	len = strlen(s);
	if (s[len - 1] == '0')
		s[len - 1] = '\0';
	return s;
}

const char *
oneway_seconds_text(struct arena *a, long long ms)
{
	long long	 t = (ms + 50) / 100;	/* tenths, rounded */

	if (ms < 0)
		t = 0;
	/* Whole seconds without ".0": 3, not 3.0. */
	return t % 10 == 0 ? arena_printf(a, "%lld", t / 10) :
	    arena_printf(a, "%lld.%lld", t / 10, t % 10);
}
