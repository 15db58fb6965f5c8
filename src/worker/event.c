/*
 * event.c: what the provider's server events do (PROTOCOLS.md section 3.6):
 * the AI's audio and captions toward the browser, transcripts and usage
 * stored, barge-in, function calls run off the loop, and errors.  Both the
 * GA event names and the beta ones are understood; unknown events are
 * counted and ignored, malformed ones reported to the browser as a warning.
 */
#include <assert.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/b64.h"
#include "lib/form.h"
#include "lib/log.h"
#include "worker.h"

static struct json_object *
jstr(const char *s)
{
	return json_object_new_string(s);
}

static const char *
get_str(struct json_object *o, const char *key)
{
	struct json_object	*v;

	return json_object_object_get_ex(o, key, &v) &&
	    json_object_is_type(v, json_type_string) ?
	    json_object_get_string(v) : NULL;
}

/* {"type": type, "text": text} toward the browser. */
static void
text_event(struct session *s, const char *type, const char *text)
{
	struct json_object	*o = provider_obj(type);
	const char		*t;
	struct msg		*m;

	json_object_object_add(o, "text", jstr(text));
	t = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	m = msg_new(strlen(t), 0);
	memcpy(m->buf, t, m->len);
	json_object_put(o);
	session_send_browser(s, m);
}

static void
audio_out(struct session *s, struct json_object *e, int64_t t)
{
	const char	*b64 = get_str(e, "delta"), *item = get_str(e, "item_id");
	size_t		 len = b64 != NULL ? strlen(b64) : 0, n;
	struct msg	*m;

	if (b64 == NULL || len == 0)
		return;
	/*
	 * The provider runs ahead of real time: audio of the reply the
	 * candidate cut off was on its way when the cancel went out.  Played,
	 * the AI would resume over the candidate.
	 */
	if (item != NULL && s->cut_item[0] != '\0' &&
	    strcmp(item, s->cut_item) == 0)
		return;
	m = msg_new(len / 4 * 3, 1);
	if (b64_decode(m->buf, m->len, b64, len, &n) != 0 ||
	    n % 2 != 0) {
		free(m);
		s->w->m.provider_bad_json++;
		return;
	}
	m->len = n;
	m->t_in = t;
	if (item != NULL && strcmp(item, s->ai_item) != 0) {
		snprintf(s->ai_item, sizeof(s->ai_item), "%s", item);
		s->ai_first_us = clock_us();
		s->ai_bytes = 0;
		s->played_ms = -1;
		session_event(s, "status", "ai_speaking", NULL);
	}
	s->ai_bytes += n;
	session_send_browser(s, m);
}

/* What of the AI's reply the candidate has heard, in ms. */
static long long
played_ms(const struct session *s)
{
	long long	sent = (long long)(s->ai_bytes / 2) * 1000 / 24000;
	long long	wall = (clock_us() - s->ai_first_us) / 1000;

	if (s->played_ms >= 0 && s->played_ms < sent)
		return s->played_ms;
	return wall < sent ? wall : sent;
}

/* The candidate spoke while the AI's reply was playing: cut it where heard. */
static void
barge_in(struct session *s)
{
	struct json_object	*o;
	long long		 ms, sent;

	ms = played_ms(s);
	sent = (long long)(s->ai_bytes / 2) * 1000 / 24000;
	/* Nothing to cut when the reply had finished playing. */
	if (s->ai_item[0] != '\0' && ms < sent) {
		s->w->m.barge_ins++;
		o = provider_obj("conversation.item.truncate");
		json_object_object_add(o, "item_id", jstr(s->ai_item));
		json_object_object_add(o, "content_index",
		    json_object_new_int(0));
		json_object_object_add(o, "audio_end_ms",
		    json_object_new_int64(ms));
		/* Each goes first: the truncate ends up before the cancel. */
		provider_send_json(s, o);
		provider_send_json(s, provider_obj("response.cancel"));
		/*
		 * Queued audio the browser has not played is dropped, and it
		 * flushes its own; the status comes after, or it would be
		 * dropped with the audio.
		 */
		queue_clear(&s->to_browser);
		session_event(s, "playback.flush", NULL, NULL);
		memcpy(s->cut_item, s->ai_item, sizeof(s->cut_item));
		s->ai_item[0] = '\0';
	}
	session_event(s, "status", "listening", NULL);
}

