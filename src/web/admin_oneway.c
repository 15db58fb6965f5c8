/*
 * admin_oneway.c: one-way interviews for interviewers: the create form
 * (questions from the bank, filtered by role and words, and written in),
 * and the review page: a player and transcript per answer, every
 * reviewer's 1-5 rating and notes per answer and overall recommendation,
 * and the signed-in interviewer's own forms, filled with their own.
 */
#include <stdlib.h>
#include <string.h>

#include "core/oneway.h"
#include "core/oneway_transcript.h"
#include "core/question.h"
#include "lib/markdown.h"
#include "handlers.h"

#define BANK_SHOWN		30	/* questions listed at once; filter for more */

const struct field oneway_fields[] = {
	{ "candidate_name",	F_LINE,	 1, 200,	FIELD_REQUIRED, NULL },
	{ "candidate_email",	F_EMAIL, 3, 254,	FIELD_REQUIRED, NULL },
	{ "media",		F_ENUM,	 0, 0,		FIELD_REQUIRED, "audio|video" },
	{ "answer_seconds",	F_INT,	 10, 3600,	FIELD_REQUIRED, NULL },
	{ "prep_seconds",	F_INT,	 0, ONEWAY_PREP_MAX, FIELD_REQUIRED, NULL },
	{ "max_attempts",	F_INT,	 1, 10,		FIELD_REQUIRED, NULL },
	{ "expiry_days",	F_INT,	 1, 30,		FIELD_REQUIRED, NULL },
	{ "questions",		F_TEXT,	 0, 20000,	0, NULL },
	{ "role",		F_LINE,	 0, 40,		0, NULL },
	{ "q",			F_LINE,	 0, 200,	0, NULL },
	{ "action",		F_ENUM,	 0, 0,		0, "create|filter" },
	/* The page's random id, so that the form acts once (form_use.h). */
	{ "form_id",	F_TEXT,	 0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field oneway_rating_fields[] = {
	{ "rating",	F_INT,	1, 5,		FIELD_REQUIRED, NULL },
	{ "notes",	F_TEXT,	0, 4000,	0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* --- the create form ------------------------------------------------------ */

/* Whether the form ticked bank question id. */
static int
picked(struct req *r, long long id)
{
	size_t	 i;

	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].name, "bank_q") == 0 &&
		    strtoll(r->form.v[i].val, NULL, 10) == id)
			return 1;
	return 0;
}

static struct view *
bank_entry(struct req *r, const struct question *q, int checked)
{
	struct view	*e = view_map(r->a);

	view_set_int(e, "id", q->id);
	/* Read as in the bank's list, not as Markdown marks and fences. */
	view_set_str(e, "body", question_excerpt(r, q->body_md));
	view_set_str(e, "role", q->role);
	view_set_str(e, "difficulty", q->difficulty);
	view_set_bool(e, "checked", checked);
	return e;
}

/* Whether the form's field i repeats a tick made before it. */
static int
ticked_before(struct req *r, size_t i, long long id)
{
	size_t	 k;

	for (k = 0; k < i; k++)
		if (strcmp(r->form.v[k].name, "bank_q") == 0 &&
		    strtoll(r->form.v[k].val, NULL, 10) == id)
			return 1;
	return 0;
}

/*
 * The ticked questions, in the order they would be asked, whatever the
 * filter shows now: one it no longer matches was unticked in silence,
 * and left out of the interview.  Ids not in the org's bank are left to
 * the check that names them.
 */
static enum status
push_ticked(struct req *r, struct view *list)
{
	struct question	 bq;
	long long	 id;
	size_t		 i;
	enum status	 st;

	for (i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].name, "bank_q") != 0)
			continue;
		id = strtoll(r->form.v[i].val, NULL, 10);
		if (ticked_before(r, i, id))
			continue;
		st = question_get(r->a, r->db, r->user->org_id, id, &bq);
		if (st == ST_NOTFOUND)
			continue;
		if (st != ST_OK)
			return st;
		view_push(list, bank_entry(r, &bq, 1));
	}
	return ST_OK;
}

