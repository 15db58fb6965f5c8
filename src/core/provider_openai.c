/* provider_openai.c: one OpenAI-compatible chat completion, plain or streamed. */
#include <json-c/json.h>
#include <limits.h>
#include <sodium.h>
#include <string.h>

#include "core/provider.h"
#include "lib/http.h"
#include "lib/sse.h"

#define MAX_EVENT	(1u << 20)	/* one SSE event, far above a real chunk */

/* A streamed reply as it is put together. */
struct stream {
	struct arena		*a;
	const struct chat_req	*req;
	struct sse		 sse;
	struct buf		 text;
	const char		*finish;
	int			 prompt, completion;
	int			 usage;		/* a usage block arrived */
	int			 choices;	/* a chunk with a choice came */
	int			 done;		/* data: [DONE] */
	int			 delivered;	/* on_delta saw text */
	const char		*fail;		/* error_code, once failed */
	const char		*why;
};

static void
outcome(struct attempt_res *ar, enum attempt o, const char *code,
    const char *why, int counts)
{
	ar->outcome = o;
	ar->error_code = code;
	ar->error_message = why;
	ar->counts = counts;
}

/* The whole of p..len as one JSON value, or NULL; the caller puts it. */
static struct json_object *
parse(const char *p, size_t len)
{
	struct json_tokener	*tok;
	struct json_object	*o;
	size_t			 end;

	if (len > INT_MAX || (tok = json_tokener_new()) == NULL)
		return NULL;
	o = json_tokener_parse_ex(tok, p, (int)len);
	end = json_tokener_get_parse_end(tok);
	if (o != NULL && json_tokener_get_error(tok) == json_tokener_success)
		for (; end < len; end++)
			if (strchr(" \t\r\n", p[end]) == NULL)
				break;
	if (o == NULL || end != len ||
	    json_tokener_get_error(tok) != json_tokener_success) {
		json_object_put(o);
		o = NULL;
	}
	json_tokener_free(tok);
	return o;
}

static struct json_object *
get(struct json_object *o, const char *key, enum json_type t)
{
	struct json_object	*v;

	if (o == NULL || !json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, t))
		return NULL;
	return v;
}

static const char *
str(struct arena *a, struct json_object *o)
{
	return arena_strndup(a, json_object_get_string(o),
	    (size_t)json_object_get_string_len(o));
}

/* usage.prompt_tokens and completion_tokens; -1 if either is bad. */
static int
usage(struct json_object *u, int *prompt, int *completion)
{
	struct json_object	*pt, *ct;
	int64_t			 x, y;

	if ((pt = get(u, "prompt_tokens", json_type_int)) == NULL ||
	    (ct = get(u, "completion_tokens", json_type_int)) == NULL)
		return -1;
	x = json_object_get_int64(pt);
	y = json_object_get_int64(ct);
	if (x < 0 || x > INT_MAX || y < 0 || y > INT_MAX)
		return -1;
	*prompt = (int)x;
	*completion = (int)y;
	return 0;
}