/* The function ran: its output goes to the model, then a new response. */
static void
tool_done(struct session *s, struct job *j)
{
	struct json_object	*o, *item;
	const char		*output = j->result;

	if (j->st == ST_UNAVAILABLE) {
		session_db_lost(s);
		return;
	}
	if (j->st != ST_OK || output == NULL)
		output = "{\"error\":\"the call could not be run\"}";
	o = provider_obj("conversation.item.create");
	item = provider_obj("function_call_output");
	json_object_object_add(item, "call_id", jstr(j->call_id != NULL ?
	    j->call_id : ""));
	json_object_object_add(item, "output", jstr(output));
	json_object_object_add(o, "item", item);
	/* Both go first in reverse order, so the output precedes response.create. */
	provider_send_json(s, provider_obj("response.create"));
	provider_send_json(s, o);
	/* The page moves on only for what was recorded. */
	if (j->st != ST_OK)
		return;
	if (j->complete) {
		session_event(s, "interview.complete", NULL, NULL);
		s->complete_at = clock_us();	/* the goodbye comes next */
	} else
		session_event(s, "question.next", NULL, NULL);
}

static void
tool_run(struct session *s, struct json_object *e)
{
	const char		*name = get_str(e, "name");
	const char		*call = get_str(e, "call_id");
	struct json_object	*o, *item;
	struct job		*j;

	s->w->m.tool_calls++;
	if (name != NULL && strcmp(name, "evaluate_candidate_answer") == 0) {
		j = job_new(J_EVALUATE, s, tool_done);
		/* The answer is what was said until now; the next one starts. */
		j->text = net_strdup(s->answer != NULL ? s->answer : "");
		j->args = net_strdup(get_str(e, "arguments"));
		s->answer_len = 0;
		if (s->answer != NULL)
			s->answer[0] = '\0';
	} else if (name != NULL && strcmp(name, "end_interview") == 0)
		j = job_new(J_END, s, tool_done);
	else {
		/* Nothing to run: the model hears so at once. */
		o = provider_obj("conversation.item.create");
		item = provider_obj("function_call_output");
		json_object_object_add(item, "call_id", jstr(call != NULL ?
		    call : ""));
		json_object_object_add(item, "output", jstr(name == NULL ?
		    "{\"error\":\"no function name\"}" :
		    "{\"error\":\"the call could not be run\"}"));
		json_object_object_add(o, "item", item);
		provider_send_json(s, provider_obj("response.create"));
		provider_send_json(s, o);
		return;
	}
	j->call_id = net_strdup(call);
	dbq_submit(s->w, j);
}

static void
run_held(struct session *s)
{
	struct json_object	*e = s->held;

	s->held = NULL;
	tool_run(s, e);
	json_object_put(e);
}

/*
 * The provider transcribes the candidate's turns on the side, so the model
 * may call evaluate_candidate_answer before the transcript of the turn it
 * judges has come: the call waits for it (TRANSCRIPT_WAIT_US at most),
 * else the answer recorded would lack it, or be empty.
 */
static void
tool_call(struct session *s, struct json_object *e)
{
	const char	*name = get_str(e, "name");

	if (s->transcribing > 0 && s->held == NULL && name != NULL &&
	    strcmp(name, "evaluate_candidate_answer") == 0) {
		s->held = json_object_get(e);
		s->held_at = clock_us();
		return;
	}
	tool_run(s, e);
}

/* A turn's transcript came, or will not: a call waiting for it may run. */
static void
transcribed(struct session *s)
{
	if (s->transcribing > 0)
		s->transcribing--;
	if (s->transcribing == 0 && s->held != NULL)
		run_held(s);
}