/* The ticked questions first, then the filter's others. */
static enum status
set_bank(struct req *r, struct view *v, const char *role, const char *q)
{
	struct question_filter	 f;
	struct question		*qs;
	struct view		*list = view_list(r->a);
	size_t			 n, i;
	int			 more;
	enum status		 st;

	memset(&f, 0, sizeof(f));
	f.role = role;
	f.skill_area = f.category = f.difficulty = f.state = "";
	f.q = q;
	f.page = 1;
	if ((st = push_ticked(r, list)) != ST_OK ||
	    (st = question_list(r->a, r->db, r->user->org_id, &f, &qs, &n,
	    &more)) != ST_OK)
		return st;
	for (i = 0; i < n && i < BANK_SHOWN; i++)
		if (!picked(r, qs[i].id))
			view_push(list, bank_entry(r, &qs[i], 0));
	view_set(v, "bank", list);
	view_set_bool(v, "bank_more", more || n > BANK_SHOWN);
	return ST_OK;
}

/* The field table's 3600, or the server's shorter limit on a take. */
static int
answer_max(struct req *r)
{
	return r->app->cfg.audio_max_seconds < 3600 ?
	    r->app->cfg.audio_max_seconds : 3600;
}

static enum status
render_form(struct req *r, struct view *v, int code, const char *role,
    const char *q, const char *media)
{
	enum status	 st;

	view_set_bool(v, "media_video", strcmp(media, "video") == 0);
	/* The one sent, for the form again: nothing was made with it. */
	page_set_form_id(r, v, 1);
	view_set_int(v, "answer_max", answer_max(r));
	if ((st = page_set_roles(r, v, role)) != ST_OK ||
	    (st = set_bank(r, v, role, q)) != ST_OK)
		return st;
	return resp_render(r, code, "admin/oneway_new", v);
}

/* GET /admin/oneway/new */
enum status
admin_oneway_new(struct req *r)
{
	struct view	*v = page_view(r, "New one-way interview", "interviews");

	view_set_int(v, "answer_seconds", 120);
	view_set_int(v, "prep_seconds", 30);
	view_set_int(v, "max_attempts", 3);
	view_set_int(v, "expiry_days", INVITE_DAYS_DEFAULT);
	return render_form(r, v, 200, "", "", "audio");
}

/* The problem of form field field, or NULL. */
static const char *
problem_of(const struct oneway_problems *pr, const char *field)
{
	size_t	 i;

	for (i = 0; i < pr->n; i++)
		if (strcmp(pr->field[i], field) == 0)
			return pr->msg[i];
	return NULL;
}

/*
 * Marks every problem beside its field, but one the field table refused
 * already; the bank's, having no box of their own, with the written ones.
 */
static void
mark_problems(struct req *r, struct view *v, const struct oneway_problems *pr)
{
	const char	*bank = problem_of(pr, "bank_q");
	const char	*own = problem_of(pr, "questions");
	const char	*msg;

	if ((msg = problem_of(pr, "answer_seconds")) != NULL)
		page_mark(r, v, "answer_seconds", msg);
	if (bank != NULL && own != NULL)
		page_mark(r, v, "questions", arena_printf(r->a, "%s %s", own,
		    bank));
	else if (bank != NULL || own != NULL)
		page_mark(r, v, "questions", bank != NULL ? bank : own);
}

/* The form again with its values, every problem beside its field. */
static enum status
form_again(struct req *r, int code, const struct oneway_problems *pr)
{
	struct view	*v = page_form_again(r, "New one-way interview",
			    "interviews", NULL, NULL);

	if (code == 200)
		view_set_bool(v, "has_errors", 0);	/* only filtered */
	/*
	 * The table's range is 10 to 3600 (the API's too); the label says the
	 * server's, and a value refused by the table is told that one.
	 */
	else if (req_field(r, "answer_seconds")->present &&
	    req_field(r, "answer_seconds")->err != NULL)
		view_set_str(v, "answer_seconds_error", arena_printf(r->a,
		    "Enter a whole number between 10 and %d.", answer_max(r)));
	if (pr != NULL)
		mark_problems(r, v, pr);
	return render_form(r, v, code, req_field(r, "role")->text,
	    req_field(r, "q")->text, req_field(r, "media")->text);
}

