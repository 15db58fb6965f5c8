/*
 * interview_detail.c: when interviews ended and one-way interviews'
 * settings, for a page of them in one statement (the JSON API's interview
 * object; struct interview has neither).
 */
#include <string.h>

#include "interview_detail.h"

enum status
interview_details(struct arena *a, struct db *db, long long org,
    const long long *ids, size_t n, struct iv_detail *out)
{
	const char	*p[2];
	struct db_res	*r;
	size_t		 i;
	int		 j;
	enum status	 st;

	for (i = 0; i < n; i++) {
		memset(&out[i], 0, sizeof(out[i]));
		out[i].id = ids[i];
		out[i].ended_at = "";
		out[i].media = "";
		out[i].prep_s = -1;
	}
	if (n == 0)
		return ST_OK;
	p[0] = db_i64(a, org);
	p[1] = db_i64_array(a, ids, n);
	st = db_query(a, db, SQL("SELECT i.id, coalesce(to_char(i.ended_at"
	    " AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS'), ''),"
	    " s.interview_id IS NOT NULL, coalesce(s.media, ''),"
	    " coalesce(s.answer_s, 0), coalesce(s.prep_s, -1),"
	    " coalesce(s.max_attempts, 0)"
	    " FROM interviews i LEFT JOIN oneway_settings s"
	    " ON s.interview_id = i.id AND i.kind = 'oneway'"
	    " WHERE i.org_id = $1 AND i.id = ANY ($2::bigint[])"), p, 2, &r);
	if (st != ST_OK)
		return st;
	for (j = 0; j < db_rows(r); j++)
		for (i = 0; i < n; i++) {
			if (out[i].id != db_int(r, j, 0))
				continue;
			out[i].ended_at = db_get(r, j, 1);
			out[i].oneway = db_bool(r, j, 2);
			out[i].media = db_get(r, j, 3);
			out[i].answer_s = (int)db_int(r, j, 4);
			out[i].prep_s = (int)db_int(r, j, 5);
			out[i].max_attempts = (int)db_int(r, j, 6);
		}
	return ST_OK;
}