/* A transcript that did not come in time: the call runs without it. */
void
event_hold_expired(struct session *s, int64_t now)
{
	if (s->held == NULL || s->state != SS_LIVE ||
	    now - s->held_at < TRANSCRIPT_WAIT_US)
		return;
	log_warn("interview %lld: no transcript of the candidate's last turn"
	    " after %d s; evaluating without it", s->iv,
	    TRANSCRIPT_WAIT_US / 1000000);
	s->transcribing = 0;
	run_held(s);
}

/* Usage and transcripts: only an outage concerns the browser. */
static void
stored(struct session *s, struct job *j)
{
	if (j->st == ST_UNAVAILABLE)
		session_db_lost(s);
	else if (j->st != ST_OK)
		log_warn("interview %lld: realtime %s not stored", s->iv,
		    j->kind == J_CHARGE ? "usage" : "transcript");
}

static void
usage(struct session *s, struct json_object *e)
{
	struct json_object	*r, *u, *v;
	struct job		*j;
	int			 in = 0, out = 0;

	if (!json_object_object_get_ex(e, "response", &r) ||
	    !json_object_object_get_ex(r, "usage", &u))
		return;
	if (json_object_object_get_ex(u, "input_tokens", &v))
		in = json_object_get_int(v);
	if (json_object_object_get_ex(u, "output_tokens", &v))
		out = json_object_get_int(v);
	if (in + out <= 0)
		return;
	j = job_new(J_CHARGE, s, stored);
	j->in = in;
	j->out = out;
	dbq_submit(s->w, j);
}

static void
transcript(struct session *s, const char *role, const char *text)
{
	struct job	*j = job_new(J_STORE, s, stored);

	j->role = role;
	j->text = net_strdup(text);
	dbq_submit(s->w, j);
}

/*
 * A transcript with no words (a noise taken for speech comes back as ""):
 * an empty caption and an empty line in the conversation say nothing.
 */
static int
has_words(const char *text)
{
	for (; text != NULL && *text != '\0'; text++)
		if (strchr(" \t\r\n", *text) == NULL)
			return 1;
	return 0;
}

/*
 * Error codes that leave the session as it was (PROTOCOLS.md 3.7, as
 * pipecat): a response.cancel that found no response running (a barge-in
 * just after the reply ended), a response.create while one runs.
 */
static const char *const benign_errors[] = {
	"response_cancel_not_active",
	"conversation_already_has_active_response",
	NULL
};

/*
 * The provider's own words, fit for the candidate's page: at most
 * ERROR_TEXT_MAX bytes, cut at the start of a character, control characters
 * made spaces, and the API key masked, since a provider may quote what it
 * refused.  "" when there are none, or they are not UTF-8 (the browser
 * would drop a text frame that is not).
 */
#define ERROR_TEXT_MAX	200

static void
error_text(char *out, size_t size, const char *in, const char *key)
{
	size_t	 klen = key != NULL ? strlen(key) : 0, n = 0, len;

	assert(size > ERROR_TEXT_MAX + 4);
	*out = '\0';
	if (in == NULL || !utf8_valid(in, strlen(in)))
		return;
	while (*in != '\0' && n < ERROR_TEXT_MAX) {
		if (klen > 0 && strncmp(in, key, klen) == 0) {
			len = strlen("[key]");
			if (n + len > ERROR_TEXT_MAX)
				break;
			memcpy(out + n, "[key]", len);
			n += len;
			in += klen;
			continue;
		}
		out[n++] = (unsigned char)*in < 0x20 || *in == 0x7f ? ' ' : *in;
		in++;
	}
	if (*in != '\0') {	/* cut, never inside a character */
		if (((unsigned char)*in & 0xc0) == 0x80) {
			while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) ==
			    0x80)
				n--;
			if (n > 0)
				n--;	/* the character's first byte */
		}
		memcpy(out + n, "\xe2\x80\xa6", 3);	/* … */
		n += 3;
	}
	out[n] = '\0';
}

/*
 * An error event: a benign code is logged; any other means the provider
 * will not go on as asked (a refused session.update, a quota used up, a
 * session expired), and the AI would stay silent while the page said
 * "connected".  So the session ends as when the provider hangs up: the
 * browser hears why, in the provider's words, and what was stored stays.
 */