/*
 * Adds msg to field's problems: a second one for the same field follows
 * the first, so that the field shows them all; one said already ("At most
 * 50 questions.", of the written and then the bank's) is not said again.
 */
static void
problem(struct req *r, struct oneway_problems *pr, const char *field,
    const char *msg)
{
	size_t	 i;

	for (i = 0; i < pr->n; i++)
		if (strcmp(pr->field[i], field) == 0) {
			if (strstr(pr->msg[i], msg) == NULL)
				pr->msg[i] = arena_printf(r->a, "%s %s",
				    pr->msg[i], msg);
			return;
		}
	if (pr->n < NITEMS(pr->field)) {
		pr->field[pr->n] = field;
		pr->msg[pr->n++] = msg;
	}
}

/* Whether the bank's i-th pick repeats one before it. */
static int
picked_before(const struct oneway_picks *p, size_t i)
{
	size_t	k;

	for (k = 0; k < i; k++)
		if (p->bank[k] == p->bank[i])
			return 1;
	return 0;
}

/*
 * Bank question id as it would be asked into *q, or its problem noted.
 * ST_INVALID for a problem, else ST_OK or the database's failure.
 */
static enum status
bank_question(struct req *r, long long id, struct oneway_question_new *q,
    struct oneway_problems *pr)
{
	struct question	 bq;
	enum status	 st;

	/* The org in the query: another org's question is not found. */
	st = question_get(r->a, r->db, r->user->org_id, id, &bq);
	if (st == ST_NOTFOUND) {
		problem(r, pr, "bank_q", arena_printf(r->a, "Question %lld is"
		    " not in your organisation's bank.", id));
		return ST_INVALID;
	}
	if (st != ST_OK)
		return st;
	if (bq.archived) {
		problem(r, pr, "bank_q", arena_printf(r->a, "Question %lld is"
		    " archived; restore it in the bank to ask it.", id));
		return ST_INVALID;
	}
	if (bq.hidden) {	/* as archived, for this org alone */
		problem(r, pr, "bank_q", arena_printf(r->a, "Question %lld is"
		    " hidden from your organisation's interviews; show it"
		    " again in the bank to ask it.", id));
		return ST_INVALID;
	}
	q->question_id = bq.id;
	q->body = bq.body_md;
	return ST_OK;
}

/*
 * The bank's questions by id, in order, into q[*n..]; every problem noted.
 * An id given twice is refused: the candidate would have been asked the
 * question twice (the form ticks each once; the API's list could repeat
 * one).
 */
static enum status
bank_questions(struct req *r, const struct oneway_picks *p,
    struct oneway_question_new *q, size_t *n, struct oneway_problems *pr)
{
	size_t		 i;
	int		 over = 0;
	enum status	 st;

	for (i = 0; i < p->nbank; i++) {
		if (picked_before(p, i)) {
			problem(r, pr, "bank_q", arena_printf(r->a, "Question"
			    " %lld is listed twice; list each question once.",
			    p->bank[i]));
			continue;
		}
		st = bank_question(r, p->bank[i], &q[*n], pr);
		if (st == ST_INVALID)
			continue;
		if (st != ST_OK)
			return st;
		if (*n == ONEWAY_MAX_QUESTIONS)
			over = 1;
		else
			q[(*n)++].prep_s = p->prep_s;
	}
	if (over)
		problem(r, pr, "questions", "At most 50 questions.");
	return ST_OK;
}

