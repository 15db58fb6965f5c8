/*
 * relay_load.c: the relay benchmark's load generator and echo provider in
 * one libwebsockets loop.  N browsers each send a 20 ms PCM16 frame (960
 * bytes, the send time in its first 8) every 20 ms and time its echo:
 *   --mode worker: binary frames through nginx /rt/ and viva-worker, which
 *                  relays them as input_audio_buffer.append to this echo
 *                  provider (TCP --echo-port) and the deltas back;
 *   --mode direct: the same audio as the provider's JSON events through
 *                  nginx /_bench/rt/ straight to this echo provider (unix
 *                  socket --echo-sock).
 *   --mode echo:   only the echo provider, until killed (a process of its
 *                  own, so the load and the echo do not share one core).
 * Prints: p50_us p99_us samples worker_cpu_pct worker_rss_kib (at the end,
 * all sessions open).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libwebsockets.h>
#include <sodium.h>

#include "lib/arena.h"
#include "lib/b64.h"
#include "lib/clock.h"
#include "lib/ticket.h"

#define FRAME		960
#define PERIOD_US	20000
#define WARMUP_US	2000000LL

struct out {
	struct out	*next;
	size_t		 len;
	unsigned char	 buf[];	/* LWS_PRE + len */
};

struct echo {
	struct out	*head, *tail;
};

struct client {
	struct lws		*wsi;
	lws_sorted_usec_list_t	 sul;
	int			 ready, due;
};

static struct {
	struct lws_context	*ctx;
	int			 worker, echo, n, nginx_port, seconds, wpid;
	long long		 iv;
	unsigned char		 key[TICKET_KEY_LEN];
	struct client		*c;
	int64_t			 start_us, end_us;
	int64_t			*rtt;
	size_t			 nrtt, caprtt;
	int			 nready;
} G;

static void
push(struct echo *e, struct lws *wsi, const void *p, size_t len)
{
	struct out	*o = malloc(sizeof(*o) + LWS_PRE + len);

	if (o == NULL)
		abort();
	o->next = NULL;
	o->len = len;
	memcpy(o->buf + LWS_PRE, p, len);
	if (e->tail != NULL)
		e->tail->next = o;
	else
		e->head = o;
	e->tail = o;
	lws_callback_on_writable(wsi);
}

/* The echo provider: every append comes back at once as an audio delta. */
static int
echo_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	static const char	 key[] = "\"audio\":\"";
	static const char	 head[] = "{\"type\":\"response.output_audio.delta\","
				    "\"item_id\":\"item_echo\",\"delta\":\"";
	struct echo		*e = user;
	struct out		*o;
	char			*a, *q, buf[4096];
	size_t			 n;

	switch (reason) {
	case LWS_CALLBACK_RECEIVE:
		if ((a = memmem(in, len, key, sizeof(key) - 1)) != NULL) {
			a += sizeof(key) - 1;
			q = memchr(a, '"', len - (size_t)(a - (char *)in));
			n = q != NULL ? (size_t)(q - a) : 0;
			if (n + sizeof(head) + 2 > sizeof(buf))
				break;
			memcpy(buf, head, sizeof(head) - 1);
			memcpy(buf + sizeof(head) - 1, a, n);
			memcpy(buf + sizeof(head) - 1 + n, "\"}", 2);
			push(e, wsi, buf, sizeof(head) - 1 + n + 2);
		} else if (memmem(in, len, "session.update", 14) != NULL)
			push(e, wsi, "{\"type\":\"session.updated\"}", 26);
		break;
	case LWS_CALLBACK_SERVER_WRITEABLE:
		if ((o = e->head) == NULL)
			break;
		if ((e->head = o->next) == NULL)
			e->tail = NULL;
		n = (size_t)lws_write(wsi, o->buf + LWS_PRE, o->len,
		    LWS_WRITE_TEXT);
		free(o);
		if (e->head != NULL)
			lws_callback_on_writable(wsi);
		break;
	case LWS_CALLBACK_CLOSED:
		while ((o = e->head) != NULL) {
			e->head = o->next;
			free(o);
		}
		break;
	default:
		break;
	}
	return 0;
}

static void
tick(lws_sorted_usec_list_t *sul)
{
	struct client	*c = lws_container_of(sul, struct client, sul);

	c->due++;
	if (c->wsi != NULL)
		lws_callback_on_writable(c->wsi);
	lws_sul_schedule(G.ctx, 0, &c->sul, tick, PERIOD_US);
}

static void
sample(int64_t sent)
{
	int64_t	now = clock_us();

	if (sent < G.start_us || now > G.end_us)
		return;
	if (G.nrtt == G.caprtt) {
		G.caprtt = G.caprtt ? G.caprtt * 2 : 65536;
		if ((G.rtt = realloc(G.rtt, G.caprtt * sizeof(*G.rtt))) == NULL)
			abort();
	}
	G.rtt[G.nrtt++] = now - sent;
}

