/*
 * candidate_adaptive.c: the candidate's side of an adaptive interview, one
 * question at a time, every step a form post and a redirect (no script).
 * In practice mode each answer's evaluation is shown back as feedback.
 */
#include <json-c/json.h>
#include <string.h>

#include "core/adaptive.h"
#include "lib/markdown.h"
#include "handlers.h"

const struct field candidate_answer_fields[] = {
	{ "answer",	F_TEXT,	0, ADAPTIVE_ANSWER_MAX, 0, NULL },
	{ "n",		F_INT,	1, 1000, FIELD_REQUIRED, NULL },
	/* The page's random id: the form sent twice is judged once. */
	{ "form_id",	F_TEXT,	0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The level as people read it (the candidate's page, the report's chart). */
const char *const level_labels[LV__MAX] = {
	"Warm-up",		/* LV_WARMUP */
	"Fundamental",		/* LV_FUNDAMENTAL */
	"Intermediate",		/* LV_INTERMEDIATE */
	"Advanced",		/* LV_ADVANCED */
	"Expert",		/* LV_EXPERT */
};

static const char *
phase(const char *level)
{
	enum level	lv;

	return engine_level_parse(level, &lv) == ST_OK ? level_labels[lv] : "";
}

static const char *
str_of(struct json_object *o, const char *key)
{
	struct json_object	*v;

	return json_object_object_get_ex(o, key, &v) ?
	    json_object_get_string(v) : "";
}

/*
 * What to work on when no expected point is missing: nothing for a good
 * answer; for a weaker one, why it scored as it did (depth, clarity).
 */
static const char *
work_on(struct req *r, struct json_object *o)
{
	const char	*q = str_of(o, "quality"), *why = str_of(o, "reasons");

	if (strcmp(q, "excellent") == 0 || strcmp(q, "good") == 0)
		return "Nothing missing.";
	if (*why != '\0')
		return arena_strdup(r->a, why);
	return "The points are there; explain them in more depth and more"
	    " clearly.";
}

/* Practice feedback from a stored evaluation: score, gaps, STAR, a better answer. */
static struct view *
feedback_view(struct req *r, const struct adaptive_question *q)
{
	struct json_object	*o = json_tokener_parse(q->evaluation), *v;
	struct json_object	*m = NULL;
	struct view		*f = view_map(r->a), *list = view_list(r->a), *e;
	static const char *const star[] = { "situation", "task", "action",
				    "result" };
	size_t			 i;

	if (o == NULL)
		return NULL;
	view_set_int(f, "n", q->n);
	if (json_object_object_get_ex(o, "composite", &v))
		view_set_int(f, "score", (long long)(json_object_get_double(v) *
		    100 + 0.5));
	if (json_object_object_get_ex(o, "missing", &m) &&
	    json_object_is_type(m, json_type_array))
		for (i = 0; i < json_object_array_length(m); i++) {
			e = view_map(r->a);
			view_set_str(e, "text", arena_strdup(r->a,
			    json_object_get_string(json_object_array_get_idx(m,
			    i))));
			view_push(list, e);
		}
	view_set(f, "missing", list);
	view_set_bool(f, "has_missing", m != NULL &&
	    json_object_is_type(m, json_type_array) &&
	    json_object_array_length(m) > 0);
	if (json_object_object_get_ex(o, "star", &v)) {
		list = view_list(r->a);
		for (i = 0; i < NITEMS(star); i++) {
			e = view_map(r->a);
			view_set_str(e, "part", star[i]);
			view_set_bool(e, "present", json_object_get_boolean(
			    json_object_object_get(v, star[i])));
			view_push(list, e);
		}
		view_set(f, "star", list);
		view_set_bool(f, "has_star", 1);
	}
	if (*q->sample_answer != '\0')
		view_set_html(f, "sample_html", markdown_render(r->a,
		    q->sample_answer, strlen(q->sample_answer)));
	/* The next question is on screen now: recall what this one was. */
	view_set_html(f, "asked_html", markdown_render(r->a, q->body_md,
	    strlen(q->body_md)));
	view_set_str(f, "answered", q->answer);
	/*
	 * The builtin scorer's brief leaves out what the list and the STAR
	 * badges below say; a model's reasons are its own prose, kept whole.
	 */
	view_set_str(f, "reasons", arena_strdup(r->a, *str_of(o, "brief") ?
	    str_of(o, "brief") : str_of(o, "reasons")));
	view_set_str(f, "quality", arena_strdup(r->a, str_of(o, "quality")));
	view_set_str(f, "work_on", work_on(r, o));
	/* Not the model's judgement: the keyword scorer's, said plainly. */
	view_set_bool(f, "fallback", json_object_object_get_ex(o, "fallback",
	    NULL));
	json_object_put(o);
	return f;
}

/*
 * The practice summary: each answer's score and the average, worked out
 * as the interviewer's report does (adaptive_band), so the two agree.
 */
static void
set_summary(struct req *r, struct view *v, const struct adaptive_question *q,
    size_t n)
{
	struct view	*list = view_list(r->a), *f;
	const char	*quality, *reasons;
	double		 c, sum = 0;
	size_t		 i;
	int		 any = 0;

	for (i = 0; i < n; i++)
		if (q[i].evaluation != NULL &&
		    (f = feedback_view(r, &q[i])) != NULL) {
			view_set_str(f, "difficulty", phase(q[i].difficulty));
			view_set_str(f, "skill_area",
			    adaptive_skill_label(r->a, q[i].skill_area));
			view_push(list, f);
			if ((c = adaptive_eval_read(r->a, q[i].evaluation,
			    &quality, &reasons)) >= 0) {
				sum += c;
				any++;
			}
		}
	view_set(v, "summary", list);
	view_set_bool(v, "has_summary", view_len(list) > 0);
	if (any == 0)
		return;
	view_set_bool(v, "has_average", 1);
	view_set_int(v, "average", (int)(sum * 100 / any + 0.5));
	view_set_str(v, "answered", arena_printf(r->a, "%d answer%s", any,
	    any == 1 ? "" : "s"));
}

/* The last question answered and judged, or NULL. */
static const struct adaptive_question *
last_judged(const struct adaptive_question *q, size_t n)
{
	while (n-- > 0)
		if (q[n].answer != NULL)
			return q[n].evaluation != NULL ? &q[n] : NULL;
	return NULL;
}

static void
set_question(struct req *r, struct view *v, const struct adaptive *ad,
    const struct adaptive_question *q)
{
	view_set_int(v, "n", q->n);
	/*
	 * "of 8–12", the range the interview was made with: "of about 8"
	 * became "of about 12" once past the fewest, which read as growing.
	 * A fixed length is "of 12".
	 */
	view_set_str(v, "of", ad->min_questions == ad->max_questions ?
	    arena_printf(r->a, "%d", ad->max_questions) : arena_printf(r->a,
	    "%d\u2013%d", ad->min_questions, ad->max_questions));
	view_set_str(v, "phase", phase(q->difficulty));
	view_set_str(v, "skill_area",
	    adaptive_skill_label(r->a, q->skill_area));
	view_set_html(v, "question_html", markdown_render(r->a, q->body_md,
	    strlen(q->body_md)));
}

/*
 * The page; answer is the text just refused, put back in the open
 * question's box, or set aside to copy when it answered another question
 * (aside) or no question is open.
 */
static enum status
page(struct req *r, const struct interview *iv, int code, const char *error,
    const char *answer, int aside)
{
	struct view			*v = page_view(r, "Your interview", NULL);
	struct adaptive_question	*q;
	const struct adaptive_question	*last;
	struct adaptive			 ad;
	size_t				 n;
	int				 active = strcmp(iv->status, "active") == 0;
	enum status			 st;

	if ((st = adaptive_get(r->a, r->db, iv->id, &ad)) != ST_OK ||
	    (st = adaptive_questions(r->a, r->db, iv->id, &q, &n)) != ST_OK)
		return st;
	view_set_str(v, "candidate_name", iv->candidate_name);
	view_set_str(v, "title", iv->challenge_title);
	/* candidate.js keeps drafts in the browser under it. */
	view_set_int(v, "interview_id", iv->id);
	if (ad.min_questions == ad.max_questions)
		view_set_count(v, "question_span", ad.max_questions,
		    "question", "questions");
	else
		view_set_str(v, "question_span", arena_printf(r->a,
		    "about %d to %d questions", ad.min_questions,
		    ad.max_questions));
	view_set_bool(v, "practice", ad.practice);
	view_set_bool(v, "timed", ad.timed);
	view_set(v, "res", interview_resources_view(r, iv, 0));
	view_set_bool(v, "time_only", 1);	/* its tokens are the org's, not a budget */
	view_set_count(v, "minutes", ((long long)iv->time_limit_s +
	    iv->extended_s) / 60, "minute", "minutes");
	if (strcmp(iv->status, "created") == 0 && !iv->invite_expired) {
		view_set_bool(v, "consent", 1);
		candidate_voice_consent(r, v, iv);
		return resp_render(r, 200, "candidate/adaptive", v);
	}
	view_set_bool(v, "active", active);
	view_set_bool(v, "paused", strcmp(iv->status, "paused") == 0);
	if (!active && strcmp(iv->status, "paused") != 0) {
		view_set_str(v, "ended", candidate_end_text(strcmp(iv->status,
		    "created") == 0 ? "expired" : iv->end_reason));
		if (ad.practice)
			set_summary(r, v, q, n);
	}
	/*
	 * The last answered question's feedback, in practice mode; once it
	 * ended too, or the last answer's stronger example was never shown.
	 */
	if (ad.practice && (last = last_judged(q, n)) != NULL)
		view_set(v, "feedback", feedback_view(r, last));
	if (active && n > 0 && q[n - 1].answer == NULL)
		set_question(r, v, &ad, &q[n - 1]);
	candidate_voice_set(r, v, iv, q, n);
	if (params_val(&r->query, "stale") != NULL)
		view_set_str(v, "flash", active ? "That answer was recorded"
		    " already; here is the next question." : "That answer was"
		    " recorded already.");
	else if (params_val(&r->query, "late") != NULL && !active)
		view_set_str(v, "flash", "Your last answer was recorded. It"
		    " came after the time ran out, so the interviewer sees it"
		    " marked as late.");
	if (error != NULL)
		view_set_str(v, "answer_error", error);
	if (!(active && n > 0 && q[n - 1].answer == NULL))
		aside = 1;
	view_set_str(v, "answer", answer != NULL && !aside ? answer : "");
	/* No box to put it back in: shown to copy, rather than lost. */
	view_set_bool(v, "kept_answer", answer != NULL && *answer != '\0' &&
	    aside);
	/* The error is about the box only when the refused text is in it. */
	view_set_bool(v, "box_error", error != NULL && !aside);
	view_set_str(v, "kept_text", answer != NULL ? answer : "");
	/* Not with a refused answer to copy: the reload would drop it. */
	view_set_bool(v, "refresh", code == 200 &&
	    strcmp(iv->status, "paused") == 0);
	/* A refused answer keeps its form's id: it was not recorded. */
	page_set_form_id(r, v, 1);
	return resp_render(r, code, "candidate/adaptive", v);
}

enum status
candidate_adaptive_page(struct req *r, const struct interview *iv, int code,
    const char *error, const char *answer)
{
	return page(r, iv, code, error, answer, 0);
}

/*
 * An answer refused as stale or too late: was it this very text, sent
 * twice (a double click, the last question's too)?  Then it was recorded
 * and the candidate goes on.  Another text, from another window, is shown
 * back to copy, never dropped in silence.
 */
static enum status
answer_refused(struct req *r, const struct interview *iv, int n,
    const char *text, enum adaptive_refusal why)
{
	struct adaptive_question	*q;
	size_t				 nq;
	enum status			 st;

	if ((st = adaptive_questions(r->a, r->db, iv->id, &q, &nq)) != ST_OK)
		return st;
	if (n >= 1 && (size_t)n <= nq && q[n - 1].answer != NULL) {
		if (strcmp(q[n - 1].answer, text) == 0)
			return resp_redirect(r, "/c?stale=1");
		/* Not into the next question's box, where Send would record it. */
		return page(r, iv, 409, "This question was answered already,"
		    " in another window; the answer below was not recorded.",
		    text, 1);
	}
	if (why == AR_STALE)
		return resp_redirect(r, "/c?stale=1");
	/* Set aside below, not in a box: no question is open. */
	return candidate_adaptive_page(r, iv, 409, strcmp(iv->status,
	    "paused") == 0 ? "The interviewer has paused the interview, so"
	    " your answer was not recorded. It is kept below: copy it, and"
	    " send it once the interview resumes." : "The interview is not"
	    " running now; your answer was not recorded. It is kept below for"
	    " you to copy.", text);
}

/* POST /c/answer: answer (text), n (the question it answers). */
enum status
candidate_answer(struct req *r)
{
	const struct field_val	*f = req_field(r, "answer");
	struct adaptive_outcome	 out;
	struct interview	 iv;
	enum status		 st;
	int			 n;

	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "adaptive") != 0)
		return ST_NOTFOUND;
	if (f->err != NULL)
		return candidate_adaptive_page(r, &iv, 400, arena_printf(r->a,
		    "An answer can be at most %s characters; this one has %s."
		    " Shorten it and send again.", view_num_text(r->a,
		    ADAPTIVE_ANSWER_MAX), view_num_text(r->a, (long long)
		    utf8_len(f->text, strlen(f->text)))), f->text);
	if (!f->present)
		return candidate_adaptive_page(r, &iv, 400, "Write an answer"
		    " first.", f->text);
	if (req_field(r, "n")->err != NULL)
		return candidate_adaptive_page(r, &iv, 400, "The form did not"
		    " say which question this answers. Reload the page and"
		    " send your answer again.", f->text);
	n = (int)req_field(r, "n")->num;
	st = adaptive_answer_once(r->a, r->db, &r->app->assistant, &iv, n,
	    f->text, page_form_id_sent(r), &out);
	if (st == ST_CONFLICT)
		return answer_refused(r, &iv, n, f->text, out.why);
	if (st != ST_OK)
		return st;
	if (out.late) {
		(void)interview_event(r->a, r->db, iv.org_id, 0,
		    iv.candidate_email, iv.id, "answer_late", arena_printf(r->a,
		    "{\"question\":%d}", n), r->ip);
		return resp_redirect(r, "/c?late=1");
	}
	if (out.complete)
		(void)interview_event(r->a, r->db, iv.org_id, 0,
		    iv.candidate_email, iv.id, "interview_completed", NULL,
		    r->ip);
	return resp_redirect(r, "/c");
}