/* A written line's problem in words, counted among the written ones. */
static const char *
line_problem(struct req *r, const struct oneway_line_problem *b)
{
	switch (b->code) {
	case -2:
		return arena_printf(r->a, "Written question %zu is longer than"
		    " %d characters; shorten it.", b->line,
		    ONEWAY_QUESTION_MAX);
	case -3:
		return arena_printf(r->a, "Written question %zu asks for a"
		    " preparation time outside 0 to %d seconds; give it 0 to %d"
		    " in its [ ].", b->line, ONEWAY_PREP_MAX, ONEWAY_PREP_MAX);
	default:
		return arena_printf(r->a, "Written question %zu has a"
		    " preparation time in [ ] but no question after it.",
		    b->line);
	}
}

/* The written questions into q[*n..], every line's problem noted. */
static void
written_questions(struct req *r, const struct oneway_picks *p,
    struct oneway_question_new *q, size_t *n, struct oneway_problems *pr)
{
	struct oneway_line_problem	 bad[ONEWAY_MAX_QUESTIONS];
	size_t				 nbad = 0, i;
	int				 rc;

	rc = oneway_parse_questions(r->a, p->written != NULL ? p->written : "",
	    p->prep_s, q, ONEWAY_MAX_QUESTIONS, n, bad, NITEMS(bad), &nbad);
	for (i = 0; i < nbad; i++)
		problem(r, pr, "questions", line_problem(r, &bad[i]));
	if (rc == -1)
		problem(r, pr, "questions", "At most 50 questions.");
}

const char oneway_no_questions[] = "Tick questions from the bank or write"
    " at least one.";

enum status
oneway_new_problems(struct req *r, const struct oneway_picks *p,
    struct oneway_new *in, struct oneway_problems *pr)
{
	struct oneway_question_new	*q;
	enum status			 st;

	memset(pr, 0, sizeof(*pr));
	in->nq = 0;
	in->prep_s = p->prep_s;
	/*
	 * A take is also held to the server's audio_max_seconds: a longer
	 * limit was promised to the candidate, whose answer was then refused.
	 */
	if (in->answer_s > r->app->cfg.audio_max_seconds)
		problem(r, pr, "answer_seconds", arena_printf(r->a, "This"
		    " server takes answers of at most %d seconds (its"
		    " audio_max_seconds): give %d or less.",
		    r->app->cfg.audio_max_seconds,
		    r->app->cfg.audio_max_seconds));
	q = arena_calloc(r->a, ONEWAY_MAX_QUESTIONS + 1, sizeof(*q));
	in->q = q;
	/*
	 * The written ones first, as the form has its box above the bank's
	 * list and the review page numbers them (2026-12-07: the bank's came
	 * first, so the candidate's first question was not the form's).
	 */
	written_questions(r, p, q, &in->nq, pr);
	if ((st = bank_questions(r, p, q, &in->nq, pr)) != ST_OK)
		return st;
	if (in->nq == 0 && problem_of(pr, "questions") == NULL &&
	    problem_of(pr, "bank_q") == NULL)
		problem(r, pr, "questions", oneway_no_questions);
	return pr->n > 0 ? ST_INVALID : ST_OK;
}

enum status
oneway_new_create(struct req *r, const struct oneway_new *in, char **token,
    long long *id)
{
	enum status	st;

	st = oneway_create(r->a, r->db, r->user->org_id, r->user->id, in,
	    token, id);
	if (st == ST_OK && *token != NULL)	/* else a repeat */
		interview_created_event(r, *id, "oneway");
	return st;
}

/* What the form picked: the ticked bank questions, the written ones. */
static void
read_picks(struct req *r, struct oneway_picks *p)
{
	long long	*ids;
	size_t		 i;

	ids = arena_calloc(r->a, r->form.n + 1, sizeof(*ids));
	p->bank = ids;
	p->nbank = 0;
	for (i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].name, "bank_q") == 0)
			ids[p->nbank++] = strtoll(r->form.v[i].val, NULL, 10);
	p->written = req_field(r, "questions")->text;
	p->prep_s = (int)req_field(r, "prep_seconds")->num;
}

