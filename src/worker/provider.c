/*
 * provider.c: the provider's side of a session, a client WebSocket to the realtime API (PROTOCOLS.md section 3): the
 * connection, its handshake and certificate, the session.update that sets
 * it up, what goes out, whole messages in (handled in event.c), and the
 * connection's end.
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/realtime.h"
#include "lib/log.h"
#include "worker.h"

static const struct conn_ops provider_ops;

/*
 * ai_base_url "http(s)://host[:port][/path]" (or ws(s)://) ->
 * host, port and "/path/realtime?model=M"; an address in brackets is IPv6.
 */
int
provider_parse_url(struct worker *w)
{
	const char	*url = w->cfg.ai_base_url, *host, *end, *path;
	char		*num;
	long		 port;

	if (strncmp(url, "https://", 8) == 0 || strncmp(url, "wss://", 6) == 0)
		w->p_tls = 1;
	else if (strncmp(url, "http://", 7) == 0 || strncmp(url, "ws://", 5) == 0)
		w->p_tls = 0;
	else
		return -1;
	host = strstr(url, "://") + 3;
	path = host + strcspn(host, "/?#");
	if (*host == '[') {
		if ((end = memchr(host, ']', (size_t)(path - host))) == NULL)
			return -1;
		host++;
	} else
		end = host + strcspn(host, ":/?#");
	if (end == host || (size_t)(end - host) >= sizeof(w->p_host))
		return -1;
	snprintf(w->p_host, sizeof(w->p_host), "%.*s", (int)(end - host), host);
	if (*end == ']')
		end++;
	port = w->p_tls ? 443 : 80;
	if (*end == ':') {
		port = strtol(end + 1, &num, 10);
		if (num != path || port < 1 || port > 65535)
			return -1;
	} else if (end != path)
		return -1;
	w->p_port = (int)port;
	path += strspn(path, "/");
	snprintf(w->p_path, sizeof(w->p_path), "/%.*s%srealtime?model=%s",
	    (int)strcspn(path, "?#"), path, *path != '\0' && *path != '?' &&
	    *path != '#' && path[strcspn(path, "?#") - 1] != '/' ? "/" : "",
	    w->cfg.ai_realtime_model);
	snprintf(w->p_auth, sizeof(w->p_auth), "Authorization: Bearer %s",
	    w->cfg.ai_api_key);
	return 0;
}

int
provider_connect(struct session *s)
{
	struct worker	*w = s->w;

	if (w->p_host[0] == '\0')
		return -1;
	s->provider = net_connect(w->net, w->p_host, w->p_port, w->p_tls,
	    w->p_path, w->p_auth, &provider_ops, s, PROVIDER_MSG_MAX);
	return s->provider != NULL ? 0 : -1;
}

void
provider_send_json(struct session *s, struct json_object *o)
{
	const char	*t = json_object_to_json_string_ext(o,
			    JSON_C_TO_STRING_PLAIN);
	size_t		 len = strlen(t);
	struct msg	*m = msg_new(len, 0);

	memcpy(m->buf, t, len);
	json_object_put(o);
	/* Control events go first: ahead of queued audio, not behind it. */
	if (s->provider != NULL) {
		m->t_in = clock_us();
		m->next = s->to_provider.head;
		s->to_provider.head = m;
		if (s->to_provider.tail == NULL)
			s->to_provider.tail = m;
		s->to_provider.bytes += len;
		s->to_provider.n++;
		conn_want_write(s->provider);
	} else
		free(m);
}

static struct json_object *
jstr(const char *s)
{
	return json_object_new_string(s);
}

/* {"type": type}: every event either way starts so.  The caller owns it. */
struct json_object *
provider_obj(const char *type)
{
	struct json_object	*o = json_object_new_object();

	json_object_object_add(o, "type", jstr(type));
	return o;
}

