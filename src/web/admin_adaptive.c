/*
 * admin_adaptive.c: adaptive interviews for interviewers: the create form
 * and the report on the interview's page (skill boundaries, the difficulty
 * progression, each answer's evaluation, an overall band and its basis).
 */
#include <json-c/json.h>
#include <string.h>

#include "core/adaptive.h"
#include "core/analytics.h"
#include "lib/markdown.h"
#include "lib/svg.h"
#include "handlers.h"


const struct field adaptive_fields[] = {
	{ "candidate_name",	F_LINE,	 1, 200,	FIELD_REQUIRED, NULL },
	{ "candidate_email",	F_EMAIL, 3, 254,	FIELD_REQUIRED, NULL },
	{ "role",		F_LINE,	 1, 40,		FIELD_REQUIRED, NULL },
	{ "min_questions",	F_INT,	 1, 50,		FIELD_REQUIRED, NULL },
	{ "max_questions",	F_INT,	 1, 50,		FIELD_REQUIRED, NULL },
	{ "minutes",		F_INT,	 0, 480,	0, NULL },
	{ "practice",		F_BOOL,	 0, 1,		0, NULL },
	{ "voice",		F_BOOL,	 0, 1,		0, NULL },
	{ "question_source",	F_ENUM,	 0, 0,		FIELD_REQUIRED,
	    "bank|bank_followups|generated" },
	{ "model",		F_LINE,	 1, 200,	FIELD_REQUIRED, NULL },
	{ "expiry_days",	F_INT,	 1, 30,		FIELD_REQUIRED, NULL },
	/* The page's random id, so that the form acts once (form_use.h). */
	{ "form_id",	F_TEXT,	 0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* --- the create form ------------------------------------------------------ */

static enum status
render_form(struct req *r, struct view *v, int code, const char *role,
    const char *model, const char *source)
{
	enum status	st;

	interview_set_models(r, v, model);
	/* Voice answers are transcribed by the provider: say so without one. */
	view_set_bool(v, "has_provider", *r->app->cfg.ai_base_url != '\0');
	view_set_bool(v, arena_printf(r->a, "source_is_%s", source), 1);
	/* The one sent, for the form again: nothing was made with it. */
	page_set_form_id(r, v, 1);
	if ((st = page_set_roles(r, v, role)) != ST_OK)
		return st;
	return resp_render(r, code, "admin/adaptive_new", v);
}

/* GET /admin/adaptive/new */
enum status
admin_adaptive_new(struct req *r)
{
	struct view	*v = page_view(r, "New adaptive interview", "interviews");

	view_set_int(v, "min_questions", 8);
	view_set_int(v, "max_questions", 12);
	view_set_int(v, "minutes", 0);
	view_set_int(v, "expiry_days", INVITE_DAYS_DEFAULT);
	return render_form(r, v, 200, "python", NULL, "bank");
}

/*
 * The form again with its values and the fields' own errors; each of the
 * n problems beside its field, unless that field has an error of its own.
 */
static enum status
form_again(struct req *r, const struct field_problem *p, size_t n)
{
	struct view	*v = page_form_again(r, "New adaptive interview",
			    "interviews", NULL, NULL);
	const char	*source = req_field(r, "question_source")->text;
	size_t		 i;

	for (i = 0; i < n; i++)
		page_mark(r, v, p[i].field, p[i].msg);

	view_set_bool(v, "practice_checked", req_field(r, "practice")->num);
	view_set_bool(v, "voice_checked", req_field(r, "voice")->num);
	/* Without an AI service that option is disabled: offer the bank. */
	if (*r->app->cfg.ai_base_url == '\0' &&
	    strcmp(source, "generated") == 0)
		source = "bank";
	return render_form(r, v, 400, req_field(r, "role")->text,
	    req_field(r, "model")->text, source);
}

static void
read_form(struct req *r, struct adaptive_new *in)
{
	memset(in, 0, sizeof(*in));
	in->candidate_name = req_field(r, "candidate_name")->text;
	in->candidate_email = req_field(r, "candidate_email")->text;
	in->role = req_field(r, "role")->text;
	in->min_questions = (int)req_field(r, "min_questions")->num;
	in->max_questions = (int)req_field(r, "max_questions")->num;
	in->time_limit_min = (int)req_field(r, "minutes")->num;
	in->practice = (int)req_field(r, "practice")->num;
	in->voice_offered = (int)req_field(r, "voice")->num;
	in->question_source = req_field(r, "question_source")->text;
	in->model = req_field(r, "model")->text;
	in->expiry_days = (int)req_field(r, "expiry_days")->num;
	in->form_id = page_form_id_sent(r);
}

const char adaptive_no_questions[] = "This role has no questions in the bank"
    " yet: add some on the Questions page, choose another role, or let the"
    " model write the questions.";

const char adaptive_role_not_offered[] = "Choose one of the roles offered.";

const char adaptive_model_not_offered[] = "Choose one of the models offered.";

const char adaptive_generated_needs_model[] = "Questions written by the"
    " model need an AI model: choose one under Evaluator, or questions from"
    " the bank.";

const char adaptive_role_archived[] = "This role is archived: bring it back"
    " on the Roles page to interview for it, or choose another role.";

static void
add_problem(struct field_problem *p, size_t *n, const char *field,
    const char *msg)
{
	if (*n < ADAPTIVE_MAX_PROBLEMS)
		p[(*n)++] = (struct field_problem){ field, msg };
}

static const char *
role_problem(enum status st)
{
	if (st == ST_NOTFOUND)
		return adaptive_role_not_offered;
	return st == ST_DENIED ? adaptive_role_archived : NULL;
}

enum status
adaptive_new_problems(struct req *r, const struct adaptive_new *in,
    struct field_problem *p, size_t *n)
{
	int		 has_ai = *r->app->cfg.ai_base_url != '\0';
	int		 builtin = strcmp(in->model, "builtin") == 0;
	int		 nquestions = 0;
	enum status	 st;

	*n = 0;
	if (in->min_questions > in->max_questions)
		add_problem(p, n, "max_questions", "The most questions cannot be"
		    " fewer than the fewest.");
	if (in->time_limit_min > 0 && in->time_limit_min < 5)
		add_problem(p, n, "minutes", "Give at least 5 minutes, or 0 for"
		    " no time limit.");
	if (!interview_model_offered(r, in->model))
		add_problem(p, n, "model", adaptive_model_not_offered);
	/* Follow-ups work without a model (the bank's); this cannot. */
	else if (strcmp(in->question_source, "generated") == 0 && builtin)
		add_problem(p, n, "question_source", !has_ai ? "Questions"
		    " written by the model need an AI service, and none is"
		    " configured on this server. Choose questions from the"
		    " bank, with or without follow-ups." :
		    adaptive_generated_needs_model);
	if (*in->role == '\0')
		return ST_OK;
	st = adaptive_role_open(r->a, r->db, r->user->org_id, in->role,
	    &nquestions);
	if (role_problem(st) != NULL)
		add_problem(p, n, "role", role_problem(st));
	else if (st != ST_OK)
		return st;
	/* None at all is adaptive_no_questions, refused by adaptive_create. */
	else if (strcmp(in->question_source, "bank") == 0 && nquestions > 0 &&
	    nquestions < in->min_questions)
		add_problem(p, n, "min_questions", arena_printf(r->a, "This"
		    " role has only %d %s in the bank, so the interview would"
		    " end after %d: set the fewest to %d or less, add questions on the"
		    " Questions page, or choose follow-ups or questions the"
		    " model writes.", nquestions, nquestions == 1 ? "question" :
		    "questions", nquestions, nquestions));
	return ST_OK;
}

/* POST /admin/adaptive */
enum status
admin_adaptive_create(struct req *r)
{
	struct field_problem	 p[ADAPTIVE_MAX_PROBLEMS];
	struct adaptive_new	 in;
	char			*token;
	long long		 id;
	size_t			 n;
	enum status		 st;

	read_form(r, &in);
	/* Every problem at once, with the fields' own errors: one round. */
	if ((st = adaptive_new_problems(r, &in, p, &n)) != ST_OK)
		return st;
	if (n > 0 || r->fields_st != ST_OK)
		return form_again(r, p, n);
	st = adaptive_create(r->a, r->db, r->user->org_id, r->user->id, &in,
	    &token, &id);
	p[0].field = "role";
	p[0].msg = st == ST_CONFLICT ? adaptive_no_questions : role_problem(st);
	if (p[0].msg != NULL)
		return form_again(r, p, 1);
	if (st != ST_OK)
		return st;
	if (token != NULL)	/* else a repeat (interview_render_created) */
		interview_created_event(r, id, "adaptive");
	return interview_render_created(r, id, in.candidate_name,
	    in.candidate_email, in.expiry_days, token);
}

/* --- the report ----------------------------------------------------------- */

/* The band and its basis, once an answer was judged. */
static void
set_band(struct req *r, struct view *v, const struct adaptive_question *q,
    size_t n)
{
	const char	*band, *basis;

	if (!adaptive_band(r->a, q, n, &band, &basis))
		return;
	view_set_str(v, "band", band);
	view_set_str(v, "band_basis", basis);
}

/* Each question; priced 0: its tokens only, their cost not known. */
static struct view *
questions_view(struct req *r, const struct adaptive_question *q, size_t n,
    int priced, struct svg_point *pts, size_t *npts)
{
	struct view	*list = view_list(r->a), *e;
	const char	*quality, *reasons;
	enum level	 lv;
	double		 c;
	size_t		 i;

	*npts = 0;
	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "n", q[i].n);
		view_set_str(e, "difficulty", engine_level_parse(q[i].difficulty,
		    &lv) == ST_OK ? level_labels[lv] : q[i].difficulty);
		view_set_str(e, "skill_area",
		    adaptive_skill_label(r->a, q[i].skill_area));
		/* Most questions have none: "" would render an empty hint. */
		view_set_text(e, "note", q[i].note);
		view_set_str(e, "source", adaptive_source_label(q[i].source));
		view_set_bool(e, "from_model", strcmp(q[i].source, "bank") != 0);
		if (q[i].parent_n > 0)
			view_set_int(e, "parent_n", q[i].parent_n);
		if (q[i].tokens > 0 && priced)
			view_set_str(e, "cost", arena_printf(r->a, "%d tokens,"
			    " %s", q[i].tokens, analytics_usd(r->a,
			    q[i].cost_micros)));
		else if (q[i].tokens > 0)
			view_set_str(e, "cost", arena_printf(r->a, "%d tokens",
			    q[i].tokens));
		view_set_html(e, "question_html", markdown_render(r->a,
		    q[i].body_md, strlen(q[i].body_md)));
		view_set_str(e, "answer", q[i].answer);
		c = adaptive_eval_read(r->a, q[i].evaluation, &quality,
		    &reasons);
		/* Beside the score, where the interviewer reads it. */
		view_set_text(e, "late", adaptive_late_words(r->a, &q[i]));
		if (c >= 0) {
			view_set_int(e, "score", (long long)(c * 100 + 0.5));
			/* The report's verdict; quality is one input of ten. */
			view_set_str(e, "verdict", adaptive_verdict(c));
			view_set_str(e, "quality", quality);
			view_set_str(e, "reasons", reasons);
			/* Else "Evaluation:" passed for the model's words. */
			view_set_text(e, "fallback", adaptive_fallback_words(
			    r->a, q[i].evaluation));
		}
		if (engine_level_parse(q[i].difficulty, &lv) == ST_OK) {
			pts[*npts].x = q[i].n;
			pts[*npts].y = lv;
			(*npts)++;
		}
		view_push(list, e);
	}
	return list;
}

