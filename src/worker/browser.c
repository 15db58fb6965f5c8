/*
 * browser.c: the browser's side of a session (protocol "viva-rt"), and the
 * worker's small HTTP face (/metrics, /health).  Binary frames are PCM16
 * mono 24 kHz audio; text frames are JSON control events (docs/API.md).
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/realtime.h"
#include "lib/b64.h"
#include "lib/form.h"
#include "lib/log.h"
#include "worker.h"

static const char append_head[] = "{\"type\":\"input_audio_buffer.append\","
    "\"audio\":\"";
static const char append_tail[] = "\"}";

static int
http_reply(struct lws *wsi, int status, const char *ctype, const char *body,
    size_t len)
{
	unsigned char	 hdr[LWS_PRE + 512], *p = hdr + LWS_PRE;
	unsigned char	*end = hdr + sizeof(hdr) - 1;

	if (lws_add_http_common_headers(wsi, (unsigned int)status, ctype,
	    len, &p, end) || lws_finalize_write_http_header(wsi,
	    hdr + LWS_PRE, &p, end))
		return -1;
	/* lws keeps what the socket does not take at once and sends it later. */
	if (len > 0 && lws_write(wsi, (unsigned char *)body, len,
	    LWS_WRITE_HTTP_FINAL) != (int)len)
		return -1;
	return lws_http_transaction_completed(wsi) ? -1 : 0;
}

static int
serve_http(struct worker *w, struct lws *wsi, const char *path)
{
	char	*body;
	size_t	 len;
	int	 rc;

	if (strcmp(path, "/metrics") == 0) {
		body = metrics_render(w, &len);
		rc = http_reply(wsi, 200, "text/plain; version=0.0.4", body,
		    len);
		free(body);
		return rc;
	}
	if (strcmp(path, "/health") == 0)
		return http_reply(wsi, w->draining ? 503 : 200, "text/plain",
		    w->draining ? "draining\n" : "ok\n", w->draining ? 9 : 3);
	return http_reply(wsi, 404, "text/plain", "not found\n", 10);
}

/* "/rt/interviews/ID": the interview the browser asks for, else 0. */
static long long
path_interview(struct lws *wsi)
{
	char		 uri[256], *end;
	long long	 id;
	const char	*prefix = "/rt/interviews/";

	if (lws_hdr_copy(wsi, uri, sizeof(uri), WSI_TOKEN_GET_URI) <= 0 ||
	    strncmp(uri, prefix, strlen(prefix)) != 0)
		return 0;
	id = strtoll(uri + strlen(prefix), &end, 10);
	return *end == '\0' && id > 0 ? id : 0;
}

static void
refuse(struct session *s, const char *code, const char *why)
{
	s->state = SS_REFUSED;
	session_event(s, "error", code, why);
	session_close(s, 4401, code);
}

/* The interview came back from the database: the provider is next. */
static void
loaded(struct session *s, struct job *j)
{
	if (j->st == ST_UNAVAILABLE) {
		session_db_lost(s);
		return;
	}
	if (j->st != ST_OK) {
		s->w->m.refused_interview++;
		refuse(s, "interview_unavailable", j->why != NULL &&
		    *j->why != '\0' ? j->why : "The interview could not be"
		    " loaded; try again.");
		return;
	}
	s->instructions = j->result;	/* kept for session.update */
	j->result = NULL;
	/* A reconnect goes on with the answer the last session had begun. */
	if (j->answer != NULL)
		session_answer_add(s, j->answer);
	if (provider_connect(s) != 0) {
		s->w->m.provider_unreachable++;
		refuse(s, "provider_unavailable", PROVIDER_UNAVAILABLE);
	} else
		session_event(s, "status", "connecting", NULL);
}

/*
 * A ticket opens one connection: one seen before (and not yet expired) is
 * refused, so a ticket copied from a log or a proxy on the way opens
 * nothing.  Returns 0 for one seen before, else remembers it.
 */
static int
first_use(struct worker *w, const char *ticket, long long expires)
{
	struct used_ticket	*u;
	size_t			 i;

	for (i = 0; i < w->nused; i++)
		if (strcmp(w->used[i].text, ticket) == 0)
			return 0;
	if (w->nused == w->capused) {
		w->capused = w->capused > 0 ? 2 * w->capused : 64;
		if ((u = realloc(w->used, w->capused * sizeof(*u))) == NULL)
			abort();
		w->used = u;
	}
	u = &w->used[w->nused++];
	snprintf(u->text, sizeof(u->text), "%s", ticket);
	u->expires = expires;
	return 1;
}

