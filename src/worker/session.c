/*
 * session.c: one candidate's session: created when the browser connects,
 * freed when both of its sockets are gone.  The queues toward each side
 * are bounded; when one fills, the other side is no longer read
 * (conn_pause) until it drains, so a slow reader slows the
 * sender instead of growing memory.
 */
#include <assert.h>
#include <json-c/json.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lib/log.h"
#include "worker.h"

struct session *
session_new(struct worker *w, struct conn *browser)
{
	struct session	*s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		abort();
	s->w = w;
	s->browser = browser;
	s->played_ms = -1;
	s->credit = 2.0 * AUDIO_BYTES_PER_S;
	s->credit_at = clock_us();
	/*
	 * Sessions opened together (a worker restart's reconnects) would ask
	 * together every CHECK_SECS: a random first delay spreads the asking.
	 */
	s->checked_at = s->credit_at -
	    (int64_t)randombytes_uniform(CHECK_SECS * 1000000U);
	if ((s->next = w->sessions) != NULL)
		s->next->prev = s;
	w->sessions = s;
	w->nsessions++;
	return s;
}

static struct session **
iv_bucket(struct worker *w, long long iv)
{
	return &w->by_iv[(unsigned long long)iv % IV_BUCKETS];
}

/*
 * s's ticket for interview iv was good: s becomes the interview's session,
 * and any other that is connecting or live ends, with a word for its page.
 * Two would be two AI voices talking to one candidate, each evaluating the
 * same answers and each charged.  The newest wins, and at once rather than
 * when it is live: the candidate acts in the newest window, so the old one
 * falls silent now instead of talking over the new one for the seconds the
 * provider takes to answer, and the old one's transcripts are queued before
 * the new one's load (one interview's jobs run in order), which therefore
 * sees them.  A session already closing (a dropped one whose page is
 * reconnecting) is left to finish.
 */
void
session_claim(struct session *s, long long iv)
{
	struct session	**b = iv_bucket(s->w, iv), *o;

	assert(s->iv == 0 && iv != 0);
	for (o = *b; o != NULL; o = o->iv_next) {
		if (o->iv != iv || (o->state != SS_CONNECTING &&
		    o->state != SS_LIVE))
			continue;
		s->w->m.replaced++;
		log_info("interview %lld: opened again; closing its older"
		    " voice session", iv);
		session_event(o, "error", "opened_elsewhere", "This interview"
		    " was opened in another window or device; this one has"
		    " stopped.");
		session_close(o, 4409, "opened_elsewhere");
	}
	s->iv = iv;
	if ((s->iv_next = *b) != NULL)
		s->iv_next->iv_prev = s;
	*b = s;
}

/* Frees the session once neither socket refers to it any more. */
void
session_maybe_free(struct session *s)
{
	struct worker	*w = s->w;

	if (s->browser != NULL || s->provider != NULL || s->jobs > 0)
		return;
	if (s->prev != NULL)
		s->prev->next = s->next;
	else
		w->sessions = s->next;
	if (s->next != NULL)
		s->next->prev = s->prev;
	if (s->iv != 0) {
		if (s->iv_prev != NULL)
			s->iv_prev->iv_next = s->iv_next;
		else
			*iv_bucket(w, s->iv) = s->iv_next;
		if (s->iv_next != NULL)
			s->iv_next->iv_prev = s->iv_prev;
	}
	w->nsessions--;
	queue_clear(&s->to_browser);
	queue_clear(&s->to_provider);
	free(s->answer);
	free(s->instructions);
	json_object_put(s->held);
	free(s);
}

static struct msg *
text_msg(const char *text)
{
	size_t		 len = strlen(text);
	struct msg	*m = msg_new(len, 0);

	memcpy(m->buf, text, len);
	return m;
}

/* {"type": type, "code": code, "message": message} toward the browser. */
void
session_event(struct session *s, const char *type, const char *code,
    const char *message)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string(type));
	if (code != NULL)
		json_object_object_add(o, "code", json_object_new_string(code));
	if (message != NULL)
		json_object_object_add(o, "message",
		    json_object_new_string(message));
	session_send_browser(s, text_msg(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN)));
	json_object_put(o);
}

void
session_send_browser(struct session *s, struct msg *m)
{
	if (s->browser == NULL) {
		free(m);
		return;
	}
	if (m->t_in == 0)
		m->t_in = clock_us();
	queue_push(&s->to_browser, m);
	conn_want_write(s->browser);
	session_flow(s);
}

void
session_send_provider(struct session *s, struct msg *m)
{
	if (s->provider == NULL && s->state != SS_CONNECTING) {
		free(m);
		return;
	}
	if (m->t_in == 0)
		m->t_in = clock_us();
	queue_push(&s->to_provider, m);
	if (s->provider != NULL && s->state == SS_LIVE)
		conn_want_write(s->provider);
	session_flow(s);
}

/*
 * Hands q's messages to c while its output has room (the loop writes them
 * together at the end of the turn); what is left waits for the socket to
 * take more.  Then metrics, and reading resumes once drained.
 */