/* session.update (GA shape): instructions, server VAD, transcription, tools. */
static void
session_update(struct session *s)
{
	struct json_object	*o, *ss, *au, *in, *out, *fmt, *td, *tr;

	o = provider_obj("session.update");
	ss = json_object_new_object();
	json_object_object_add(ss, "type", jstr("realtime"));
	json_object_object_add(ss, "model", jstr(s->w->cfg.ai_realtime_model));
	json_object_object_add(ss, "instructions", jstr(s->instructions != NULL ?
	    s->instructions : "The interview is not running; say goodbye."));
	au = json_object_new_object();
	in = json_object_new_object();
	fmt = json_object_new_object();
	json_object_object_add(fmt, "type", jstr("audio/pcm"));
	json_object_object_add(fmt, "rate", json_object_new_int(24000));
	json_object_object_add(in, "format", json_object_get(fmt));
	tr = json_object_new_object();
	json_object_object_add(tr, "model", jstr("gpt-4o-mini-transcribe"));
	json_object_object_add(in, "transcription", tr);
	td = json_object_new_object();
	json_object_object_add(td, "type", jstr("server_vad"));
	json_object_object_add(td, "create_response",
	    json_object_new_boolean(1));
	json_object_object_add(td, "interrupt_response",
	    json_object_new_boolean(1));
	json_object_object_add(in, "turn_detection", td);
	out = json_object_new_object();
	json_object_object_add(out, "format", fmt);
	json_object_object_add(au, "input", in);
	json_object_object_add(au, "output", out);
	json_object_object_add(ss, "audio", au);
	json_object_object_add(ss, "tools",
	    json_tokener_parse(realtime_tools_json()));
	json_object_object_add(ss, "tool_choice", jstr("auto"));
	json_object_object_add(o, "session", ss);
	/* Each goes first, ahead of audio queued while connecting. */
	provider_send_json(s, provider_obj("response.create"));
	provider_send_json(s, o);
}

/* A whole event from the provider (too_large: dropped), handled in event.c. */
static void
provider_message(struct conn *c, int binary, const unsigned char *data,
    size_t len, int too_large)
{
	struct session	*s = conn_user(c);

	s->w->m.frames[D_PROVIDER_IN]++;
	s->w->m.bytes[D_PROVIDER_IN] += len;
	if (too_large || binary)
		s->w->m.provider_bad_json++;
	else
		event_in(s, (const char *)data, len);
}

static void
provider_writable(struct conn *c)
{
	struct session	*s = conn_user(c);

	session_flush(s, c, &s->to_provider, D_PROVIDER_OUT);
}

/* The handshake is done: the session is live, and set up first. */
static void
provider_open(struct conn *c, const char *target)
{
	struct session	*s = conn_user(c);

	(void)target;
	s->state = SS_LIVE;
	/* A browser paused while we connected: its stall counts from now. */
	if (s->stalled_since != 0)
		s->stalled_since = clock_us();
	session_update(s);
	conn_want_write(c);
}

/*
 * A provider that never completed the handshake (unreachable, a key or a
 * certificate refused) is unavailable, not a drop: the candidate was never
 * talking to it, and reconnecting at once will not help.
 */
static void
lost(struct session *s, const char *cert_refused, const char *why)
{
	int	never = s->state == SS_CONNECTING;

	s->provider = NULL;
	if (s->state != SS_CLOSING && s->browser != NULL) {
		if (cert_refused != NULL)
			log_warn("interview %lld: provider: certificate refused:"
			    " %s (%s)", s->iv, cert_refused, why);
		else
			log_warn("interview %lld: provider: %s", s->iv, why);
		if (never) {
			s->w->m.provider_unreachable++;
			session_event(s, "error", "provider_unavailable",
			    PROVIDER_UNAVAILABLE);
			session_close(s, 4401, "provider_unavailable");
		} else {
			s->w->m.provider_drops++;
			session_event(s, "error", "provider_closed", "The AI"
			    " voice service disconnected. Reconnect to continue"
			    " where you left off.");
			session_close(s, 1011, "provider closed");
		}
	}
	session_maybe_free(s);
}

static void
provider_closed(struct conn *c, const char *why)
{
	lost(conn_user(c), conn_cert_error(c), why);
}

static const struct conn_ops provider_ops = {
	provider_open, provider_message, provider_writable, provider_closed,
	NULL
};