/* Each key skill's finding, with the answers behind it. */
static struct view *
boundaries_view(struct req *r, const struct engine_state *s,
    const struct adaptive_question *q, size_t n)
{
	struct view	*list = view_list(r->a), *e;
	const char	*finding;
	int		 i, best;

	for (i = 0; i < s->nskills; i++) {
		e = view_map(r->a);
		view_set_str(e, "skill",
		    adaptive_skill_label(r->a, s->skills[i]));
		view_set_bool(e, "bounded", adaptive_finding_told(r->a, s, i,
		    q, n, &finding, &best) != NULL);
		view_set_str(e, "finding", finding);
		view_push(list, e);
	}
	return list;
}

/*
 * The cost and where it comes from; returns 0 when it is not known.  A
 * model missing from ai_prices is charged nothing, and "$0.0000" alone read
 * as a free model (the note said "the builtin evaluator costs nothing"
 * under any evaluator).
 */
static int
set_cost(struct req *r, struct view *v, const struct interview *iv)
{
	const char	*usd = analytics_usd(r->a, iv->cost_micros);
	double		 in, out;
	int		 known = 1;

	view_set_num(v, "tokens_used", iv->tokens_used);
	if (!interview_uses_ai(iv))
		usd = arena_printf(r->a, "%s (the builtin evaluator costs"
		    " nothing)", usd);
	else if (config_price(&r->app->cfg, iv->model, &in, &out) == 0)
		usd = arena_printf(r->a, "%s (from the configured price"
		    " table)", usd);
	else {
		usd = arena_printf(r->a, "not known: the price table"
		    " (ai_prices) has no price for %s", iv->model);
		known = 0;
	}
	view_set_str(v, "cost_total", usd);
	return known;
}