static int
send_frame(struct client *c)
{
	unsigned char	 buf[LWS_PRE + 2048], *p = buf + LWS_PRE;
	unsigned char	 pcm[FRAME];
	int64_t		 t = clock_us();
	size_t		 n;

	memset(pcm, 0, sizeof(pcm));
	memcpy(pcm, &t, sizeof(t));
	c->due--;
	if (G.worker) {
		memcpy(p, pcm, FRAME);
		return lws_write(c->wsi, p, FRAME, LWS_WRITE_BINARY) < 0;
	}
	n = (size_t)snprintf((char *)p, 64,
	    "{\"type\":\"input_audio_buffer.append\",\"audio\":\"");
	n += b64_encode((char *)p + n, pcm, FRAME);
	memcpy(p + n, "\"}", 2);
	return lws_write(c->wsi, p, n + 2, LWS_WRITE_TEXT) < 0;
}

static void
received(struct client *c, const char *in, size_t len, int binary)
{
	unsigned char	 raw[16];
	const char	*d;
	int64_t		 t;
	size_t		 n;

	if (binary && len >= 8) {
		memcpy(&t, in, sizeof(t));
		sample(t);
	} else if (!binary && (d = memmem(in, len, "\"delta\":\"", 9)) != NULL &&
	    (size_t)(d + 9 + 12 - in) <= len &&
	    sodium_base642bin(raw, sizeof(raw), d + 9, 12, NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) == 0 && n >= 8) {
		memcpy(&t, raw, sizeof(t));
		sample(t);
	} else if (!binary && !c->ready && memmem(in, len, "\"connected\"", 11)) {
		c->ready = 1;
		G.nready++;
	} else if (!binary && memmem(in, len, "\"error\"", 7))
		fprintf(stderr, "relay_load: %.*s\n", (int)len, in);
}

static int
client_cb(struct lws *wsi, enum lws_callback_reasons reason, void *user,
    void *in, size_t len)
{
	struct client	*c = user;

	switch (reason) {
	case LWS_CALLBACK_CLIENT_ESTABLISHED:
		if (!G.worker) {
			c->ready = 1;
			G.nready++;
		}
		lws_sul_schedule(G.ctx, 0, &c->sul, tick,
		    (lws_usec_t)(rand() % PERIOD_US));
		break;
	case LWS_CALLBACK_CLIENT_RECEIVE:
		received(c, in, len, lws_frame_is_binary(wsi));
		break;
	case LWS_CALLBACK_CLIENT_WRITEABLE:
		if (c->ready && c->due > 0) {
			if (send_frame(c))
				return -1;
			if (c->due > 0)
				lws_callback_on_writable(wsi);
		}
		break;
	case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
		fprintf(stderr, "relay_load: connect: %s\n", in ? (char *)in : "");
		/* FALLTHROUGH */
	case LWS_CALLBACK_CLIENT_CLOSED:
		lws_sul_cancel(&c->sul);
		c->wsi = NULL;
		break;
	default:
		break;
	}
	return 0;
}

static const struct lws_protocols echo_protocols[] = {
	{ "echo", echo_cb, sizeof(struct echo), 4096, 0, NULL, 0 },
	{ "load", client_cb, 0, 4096, 0, NULL, 0 },
	{ NULL, NULL, 0, 0, 0, NULL, 0 }
};

static void
connect_all(void)
{
	struct lws_client_connect_info	 ci;
	struct arena			*a = arena_new();
	char				 path[256];
	int				 i;

	for (i = 0; i < G.n; i++) {
		if (G.worker)
			snprintf(path, sizeof(path), "/rt/interviews/%lld?ticket=%s",
			    G.iv, ticket_mint(a, G.key, G.iv,
			    (long long)time(NULL) + 600));
		else
			snprintf(path, sizeof(path), "/_bench/rt/?echo=1");
		memset(&ci, 0, sizeof(ci));
		ci.context = G.ctx;
		ci.address = "127.0.0.1";
		ci.port = G.nginx_port;
		ci.path = path;
		ci.host = "127.0.0.1";
		ci.origin = "127.0.0.1";
		ci.local_protocol_name = "load";
		ci.userdata = &G.c[i];
		ci.pwsi = &G.c[i].wsi;
		lws_client_connect_via_info(&ci);
		/* Not all at once: nginx and the worker accept in bursts. */
		if (i % 50 == 49)
			lws_service(G.ctx, 1000);
	}
	arena_free(a);
}

