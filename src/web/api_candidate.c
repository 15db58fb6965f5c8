/* api_candidate.c: the candidate's side of the JSON API (the invite's cookie): send a message, read the state. */
#include <json-c/json.h>
#include <string.h>

#include "core/assistant.h"
#include "core/interview.h"
#include "handlers.h"

/*
 * answer (optional): the final answer being written, kept on the server
 * as the page's form post keeps it, so that another device finds it.
 */
static const struct field text_fields[] = {
	{ "text",	F_TEXT,	1, CANDIDATE_MESSAGE_MAX, FIELD_REQUIRED, NULL },
	{ "answer",	F_TEXT,	0, CANDIDATE_FINAL_MAX, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const struct api_name text_names[] = {
	{ "text", "text", NULL },
	{ "answer", "answer", NULL },
	{ NULL, NULL, NULL }
};

/*
 * The send's fields; *answer is the final answer being written, NULL when
 * the body has none (an API client without the page's boxes: its draft
 * stays as it was).
 */
static enum status
read_send(struct req *r, struct api_checked *c, const char **answer)
{
	struct json_object	*o, *v;
	enum status		 st;

	*answer = NULL;
	if ((st = api_read_object(r, &o)) != ST_OK)
		return st;
	api_object_fields(r, o, text_fields, text_names, c);
	if (json_object_object_get_ex(o, "answer", &v) && v != NULL)
		*answer = api_text(c, "answer");
	json_object_put(o);
	return ST_OK;
}

/* --- the candidate's side (the invite's cookie) --------------------------- */

/* The cookie's interview, limits applied; r->csrf is its session's token. */
static enum status
candidate_load(struct req *r, struct interview *iv)
{
	const char	*cookie = req_cookie(r, CANDIDATE_COOKIE);
	long long	 org, id;
	enum status	 st;

	st = cookie != NULL && *cookie != '\0' ? candidate_lookup(r->a, r->db,
	    cookie, &org, &id, &r->csrf) : ST_NOTFOUND;
	if (st == ST_NOTFOUND) {
		r->error_detail = "Open the invitation link first: this needs"
		    " the candidate cookie it sets.";
		return ST_UNAUTH;
	}
	if (st != ST_OK ||
	    (st = interview_get(r->a, r->db, org, id, iv)) != ST_OK)
		return st;
	req_writes_interview(r, id);	/* a GET is not marked */
	return interview_check_end(r->a, r->db, iv);
}

/*
 * The newest reply is among the last few messages, not worth reading a long
 * conversation for: its user message just before it, and room for a send
 * from another tab finishing in between.
 */
#define REPLY_AMONG	8

/*
 * {"message": the candidate's message it answers, "reply": the assistant's
 * newest message, "resources": ...}: the page shows both with their tokens.
 */
static enum status
reply_json(struct req *r, struct interview *iv, struct json_object **out)
{
	struct json_object	*o;
	struct iv_message	*m;
	size_t			 n, i, total;
	enum status		 st;

	st = interview_get(r->a, r->db, iv->org_id, iv->id, iv);
	if (st != ST_OK || (st = interview_messages_latest(r->a, r->db, iv->id,
	    REPLY_AMONG, &m, &n, &total)) != ST_OK)
		return st;
	/*
	 * XXX: assistant_send does not hand back the stored reply, so this is
	 * the newest assistant message: a send from another tab finishing in
	 * between could be shown instead; both are in /messages either way.
	 */
	for (i = n; i > 0 && strcmp(m[i - 1].role, "assistant") != 0; i--)
		;
	if (i == 0)
		return ST_INTERNAL;
	o = json_object_new_object();
	if (i >= 2 && strcmp(m[i - 2].role, "user") == 0)
		json_object_object_add(o, "message",
		    api_message_json(r->a, &m[i - 2]));
	json_object_object_add(o, "reply", api_message_json(r->a, &m[i - 1]));
	json_object_object_add(o, "resources", api_resources_json(iv));
	*out = o;
	return ST_OK;
}

/* One server-sent event whose data is o as JSON (ownership taken). */
static void
stream_event(struct req *r, const char *type, struct json_object *o)
{
	struct buf	 b;
	const char	*s;
	size_t		 len;

	s = json_object_to_json_string_length(o, JSON_C_TO_STRING_PLAIN |
	    JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	buf_init(&b, r->a);
	buf_printf(&b, "event: %s\ndata: ", type);
	buf_put(&b, s, len);	/* one line: JSON escapes newlines */
	buf_puts(&b, "\n\n");
	resp_stream_write(r, b.p, b.len);
	json_object_put(o);
}

/* Passes a piece of the reply on, starting the stream at the first one. */
static void
stream_delta(void *arg, const char *text, size_t len)
{
	struct req		*r = arg;
	struct json_object	*o = json_object_new_object();

	if (!r->streaming)
		resp_stream_begin(r, 200, "text/event-stream; charset=utf-8");
	json_object_object_add(o, "text",
	    json_object_new_string_len(text, (int)len));
	stream_event(r, "delta", o);
}

/*
 * After a streamed reply began, the outcome is the last event: "done" with
 * the body a plain send returns, or "error" with the API's error object.
 */
static enum status
stream_end(struct req *r, struct interview *iv, enum status st,
    const char *message)
{
	struct json_object	*o, *e;

	if (st == ST_OK && reply_json(r, iv, &o) == ST_OK) {
		stream_event(r, "done", o);
		return ST_OK;
	}
	o = json_object_new_object();
	e = json_object_new_object();
	json_object_object_add(e, "code", json_object_new_string(
	    st == ST_OK ? status_str(ST_INTERNAL) : status_str(st)));
	json_object_object_add(e, "message", json_object_new_string(message));
	json_object_object_add(e, "request_id", json_object_new_string(r->id));
	json_object_object_add(o, "error", e);
	stream_event(r, "error", o);
	return ST_OK;
}

static int
wants_stream(const struct req *r)
{
	const char	*accept = req_env(r, "HTTP_ACCEPT");

	return accept != NULL && strstr(accept, "text/event-stream") != NULL;
}

/*
 * POST /api/v1/candidate/messages {"text": "..."} with X-CSRF-Token.  With
 * Accept: text/event-stream a provider's reply streams as "delta" events;
 * refusals, and replies that do not stream (the offline assistant), answer
 * as plain JSON whatever was asked.
 */
enum status
api_candidate_send(struct req *r)
{
	struct reply_stream	 stream = { stream_delta, r };
	struct reservation	 res;
	struct json_object	*o;
	struct interview	 iv;
	struct api_checked		 c;
	const char		*answer;
	enum status		 st;

	if ((st = candidate_load(r, &iv)) != ST_OK ||
	    (st = candidate_check_csrf(r)) != ST_OK)
		return st;
	if (!interview_is_assisted(&iv)) {
		r->error_detail = "This interview has no chat with an"
		    " assistant: an adaptive or one-way interview is answered"
		    " on its page, /c.";
		return ST_NOTFOUND;
	}
	if ((st = read_send(r, &c, &answer)) != ST_OK)
		return st;
	if (c.nerr > 0)
		return api_reply_checked(r, &c);	/* nothing sent or kept */
	if (!assistant_can_answer(&r->app->assistant, iv.model)) {
		r->error_detail = candidate_assistant_gone;
		return ST_CONFLICT;
	}
	st = assistant_send(r->a, r->db, &r->app->assistant, &iv,
	    api_text(&c, "text"), NULL, wants_stream(r) ? &stream : NULL,
	    &res);
	/* As the form's send: the final answer, and the message if not sent. */
	if (answer != NULL)
		candidate_keep_drafts(r, &iv, st == ST_OK ? "" :
		    api_text(&c, "text"), answer);
	if (r->streaming)
		return stream_end(r, &iv, st, candidate_unavailable_text(r,
		    &res));
	if (st == ST_OK) {
		if ((st = reply_json(r, &iv, &o)) != ST_OK)
			return st;
		return resp_json(r, 200, o);
	}
	if (st == ST_CONFLICT)
		r->error_detail = candidate_refusal(r, &res, 0, &st);
	else if (st == ST_UNAVAILABLE)
		r->error_detail = candidate_unavailable_text(r, &res);
	return st;	/* ST_UNAVAILABLE: no reply, nothing charged */
}

/* GET /api/v1/candidate/state: status, time and tokens. */
enum status
api_candidate_state(struct req *r)
{
	struct json_object	*o, *res;
	struct interview	 iv;
	enum status		 st;

	if ((st = candidate_load(r, &iv)) != ST_OK)
		return st;
	r->no_store = 1;
	o = json_object_new_object();
	res = api_resources_json(&iv);
	/*
	 * A page that shows a message being answered (sent from another tab
	 * or device) reloads once none is: the hold's tokens are given back
	 * as its reply is stored, or as its call failed.
	 */
	if (interview_is_assisted(&iv))
		api_put_int(res, "tokens_reserved", iv.tokens_reserved);
	json_object_object_add(o, "resources", res);
	return resp_json(r, 200, o);
}