static const char *
body_json(struct arena *a, const struct chat_req *req)
{
	struct json_object	*root, *msgs, *m, *so;
	const char		*s;
	size_t			 i;

	root = json_object_new_object();
	json_object_object_add(root, "model",
	    json_object_new_string(req->model));
	msgs = json_object_new_array();
	for (i = 0; i < req->n; i++) {
		m = json_object_new_object();
		json_object_object_add(m, "role",
		    json_object_new_string(req->msgs[i].role));
		json_object_object_add(m, "content",
		    json_object_new_string(req->msgs[i].content));
		json_object_array_add(msgs, m);
	}
	json_object_object_add(root, "messages", msgs);
	if (req->max_completion_tokens > 0)
		json_object_object_add(root, "max_completion_tokens",
		    json_object_new_int(req->max_completion_tokens));
	if (req->tools != NULL)
		json_object_object_add(root, "tools",
		    json_tokener_parse(req->tools));
	if (req->tool_choice != NULL)
		json_object_object_add(root, "tool_choice",
		    json_tokener_parse(req->tool_choice));
	if (req->stream) {
		json_object_object_add(root, "stream",
		    json_object_new_boolean(1));
		so = json_object_new_object();
		json_object_object_add(so, "include_usage",
		    json_object_new_boolean(1));
		json_object_object_add(root, "stream_options", so);
	}
	s = arena_strdup(a, json_object_to_json_string_ext(root,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return s;
}

/* error.message and error.code of an error document, if it is one. */
static void
error_doc(struct arena *a, const struct http_res *hr, const char **msg,
    const char **code)
{
	struct json_object	*o, *e, *v;

	*msg = arena_printf(a, "HTTP %ld", hr->status);
	*code = NULL;
	if ((o = parse(hr->body.p, hr->body.len)) == NULL)
		return;
	if ((e = get(o, "error", json_type_object)) != NULL) {
		if ((v = get(e, "message", json_type_string)) != NULL)
			*msg = arena_printf(a, "HTTP %ld: %s", hr->status,
			    json_object_get_string(v));
		if ((v = get(e, "code", json_type_string)) != NULL)
			*code = str(a, v);
	}
	json_object_put(o);
}

/* A non-2xx status: which to retry, which to give up on. */
void
openai_http_status(struct arena *a, const struct http_res *hr,
    struct attempt_res *ar)
{
	const char	*msg, *code;

	error_doc(a, hr, &msg, &code);
	ar->retry_after_ms = -1;
	switch (hr->status) {
	case 429:
		/* Out of credits is not cured by waiting. */
		if (code != NULL && strcmp(code, "insufficient_quota") == 0) {
			outcome(ar, ATT_FAIL, "quota", msg, 0);
			return;
		}
		ar->retry_after_ms = hr->retry_after_ms;
		outcome(ar, ATT_RETRY, "rate_limited", msg, 1);
		return;
	case 500: case 502: case 503: case 504:
		outcome(ar, ATT_RETRY, "server_error", msg, 1);
		return;
	case 401: case 403:
		outcome(ar, ATT_FAIL, "auth", msg, 0);
		return;
	}
	if (hr->status >= 500)
		outcome(ar, ATT_FAIL, "server_error", msg, 1);
	else if (hr->status >= 400)
		outcome(ar, ATT_FAIL, "bad_request", msg, 0);
	else
		outcome(ar, ATT_FAIL, "bad_response", msg, 1);
}

/* A transport failure (no whole response): all worth a retry. */
void
openai_transport(const struct http_res *hr, struct attempt_res *ar)
{
	const char	*why = hr->errmsg != NULL ? hr->errmsg :
	    http_err_str(hr->err);

	switch (hr->err) {
	case HTTP_TIMEOUT:
		outcome(ar, ATT_RETRY, "timeout", why, 1);
		break;
	case HTTP_CUT:
		outcome(ar, ATT_RETRY, "cut_stream", why, 1);
		break;
	case HTTP_TOOLARGE:
		outcome(ar, ATT_FAIL, "bad_response", why, 1);
		break;
	default:
		outcome(ar, ATT_RETRY, "connect", why, 1);
		break;
	}
}

/* message.tool_calls[0].function's name and arguments, when there are any. */
static void
first_tool_call(struct arena *a, struct json_object *msg,
    struct chat_res *res)
{
	struct json_object	*tc, *f, *name, *args;

	if ((tc = get(msg, "tool_calls", json_type_array)) == NULL ||
	    json_object_array_length(tc) == 0 ||
	    (f = get(json_object_array_get_idx(tc, 0), "function",
	    json_type_object)) == NULL ||
	    (name = get(f, "name", json_type_string)) == NULL ||
	    (args = get(f, "arguments", json_type_string)) == NULL)
		return;
	res->tool_name = str(a, name);
	res->tool_args = str(a, args);
}

/* A whole non-streamed reply: choices[0].message.content and usage. */
static void
plain_reply(struct arena *a, const struct http_res *hr, struct chat_res *res,
    struct attempt_res *ar)
{
	struct json_object	*o, *ch, *c0, *msg, *v;

	if ((o = parse(hr->body.p, hr->body.len)) == NULL) {
		outcome(ar, ATT_FAIL, "bad_response", "reply is not JSON", 1);
		return;
	}
	outcome(ar, ATT_FAIL, "bad_response", NULL, 1);
	if ((ch = get(o, "choices", json_type_array)) == NULL ||
	    json_object_array_length(ch) == 0)
		ar->error_message = "no choices";
	else if ((c0 = json_object_array_get_idx(ch, 0)) == NULL ||
	    (msg = get(c0, "message", json_type_object)) == NULL)
		ar->error_message = "no message";
	else if (usage(get(o, "usage", json_type_object),
	    &res->prompt_tokens, &res->completion_tokens) != 0)
		ar->error_message = "no usage";
	else {
		if ((v = get(msg, "content", json_type_string)) != NULL)
			res->text = str(a, v);
		first_tool_call(a, msg, res);
		if ((v = get(c0, "finish_reason", json_type_string)) != NULL)
			res->finish_reason = str(a, v);
		outcome(ar, ATT_OK, NULL, NULL, 0);
	}
	json_object_put(o);
}

static void
stream_fail(struct stream *s, const char *code, const char *why)
{
	if (s->fail == NULL) {
		s->fail = code;
		s->why = why;
	}
}

/* One chunk's first choice: the text goes out at once. */
static void
chunk_choice(struct stream *s, struct json_object *c0)
{
	struct json_object	*d, *v;
	const char		*t;
	size_t			 len;

	s->choices = 1;
	if ((d = get(c0, "delta", json_type_object)) != NULL &&
	    (v = get(d, "content", json_type_string)) != NULL &&
	    (len = (size_t)json_object_get_string_len(v)) > 0) {
		t = json_object_get_string(v);
		buf_put(&s->text, t, len);
		if (s->req->on_delta != NULL)
			s->req->on_delta(s->req->arg, t, len);
		s->delivered = 1;
	}
	if ((v = get(c0, "finish_reason", json_type_string)) != NULL)
		s->finish = str(s->a, v);
}

static enum status
on_event(void *arg, const struct sse_event *ev)
{
	struct stream		*s = arg;
	struct json_object	*o, *ch, *e, *v;
	enum status		 st = ST_OK;

	if (s->done)
		return ST_OK;	/* nothing counts after [DONE] */
	if (ev->done) {
		s->done = 1;
		return ST_OK;
	}
	if (ev->len == 0)
		return ST_OK;	/* an empty keep-alive */
	if ((o = parse(ev->data, ev->len)) == NULL ||
	    !json_object_is_type(o, json_type_object)) {
		stream_fail(s, "bad_response", "stream chunk is not JSON");
		json_object_put(o);
		return ST_INVALID;
	}
	if ((e = get(o, "error", json_type_object)) != NULL) {
		/* An error in-band, after a 200 (PROTOCOLS.md 1.3). */
		v = get(e, "message", json_type_string);
		stream_fail(s, "server_error", v != NULL ? arena_printf(s->a,
		    "in-band: %s", json_object_get_string(v)) : "in-band");
		st = ST_UNAVAILABLE;
	} else {
		if ((ch = get(o, "choices", json_type_array)) != NULL &&
		    json_object_array_length(ch) > 0)
			chunk_choice(s, json_object_array_get_idx(ch, 0));
		if ((v = get(o, "usage", json_type_object)) != NULL) {
			if (usage(v, &s->prompt, &s->completion) == 0)
				s->usage = 1;
			else {
				stream_fail(s, "bad_response", "bad usage");
				st = ST_INVALID;
			}
		}
	}
	json_object_put(o);
	return st;
}

static int
on_body(void *arg, const char *p, size_t len)
{
	struct stream	*s = arg;
	enum status	 st;

	if ((st = sse_feed(&s->sse, p, len)) == ST_TOOLARGE)
		stream_fail(s, "bad_response", "stream event too large");
	return st != ST_OK;
}

/* After a streamed 2xx: did it end as the protocol says it must? */
static void
stream_end(struct stream *s, const struct http_res *hr, struct chat_res *res,
    struct attempt_res *ar)
{
	if (s->fail != NULL)
		outcome(ar, strcmp(s->fail, "server_error") == 0 ? ATT_RETRY :
		    ATT_FAIL, s->fail, s->why, 1);
	else if (hr->err != HTTP_OK)
		openai_transport(hr, ar);
	else if (!s->done)
		outcome(ar, ATT_RETRY, "cut_stream", "no [DONE]", 1);
	else if (!s->choices)
		outcome(ar, ATT_FAIL, "bad_response", "no choices", 1);
	else if (!s->usage)
		outcome(ar, ATT_FAIL, "bad_response", "no usage", 1);
	else {
		outcome(ar, ATT_OK, NULL, NULL, 0);
		res->text = s->text.p;
		res->finish_reason = s->finish != NULL ? s->finish : "unknown";
		res->prompt_tokens = s->prompt;
		res->completion_tokens = s->completion;
		return;
	}
	/* The caller has part of the text: a retry would repeat it. */
	if (ar->outcome == ATT_RETRY && s->delivered)
		ar->outcome = ATT_FAIL;
}

char *
openai_auth(struct arena *a, const struct provider *p)
{
	return arena_printf(a, "Authorization: Bearer %s", p->api_key);
}

const char *
openai_url(struct arena *a, const struct provider *p, const char *path)
{
	size_t	 n = strlen(p->base_url);

	while (n > 0 && p->base_url[n - 1] == '/')
		n--;
	return arena_printf(a, "%.*s%s", (int)n, p->base_url, path);
}

void
openai_chat_once(struct arena *a, const struct provider *p,
    const struct chat_req *req, long timeout_ms, struct chat_res *res,
    struct attempt_res *ar)
{
	struct http_req	 hq;
	struct http_res	 hr;
	struct stream	 s;
	const char	*hdrs[3];
	char		*auth;
	size_t		 n = strlen(p->base_url);

	memset(&hq, 0, sizeof(hq));
	memset(ar, 0, sizeof(*ar));
	ar->retry_after_ms = -1;
	res->text = "";
	res->finish_reason = NULL;
	while (n > 0 && p->base_url[n - 1] == '/')
		n--;
	hq.url = arena_printf(a, "%.*s/chat/completions", (int)n, p->base_url);
	auth = arena_printf(a, "Authorization: Bearer %s", p->api_key);
	hdrs[0] = auth;
	hdrs[1] = "Content-Type: application/json";
	hdrs[2] = req->stream ? "Accept: text/event-stream" :
	    "Accept: application/json";
	hq.headers = hdrs;
	hq.nheaders = NITEMS(hdrs);
	hq.body = body_json(a, req);
	hq.len = strlen(hq.body);
	hq.timeout_ms = timeout_ms;
	hq.connect_timeout_ms = p->connect_timeout_ms;
	if (req->stream) {
		memset(&s, 0, sizeof(s));
		s.a = a;
		s.req = req;
		buf_init(&s.text, a);
		sse_init(&s.sse, a, MAX_EVENT, on_event, &s);
		hq.on_body = on_body;
		hq.arg = &s;
	}
	if (http_post(a, &hq, &hr) != ST_OK)
		outcome(ar, ATT_FAIL, "connect", "http client failed", 0);
	else if (hr.status / 100 != 2 && hr.status != 0)
		openai_http_status(a, &hr, ar);
	else if (req->stream)
		stream_end(&s, &hr, res, ar);
	else if (hr.err != HTTP_OK)
		openai_transport(&hr, ar);
	else
		plain_reply(a, &hr, res, ar);
	sodium_memzero(auth, strlen(auth));
}