static void
read_form(struct req *r, struct oneway_new *in)
{
	memset(in, 0, sizeof(*in));
	in->candidate_name = req_field(r, "candidate_name")->text;
	in->candidate_email = req_field(r, "candidate_email")->text;
	in->media = req_field(r, "media")->text;
	in->answer_s = (int)req_field(r, "answer_seconds")->num;
	in->max_attempts = (int)req_field(r, "max_attempts")->num;
	in->expiry_days = (int)req_field(r, "expiry_days")->num;
	in->form_id = page_form_id_sent(r);
}

/* POST /admin/oneway: action=filter shows the bank again; create makes it. */
enum status
admin_oneway_create(struct req *r)
{
	struct oneway_problems	 pr;
	struct oneway_picks	 p;
	struct oneway_new	 in;
	char			*token;
	long long		 id;
	enum status		 st;

	if (strcmp(req_field(r, "action")->text, "filter") == 0)
		return form_again(r, 200, NULL);
	read_form(r, &in);
	read_picks(r, &p);
	/* Every problem at once, with the fields' own (2026-12-07). */
	st = oneway_new_problems(r, &p, &in, &pr);
	if (st != ST_OK && st != ST_INVALID)
		return st;
	if (st == ST_INVALID || r->fields_st != ST_OK)
		return form_again(r, 400, &pr);
	if ((st = oneway_new_create(r, &in, &token, &id)) != ST_OK)
		return st;
	return interview_render_created(r, id, in.candidate_name,
	    in.candidate_email, in.expiry_days, token);
}

/* --- the review page ------------------------------------------------------ */

/* Its button for the transcript of q, or NULL: none would help now. */
static const char *
transcribe_label(struct req *r, const struct oneway_question *q)
{
	if (transcriber_of(r) == NULL)
		return NULL;
	if (strcmp(q->transcript_state, "pending") == 0)
		return "Transcribe now";	/* not running: the timer's, or now */
	if (strcmp(q->transcript_state, "failed") != 0)
		return NULL;
	/* Never tried, for want of a provider: now, not again. */
	return strcmp(q->transcript, ONEWAY_NOT_CONFIGURED) == 0 ?
	    "Transcribe now" : "Transcribe again";
}

/* Answer e's transcript, or why there is none, and how to make one. */
static void
set_transcript(struct req *r, struct view *e, const struct oneway_question *q)
{
	const char	*label = transcribe_label(r, q);
	int		 open = strcmp(q->transcript_state, "pending") == 0 ||
			    strcmp(q->transcript_state, "failed") == 0;

	view_set_str(e, "transcript", q->transcript);
	/* Said plainly, not as a reason stored when it was submitted. */
	view_set_bool(e, "no_transcriber", open && transcriber_of(r) == NULL);
	view_set_bool(e, "transcribing", strcmp(oneway_transcript_label(
	    q->transcript_state), "transcribing") == 0);
	if (label != NULL)
		view_set_str(e, "transcribe_label", label);
}

/* "2026-05-01 09:30", the minute a review was saved (UTC). */
static const char *
review_time(struct req *r, const struct review *rv)
{
	return arena_strndup(r->a, rv->at, 16);
}

/* Every reviewer's rating of one answer, the viewer's marked. */
static struct view *
ratings_view(struct req *r, const struct oneway_question *q)
{
	struct view	*list = view_list(r->a), *e;
	size_t		 i;

	for (i = 0; i < q->nratings; i++) {
		e = view_map(r->a);
		view_set_int(e, "review_rating", q->ratings[i].rating);
		view_set_str(e, "reviewer", recommend_reviewer(r->a,
		    &q->ratings[i]));
		view_set_bool(e, "review_mine", q->ratings[i].user_id ==
		    r->user->id);
		view_set_str(e, "review_at", review_time(r, &q->ratings[i]));
		view_set_text(e, "review_notes", q->ratings[i].notes);
		view_push(list, e);
	}
	return list;
}

