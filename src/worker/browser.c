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
#include "lib/arena.h"
#include "lib/b64.h"
#include "lib/form.h"
#include "lib/log.h"
#include "worker.h"

static const char append_head[] = "{\"type\":\"input_audio_buffer.append\","
    "\"audio\":\"";
static const char append_tail[] = "\"}";

static void
serve_http(struct conn *c, const char *target)
{
	struct worker	*w = net_user(conn_net(c));
	char		*body;
	size_t		 len, pl = strcspn(target, "?");

	if (pl == 8 && strncmp(target, "/metrics", pl) == 0) {
		body = metrics_render(w, &len);
		conn_http_reply(c, 200, "text/plain; version=0.0.4", body, len);
		free(body);
	} else if (pl == 7 && strncmp(target, "/health", pl) == 0)
		conn_http_reply(c, w->draining ? 503 : 200, "text/plain",
		    w->draining ? "draining\n" : "ok\n", w->draining ? 9 : 3);
	else
		conn_http_reply(c, 404, "text/plain", "not found\n", 10);
}

/* "/rt/interviews/ID[?...]": the interview the browser asks for, else 0. */
static long long
path_interview(const char *target)
{
	char		*end;
	long long	 id;
	const char	*prefix = "/rt/interviews/";

	if (strncmp(target, prefix, strlen(prefix)) != 0)
		return 0;
	id = strtoll(target + strlen(prefix), &end, 10);
	return (*end == '\0' || *end == '?') && id > 0 ? id : 0;
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
/* The target's ?ticket= (lib/form.c's query parser), copied into out; "" if none or too long. */
static void
ticket_of(const char *target, char *out, size_t outsz)
{
	struct arena	*a = arena_new();
	struct params	 q;
	const char	*query = strchr(target, '?'), *v = NULL, *why;

	if (query != NULL && form_parse_query(a, query + 1, strlen(query + 1),
	    &form_limits_default, &q, &why) == ST_OK)
		v = params_val(&q, "ticket");
	snprintf(out, outsz, "%s", v != NULL && strlen(v) < outsz ? v : "");
	arena_free(a);
}

static void
establish(struct worker *w, struct session *s, const char *target)
{
	struct ticket_claim	 c;
	char			 ticket[TICKET_TEXT_LEN + 1];
	const char		*why;
	long long		 id = path_interview(target);

	s->state = SS_CONNECTING;
	if (w->draining) {	/* as the sessions it had were told */
		s->state = SS_REFUSED;
		session_event(s, "worker.draining", "restart", WORKER_DRAINING);
		session_close(s, 1012, "restarting");
		return;
	}
	ticket_of(target, ticket, sizeof(ticket));
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
	p = m->buf;
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
		session_close(s, CLOSE_NORMAL, "ended");
	else if (strcmp(type, "ping") == 0) {
		if (s->to_browser.bytes < QUEUE_HIGH)
			session_event(s, "pong", NULL, NULL);
	} else
		warn_once_a_second(s, &s->ctl_warned_at, "unknown_event",
		    "The worker ignores this event type.");
	json_object_put(o);
}

/* A whole message (too_large: dropped for its size): audio or a control event. */
static void
browser_message(struct conn *c, int binary, const unsigned char *data,
    size_t len, int too_large)
{
	struct session	*s = conn_user(c);

	if (s == NULL || s->state == SS_REFUSED || s->state == SS_CLOSING)
		return;
	s->w->m.frames[D_BROWSER_IN]++;
	s->w->m.bytes[D_BROWSER_IN] += len;
	if (too_large) {
		s->w->m.dropped_bad_frame++;
		warn_once_a_second(s, &s->warned_at, "bad_frame", "That"
		    " message was too large and was dropped.");
	} else if (binary)
		audio_in(s, data, len, clock_us());
	else
		control_in(s, (const char *)data, len);
}

/* Room toward the browser: its queue, then, once closing, the close frame. */
static void
browser_writable(struct conn *c)
{
	struct session	*s = conn_user(c);

	if (s == NULL)
		return;
	session_flush(s, c, &s->to_browser, D_BROWSER_OUT);
	if (s->to_browser.head == NULL && s->state == SS_CLOSING)
		conn_close(c, s->close_code, s->close_why);
}

static void
browser_open(struct conn *c, const char *target)
{
	struct worker	*w = net_user(conn_net(c));
	struct session	*s = session_new(w, c);

	conn_set_user(c, s);
	conn_set_max_msg(c, BROWSER_MSG_MAX);
	w->m.sessions_total++;
	establish(w, s, target);
}

static void
browser_closed(struct conn *c, const char *why)
{
	struct session	*s = conn_user(c);

	(void)why;
	if (s == NULL)
		return;
	s->browser = NULL;
	session_close(s, CLOSE_GOING_AWAY, "browser left");
	session_maybe_free(s);
}

const struct conn_ops browser_ops = {
	browser_open, browser_message, browser_writable, browser_closed,
	serve_http
};