/* The adaptive part of the interviewer's page. */
enum status
admin_adaptive_report(struct req *r, struct view *v,
    const struct interview *iv)
{
	struct adaptive_question	*q;
	struct svg_point		*pts;
	struct adaptive			 ad;
	size_t				 n, npts;
	int				 priced;
	enum status			 st;

	if ((st = adaptive_get(r->a, r->db, iv->id, &ad)) != ST_OK ||
	    (st = adaptive_questions(r->a, r->db, iv->id, &q, &n)) != ST_OK)
		return st;
	pts = arena_calloc(r->a, n + 1, sizeof(*pts));
	view_set_bool(v, "adaptive", 1);
	view_set_str(v, "role_name", ad.role_name);
	view_set_str(v, "question_range", ad.min_questions == ad.max_questions ?
	    arena_printf(r->a, "%d", ad.max_questions) : arena_printf(r->a,
	    "%d–%d", ad.min_questions, ad.max_questions));
	view_set_bool(v, "practice", ad.practice);
	view_set_int(v, "asked", (long long)n);
	view_set_str(v, "asked_word", n == 1 ? "question" : "questions");
	priced = set_cost(r, v, iv);
	view_set_str(v, "evaluator", adaptive_evaluator_words(r->a, iv->model,
	    q, n, NULL));
	view_set_str(v, "question_source", adaptive_source_words(iv,
	    ad.question_source));
	view_set_text(v, "builtin_caveat", adaptive_builtin_caveat(r->a, q, n));
	view_set_text(v, "late_note", adaptive_late_note(r->a, q, n));
	view_set(v, "questions", questions_view(r, q, n, priced, pts, &npts));
	view_set_bool(v, "has_questions", n > 0);
	if (ad.started) {
		view_set(v, "boundaries", boundaries_view(r, &ad.state, q, n));
		/*
		 * Ended, the engine's level is where its last answer left it:
		 * "now at" read as if the interview were still going on, and
		 * "ended at" as if a question had been asked there.
		 */
		view_set_str(v, "level", adaptive_level_words(r->a,
		    interview_running(iv), &ad, q, n));
	}
	/* Before the start no skill was tried: a line, not an empty list. */
	view_set_bool(v, "has_boundaries", ad.started && ad.state.nskills > 0);
	view_set_html(v, "progression_svg", svg_level_chart(r->a,
	    "Difficulty by question", "question", pts, npts, level_labels,
	    LV__MAX, 640, 240));
	set_band(r, v, q, n);
	return ST_OK;
}
