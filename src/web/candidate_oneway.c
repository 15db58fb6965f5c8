/*
 * candidate_oneway.c: the candidate's one-way interview: consent, then
 * question by question: the question written and read aloud, the limits,
 * a recording made in the browser (static/oneway.js) or a file posted by a
 * plain form, the take played back, taken again while attempts remain,
 * submitted; leaving and coming back resumes at the open question.
 */
#include <stdlib.h>
#include <string.h>

#include "core/analytics.h"
#include "core/oneway.h"
#include "core/speech.h"
#include "lib/log.h"
#include "lib/markdown.h"
#include "handlers.h"

const struct field candidate_oneway_fields[] = {
	{ "n",		F_INT,	1, ONEWAY_MAX_QUESTIONS, FIELD_REQUIRED, NULL },
	{ "form_id",	F_TEXT,	0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

const struct field candidate_oneway_submit_fields[] = {
	{ "n",		F_INT,	1, ONEWAY_MAX_QUESTIONS, FIELD_REQUIRED, NULL },
	{ "attempt",	F_INT,	1, 10,	FIELD_REQUIRED, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

struct oneway_env
oneway_env_of(struct req *r)
{
	const struct config	*c = &r->app->cfg;
	struct oneway_env	 e;

	memset(&e, 0, sizeof(e));
	e.rec.storage_dir = c->storage_dir;
	e.rec.max_bytes = c->oneway_max_bytes;
	e.rec.max_seconds = c->audio_max_seconds;
	e.key = r->app->has_recording_key ? r->app->recording_key : NULL;
	e.rec.key = e.key;
	return e;
}

enum status
oneway_send(struct req *r, const struct oneway_question *q)
{
	if (q->attempt == 0)
		return ST_NOTFOUND;
	resp_header(r, "Content-Disposition", arena_printf(r->a,
	    "inline; filename=\"answer-%d.%s\"", q->n, q->format));
	return recording_send(r, q->path, q->encrypted, q->ctype);
}

/* --- the page ------------------------------------------------------------- */

static void
set_limits(struct req *r, struct view *v, const struct oneway *ow,
    const struct oneway_question *q)
{
	view_set_int(v, "prep_s", q->prep_s);
	view_set_count(v, "prep_words", q->prep_s, "second", "seconds");
	view_set_bool(v, "has_prep", q->prep_s > 0);
	view_set_int(v, "answer_s", ow->answer_s);
	/* In minutes only when whole: 150 s is not "2 minutes". */
	view_set_str(v, "answer_words", ow->answer_s < 120 ||
	    ow->answer_s % 60 != 0 ?
	    arena_printf(r->a, "%d seconds", ow->answer_s) :
	    arena_printf(r->a, "%d minutes", ow->answer_s / 60));
	view_set_int(v, "max_attempts", ow->max_attempts);
	view_set_int(v, "attempts_left", ow->max_attempts - q->takes);
	view_set_str(v, "attempts_left_word", ow->max_attempts - q->takes == 1 ?
	    "attempt" : "attempts");
	view_set_bool(v, "can_record", q->takes < ow->max_attempts);
	view_set_int(v, "max_mb", r->app->cfg.oneway_max_bytes >> 20);
	view_set_int(v, "max_bytes", r->app->cfg.oneway_max_bytes);
	view_set_int(v, "chunk_bytes", ONEWAY_CHUNK_MAX);
}

/*
 * Every take of the question, each to play back and to choose; the latest
 * chosen (2026-12-07: only the latest could be submitted, so a better
 * earlier take was lost to a worse retake).
 */
static enum status
set_takes(struct req *r, struct view *w, const struct interview *iv,
    const struct oneway_question *q)
{
	struct oneway_take	*t;
	struct view		*list = view_list(r->a), *e;
	size_t			 nt, i;
	enum status		 st;

	if ((st = oneway_takes(r->a, r->db, iv->org_id, iv->id, q->n, &t,
	    &nt)) != ST_OK)
		return st;
	for (i = 0; i < nt; i++) {
		e = view_map(r->a);
		view_set_int(e, "take_n", t[i].attempt);
		view_set_str(e, "take_url", arena_printf(r->a,
		    "/c/oneway/takes/%d?attempt=%d", q->n, t[i].attempt));
		view_set_bool(e, "take_video", strncmp(t[i].ctype, "video/", 6) ==
		    0);
		view_set_str(e, "take_length", recording_duration_text(r->a,
		    t[i].duration_ms));
		view_set_bool(e, "latest", i + 1 == nt);
		view_push(list, e);
	}
	view_set(w, "takes", list);
	view_set_bool(w, "several_takes", nt > 1);
	return ST_OK;
}

/* The open question, its takes if any were made, and the recorder. */
static enum status
set_question(struct req *r, struct view *v, const struct interview *iv,
    const struct oneway *ow, const struct oneway_question *q, size_t n)
{
	struct view	*w = view_map(r->a);
	enum status	 st;

	view_set_int(w, "n", q->n);
	view_set_int(w, "total", (long long)n);
	view_set_html(w, "question_html", markdown_render(r->a, q->body,
	    strlen(q->body)));
	view_set_str(w, "audio_url", arena_printf(r->a, "/c/question/%d/audio",
	    q->n));
	view_set_bool(w, "video", strcmp(ow->media, "video") == 0);
	/* Audio only: "video" there would have capture offer a camera. */
	view_set_str(w, "accept", strcmp(ow->media, "video") == 0 ?
	    "video/*,audio/*" : "audio/*");
	set_limits(r, w, ow, q);
	/* The upload form acts once: a refused file kept nothing, keeps it. */
	page_set_form_id(r, w, 1);
	if (q->attempt > 0) {
		view_set_int(w, "attempt", q->attempt);
		if ((st = set_takes(r, w, iv, q)) != ST_OK)
			return st;
	}
	view_set(v, "question", w);
	return ST_OK;
}

/* Whether a question has time to prepare, after which recording starts. */
static int
any_prep(const struct oneway_question *q, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (q[i].prep_s > 0)
			return 1;
	return 0;
}

/* Why a submit changed nothing (?stale=), said rather than silently. */
static void
set_stale_notice(struct req *r, struct view *v)
{
	if (params_val(&r->query, "stale") != NULL)
		view_set_str(v, "notice", "That answer was submitted already.");
}

enum status
candidate_oneway_page(struct req *r, const struct interview *iv, int code,
    const char *error)
{
	struct view		*v = page_view(r, "Your interview", NULL);
	struct oneway_question	*q;
	struct oneway		 ow;
	size_t			 n;
	int			 cur;
	enum status		 st;

	if ((st = oneway_get(r->a, r->db, iv->id, &ow)) != ST_OK ||
	    (st = oneway_questions(r->a, r->db, iv->org_id, iv->id, &q, &n)) !=
	    ST_OK)
		return st;
	r->no_store = 1;
	cur = oneway_current(q, n);
	view_set_str(v, "candidate_name", iv->candidate_name);
	view_set_int(v, "total", (long long)n);
	view_set_str(v, "questions_word", n == 1 ? "question" : "questions");
	view_set_bool(v, "video", strcmp(ow.media, "video") == 0);
	view_set_int(v, "answer_s", ow.answer_s);
	view_set_int(v, "max_attempts", ow.max_attempts);
	/* One take: nothing to record again, as "up to 1 time" said. */
	view_set_bool(v, "one_take", ow.max_attempts == 1);
	if (error != NULL)
		view_set_str(v, "error", error);
	set_stale_notice(r, v);
	if (strcmp(iv->status, "created") == 0 && !iv->invite_expired) {
		view_set_bool(v, "consent", 1);
		/* Promised only when it will happen: a transcriber is set. */
		view_set_bool(v, "transcribed", transcriber_of(r) != NULL);
		/* Said before consent: recording starts as preparation ends. */
		view_set_bool(v, "any_prep", any_prep(q, n));
	}
	else if (strcmp(iv->status, "active") == 0 && cur <= (int)n) {
		if ((st = set_question(r, v, iv, &ow, &q[cur - 1], n)) != ST_OK)
			return st;
		/* A duration, not a clock time: no time zone to get wrong. */
		view_set_str(v, "time_left", analytics_duration(r->a,
		    iv->time_left_s));
	}
	else if (cur > (int)n)
		view_set_bool(v, "finished", 1);
	else if (strcmp(iv->status, "paused") == 0) {
		/* Not "ended": the candidate comes back to it once resumed. */
		view_set_bool(v, "paused", 1);
		view_set_str(v, "time_left", analytics_duration(r->a,
		    iv->time_left_s));
	} else
		view_set_str(v, "ended", candidate_end_text(strcmp(iv->status,
		    "created") == 0 ? "expired" : iv->end_reason));
	return resp_render(r, code, "candidate/oneway", v);
}

/* --- taking an answer ----------------------------------------------------- */

static int
refusal_code(enum recording_refusal why)
{
	if (why == RR_TOO_LARGE || why == RR_TOO_LONG)
		return 413;
	if (why == RR_UNREADABLE || why == RR_CHANNELS || why == RR_NO_SOUND ||
	    why == RR_VIDEO)
		return 415;
	return 400;
}

/*
 * Stores p[0..len) as the next take of question n, once per form_id
 * (NULL: none).  ST_OK with *attempt (0 for a repeat of the form, which
 * stored nothing); else *code and *msg say why, and nothing is left on
 * disk.
 */
static enum status
take(struct req *r, const struct interview *iv, int n, const char *form_id,
    const void *p, size_t len, int *attempt, int *code, const char **msg)
{
	struct oneway_env	 env = oneway_env_of(r);
	enum recording_refusal	 why;
	struct recording	 rec;
	struct oneway		 ow;
	int			 repeated;
	enum status		 st;

	*attempt = 0;
	/* A repeat after the first took the last attempt is no refusal. */
	if ((st = form_use_held(r->a, r->db, form_id, &repeated)) != ST_OK ||
	    repeated)
		return st;
	if ((st = oneway_get(r->a, r->db, iv->id, &ow)) != ST_OK)
		return st;
	oneway_env_limit(&env, ow.answer_s, ow.media);
	*code = 409;
	if ((st = oneway_can_record(r->a, r->db, iv, n, msg)) != ST_OK)
		return st;
	st = oneway_store(r->a, &env, ow.media, iv->org_id, iv->id, n, p, len,
	    &rec, &why);
	if (st == ST_INVALID) {
		*code = refusal_code(why);
		*msg = oneway_refusal_text(r->a, &env, why, &rec);
		return st;
	}
	if (st == ST_UNAVAILABLE) {	/* no room on the disk: said */
		*code = 503;
		*msg = ONEWAY_UNSTORED_TEXT;
	}
	if (st != ST_OK)
		return st;
	/* Checked again under the row lock: two tabs cannot both take it. */
	if ((st = oneway_take_add(r->a, r->db, iv, n, &rec, form_id, attempt,
	    &repeated, msg)) != ST_OK || repeated) {
		recording_discard(&rec);
		*attempt = 0;
		return st;
	}
	(void)interview_event(r->a, r->db, iv->org_id, 0, iv->candidate_email,
	    iv->id, "answer_recorded", arena_printf(r->a, "{\"question\":%d,"
	    "\"attempt\":%d,\"bytes\":%lld}", n, *attempt, rec.bytes), r->ip);
	return ST_OK;
}

/* POST /c/oneway/answer: csrf, n, media (a file part): the no-JS path. */
enum status
candidate_oneway_answer(struct req *r)
{
	const struct param	*media = params_get(&r->form, "media");
	struct oneway_env	 env = oneway_env_of(r);
	struct interview	 iv;
	const char		*msg;
	int			 attempt, code = 0;
	enum status		 st;

	if (r->upload_too_large)
		return candidate_oneway_too_large(r);
	if (r->upload_unstored) {	/* nginx could not keep it */
		if ((st = candidate_session_load(r, &iv)) != ST_OK)
			return st;
		return strcmp(iv.kind, "oneway") != 0 ? ST_NOTFOUND :
		    candidate_oneway_page(r, &iv, 503, ONEWAY_UNSTORED_TEXT);
	}
	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "oneway") != 0)
		return ST_NOTFOUND;
	if (req_field(r, "n")->err != NULL)
		return candidate_oneway_page(r, &iv, 400, "The form is missing"
		    " the question's number. Reload the page and try again.");
	if (media == NULL || media->filename == NULL || media->vlen == 0)
		return candidate_oneway_page(r, &iv, 400, oneway_refusal_text(
		    r->a, &env, RR_EMPTY, NULL));
	st = take(r, &iv, (int)req_field(r, "n")->num, page_form_id_sent(r),
	    media->val, media->vlen, &attempt, &code, &msg);
	if (st == ST_INVALID || st == ST_CONFLICT || code == 503)
		return candidate_oneway_page(r, &iv, code, msg);
	if (st != ST_OK)
		return st;
	return resp_redirect(r, "/c#take");
}

/* GET /c/oneway/answer/too-large: nginx's 413 for the upload, in words. */
enum status
candidate_oneway_too_large(struct req *r)
{
	struct oneway_env	 env = oneway_env_of(r);
	struct interview	 iv;
	enum status		 st;

	if ((st = candidate_session_load(r, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "oneway") != 0)
		return ST_NOTFOUND;
	return candidate_oneway_page(r, &iv, 413, oneway_refusal_text(r->a,
	    &env, RR_TOO_LARGE, NULL));
}

/* Question n's row, when it is the open question or an earlier one. */
static enum status
question_of(struct req *r, const struct interview *iv, int n,
    struct oneway_question **q, size_t *count)
{
	struct oneway_question	*all;
	enum status		 st;

	if ((st = oneway_questions(r->a, r->db, iv->org_id, iv->id, &all,
	    count)) != ST_OK)
		return st;
	/* A later question is not seen or heard before its turn (and its
	 * preparation time). */
	if (n < 1 || n > (int)*count || n > oneway_current(all, *count))
		return ST_NOTFOUND;
	*q = &all[n - 1];
	return ST_OK;
}

/* ?attempt=K of a take's URL: K, 0 when absent, -1 when not a number. */
static int
attempt_asked(struct req *r)
{
	const char	*s = params_val(&r->query, "attempt");
	char		*end;
	long		 k;

	if (s == NULL)
		return 0;
	k = strtol(s, &end, 10);
	return *s >= '0' && *s <= '9' && *end == '\0' && k >= 1 && k <= 10 ?
	    (int)k : -1;
}

/*
 * GET /c/oneway/takes/:n[?attempt=K]: the candidate hears or watches
 * their take K (none: the submitted one, or else the latest).
 */
enum status
candidate_oneway_take(struct req *r)
{
	struct oneway_question	*q, one;
	struct oneway_take	*t;
	struct interview	 iv;
	size_t			 count, nt, i;
	int			 n, k = attempt_asked(r);
	enum status		 st;

	if ((st = req_arg_index(r, 0, &n)) != ST_OK ||
	    (st = candidate_session_load(r, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "oneway") != 0 || k < 0 ||
	    (st = question_of(r, &iv, n, &q, &count)) != ST_OK)
		return ST_NOTFOUND;
	if (k == 0)
		return oneway_send(r, q);
	if ((st = oneway_takes(r->a, r->db, iv.org_id, iv.id, n, &t, &nt)) !=
	    ST_OK)
		return st;
	for (i = 0; i < nt; i++)
		if (t[i].attempt == k) {
			one = *q;
			one.attempt = k;
			one.path = t[i].path;
			one.format = t[i].format;
			one.ctype = t[i].ctype;
			one.encrypted = t[i].encrypted;
			return oneway_send(r, &one);
		}
	return ST_NOTFOUND;
}

/*
 * POST /c/oneway/submit: csrf, n, attempt: the take the candidate chose,
 * any of theirs for the question, becomes the answer.
 */
enum status
candidate_oneway_submit(struct req *r)
{
	struct oneway_question	*q;
	struct interview	 iv;
	size_t			 count;
	int			 n, attempt, done;
	int			 prov = transcriber_of(r) != NULL;
	enum status		 st;

	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "oneway") != 0)
		return ST_NOTFOUND;
	if (r->fields_st != ST_OK)
		return candidate_oneway_page(r, &iv, 400, "Record an answer"
		    " before submitting it.");
	n = (int)req_field(r, "n")->num;
	if ((st = question_of(r, &iv, n, &q, &count)) != ST_OK)
		return st;
	/* From another window, or a second click: the page says which. */
	if (q->submitted > 0)
		return resp_redirect(r, "/c?stale=submitted");
	attempt = (int)req_field(r, "attempt")->num;
	if (attempt > q->takes)
		return candidate_oneway_page(r, &iv, 400, "That recording is not"
		    " one of yours for this question: choose one of those"
		    " below.");
	/*
	 * Only the submitted take is transcribed (a retake costs nothing), and
	 * once this response is out: the candidate goes on at once.  With no
	 * provider it is 'failed', not 'pending' for the jobs to fail it: once
	 * one is configured, the interviewer chooses what to pay to transcribe.
	 */
	st = oneway_submit(r->a, r->db, &iv, n, attempt, prov ? NULL :
	    ONEWAY_NOT_CONFIGURED, &done);
	if (st == ST_OK && prov)
		transcribe_after(r, iv.id, n);
	if (st == ST_CONFLICT)
		return resp_redirect(r, "/c?stale=submitted");
	if (st != ST_OK)
		return st;
	(void)interview_event(r->a, r->db, iv.org_id, 0, iv.candidate_email,
	    iv.id, "answer_submitted", arena_printf(r->a, "{\"question\":%d,"
	    "\"attempt\":%d}", n, attempt), r->ip);
	if (done)
		(void)interview_event(r->a, r->db, iv.org_id, 0,
		    iv.candidate_email, iv.id, "interview_completed", NULL,
		    r->ip);
	return resp_redirect(r, "/c");
}

/* GET /c/question/:n/audio for a one-way interview: question n read aloud. */
enum status
candidate_oneway_audio(struct req *r, const struct interview *iv, int n)
{
	const struct config	*c = &r->app->cfg;
	struct oneway_question	*q;
	struct speech_env	 se;
	const char		*path, *ctype;
	size_t			 count;
	enum status		 st;

	if ((st = question_of(r, iv, n, &q, &count)) != ST_OK)
		return st;
	se.storage_dir = c->storage_dir;
	se.prov = *c->ai_base_url != '\0' ? r->app->assistant.prov : NULL;
	se.model = c->tts_model;
	se.voice = c->tts_voice;
	se.program = c->tts_espeak;
	se.program_voice = c->tts_espeak_voice;
	if ((st = speech_get(r->a, &se, q->body, &path, &ctype)) != ST_OK) {
		r->error_detail = "The question could not be read aloud just"
		    " now; it is written on the page.";
		return st == ST_NOTFOUND ? ST_NOTFOUND : ST_UNAVAILABLE;
	}
	return storage_send(r, path, ctype);
}

/* For candidate_upload.c: a finished chunked upload becomes a take. */
enum status
candidate_oneway_store_take(struct req *r, const struct interview *iv, int n,
    const void *p, size_t len, int *attempt, int *code, const char **msg)
{
	return take(r, iv, n, NULL, p, len, attempt, code, msg);
}
