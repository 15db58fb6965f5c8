/* provider_audio.c: /audio/transcriptions (multipart) and /audio/speech, one try each, retried by provider_run. */
#include <json-c/json.h>
#include <sodium.h>
#include <stdint.h>
#include <string.h>

#include "core/provider_audio.h"
#include "lib/http.h"

#define TTS_MAX_BYTES	(16u << 20)	/* minutes of mp3; far above a question */
#define TTS_INPUT_MAX	4096

struct stt_call {
	const struct stt_req	*req;
	struct stt_res		*res;
};

struct tts_call {
	const struct tts_req	*req;
	struct tts_res		*res;
};

static void
set(struct attempt_res *ar, enum attempt o, const char *code, const char *why)
{
	ar->outcome = o;
	ar->error_code = code;
	ar->error_message = why;
	ar->counts = o != ATT_OK;
}

/* usage as either kind says it (PROTOCOLS.md 2.1); absent or odd: zeros. */
static void
stt_usage(struct json_object *o, struct stt_res *res)
{
	struct json_object	*u, *v;
	int64_t			 n;

	if (!json_object_object_get_ex(o, "usage", &u) ||
	    !json_object_is_type(u, json_type_object))
		return;
	if (json_object_object_get_ex(u, "input_tokens", &v) &&
	    json_object_is_type(v, json_type_int) &&
	    (n = json_object_get_int64(v)) >= 0 && n <= INT32_MAX)
		res->input_tokens = (int)n;
	if (json_object_object_get_ex(u, "output_tokens", &v) &&
	    json_object_is_type(v, json_type_int) &&
	    (n = json_object_get_int64(v)) >= 0 && n <= INT32_MAX)
		res->output_tokens = (int)n;
	if (json_object_object_get_ex(u, "seconds", &v) &&
	    (json_object_is_type(v, json_type_double) ||
	    json_object_is_type(v, json_type_int)) &&
	    json_object_get_double(v) >= 0)
		res->seconds = json_object_get_double(v);
}

/* {"text": "..."}: the transcript; anything else is a bad reply. */
static void
transcript(struct arena *a, const struct http_res *hr, struct stt_res *res,
    struct attempt_res *ar)
{
	struct json_object	*o, *t;

	o = json_tokener_parse(hr->body.p);
	if (o == NULL || !json_object_is_type(o, json_type_object) ||
	    !json_object_object_get_ex(o, "text", &t) ||
	    !json_object_is_type(t, json_type_string))
		set(ar, ATT_FAIL, "bad_response", "no text in the reply");
	else {
		res->text = arena_strndup(a, json_object_get_string(t),
		    (size_t)json_object_get_string_len(t));
		stt_usage(o, res);
		set(ar, ATT_OK, NULL, NULL);
	}
	json_object_put(o);
}

/* What any audio try does with the exchange, but for a 2xx body. */
static int
exchanged(struct arena *a, const struct http_res *hr, struct attempt_res *ar)
{
	if (hr->status / 100 != 2 && hr->status != 0)
		openai_http_status(a, hr, ar);
	else if (hr->err != HTTP_OK)
		openai_transport(hr, ar);
	else
		return 1;
	return 0;
}

static void
stt_try(struct arena *a, const struct provider *p, void *arg, long tmo,
    struct attempt_res *ar)
{
	struct stt_call		*c = arg;
	struct http_part	 parts[4];
	struct http_req		 hq;
	struct http_res		 hr;
	const char		*hdrs[2];
	char			*auth = openai_auth(a, p);
	size_t			 n = 0;