/* Expired tickets need no remembering: the signature check refuses them. */
void
browser_forget_tickets(struct worker *w, long long now)
{
	size_t	i, n = 0;

	for (i = 0; i < w->nused; i++)
		if (w->used[i].expires > now)
			w->used[n++] = w->used[i];
	w->nused = n;
}

/* Why ticket opens no session for interview id, in words; NULL if it does. */
static const char *
ticket_refusal(struct worker *w, const char *ticket, long long id,
    struct ticket_claim *c)
{
	if (ticket_verify(w->key, ticket, (long long)time(NULL), c) != ST_OK)
		return c->why;
	if (id == 0 || c->interview != id)
		return "ticket for another interview";
	if (!first_use(w, ticket, c->expires))
		return "ticket already used";
	return NULL;
}

/* Ticket, then the interview (off the loop: see loaded), then the provider. */
static void
establish(struct worker *w, struct session *s, struct lws *wsi)
{
	struct ticket_claim	 c;
	char			 buf[256];	/* lws copies "ticket=..." here */
	const char		*ticket, *why;
	long long		 id = path_interview(wsi);

	s->state = SS_CONNECTING;
	if (w->draining) {	/* as the sessions it had were told */
		s->state = SS_REFUSED;
		session_event(s, "worker.draining", "restart", WORKER_DRAINING);
		session_close(s, 1012, "restarting");
		return;
	}
	/* The value comes back as a pointer past "ticket=" inside buf. */
	if ((ticket = lws_get_urlarg_by_name(wsi, "ticket=", buf,
	    sizeof(buf))) == NULL)
		ticket = "";
	if ((why = ticket_refusal(w, ticket, id, &c)) != NULL) {
		w->m.refused_ticket++;
		log_info("refused a connection: %s", why);
		refuse(s, strcmp(why, "ticket expired") == 0 ?
		    "ticket_expired" : "ticket_invalid", "This voice link is"
		    " not valid any more; the page will ask for a new one.");
		return;
	}
	session_claim(s, id);
	dbq_submit(w, job_new(J_LOAD, s, loaded));
}

/* Audio is refused beyond 1.25x real time with a 2 s burst. */
static int
within_rate(struct session *s, size_t len)
{
	int64_t	now = clock_us();

	s->credit += (double)(now - s->credit_at) / 1e6 * AUDIO_BYTES_PER_S *
	    1.25;
	s->credit_at = now;
	if (s->credit > 2.0 * AUDIO_BYTES_PER_S)
		s->credit = 2.0 * AUDIO_BYTES_PER_S;
	if (s->credit < (double)len)
		return 0;
	s->credit -= (double)len;
	return 1;
}

/* Audio and control warnings each have their own clock (at). */
static void
warn_once_a_second(struct session *s, int64_t *at, const char *code,
    const char *message)
{
	int64_t	now = clock_us();

	if (now - *at < 1000000)
		return;
	*at = now;
	session_event(s, "warning", code, message);
}

static void
audio_in(struct session *s, const unsigned char *pcm, size_t len, int64_t t)
{
	size_t		 b64 = B64_ENCODED_LEN(len);
	size_t		 hl = sizeof(append_head) - 1, tl = sizeof(append_tail) - 1;
	struct msg	*m;
	unsigned char	*p;

	if (len == 0 || len % 2 != 0 || len > FRAME_MAX) {
		s->w->m.dropped_bad_frame++;
		warn_once_a_second(s, &s->warned_at, "bad_frame", "Audio"
		    " frames are PCM16: an even number of bytes, at most"
		    " 48000.");
		return;
	}
	if (!within_rate(s, len)) {
		s->w->m.dropped_too_fast++;
		warn_once_a_second(s, &s->warned_at, "too_fast", "Audio"
		    " arrives faster than real time; the excess was dropped.");
		return;
	}
	/* Base64 needs no JSON escaping: the event is put together directly. */
	m = msg_new(hl + b64 + tl, 0);
	p = m->buf + LWS_PRE;
	memcpy(p, append_head, hl);
	b64_encode((char *)p + hl, pcm, len);
	memcpy(p + hl + b64, append_tail, tl);
	m->t_in = t;
	session_send_provider(s, m);
}