/* The header's word on the ratings: one reviewer's, or the average. */
static const char *
rating_badge(struct req *r, const struct oneway_question *q)
{
	if (q->nratings == 0)
		return "";
	if (q->nratings == 1)
		return arena_printf(r->a, "rated %d/5 by %s",
		    q->ratings[0].rating, recommend_reviewer(r->a, &q->ratings[0]));
	return arena_printf(r->a, "average %s/5 of %zu reviews",
	    oneway_rating_text(r->a, oneway_rating_avg(q)), q->nratings);
}

static struct view *
answers_view(struct req *r, long long id, const struct oneway_question *q,
    size_t n)
{
	const struct review *mine;
	struct view	*list = view_list(r->a), *e, *opts;
	int		 k;
	size_t		 i;

	for (i = 0; i < n; i++) {
		e = view_map(r->a);
		view_set_int(e, "n", q[i].n);
		view_set_int(e, "id", id);
		view_set_html(e, "question_html", markdown_render(r->a,
		    q[i].body, strlen(q[i].body)));
		view_set_int(e, "takes", q[i].takes);
		view_set_str(e, "takes_word", q[i].takes == 1 ? "take" : "takes");
		view_set_bool(e, "answered", q[i].submitted > 0);
		/* The candidate chooses which take to submit: say which. */
		view_set_int(e, "submitted", q[i].submitted);
		view_set_bool(e, "video", q[i].submitted > 0 &&
		    strncmp(q[i].ctype, "video/", 6) == 0);
		view_set_str(e, "url", arena_printf(r->a,
		    "/admin/interviews/%lld/answers/%d", id, q[i].n));
		view_set_str(e, "ctype", q[i].ctype != NULL ? q[i].ctype : "");
		/* The player loads nothing until played: it would say 0:00. */
		if (q[i].submitted > 0)
			view_set_str(e, "duration", recording_duration_text(
			    r->a, q[i].duration_ms));
		set_transcript(r, e, &q[i]);
		view_set_text(e, "rating_badge", rating_badge(r, &q[i]));
		view_set_bool(e, "has_reviews", q[i].nratings > 0);
		view_set(e, "reviews", ratings_view(r, &q[i]));
		/* The form: the viewer's own rating and notes, no one else's. */
		mine = recommend_of(q[i].ratings, q[i].nratings,
		    r->user->id);
		view_set_bool(e, "rated_by_me", mine != NULL);
		view_set_str(e, "form_notes", mine != NULL ? mine->notes : "");
		opts = view_list(r->a);
		for (k = 1; k <= 5; k++) {
			struct view *o = view_map(r->a);

			view_set_int(o, "value", k);
			view_set_bool(o, "checked", mine != NULL &&
			    mine->rating == k);
			view_push(opts, o);
		}
		view_set(e, "scale", opts);
		view_push(list, e);
	}
	return list;
}

/* The one-way part of the interviewer's page of an interview. */
enum status
admin_oneway_report(struct req *r, struct view *v, const struct interview *iv)
{
	struct oneway_question	*q;
	struct oneway		 ow;
	size_t			 n;
	enum status		 st;

	if ((st = oneway_get(r->a, r->db, iv->id, &ow)) != ST_OK ||
	    (st = oneway_questions(r->a, r->db, iv->org_id, iv->id, &q, &n)) !=
	    ST_OK ||
	    (st = oneway_reviews(r->a, r->db, iv->org_id, iv->id, &ow, q, n)) !=
	    ST_OK)
		return st;
	view_set_bool(v, "oneway", 1);
	view_set_str(v, "media", ow.media);
	view_set_int(v, "answer_s", ow.answer_s);
	view_set_int(v, "max_attempts", ow.max_attempts);
	view_set_str(v, "attempts_word", ow.max_attempts == 1 ? "attempt" :
	    "attempts");
	view_set_int(v, "nquestions", (long long)n);
	/* "0 of 1 question answered", "1 of 2 questions answered" */
	view_set_str(v, "nquestions_word", n == 1 ? "question" : "questions");
	view_set_int(v, "nanswered", oneway_current(q, n) - 1);
	view_set(v, "answers", answers_view(r, iv->id, q, n));
	admin_review_view(r, v, iv, ow.recs, ow.nrecs);
	return ST_OK;
}