	memset(&hq, 0, sizeof(hq));
	memset(parts, 0, sizeof(parts));
	memset(ar, 0, sizeof(*ar));
	ar->retry_after_ms = -1;
	/* From memory when given: a decrypted recording never goes to disk. */
	parts[n++] = (struct http_part){ "file", c->req->data, c->req->len,
	    c->req->data != NULL ? NULL : c->req->path, c->req->filename,
	    c->req->ctype };
	parts[n++] = (struct http_part){ "model", c->req->model,
	    strlen(c->req->model), NULL, NULL, NULL };
	parts[n++] = (struct http_part){ "response_format", "json", 4, NULL,
	    NULL, NULL };
	if (c->req->language != NULL && *c->req->language != '\0')
		parts[n++] = (struct http_part){ "language", c->req->language,
		    strlen(c->req->language), NULL, NULL, NULL };
	hdrs[0] = auth;
	hdrs[1] = "Accept: application/json";
	hq.url = openai_url(a, p, "/audio/transcriptions");
	hq.headers = hdrs;
	hq.nheaders = NITEMS(hdrs);
	hq.parts = parts;
	hq.nparts = n;
	hq.timeout_ms = tmo;
	hq.connect_timeout_ms = p->connect_timeout_ms;
	if (http_post(a, &hq, &hr) != ST_OK)
		set(ar, ATT_FAIL, "connect", "http client failed");
	else if (exchanged(a, &hr, ar))
		transcript(a, &hr, c->res, ar);
	sodium_memzero(auth, strlen(auth));
}

enum status
provider_transcribe(struct arena *a, struct provider *p,
    const struct stt_req *req, struct stt_res *res)
{
	struct stt_call		 c = { req, res };
	struct attempt_res	 ar;
	enum status		 st;

	memset(res, 0, sizeof(*res));
	res->text = "";
	if (req->model == NULL || *req->model == '\0' ||
	    (req->path == NULL && req->data == NULL) ||
	    req->filename == NULL)
		return ST_INVALID;
	st = provider_run(a, p, req->model, stt_try, &c, &ar, &res->attempts,
	    &res->latency_ms);
	if (st != ST_OK) {
		res->text = "";
		res->error_code = ar.error_code;
		res->error_message = ar.error_message;
	}
	return st;
}

static const char *
speech_json(struct arena *a, const struct tts_req *req)
{
	struct json_object	*o = json_object_new_object();
	const char		*s;

	json_object_object_add(o, "model", json_object_new_string(req->model));
	json_object_object_add(o, "voice", json_object_new_string(req->voice));
	json_object_object_add(o, "input", json_object_new_string(req->input));
	json_object_object_add(o, "response_format",
	    json_object_new_string(req->format));
	s = arena_strdup(a, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	return s;
}

static void
tts_try(struct arena *a, const struct provider *p, void *arg, long tmo,
    struct attempt_res *ar)
{
	struct tts_call	*c = arg;
	struct http_req	 hq;
	struct http_res	 hr;
	const char	*hdrs[2];
	char		*auth = openai_auth(a, p);

	memset(&hq, 0, sizeof(hq));
	memset(ar, 0, sizeof(*ar));
	ar->retry_after_ms = -1;
	hdrs[0] = auth;
	hdrs[1] = "Content-Type: application/json";
	hq.url = openai_url(a, p, "/audio/speech");
	hq.headers = hdrs;
	hq.nheaders = NITEMS(hdrs);
	hq.body = speech_json(a, c->req);
	hq.len = strlen(hq.body);
	hq.timeout_ms = tmo;
	hq.connect_timeout_ms = p->connect_timeout_ms;
	hq.max_body = TTS_MAX_BYTES;
	if (http_post(a, &hq, &hr) != ST_OK)
		set(ar, ATT_FAIL, "connect", "http client failed");
	else if (exchanged(a, &hr, ar)) {
		/* 200 with raw audio bytes: nothing to parse, but not nothing. */
		if (hr.body.len == 0)
			set(ar, ATT_FAIL, "bad_response", "empty audio");
		else {
			c->res->audio = hr.body;
			set(ar, ATT_OK, NULL, NULL);
		}
	}
	sodium_memzero(auth, strlen(auth));
}

enum status
provider_speech(struct arena *a, struct provider *p, const struct tts_req *req,
    struct tts_res *res)
{
	struct tts_call		 c = { req, res };
	struct attempt_res	 ar;
	enum status		 st;

	memset(res, 0, sizeof(*res));
	res->audio.p = "";
	if (req->model == NULL || req->voice == NULL || req->input == NULL ||
	    *req->input == '\0' || strlen(req->input) > TTS_INPUT_MAX * 4 ||
	    req->format == NULL)
		return ST_INVALID;
	st = provider_run(a, p, req->model, tts_try, &c, &ar, &res->attempts,
	    &res->latency_ms);
	if (st != ST_OK) {
		res->audio.p = "";
		res->audio.len = 0;
		res->error_code = ar.error_code;
		res->error_message = ar.error_message;
	}
	return st;
}
