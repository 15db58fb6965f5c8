/*
 * api_adaptive.c: the adaptive interview's report over the JSON API, the
 * same findings the interviewer's page shows (adaptive_report.c).
 */
#include <json-c/json.h>
#include <string.h>

#include "core/adaptive.h"
#include "handlers.h"

/* GET /api/v1/interviews/:id/report */
enum status
api_interview_report(struct req *r)
{
	struct adaptive_question	*q;
	struct interview		 iv;
	struct adaptive			 ad;
	long long			 id;
	size_t				 n;
	enum status			 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK)
		return st;
	st = interview_get(r->a, r->db, r->user->org_id, id, &iv);
	if (st == ST_OK)
		st = interview_check_end(r->a, r->db, &iv);
	if (st == ST_OK && strcmp(iv.kind, "adaptive") != 0)
		st = ST_NOTFOUND;
	if (st == ST_NOTFOUND) {
		r->error_detail = "There is no adaptive interview with that id"
		    " in your organisation; other kinds have /analytics.";
		return st;
	}
	if (st != ST_OK ||
	    (st = adaptive_get(r->a, r->db, iv.id, &ad)) != ST_OK ||
	    (st = adaptive_questions(r->a, r->db, iv.id, &q, &n)) != ST_OK)
		return st;
	return resp_json(r, 200, adaptive_report_json(r->a, &iv, &ad, q, n));
}