static void
control_in(struct session *s, const char *text, size_t len)
{
	struct json_object	*o, *v;
	const char		*type = "";

	o = len > 0 && utf8_valid(text, len) ? json_tokener_parse(text) : NULL;
	if (o != NULL && json_object_object_get_ex(o, "type", &v))
		type = json_object_get_string(v);
	/*
	 * Each answer waits in the browser's queue, which its reading, not
	 * ours, empties: a browser flooding messages and reading none would
	 * grow it without end.  So warnings come once a second, and pongs only
	 * while the queue has room.
	 */
	if (o == NULL)
		warn_once_a_second(s, &s->ctl_warned_at, "bad_json",
		    "Control messages are JSON objects with a type, in UTF-8.");
	else if (strcmp(type, "playback.position") == 0) {
		if (json_object_object_get_ex(o, "played_ms", &v))
			s->played_ms = json_object_get_int64(v);
	} else if (strcmp(type, "session.end") == 0)
		session_close(s, LWS_CLOSE_STATUS_NORMAL, "ended");
	else if (strcmp(type, "ping") == 0) {
		if (s->to_browser.bytes < QUEUE_HIGH)
			session_event(s, "pong", NULL, NULL);
	} else
		warn_once_a_second(s, &s->ctl_warned_at, "unknown_event",
		    "The worker ignores this event type.");
	json_object_put(o);
}

/* Collects fragments; returns 1 with the whole message in s->rx_b. */
static int
assemble(struct session *s, struct lws *wsi, const void *in, size_t len)
{
	unsigned char	*p;

	if (s->rx_b_len + len > BROWSER_MSG_MAX) {
		s->rx_b_len = BROWSER_MSG_MAX + 1;	/* skip to its end */
	} else {
		if ((p = realloc(s->rx_b, s->rx_b_len + len + 1)) == NULL)
			abort();
		s->rx_b = p;
		memcpy(s->rx_b + s->rx_b_len, in, len);
		s->rx_b_len += len;
		s->rx_b[s->rx_b_len] = '\0';
	}
	return lws_is_final_fragment(wsi) &&
	    lws_remaining_packet_payload(wsi) == 0;
}

static void
receive(struct session *s, struct lws *wsi, const void *in, size_t len)
{
	int	binary = lws_frame_is_binary(wsi);

	if (s->state == SS_REFUSED || s->state == SS_CLOSING)
		return;
	if (!assemble(s, wsi, in, len))
		return;
	s->w->m.frames[D_BROWSER_IN]++;
	s->w->m.bytes[D_BROWSER_IN] += s->rx_b_len;
	if (s->rx_b_len > BROWSER_MSG_MAX) {
		s->w->m.dropped_bad_frame++;
		warn_once_a_second(s, &s->warned_at, "bad_frame", "That"
		    " message was too large and was dropped.");
	} else if (binary)
		audio_in(s, s->rx_b, s->rx_b_len, clock_us());
	else
		control_in(s, (const char *)s->rx_b, s->rx_b_len);
	s->rx_b_len = 0;
}

static int
writeable(struct session *s, struct lws *wsi)
{
	if (session_flush(s, wsi, &s->to_browser, D_BROWSER_OUT) != 0)
		return -1;
	if (s->to_browser.head != NULL)
		return 0;
	if (s->state == SS_CLOSING) {
		lws_close_reason(wsi, (enum lws_close_status)s->close_code,
		    (unsigned char *)s->close_why, strlen(s->close_why));
		return -1;
	}
	return 0;
}

int
browser_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct worker	 *w = lws_context_user(lws_get_context(wsi));
	struct session	**ps = user, *s;

	/*
	 * lws also calls the first protocol for other connections' life
	 * events (the provider's client sockets among them), with their user
	 * data: look at user only for this protocol's own WebSocket events.
	 */
	switch (reason) {
	case LWS_CALLBACK_HTTP:
		return serve_http(w, wsi, in != NULL ? in : "");
	case LWS_CALLBACK_OPENSSL_PERFORM_SERVER_CERT_VERIFICATION:
		provider_cert_checked(wsi, user, len);	/* user: x509_ctx */
		return 0;
	case LWS_CALLBACK_ESTABLISHED:
		session_nodelay(wsi);
		*ps = s = session_new(w, wsi);
		w->m.sessions_total++;
		establish(w, s, wsi);
		break;
	case LWS_CALLBACK_RECEIVE:
		if ((s = *ps) != NULL)
			receive(s, wsi, in, len);
		break;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		if ((s = *ps) != NULL)
			return writeable(s, wsi);
		break;
	case LWS_CALLBACK_CLOSED:
		if ((s = *ps) == NULL)
			break;
		*ps = NULL;
		s->browser = NULL;
		session_close(s, LWS_CLOSE_STATUS_GOINGAWAY, "browser left");
		session_maybe_free(s);
		break;
	default:
		break;
	}
	return lws_callback_http_dummy(wsi, reason, user, in, len);
}
