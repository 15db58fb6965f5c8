/*
 * candidate_voice.c: voice in the turn-by-turn adaptive interview: each
 * question read aloud (provider speech or espeak-ng, cached on disk,
 * served by nginx after this file said yes) and answers recorded or
 * uploaded by a plain multipart form, transcribed, and answered like
 * typed ones.  static/voice.js records in the browser where it can.
 * Where the server can relay live voice (viva-worker), the page also
 * carries the "Talk with the interviewer" section static/live.js drives.
 */
#include <string.h>

#include "core/adaptive.h"
#include "core/speech.h"
#include "core/voice.h"
#include "lib/log.h"
#include "lib/range.h"
#include "handlers.h"

const struct field candidate_voice_fields[] = {
	{ "n",		F_INT,	1, 1000, FIELD_REQUIRED, NULL },
	/*
	 * The page's random id, the typed answer's too: one answer to the
	 * question, transcribed and charged once however often it is sent.
	 */
	{ "form_id",	F_TEXT,	0, FORM_ID_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The provider, when this interview may send audio to one. */
static struct provider *
provider_of(struct req *r, const struct interview *iv)
{
	return interview_uses_ai(iv) ? r->app->assistant.prov : NULL;
}

static struct voice_env
voice_env(struct req *r, const struct interview *iv)
{
	const struct config	*c = &r->app->cfg;
	struct voice_env	 e;

	memset(&e, 0, sizeof(e));
	e.rec.storage_dir = c->storage_dir;
	e.rec.max_bytes = c->audio_max_bytes;
	e.rec.max_seconds = c->audio_max_seconds;
	e.rec.key = r->app->has_recording_key ? r->app->recording_key : NULL;
	e.prov = provider_of(r, iv);
	e.stt_model = c->stt_model;
	e.stt_language = c->stt_language;
	return e;
}

static struct speech_env
speech_env(struct req *r, const struct interview *iv)
{
	const struct config	*c = &r->app->cfg;
	struct speech_env	 e;

	e.storage_dir = c->storage_dir;
	e.prov = provider_of(r, iv);
	e.model = c->tts_model;
	e.voice = c->tts_voice;
	e.program = c->tts_espeak;
	e.program_voice = c->tts_espeak_voice;
	return e;
}

/* "What we heard": the transcript of the last answer given by voice. */
static void
set_heard(struct req *r, struct view *v, const struct interview *iv,
    const struct adaptive_question *q, size_t n)
{
	unsigned char	*voiced;
	struct view	*h;
	size_t		 i;

	if (n == 0 || recording_answered(r->a, r->db, iv->id, (int)n,
	    &voiced) != ST_OK)
		return;
	for (i = n; i-- > 0;)
		if (q[i].answer != NULL) {
			if (!voiced[q[i].n])
				return;
			h = view_map(r->a);
			view_set_int(h, "n", q[i].n);
			view_set_str(h, "text", q[i].answer);
			view_set(v, "heard", h);
			return;
		}
}

/*
 * Live voice (the realtime worker) needs the key tickets are signed with,
 * a provider to relay to, and an interview the interviewer gave an AI
 * model: with the offline evaluator no word goes to the provider.
 */
static int
live_available(struct req *r, const struct interview *iv)
{
	return r->app->has_ticket_key && *r->app->cfg.ai_base_url != '\0' &&
	    interview_uses_ai(iv);
}

void
candidate_voice_set(struct req *r, struct view *v, const struct interview *iv,
    const struct adaptive_question *q, size_t n)
{
	struct speech_env	 se = speech_env(r, iv);
	struct voice_env	 ve = voice_env(r, iv);
	struct view		*w;
	int			 offered, open;

	if (voice_offered(r->a, r->db, iv->id, &offered) != ST_OK || !offered)
		return;
	set_heard(r, v, iv, q, n);
	open = strcmp(iv->status, "active") == 0 && n > 0 &&
	    q[n - 1].answer == NULL;
	if (!open)
		return;
	w = view_map(r->a);
	view_set_int(w, "n", q[n - 1].n);
	if (speech_available(&se))
		view_set_str(w, "question_audio", arena_printf(r->a,
		    "/c/question/%d/audio", q[n - 1].n));
	view_set_bool(w, "can_answer", ve.prov != NULL);
	/* static/live.js takes over only where the page offers it. */
	view_set_bool(w, "live", live_available(r, iv));
	view_set_str(w, "live_why", *r->app->cfg.ai_base_url == '\0' ?
	    "needs an AI provider set up for it, which this server does not"
	    " have" : !interview_uses_ai(iv) ? "needs an AI model, and this"
	    " interview uses the offline evaluator" : "is not set up on this"
	    " server");
	view_set_int(w, "max_mb", r->app->cfg.audio_max_bytes >> 20);
	view_set_int(w, "max_bytes", r->app->cfg.audio_max_bytes);
	view_set_str(w, "max_length", recording_limit_text(r->a, &ve.rec));
	view_set_int(w, "max_seconds", r->app->cfg.audio_max_seconds);
	view_set(v, "voice", w);
}

/*
 * What the consent promises is what the question page will offer: with the
 * offline evaluator no recording is taken, so none is asked to be agreed to.
 */
void
candidate_voice_consent(struct req *r, struct view *v,
    const struct interview *iv)
{
	struct speech_env	 se = speech_env(r, iv);
	int			 offered, read, answers;

	if (voice_offered(r->a, r->db, iv->id, &offered) != ST_OK || !offered)
		return;
	read = speech_available(&se);
	answers = provider_of(r, iv) != NULL;
	view_set_bool(v, "voice_consent", read || answers);
	view_set_bool(v, "voice_read", read);
	view_set_bool(v, "voice_answers", answers);
	view_set_bool(v, "live_consent", live_available(r, iv));
}

#define VOICE_UNSTORED_TEXT	"The server could not store your recording" \
	" just now, so nothing was recorded or charged. Try again later, or" \
	" type your answer."

/* The page again with what went wrong, at the HTTP status that says it. */
static enum status
again(struct req *r, const struct interview *iv, int code, const char *msg)
{
	return candidate_adaptive_page(r, iv, code, msg, NULL);
}

static int
refusal_code(enum recording_refusal why)
{
	switch (why) {
	case RR_TOO_LARGE:
	case RR_TOO_LONG:
		return 413;
	case RR_UNREADABLE:
	case RR_CHANNELS:
	case RR_NO_SOUND:
	case RR_VIDEO:
		return 415;
	default:
		return 400;
	}
}

/* Maps what voice_answer said to a page or a redirect. */
static enum status
answered(struct req *r, const struct interview *iv, const struct voice_env *e,
    enum status st, const struct voice_outcome *out)
{
	if (st == ST_OK)
		return resp_redirect(r, "/c");
	if (st == ST_CONFLICT && out->adaptive.why == AR_STALE)
		return resp_redirect(r, "/c?stale=1");
	if (st == ST_CONFLICT)
		return again(r, iv, 409, "The interview is not running now; your"
		    " recording was not kept.");
	if (out->result == VR_REFUSED)
		return again(r, iv, refusal_code(out->refusal),
		    recording_refusal_text(r->a, &e->rec, out->refusal,
		    &out->rec));
	if (out->result == VR_SILENT)
		return again(r, iv, 422, "We could not make out any words in"
		    " the recording, so nothing was recorded. Record it again"
		    " closer to the microphone, or type your answer.");
	if (out->result == VR_UNSTORED)
		return again(r, iv, 503, VOICE_UNSTORED_TEXT);
	if (out->result == VR_UNHEARD)
		return again(r, iv, 503, "The transcription service did not"
		    " answer, so your recording was not kept and nothing was"
		    " recorded or charged. Try again in a moment, or type your"
		    " answer.");
	return st;
}

/* POST /c/answer/voice: csrf, form_id, n, audio (a file part). */
enum status
candidate_voice_answer(struct req *r)
{
	const struct param	*audio = params_get(&r->form, "audio");
	struct voice_outcome	 out;
	struct voice_env	 e;
	struct interview	 iv;
	int			 offered;
	enum status		 st;

	/* Unread, so no token to check; only a page is shown. */
	if (r->upload_too_large)
		return candidate_voice_too_large(r);
	if (r->upload_unstored)
		return candidate_voice_unstored(r);
	if ((st = candidate_session_load_post(r, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "adaptive") != 0)
		return ST_NOTFOUND;
	e = voice_env(r, &iv);
	if ((st = voice_offered(r->a, r->db, iv.id, &offered)) != ST_OK)
		return st;
	if (!offered || e.prov == NULL)
		return again(r, &iv, 409, "Voice answers are not available in"
		    " this interview. Type your answer instead.");
	if (req_field(r, "n")->err != NULL)
		return again(r, &iv, 400, "The form is missing the question's"
		    " number. Reload the page and try again.");
	if (audio == NULL || audio->filename == NULL || audio->vlen == 0)
		return again(r, &iv, 400, recording_refusal_text(r->a, &e.rec,
		    RR_EMPTY, NULL));
	st = voice_answer(r->a, r->db, &r->app->assistant, &e, &iv,
	    (int)req_field(r, "n")->num, page_form_id_sent(r), audio->val,
	    audio->vlen, &out);
	if (st == ST_OK && out.adaptive.complete)
		(void)interview_event(r->a, r->db, iv.org_id, 0,
		    iv.candidate_email, iv.id, "interview_completed", NULL,
		    r->ip);
	return answered(r, &iv, &e, st, &out);
}

/* The candidate's interview into iv; ST_NOTFOUND unless it is adaptive. */
static enum status
adaptive_loaded(struct req *r, struct interview *iv)
{
	enum status	st;

	if ((st = candidate_session_load(r, iv)) != ST_OK)
		return st;
	return strcmp(iv->kind, "adaptive") == 0 ? ST_OK : ST_NOTFOUND;
}

/* GET /c/answer/voice/too-large: nginx's 413 for the upload, in words. */
enum status
candidate_voice_too_large(struct req *r)
{
	struct recording_env	 env;
	struct interview	 iv;
	enum status		 st;

	if ((st = adaptive_loaded(r, &iv)) != ST_OK)
		return st;
	env = voice_env(r, &iv).rec;
	return again(r, &iv, 413, recording_refusal_text(r->a, &env,
	    RR_TOO_LARGE, NULL));
}

/* POST /c/answer/voice that nginx could not write to its disk, in words. */
enum status
candidate_voice_unstored(struct req *r)
{
	struct interview	 iv;
	enum status		 st;

	if ((st = adaptive_loaded(r, &iv)) != ST_OK)
		return st;
	return again(r, &iv, 503, VOICE_UNSTORED_TEXT);
}

enum status
storage_send(struct req *r, const char *path, const char *ctype)
{
	resp_header(r, "Cache-Control", "private, max-age=86400");
	if (r->fcgi != NULL) {
		resp_header(r, "X-Accel-Redirect", arena_printf(r->a,
		    "/_storage/%s", path));
		return resp_text(r, 200, ctype, "", 0);
	}
	/* XXX: plain CGI (no nginx) gets no audio; the page still works. */
	return ST_NOTFOUND;
}

static int
send_piece(void *arg, const void *p, size_t n)
{
	resp_stream_write(arg, p, n);
	return 0;
}

/*
 * The Range header to honour, or NULL.  We send no validator (ETag,
 * Last-Modified) for a decrypted recording, so an If-Range cannot name
 * ours: RFC 9110 section 13.1.5 then wants the whole representation.
 */
static const char *
range_wanted(const struct req *r)
{
	if (req_env(r, "HTTP_IF_RANGE") != NULL)
		return NULL;
	return req_env(r, "HTTP_RANGE");
}

/*
 * The status and headers for bytes first..last of f (RANGE_WHOLE or
 * RANGE_PART); the length is known, so nginx and the browser see it.
 */
static void
range_begin(struct req *r, const struct recording_file *f,
    enum range_kind k, long long first, long long last, const char *ctype)
{
	if (k == RANGE_PART)
		resp_header(r, "Content-Range", arena_printf(r->a,
		    "bytes %lld-%lld/%lld", first, last, f->size));
	resp_header(r, "Content-Length", arena_printf(r->a, "%lld",
	    last - first + 1));
	resp_stream_begin(r, k == RANGE_PART ? 206 : 200, ctype);
}

enum status
recording_send(struct req *r, const char *path, int encrypted,
    const char *ctype)
{
	struct recording_env	 env;
	struct recording_file	 f;
	long long		 first, last;
	enum range_kind		 k;
	enum status		 st;

	if (!encrypted)
		return storage_send(r, path, ctype); /* nginx does ranges */
	memset(&env, 0, sizeof(env));
	env.storage_dir = r->app->cfg.storage_dir;
	env.key = r->app->has_recording_key ? r->app->recording_key : NULL;
	/* A damaged file (logged) is ours to fix, not a bad request. */
	if ((st = recording_open(r->a, &env, path, 1, &f)) != ST_OK)
		return st == ST_INVALID ? ST_INTERNAL : st;
	/* Safari plays no media, and no browser seeks, without ranges. */
	resp_header(r, "Accept-Ranges", "bytes");
	k = range_parse(range_wanted(r), f.size, &first, &last);
	if (k == RANGE_UNSATISFIABLE) {
		recording_close(&f);
		resp_header(r, "Content-Range", arena_printf(r->a,
		    "bytes */%lld", f.size));
		return resp_text(r, 416, "text/plain; charset=utf-8", "", 0);
	}
	/* Sealed: nginx cannot send it; the app decrypts as it streams. */
	range_begin(r, &f, k, first, last, ctype);
	/* HEAD: the headers say it all; decrypting would send nothing. */
	if (r->method != M_HEAD && (st = recording_stream(&env, &f, first,
	    last - first + 1, send_piece, r)) != ST_OK)
		log_error("recording: %s sent short: %s", path, status_str(st));
	recording_close(&f);
	return ST_OK;
}

/* GET /c/question/:n/audio: question n read aloud. */
enum status
candidate_question_audio(struct req *r)
{
	struct adaptive_question	*q;
	struct speech_env		 se;
	struct interview		 iv;
	const char			*path, *ctype;
	size_t				 count;
	int				 n, offered;
	enum status			 st;

	if ((st = req_arg_index(r, 0, &n)) != ST_OK ||
	    (st = candidate_session_load(r, &iv)) != ST_OK)
		return st;
	if (strcmp(iv.kind, "oneway") == 0)
		return candidate_oneway_audio(r, &iv, n);
	if (strcmp(iv.kind, "adaptive") != 0 ||
	    (st = voice_offered(r->a, r->db, iv.id, &offered)) != ST_OK ||
	    !offered)
		return ST_NOTFOUND;
	if ((st = adaptive_questions(r->a, r->db, iv.id, &q, &count)) != ST_OK)
		return st;
	/* Questions count from 1: "/c/question/0/audio" would read q[-1]. */
	if (n < 1 || n > (long long)count)
		return ST_NOTFOUND;
	se = speech_env(r, &iv);
	if ((st = speech_get(r->a, &se, q[n - 1].body_md, &path, &ctype)) !=
	    ST_OK) {
		r->error_detail = "The question could not be read aloud just"
		    " now; it is written on the page.";
		return st == ST_NOTFOUND ? ST_NOTFOUND : ST_UNAVAILABLE;
	}
	return storage_send(r, path, ctype);
}
