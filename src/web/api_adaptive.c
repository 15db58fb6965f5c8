/*
 * api_adaptive.c: adaptive interviews over the JSON API: creating one (the
 * form's fields and checks), and its report, the same findings the
 * interviewer's page shows (adaptive_report.c).
 */
#include <json-c/json.h>
#include <string.h>

#include "core/adaptive.h"
#include "handlers.h"

/* API member -> the create form's field (admin_adaptive.c), with defaults. */
const struct api_name api_adaptive_names[] = {
	{ "kind",		"kind",			NULL },
	{ "candidate_name",	"candidate_name",	NULL },
	{ "candidate_email",	"candidate_email",	NULL },
	{ "role",		"role",			NULL },
	{ "min_questions",	"min_questions",	"8" },
	{ "max_questions",	"max_questions",	"12" },
	{ "time_limit_minutes",	"minutes",		"0" },
	{ "practice",		"practice",		"0" },
	{ "voice",		"voice",		"0" },
	{ "question_source",	"question_source",	"bank" },
	{ "model",		"model",		"builtin" },
	{ "invite_days",	"expiry_days",		"7" },
	{ NULL, NULL, NULL }
};

static void
read_create(const struct api_checked *c, struct adaptive_new *in)
{
	memset(in, 0, sizeof(*in));
	in->candidate_name = api_text(c, "candidate_name");
	in->candidate_email = api_text(c, "candidate_email");
	in->role = api_text(c, "role");
	in->min_questions = (int)api_num(c, "min_questions");
	in->max_questions = (int)api_num(c, "max_questions");
	in->time_limit_min = (int)api_num(c, "minutes");
	in->practice = (int)api_num(c, "practice");
	in->voice_offered = (int)api_num(c, "voice");
	in->question_source = api_text(c, "question_source");
	in->model = api_text(c, "model");
	in->expiry_days = (int)api_num(c, "expiry_days");
}

const char api_not_a_role[] = "Not a role of your organisation;"
    " GET /api/v1/roles lists them.";

/* The form's problem in the API's words: no Evaluator box to choose in. */
static const char *
api_words(struct req *r, const char *msg)
{
	if (msg == adaptive_role_not_offered)
		return api_not_a_role;
	if (msg == adaptive_model_not_offered)
		return api_model_refusal(r);
	if (msg == adaptive_generated_needs_model)
		return "Questions written by the model need an AI model: send"
		    " a model other than builtin, or a question_source of"
		    " bank or bank_followups.";
	return msg;
}

/* POST /api/v1/interviews with "kind":"adaptive" (api_interviews.c). */
enum status
api_adaptive_create(struct req *r, struct json_object *body)
{
	struct field_problem	 p[ADAPTIVE_MAX_PROBLEMS];
	struct adaptive_new	 in;
	struct api_checked	 c;
	char			*token;
	long long		 id;
	size_t			 n, i;
	enum status		 st;

	api_object_fields(r, body, adaptive_fields, api_adaptive_names, &c);
	read_create(&c, &in);
	/* Every problem at once, with the members' own errors. */
	if ((st = adaptive_new_problems(r, &in, p, &n)) != ST_OK)
		return st;
	for (i = 0; i < n; i++)
		if (fields_get(c.f, c.table, p[i].field)->err == NULL)
			api_field_error(&c, api_member_of(api_adaptive_names,
			    p[i].field), api_words(r, p[i].msg));
	if (c.nerr > 0)
		return api_reply_checked(r, &c);
	st = adaptive_create(r->a, r->db, r->user->org_id, r->user->id, &in,
	    &token, &id);
	if (st == ST_NOTFOUND || st == ST_DENIED) {
		api_field_error(&c, "role", st == ST_NOTFOUND ? api_not_a_role :
		    adaptive_role_archived);
		return api_reply_checked(r, &c);
	}
	if (st == ST_CONFLICT) {
		api_field_error(&c, "role", adaptive_no_questions);
		return api_reply_checked(r, &c);
	}
	if (st != ST_OK)
		return st;
	interview_created_event(r, id, "adaptive");
	return api_reply_created(r, id, token);
}

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