/* GET /admin/interviews/:id/answers/:n: the submitted take, decrypted. */
enum status
admin_oneway_answer(struct req *r)
{
	struct oneway_question	*q;
	long long		 id, k;
	size_t			 n, i;
	enum status		 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = req_arg_id(r, 1, &k)) != ST_OK)
		return st;
	/* The org in the query: another org's interview has no answers. */
	if ((st = oneway_questions(r->a, r->db, r->user->org_id, id, &q, &n)) !=
	    ST_OK)
		return st;
	for (i = 0; i < n; i++)
		if (q[i].n == k && q[i].submitted > 0)
			return oneway_send(r, &q[i]);
	return ST_NOTFOUND;
}

/* Answer e's rating form with what was typed, each refused field marked. */
static void
mark_rating(struct req *r, struct view *e)
{
	const struct field_val	*rating = req_field(r, "rating");
	const struct field_val	*notes = req_field(r, "notes");
	struct view		*scale = view_get(e, "scale"), *o;
	size_t			 i;

	for (i = 0; i < view_len(scale); i++) {
		o = view_at(scale, i);
		view_set_bool(o, "checked", rating->err == NULL &&
		    view_int_value(view_get(o, "value")) == rating->num);
	}
	view_set_str(e, "form_notes", notes->text);
	if (rating->err != NULL)
		view_set_str(e, "rating_error", rating->err);
	if (notes->err != NULL)
		view_set_str(e, "notes_error", notes->err);
}

/* The review page again after a refused rating of answer k: nothing saved. */
static enum status
rate_again(struct req *r, long long id, int k)
{
	struct view	*v, *answers, *e;
	size_t		 i;
	enum status	 st;

	if ((st = admin_interview_page(r, id, "rate", &v)) != ST_OK)
		return st;
	if ((answers = view_get(v, "answers")) == NULL)
		return ST_NOTFOUND;	/* not a one-way interview */
	for (i = 0; i < view_len(answers); i++) {
		e = view_at(answers, i);
		if (view_int_value(view_get(e, "n")) != k)
			continue;
		if (!view_int_value(view_get(e, "answered")))
			break;
		mark_rating(r, e);
		view_set_bool(v, "has_errors", 1);
		return resp_render(r, 400, "admin/interview", v);
	}
	if (i == view_len(answers))
		return ST_NOTFOUND;
	r->error_detail = "That question has no submitted answer to rate yet.";
	return ST_CONFLICT;
}

/*
 * POST /admin/interviews/:id/answers/:n/rating: the signed-in reviewer's
 * own rating 1-5 and notes (another reviewer's stays as it is).
 */
enum status
admin_oneway_rate(struct req *r)
{
	long long	 id, rating = req_field(r, "rating")->num;
	int		 k, was;
	enum status	 st;

	if ((st = req_arg_id(r, 0, &id)) != ST_OK ||
	    (st = req_arg_index(r, 1, &k)) != ST_OK)
		return st;
	if (r->fields_st != ST_OK)
		return rate_again(r, id, k);
	st = oneway_rate(r->a, r->db, r->user->org_id, id, k, r->user->id,
	    (int)rating, req_field(r, "notes")->text, &was);
	if (st == ST_CONFLICT)
		r->error_detail = "That question has no submitted answer to rate"
		    " yet.";
	if (st != ST_OK)
		return st;
	/* Who is the event's actor; "was": the rating of theirs replaced. */
	(void)interview_event(r->a, r->db, r->user->org_id, r->user->id,
	    r->user->email, id, "answer_rated", was > 0 ? arena_printf(r->a,
	    "{\"question\":%d,\"rating\":%lld,\"was\":%d}", k, rating, was) :
	    arena_printf(r->a, "{\"question\":%d,\"rating\":%lld}", k, rating),
	    r->ip);
	return resp_redirect(r, arena_printf(r->a,
	    "/admin/interviews/%lld#answer-%d", id, k));
}