/* utime + stime of pid, in clock ticks. */
static long long
cpu_ticks(int pid)
{
	char		 path[64], buf[2048], *p;
	long long	 ut = 0, st = 0;
	FILE		*f;
	int		 i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (pid <= 0 || (f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	if ((p = strrchr(buf, ')')) == NULL)
		return 0;
	for (i = 0; i < 11 && p != NULL; i++)	/* to field 14 */
		p = strchr(p + 1, ' ');
	if (p != NULL && sscanf(p, " %lld %lld", &ut, &st) != 2)
		return 0;
	return ut + st;
}

static long
rss_kib(int pid)
{
	char	 path[64], line[256];
	long	 kib = 0;
	FILE	*f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (pid <= 0 || (f = fopen(path, "r")) == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmRSS: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

static int
cmp(const void *x, const void *y)
{
	int64_t	a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

static int
make_context(int echo_port, const char *echo_sock)
{
	struct lws_context_creation_info	info;

	memset(&info, 0, sizeof(info));
	info.options = LWS_SERVER_OPTION_EXPLICIT_VHOSTS;
	info.protocols = echo_protocols;
	info.fd_limit_per_thread = 4 * (unsigned int)G.n + 64;
	lws_set_log_level(LLL_ERR, NULL);
	if ((G.ctx = lws_create_context(&info)) == NULL)
		return -1;
	if (echo_sock == NULL) {	/* a client only: a vhost that does not listen */
		info.port = CONTEXT_PORT_NO_LISTEN;
		info.vhost_name = "client";
		return lws_create_vhost(G.ctx, &info) == NULL ? -1 : 0;
	}
	info.port = echo_port;
	info.iface = "127.0.0.1";
	info.vhost_name = "tcp";
	if (lws_create_vhost(G.ctx, &info) == NULL)
		return -1;
	unlink(echo_sock);
	info.options = LWS_SERVER_OPTION_UNIX_SOCK;
	info.iface = echo_sock;
	info.port = 0;
	info.vhost_name = "unix";
	return lws_create_vhost(G.ctx, &info) == NULL ? -1 : 0;
}

int
main(int argc, char **argv)
{
	long long	 t0, t1;
	long		 rss1;
	int		 i, echo_port = 0;
	const char	*sock = NULL, *keyhex = "";

	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--mode") == 0) {
			G.worker = strcmp(argv[i + 1], "worker") == 0;
			G.echo = strcmp(argv[i + 1], "echo") == 0;
		}
		else if (strcmp(argv[i], "--sessions") == 0)
			G.n = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--seconds") == 0)
			G.seconds = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--nginx-port") == 0)
			G.nginx_port = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--echo-port") == 0)
			echo_port = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--echo-sock") == 0)
			sock = argv[i + 1];
		else if (strcmp(argv[i], "--interview") == 0)
			G.iv = atoll(argv[i + 1]);
		else if (strcmp(argv[i], "--key") == 0)
			keyhex = argv[i + 1];
		else if (strcmp(argv[i], "--worker-pid") == 0)
			G.wpid = atoi(argv[i + 1]);
	}
	if (G.n <= 0 || G.seconds <= 0 || sock == NULL || sodium_init() < 0 ||
	    (G.worker && ticket_key_parse(keyhex, G.key) != 0)) {
		fputs("usage: relay_load --mode worker|direct --sessions N"
		    " --seconds S --nginx-port P --echo-port E --echo-sock PATH"
		    " [--interview ID --key HEX --worker-pid PID]\n", stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((G.c = calloc((size_t)G.n, sizeof(*G.c))) == NULL ||
	    make_context(G.echo ? echo_port : 0, G.echo ? sock : NULL) != 0)
		return 1;
	if (G.echo) {
		for (;;)
			lws_service(G.ctx, 1000);
	}
	connect_all();
	for (t0 = clock_us(); G.nready < G.n && clock_us() - t0 < 20000000;)
		lws_service(G.ctx, 1000);
	if (G.nready < G.n)
		fprintf(stderr, "relay_load: only %d of %d sessions ready\n",
		    G.nready, G.n);
	G.start_us = clock_us() + WARMUP_US;
	G.end_us = G.start_us + (int64_t)G.seconds * 1000000;
	while (clock_us() < G.start_us)
		lws_service(G.ctx, 1000);
	t0 = cpu_ticks(G.wpid);
	while (clock_us() < G.end_us)
		lws_service(G.ctx, 1000);
	t1 = cpu_ticks(G.wpid);
	rss1 = rss_kib(G.wpid);
	qsort(G.rtt, G.nrtt, sizeof(*G.rtt), cmp);
	printf("%lld %lld %zu %.1f %ld\n",
	    G.nrtt ? (long long)G.rtt[G.nrtt / 2] : -1,
	    G.nrtt ? (long long)G.rtt[G.nrtt * 99 / 100] : -1, G.nrtt,
	    (double)(t1 - t0) * 100.0 / (double)sysconf(_SC_CLK_TCK) /
	    G.seconds, rss1);
	lws_context_destroy(G.ctx);
	free(G.rtt);
	free(G.c);
	return 0;
}