void
session_flush(struct session *s, struct conn *c, struct queue *q, enum dir d)
{
	struct msg	*m;

	while (q->head != NULL && !conn_choked(c)) {
		m = queue_pop(q);
		if (conn_write(c, m->buf, m->len, m->binary) == 0) {
			s->w->m.frames[d]++;
			s->w->m.bytes[d] += m->len;
			metrics_latency(&s->w->m, clock_us() - m->t_in);
		}
		free(m);
	}
	if (q->head != NULL)
		conn_want_write(c);
	session_flow(s);
}

/* Backpressure: a full queue stops reading the side that fills it. */
void
session_flow(struct session *s)
{
	int	bfull = s->to_provider.bytes > QUEUE_HIGH;
	int	pfull = s->to_browser.bytes > QUEUE_HIGH;

	if (s->browser != NULL && bfull != s->browser_paused &&
	    (bfull || s->to_provider.bytes < QUEUE_LOW)) {
		s->browser_paused = bfull;
		conn_pause(s->browser, bfull);
	}
	if (s->provider != NULL && pfull != s->provider_paused &&
	    (pfull || s->to_browser.bytes < QUEUE_LOW)) {
		s->provider_paused = pfull;
		conn_pause(s->provider, pfull);
	}
	if (!s->browser_paused && !s->provider_paused)
		s->stalled_since = 0;
	else if (s->stalled_since == 0)
		s->stalled_since = clock_us();
}

/*
 * Ends the session: the provider is dropped, the browser gets what is
 * queued (the event saying why), then a close frame with code.
 */
void
session_close(struct session *s, int code, const char *why)
{
	if (s->state == SS_CLOSING)
		return;
	s->state = SS_CLOSING;
	s->close_code = code;
	s->close_why = why;
	queue_clear(&s->to_provider);
	if (s->provider != NULL)
		conn_kill(s->provider, "session closed");
	if (s->browser != NULL) {
		conn_want_write(s->browser);
		conn_end_within(s->browser, NET_FLUSH_US);
	}
}

/* The candidate's words since the last evaluation: the answer it judges. */
void
session_answer_add(struct session *s, const char *text)
{
	size_t	len = strlen(text);
	char	*p;

	if (len == 0 || s->answer_len + len + 2 > 100000)
		return;
	if ((p = realloc(s->answer, s->answer_len + len + 2)) == NULL)
		abort();
	s->answer = p;
	if (s->answer_len > 0)
		s->answer[s->answer_len++] = ' ';
	memcpy(s->answer + s->answer_len, text, len);
	s->answer_len += len;
	s->answer[s->answer_len] = '\0';
}

/*
 * The database could not take what the session must keep (a transcript,
 * usage, an evaluation): nothing may live only in the worker, so the
 * session ends and the browser is told to come back in a moment.
 */
void
session_db_lost(struct session *s)
{
	log_warn("interview %lld: database unavailable; closing the session",
	    s->iv);
	session_event(s, "error", "database_unavailable", "The interview"
	    " cannot be saved right now; reconnect in a moment to continue"
	    " where you left off.");
	session_close(s, 1011, "database unavailable");
}

/* The interview's state came back: a paused or finished one ends the session. */
static void
checked(struct session *s, struct job *j)
{
	s->checking = 0;
	s->checked_at = clock_us();
	if (j->st == ST_OK)
		return;
	if (j->st == ST_NOTFOUND) {	/* deleted meanwhile: nothing to run */
		log_info("interview %lld: gone; closing its voice session",
		    s->iv);
		session_event(s, "error", "interview_unavailable", "This"
		    " interview no longer exists.");
		session_close(s, 4401, "interview_unavailable");
		return;
	}
	if (j->st != ST_CONFLICT) {	/* asked again next time */
		log_warn("interview %lld: could not check that it still runs:"
		    " %s", s->iv, status_str(j->st));
		return;
	}
	/*
	 * Ended by the AI, which says goodbye after: the page leaves once that
	 * has played, and the session with it.  Closed now, the goodbye would
	 * be cut off.
	 */
	if (j->complete && s->complete_at != 0 &&
	    clock_us() - s->complete_at < GOODBYE_US)
		return;
	log_info("interview %lld: %s; closing its voice session", s->iv,
	    j->complete ? "over" : "paused");
	if (j->complete) {
		/* The page shows the end, as when the AI ends it. */
		if (s->complete_at == 0)
			session_event(s, "interview.complete", NULL, NULL);
		session_close(s, CLOSE_NORMAL, "interview over");
		return;
	}
	session_event(s, "error", "interview_unavailable", "The interviewer"
	    " has paused the interview.");
	session_close(s, 4401, "interview_unavailable");
}

/*
 * Every CHECK_SECS a live session asks whether its interview still runs:
 * the interviewer may pause or end it meanwhile, and its time or tokens
 * may run out, and nothing else would stop the AI talking.
 */
void
session_check(struct session *s, int64_t now)
{
	if (s->state != SS_LIVE || s->checking ||
	    now - s->checked_at < CHECK_SECS * 1000000LL)
		return;
	s->checking = 1;
	dbq_submit(s->w, job_new(J_CHECK, s, checked));
}