static void
provider_error(struct session *s, struct json_object *e)
{
	struct json_object	*err = NULL;
	const char		*code = NULL, *msg = NULL;
	char			 text[ERROR_TEXT_MAX + 8], *why;
	size_t			 i;

	if (json_object_object_get_ex(e, "error", &err)) {
		code = get_str(err, "code");
		msg = get_str(err, "message");
	}
	for (i = 0; code != NULL && benign_errors[i] != NULL; i++)
		if (strcmp(code, benign_errors[i]) == 0) {
			s->w->m.provider_errors_benign++;
			log_info("interview %lld: provider error %s, ignored",
			    s->iv, code);
			return;
		}
	s->w->m.provider_errors++;
	error_text(text, sizeof(text), msg, s->w->cfg.ai_api_key);
	/* The masked words here too: logs travel further than the config. */
	log_warn("interview %lld: provider error %s; ending the session: %s",
	    s->iv, code != NULL ? code : "(no code)", text);
	if (asprintf(&why, "The AI voice service stopped the conversation%s%s",
	    *text != '\0' ? ": " : ".", text) < 0)
		abort();
	session_event(s, "error", "provider_error", why);
	free(why);
	session_close(s, 1011, "provider error");
}

static int
is(const char *type, const char *ga, const char *beta)
{
	return strcmp(type, ga) == 0 || (beta != NULL && strcmp(type, beta) == 0);
}

static void
dispatch(struct session *s, struct json_object *e, const char *type, int64_t t)
{
	const char	*text;

	if (is(type, "response.output_audio.delta", "response.audio.delta"))
		audio_out(s, e, t);
	else if (is(type, "response.output_audio_transcript.delta",
	    "response.audio_transcript.delta")) {
		if ((text = get_str(e, "delta")) != NULL)
			text_event(s, "transcript.ai.delta", text);
	} else if (is(type, "response.output_audio_transcript.done",
	    "response.audio_transcript.done")) {
		if (has_words(text = get_str(e, "transcript"))) {
			text_event(s, "transcript.ai", text);
			transcript(s, "assistant", text);
		}
	} else if (is(type, "conversation.item.input_audio_transcription"
	    ".completed", NULL)) {
		if (has_words(text = get_str(e, "transcript"))) {
			text_event(s, "transcript.you", text);
			transcript(s, "user", text);
			session_answer_add(s, text);
		}
		transcribed(s);
	} else if (is(type, "conversation.item.input_audio_transcription"
	    ".failed", NULL))
		transcribed(s);
	else if (is(type, "input_audio_buffer.committed", NULL))
		s->transcribing++;
	else if (is(type, "input_audio_buffer.speech_started", NULL))
		barge_in(s);
	else if (is(type, "response.function_call_arguments.done", NULL))
		tool_call(s, e);
	else if (is(type, "response.done", NULL))
		usage(s, e);
	else if (is(type, "session.created", NULL) ||
	    is(type, "session.updated", NULL)) {
		/* Both come, created then updated: the page hears it once. */
		if (!s->connected)
			session_event(s, "status", "connected", NULL);
		s->connected = 1;
	}
	else if (is(type, "error", NULL))
		provider_error(s, e);
	else
		s->w->m.provider_unknown++;
}

/* One whole text message from the provider: an event, handled or counted. */
void
event_in(struct session *s, const char *text, size_t len)
{
	struct json_tokener	*tok = json_tokener_new();
	struct json_object	*e = json_tokener_parse_ex(tok, text, (int)len);
	const char		*type;

	if (e == NULL || json_tokener_get_error(tok) != json_tokener_success ||
	    (type = get_str(e, "type")) == NULL) {
		s->w->m.provider_bad_json++;
		session_event(s, "warning", "provider_bad_event", "The AI"
		    " service sent something unreadable; it was ignored.");
	} else
		dispatch(s, e, type, clock_us());
	json_object_put(e);
	json_tokener_free(tok);
}
