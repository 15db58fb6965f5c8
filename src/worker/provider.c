/*
 * provider.c: the provider's side of a session (protocol "viva-provider"),
 * a client WebSocket to the realtime API (PROTOCOLS.md section 3): the
 * connection, its handshake and certificate, the session.update that sets
 * it up, what goes out, whole messages in (handled in event.c), and the
 * connection's end.
 */
#include <json-c/json.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/realtime.h"
#include "lib/log.h"
#include "worker.h"

/* ai_base_url "http(s)://host[:port]/v1" -> ws(s)://host:port/v1/realtime?model=M. */
int
provider_parse_url(struct worker *w)
{
	char		 url[512];
	const char	*prot, *host, *path;
	int		 port;

	snprintf(url, sizeof(url), "%s", w->cfg.ai_base_url);
	if (*url == '\0' || lws_parse_uri(url, &prot, &host, &port, &path))
		return -1;
	w->p_tls = strcmp(prot, "https") == 0 || strcmp(prot, "wss") == 0;
	snprintf(w->p_host, sizeof(w->p_host), "%s", host);
	w->p_port = port;
	/* lws_parse_uri drops the path's leading slash. */
	snprintf(w->p_path, sizeof(w->p_path), "/%s%srealtime?model=%s", path,
	    *path != '\0' && path[strlen(path) - 1] != '/' ? "/" : "",
	    w->cfg.ai_realtime_model);
	snprintf(w->p_auth, sizeof(w->p_auth), "Bearer %s", w->cfg.ai_api_key);
	return 0;
}

int
provider_connect(struct session *s)
{
	struct lws_client_connect_info	 ci;
	struct worker			*w = s->w;

	if (w->p_host[0] == '\0')
		return -1;
	memset(&ci, 0, sizeof(ci));
	ci.context = w->ctx;
	ci.address = w->p_host;
	ci.port = w->p_port;
	ci.path = w->p_path;
	ci.host = w->p_host;
	ci.origin = w->p_host;
	ci.ssl_connection = w->p_tls ? LCCSCF_USE_SSL : 0;
	ci.local_protocol_name = "viva-provider";
	ci.userdata = s;
	ci.pwsi = &s->provider;
	ci.retry_and_idle_policy = &w->ping;
	if (lws_client_connect_via_info(&ci) == NULL) {
		s->provider = NULL;
		return -1;
	}
	return 0;
}

void
provider_send_json(struct session *s, struct json_object *o)
{
	const char	*t = json_object_to_json_string_ext(o,
			    JSON_C_TO_STRING_PLAIN);
	size_t		 len = strlen(t);
	struct msg	*m = msg_new(len, 0);

	memcpy(m->buf + LWS_PRE, t, len);
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
		lws_callback_on_writable(s->provider);
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

static void
receive(struct session *s, struct lws *wsi, const void *in, size_t len)
{
	unsigned char	*p;

	if (s->rx_p_len + len > PROVIDER_MSG_MAX)
		s->rx_p_len = PROVIDER_MSG_MAX + 1;
	else {
		if ((p = realloc(s->rx_p, s->rx_p_len + len + 1)) == NULL)
			abort();
		s->rx_p = p;
		memcpy(s->rx_p + s->rx_p_len, in, len);
		s->rx_p_len += len;
	}
	if (!lws_is_final_fragment(wsi) || lws_remaining_packet_payload(wsi))
		return;
	s->w->m.frames[D_PROVIDER_IN]++;
	s->w->m.bytes[D_PROVIDER_IN] += s->rx_p_len;
	if (s->rx_p_len > PROVIDER_MSG_MAX || lws_frame_is_binary(wsi))
		s->w->m.provider_bad_json++;
	else
		event_in(s, (const char *)s->rx_p, s->rx_p_len);
	s->rx_p_len = 0;
}

static int
writeable(struct session *s, struct lws *wsi)
{
	return session_flush(s, wsi, &s->to_provider, D_PROVIDER_OUT);
}

/*
 * OpenSSL checked the provider's certificate (x509_ctx; preverify_ok is
 * its verdict).  The failed handshake is reported later only as "SSL err
 * 1", so keep OpenSSL's reason for lost()'s line.  libwebsockets 4.1 calls
 * the first protocol with this, later versions the connection's own.
 */
void
provider_cert_checked(struct lws *wsi, void *x509_ctx, size_t preverify_ok)
{
	struct session	*s = lws_wsi_user(wsi);
	int		 err = X509_STORE_CTX_get_error(x509_ctx);

	if (s != NULL && !preverify_ok && err != X509_V_OK)
		s->cert_refused = X509_verify_cert_error_string(err);
}

/*
 * A provider that never completed the handshake (unreachable, a key or a
 * certificate refused) is unavailable, not a drop: the candidate was never
 * talking to it, and reconnecting at once will not help.
 */
static void
lost(struct session *s, const char *why)
{
	int	never = s->state == SS_CONNECTING;

	s->provider = NULL;
	if (s->state != SS_CLOSING && s->browser != NULL) {
		if (s->cert_refused != NULL)
			log_warn("interview %lld: provider: certificate refused:"
			    " %s (%s)", s->iv, s->cert_refused, why);
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

int
provider_callback(struct lws *wsi, enum lws_callback_reasons reason,
    void *user, void *in, size_t len)
{
	struct session	*s = user;
	unsigned char	**p = in, *end;

	switch (reason) {
	case LWS_CALLBACK_CLIENT_APPEND_HANDSHAKE_HEADER:
		end = *p + len;
		if (lws_add_http_header_by_name(wsi, (const unsigned char *)
		    "authorization:", (const unsigned char *)s->w->p_auth,
		    (int)strlen(s->w->p_auth), p, end))
			return -1;
		break;
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		session_nodelay(wsi);
		s->state = SS_LIVE;
		/* A browser paused while we connected: its stall counts from now. */
		if (s->stalled_since != 0)
			s->stalled_since = clock_us();
		session_update(s);
		lws_callback_on_writable(wsi);
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		receive(s, wsi, in, len);
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		return writeable(s, wsi);
	case LWS_CALLBACK_OPENSSL_PERFORM_SERVER_CERT_VERIFICATION:
		provider_cert_checked(wsi, user, len);
		break;
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		if (s != NULL)
			lost(s, in != NULL ? (const char *)in : "connect failed");
		break;
	case LWS_CALLBACK_CLIENT_CLOSED:
		if (s != NULL)
			lost(s, "closed");
		break;
	default:
		break;
	}
	return 0;
}
