/*
 * interview_result.c: what a list of interviews compares candidates by:
 * an adaptive interview's band and average score, a one-way interview's
 * average rating (read with the list, IV_RATING_SQL); an assisted one has
 * no computed result yet.
 */
#include <stdlib.h>
#include <string.h>

#include "adaptive.h"
#include "interview.h"
#include "oneway.h"

/*
 * One statement for the page's adaptive rows, through interview_questions'
 * index on (interview_id, n): the judged answers' evaluations, difficulty
 * and category, which is all adaptive_band reads.
 */
enum status
interview_results(struct arena *a, struct db *db, long long org,
    struct interview *iv, size_t n)
{
	struct adaptive_question	*q;
	struct db_res			*r;
	const char			*p[2];
	long long			*ids;
	size_t				 i, nids = 0;
	int				 j, k, rows;
	enum status			 st;

	ids = arena_calloc(a, n + 1, sizeof(*ids));
	for (i = 0; i < n; i++)
		if (strcmp(iv[i].kind, "adaptive") == 0)
			ids[nids++] = iv[i].id;
	if (nids == 0)
		return ST_OK;
	p[0] = db_i64(a, org);
	p[1] = db_i64_array(a, ids, nids);
	st = db_query(a, db, SQL("SELECT iq.interview_id, iq.n,"
	    " iq.category, iq.difficulty, iq.evaluation::text"
	    " FROM interview_questions iq JOIN interviews i"
	    " ON i.id = iq.interview_id WHERE i.org_id = $1"
	    " AND iq.interview_id = ANY ($2::bigint[])"
	    " AND iq.evaluation IS NOT NULL"
	    " ORDER BY iq.interview_id, iq.n"), p, 2, &r);
	if (st != ST_OK)
		return st;
	rows = db_rows(r);
	q = arena_calloc(a, (size_t)rows + 1, sizeof(*q));
	for (j = 0; j < rows; j++) {
		q[j].n = (int)db_int(r, j, 1);
		q[j].category = db_get(r, j, 2);
		q[j].difficulty = db_get(r, j, 3);
		q[j].evaluation = db_get(r, j, 4);
	}
	/* Rows j..k-1 are one interview's (sorted by it). */
	for (j = 0; j < rows; j = k) {
		for (k = j; k < rows && db_int(r, k, 0) == db_int(r, j, 0); k++)
			;
		for (i = 0; i < n; i++) {
			const char	*basis;

			if (iv[i].id != db_int(r, j, 0) ||
			    strcmp(iv[i].kind, "adaptive") != 0)
				continue;
			if (!adaptive_band(a, &q[j], (size_t)(k - j),
			    &iv[i].adaptive_band, &basis))
				iv[i].adaptive_band = "";
			iv[i].adaptive_score = adaptive_avg_score(a, &q[j],
			    (size_t)(k - j));
		}
	}
	return ST_OK;
}

const char *
interview_result_text(struct arena *a, const struct interview *iv)
{
	if (iv->adaptive_score >= 0)
		return arena_printf(a, "%s, average %d%%", iv->adaptive_band,
		    iv->adaptive_score);
	if (iv->rating_avg >= 0)
		return arena_printf(a, "average rating %s/5",
		    oneway_rating_text(a, iv->rating_avg));
	return "";
}
