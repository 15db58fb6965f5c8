/*
 * relay_load.c: the relay benchmark's load generator and echo provider.  N
 * browsers each send a 20 ms PCM16 frame (960 bytes, the send time in its
 * first 8) every 20 ms and time its echo:
 *   --mode worker: binary frames through nginx /rt/ and viva-worker, which
 *                  relays them as input_audio_buffer.append to this echo
 *                  provider (TCP --echo-port) and the deltas back;
 *   --mode direct: the same audio as the provider's JSON events through
 *                  nginx /_bench/rt/ straight to this echo provider;
 *   --mode echo:   only the echo provider, until killed (a process of its
 *                  own, so the load and the echo do not share one core).
 * Prints: p50_us p99_us samples worker_cpu_pct worker_rss_kib (at the end,
 * all sessions open).
 *
 * Why not libwebsockets here (the worker used it until stop 27): the tools around what is
 * measured must cost little next to it.  With lws the echo took 43% of a
 * core and the load 17% at 500 sessions (lws 4.1 polls every socket on
 * every wake-up), which saturated this 2-core machine before the worker
 * did.  So this is one epoll loop with the few parts of RFC 6455 these
 * peers use (ws_frame.h), one send() per frame, replies batched per read.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "lib/arena.h"
#include "lib/b64.h"
#include "lib/clock.h"
#include "lib/ticket.h"
#include "ws_frame.h"

#define FRAME		960
#define PERIOD_US	20000
#define WARMUP_US	2000000LL
#define BUF		(32 * 1024)

enum kind { LISTENER, ECHO, CLIENT };

struct conn {
	enum kind	 kind;
	struct conn	*dead_next;		/* ECHO: closed, freed after the batch */
	int		 fd;
	int		 upgraded;		/* the opening handshake is done */
	int		 ready;			/* CLIENT: the session is up: send */
	int		 closing;		/* ECHO: close once wbuf is sent */
	int		 out_only;		/* wbuf waits: watch for room, not input */
	int64_t		 due_us;		/* CLIENT: its next frame */
	size_t		 rlen, wlen;
	unsigned char	 rbuf[BUF], wbuf[BUF];
};

static struct {
	int		 ep, worker, echo, n, nginx_port, seconds, wpid, nready;
	int		 sending;		/* every client connected: frames go */
	struct conn	*dead;
	long long	*ivs;			/* client i: interview ivs[i % niv] */
	int		 niv;
	unsigned char	 key[TICKET_KEY_LEN];
	struct conn	**c;
	size_t		 next;			/* the client whose frame is due next */
	int64_t		 start_us, end_us;
	int64_t		*rtt;
	size_t		 nrtt, caprtt;
} G;

static void
die(const char *what)
{
	fprintf(stderr, "relay_load: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
watch(struct conn *c, int op, uint32_t events)
{
	struct epoll_event	ev = { .events = events, .data.ptr = c };

	if (epoll_ctl(G.ep, op, c->fd, &ev) != 0)
		die("epoll_ctl");
}

static struct conn *
conn_new(enum kind kind, int fd)
{
	struct conn	*c = calloc(1, sizeof(*c));
	int		 one = 1;

	if (c == NULL)
		die("calloc");
	c->kind = kind;
	c->fd = fd;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	return c;
}

/* Closes c's socket; an echo connection is freed once its batch of events is done. */
static void
conn_close(struct conn *c)
{
	if (c->fd < 0)
		return;
	close(c->fd);
	c->fd = -1;
	if (c->kind == ECHO) {
		c->dead_next = G.dead;
		G.dead = c;
	}
}

/* Writes what is queued; watches for room when the socket takes only part. */
static void
flush(struct conn *c)
{
	ssize_t	n = c->wlen ? send(c->fd, c->wbuf, c->wlen, MSG_NOSIGNAL) : 0;

	if (n < 0 && errno != EAGAIN) {
		conn_close(c);
		return;
	}
	if (n > 0) {
		memmove(c->wbuf, c->wbuf + n, c->wlen - (size_t)n);
		c->wlen -= (size_t)n;
	}
	if ((c->wlen > 0) != c->out_only) {
		c->out_only = c->wlen > 0;
		watch(c, EPOLL_CTL_MOD, c->out_only ? EPOLLOUT : EPOLLIN);
	}
	if (c->wlen == 0 && c->closing)
		conn_close(c);
}

/* Queues one frame; 0, or -1 when the queue has no room for it. */
static int
queue(struct conn *c, int op, const void *p, size_t len)
{
	uint32_t	mask = c->kind == CLIENT ? randombytes_random() : 0;

	if (c->wlen + WS_HEADER_MAX + len > sizeof(c->wbuf))
		return -1;
	c->wlen += ws_frame_write(c->wbuf + c->wlen, op, p, len,
	    c->kind == CLIENT ? &mask : NULL);
	return 0;
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

/* The echo provider: every append comes back at once as an audio delta. */
static void
echo_message(struct conn *c, int op, const char *in, size_t len)
{
	static const char	 key[] = "\"audio\":\"";
	static const char	 head[] = "{\"type\":\"response.output_audio.delta\","
				    "\"item_id\":\"item_echo\",\"delta\":\"";
	static const char	 updated[] = "{\"type\":\"session.updated\"}";
	char			 buf[4096];
	const char		*a, *q;
	size_t			 n;

	if (op == WS_PING) {
		queue(c, WS_PONG, in, len);
		return;
	}
	if (op == WS_CLOSE) {
		queue(c, WS_CLOSE, in, len < 2 ? len : 2);
		c->closing = 1;
		return;
	}
	if ((a = memmem(in, len, key, sizeof(key) - 1)) != NULL) {
		a += sizeof(key) - 1;
		q = memchr(a, '"', len - (size_t)(a - in));
		n = q != NULL ? (size_t)(q - a) : 0;
		if (n + sizeof(head) + 2 > sizeof(buf))
			return;
		memcpy(buf, head, sizeof(head) - 1);
		memcpy(buf + sizeof(head) - 1, a, n);
		memcpy(buf + sizeof(head) - 1 + n, "\"}", 2);
		queue(c, WS_TEXT, buf, sizeof(head) - 1 + n + 2);
	} else if (memmem(in, len, "session.update", 14) != NULL)
		queue(c, WS_TEXT, updated, sizeof(updated) - 1);
}

static void
client_message(struct conn *c, int op, const char *in, size_t len)
{
	unsigned char	 raw[16];
	const char	*d;
	int64_t		 t;
	size_t		 n;

	if (op == WS_BINARY && len >= 8) {
		memcpy(&t, in, sizeof(t));
		sample(t);
	} else if (op == WS_TEXT && (d = memmem(in, len, "\"delta\":\"", 9)) !=
	    NULL && (size_t)(d + 9 + 12 - in) <= len &&
	    sodium_base642bin(raw, sizeof(raw), d + 9, 12, NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) == 0 && n >= 8) {
		memcpy(&t, raw, sizeof(t));
		sample(t);
	} else if (op == WS_TEXT && !c->ready && memmem(in, len, "\"connected\"", 11)) {
		c->ready = 1;
		G.nready++;
	} else if (op == WS_TEXT && memmem(in, len, "\"error\"", 7))
		fprintf(stderr, "relay_load: %.*s\n", (int)len, in);
	else if (op == WS_PING)
		queue(c, WS_PONG, in, len);
	else if (op == WS_CLOSE)
		conn_close(c);
}

/* The echo's side of the opening handshake: 0 done, 1 more to read, -1 refused. */
static int
echo_handshake(struct conn *c)
{
	char	 resp[256], *end, *key;
	size_t	 hlen, klen;

	if ((end = memmem(c->rbuf, c->rlen, "\r\n\r\n", 4)) == NULL)
		return c->rlen < sizeof(c->rbuf) ? 1 : -1;
	*end = '\0';
	hlen = (size_t)(end + 4 - (char *)c->rbuf);
	if ((key = strcasestr((char *)c->rbuf, "\r\nSec-WebSocket-Key:")) == NULL)
		return -1;
	key += 20;
	key += strspn(key, " \t");
	klen = strcspn(key, " \t\r\n");
	snprintf(resp, sizeof(resp), "HTTP/1.1 101 Switching Protocols\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Accept: %s\r\n\r\n", ws_accept_key(key, klen));
	memcpy(c->wbuf, resp, c->wlen = strlen(resp));
	memmove(c->rbuf, c->rbuf + hlen, c->rlen -= hlen);
	return 0;
}

/* The client's side: 0 done, 1 more to read, -1 refused. */
static int
client_handshake(struct conn *c)
{
	char	*end;
	size_t	 hlen;

	if ((end = memmem(c->rbuf, c->rlen, "\r\n\r\n", 4)) == NULL)
		return c->rlen < sizeof(c->rbuf) ? 1 : -1;
	hlen = (size_t)(end + 4 - (char *)c->rbuf);
	if (c->rlen < 12 || memcmp(c->rbuf, "HTTP/1.1 101", 12) != 0) {
		fprintf(stderr, "relay_load: upgrade refused: %.*s\n",
		    (int)strcspn((char *)c->rbuf, "\r\n"), c->rbuf);
		return -1;
	}
	memmove(c->rbuf, c->rbuf + hlen, c->rlen -= hlen);
	if (!G.worker) {	/* the echo needs no session set up */
		c->ready = 1;
		G.nready++;
	}
	return 0;
}

/* Handles every whole frame read; the rest waits for more bytes. */
static void
frames(struct conn *c)
{
	const unsigned char	*pay;
	size_t			 off = 0, plen;
	ssize_t			 n;
	int			 op;

	while (c->fd >= 0 && (n = ws_frame_parse(c->rbuf + off, c->rlen - off,
	    &op, &pay, &plen)) != 0) {
		if (n < 0) {
			fprintf(stderr, "relay_load: a malformed frame\n");
			conn_close(c);
			return;
		}
		if (c->kind == ECHO)
			echo_message(c, op, (const char *)pay, plen);
		else
			client_message(c, op, (const char *)pay, plen);
		off += (size_t)n;
	}
	if (c->fd >= 0)
		memmove(c->rbuf, c->rbuf + off, c->rlen -= off);
}

static void
readable(struct conn *c)
{
	ssize_t	n = recv(c->fd, c->rbuf + c->rlen, sizeof(c->rbuf) - c->rlen, 0);
	int	hs;

	if (n <= 0) {
		if (n == 0 || errno != EAGAIN)
			conn_close(c);
		return;
	}
	c->rlen += (size_t)n;
	if (!c->upgraded) {
		hs = c->kind == ECHO ? echo_handshake(c) : client_handshake(c);
		if (hs != 0) {
			if (hs < 0)
				conn_close(c);
			return;
		}
		c->upgraded = 1;
	}
	frames(c);
	if (c->fd >= 0)
		flush(c);
}

static void
accept_all(struct conn *l)
{
	struct conn	*c;
	int		 fd;

	while ((fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
		c = conn_new(ECHO, fd);
		watch(c, EPOLL_CTL_ADD, EPOLLIN);
	}
}

static void
handle(struct conn *c, uint32_t events)
{
	if (c->kind == LISTENER)
		accept_all(c);
	else if (c->fd >= 0 && (events & EPOLLOUT))
		flush(c);
	else if (c->fd >= 0 && (events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
		readable(c);
}

/* Sends the frame of every client due by now (at most one round of them). */
static void
send_due(int64_t now)
{
	unsigned char	 pcm[FRAME], text[64 + B64_ENCODED_LEN(FRAME)];
	struct conn	*c;
	int64_t		 t;
	size_t		 n;
	int		 i;

	memset(pcm, 0, sizeof(pcm));
	for (i = 0; i < G.n && (c = G.c[G.next])->due_us <= now; i++) {
		c->due_us += PERIOD_US;
		G.next = (G.next + 1) % (size_t)G.n;
		if (c->fd < 0 || !c->ready)
			continue;
		t = clock_us();
		memcpy(pcm, &t, sizeof(t));
		if (G.worker)
			queue(c, WS_BINARY, pcm, FRAME);
		else {
			n = (size_t)snprintf((char *)text, 64,
			    "{\"type\":\"input_audio_buffer.append\",\"audio\":\"");
			n += b64_encode((char *)text + n, pcm, FRAME);
			memcpy(text + n, "\"}", 2);
			queue(c, WS_TEXT, text, n + 2);
		}
		flush(c);
	}
}

/* The loop: frames due, then the sockets, until the clock reaches until_us. */
static void
run_until(int64_t until_us)
{
	struct epoll_event	 ev[256];
	struct conn		*c;
	struct timespec		 ts;
	int64_t			 now, next;
	int			 i, n;

	while ((now = clock_us()) < until_us) {
		next = until_us;
		if (G.sending) {
			send_due(now);
			if (G.c[G.next]->due_us < next)
				next = G.c[G.next]->due_us;
		}
		next = next > now ? next - now : 0;
		ts.tv_sec = next / 1000000;
		ts.tv_nsec = (next % 1000000) * 1000;
		if ((n = epoll_pwait2(G.ep, ev, 256, &ts, NULL)) < 0 &&
		    errno != EINTR)
			die("epoll_pwait2");
		for (i = 0; i < n; i++)
			handle(ev[i].data.ptr, ev[i].events);
		while ((c = G.dead) != NULL) {
			G.dead = c->dead_next;
			free(c);
		}
	}
}

static void
listen_on(int fd, const struct sockaddr *sa, socklen_t len)
{
	int	one = 1;

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) != 0 || bind(fd, sa, len) != 0 || listen(fd, 4096) != 0)
		die("listen");
	watch(conn_new(LISTENER, fd), EPOLL_CTL_ADD, EPOLLIN);
}

/* TCP on 127.0.0.1:port for the worker and nginx; the unix socket says it is ready. */
static void
echo_listen(int port, const char *sock)
{
	struct sockaddr_in	in = { .sin_family = AF_INET,
				    .sin_port = htons((uint16_t)port),
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct sockaddr_un	un = { .sun_family = AF_UNIX };

	listen_on(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr *)&in,
	    sizeof(in));
	snprintf(un.sun_path, sizeof(un.sun_path), "%s", sock);
	unlink(sock);
	listen_on(socket(AF_UNIX, SOCK_STREAM, 0), (struct sockaddr *)&un,
	    sizeof(un));
}

static struct conn *
connect_one(struct arena *a, int i)
{
	struct sockaddr_in	 in = { .sin_family = AF_INET,
				    .sin_port = htons((uint16_t)G.nginx_port),
				    .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct conn		*c;
	unsigned char		 nonce[16];
	char			 key[32], path[256];
	int			 fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&in, sizeof(in)) != 0)
		die("connect");
	c = conn_new(CLIENT, fd);
	/*
	 * One interview per session: the worker ends an interview's older
	 * session when a newer one opens (two tabs), so N sessions need N.
	 */
	if (G.worker)
		snprintf(path, sizeof(path), "/rt/interviews/%lld?ticket=%s",
		    G.ivs[i % G.niv], ticket_mint(a, G.key, G.ivs[i % G.niv],
		    (long long)time(NULL) + 600));
	else
		snprintf(path, sizeof(path), "/_bench/rt/?echo=1");
	randombytes_buf(nonce, sizeof(nonce));
	sodium_bin2base64(key, sizeof(key), nonce, sizeof(nonce),
	    sodium_base64_VARIANT_ORIGINAL);
	c->wlen = (size_t)snprintf((char *)c->wbuf, sizeof(c->wbuf),
	    "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
	    "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
	    "Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1\r\n\r\n",
	    path, key);
	watch(c, EPOLL_CTL_ADD, EPOLLIN);
	flush(c);
	return c;
}

/* "ID,ID,...": the interviews the sessions open, one each in turn. */
static int
parse_ids(const char *list)
{
	const char	*p = list;
	char		*end;
	long long	 id;

	for (G.niv = 1; *p != '\0'; p++)
		G.niv += *p == ',';
	if ((G.ivs = calloc((size_t)G.niv, sizeof(*G.ivs))) == NULL)
		die("calloc");
	for (p = list, G.niv = 0; ; p = end + 1) {
		id = strtoll(p, &end, 10);
		if (end == p || id <= 0 || (*end != ',' && *end != '\0'))
			return -1;
		G.ivs[G.niv++] = id;
		if (*end == '\0')
			return 0;
	}
}

static void
connect_all(void)
{
	struct arena	*a = arena_new();
	int64_t		 t0;
	int		 i;

	for (i = 0; i < G.n; i++) {
		G.c[i] = connect_one(a, i);
		/* Not all at once: nginx and the worker accept in bursts. */
		if (i % 50 == 49)
			run_until(clock_us() + 1000);
	}
	arena_free(a);
	/* Spread the sessions' frames evenly over the period. */
	for (t0 = clock_us(), i = 0; i < G.n; i++)
		G.c[i]->due_us = t0 + (int64_t)i * PERIOD_US / G.n;
	G.sending = 1;
}

/*
 * utime + stime of pid (fields 14 and 15 of /proc/PID/stat), in clock ticks.
 * Fields counted from after the command's closing parenthesis, which may
 * itself hold spaces.
 */
static long long
cpu_ticks(int pid)
{
	char		 path[64], buf[2048], *p;
	long long	 ut = 0, st = 0;
	FILE		*f;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (pid <= 0 || (f = fopen(path, "r")) == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	if ((p = strrchr(buf, ')')) == NULL || sscanf(p + 1,
	    " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld",
	    &ut, &st) != 2)
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

/* The run: connect, wait for every session, warm up, measure, print. */
static void
load(void)
{
	long long	 t0, t1;
	long		 rss1;

	connect_all();
	for (t0 = clock_us(); G.nready < G.n && clock_us() - t0 < 20000000;)
		run_until(clock_us() + 1000);
	if (G.nready < G.n)
		fprintf(stderr, "relay_load: only %d of %d sessions ready\n",
		    G.nready, G.n);
	G.start_us = clock_us() + WARMUP_US;
	G.end_us = G.start_us + (int64_t)G.seconds * 1000000;
	run_until(G.start_us);
	t0 = cpu_ticks(G.wpid);
	run_until(G.end_us);
	t1 = cpu_ticks(G.wpid);
	rss1 = rss_kib(G.wpid);
	qsort(G.rtt, G.nrtt, sizeof(*G.rtt), cmp);
	printf("%lld %lld %zu %.1f %ld\n",
	    G.nrtt ? (long long)G.rtt[G.nrtt / 2] : -1,
	    G.nrtt ? (long long)G.rtt[G.nrtt * 99 / 100] : -1, G.nrtt,
	    (double)(t1 - t0) * 100.0 / (double)sysconf(_SC_CLK_TCK) /
	    G.seconds, rss1);
}

int
main(int argc, char **argv)
{
	int		 i, echo_port = 0;
	const char	*sock = NULL, *keyhex = "", *ivs = "";

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
		else if (strcmp(argv[i], "--interviews") == 0)
			ivs = argv[i + 1];
		else if (strcmp(argv[i], "--key") == 0)
			keyhex = argv[i + 1];
		else if (strcmp(argv[i], "--worker-pid") == 0)
			G.wpid = atoi(argv[i + 1]);
	}
	if (G.n <= 0 || G.seconds <= 0 || sock == NULL || sodium_init() < 0 ||
	    (G.worker && (ticket_key_parse(keyhex, G.key) != 0 ||
	    parse_ids(ivs) != 0))) {
		fputs("usage: relay_load --mode worker|direct|echo --sessions N"
		    " --seconds S --nginx-port P --echo-port E --echo-sock PATH"
		    " [--interviews ID,ID,... --key HEX --worker-pid PID]\n",
		    stderr);
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((G.ep = epoll_create1(0)) < 0 ||
	    (G.c = calloc((size_t)G.n, sizeof(*G.c))) == NULL)
		die("setup");
	if (G.echo) {
		echo_listen(echo_port, sock);
		G.n = 0;
		for (;;)
			run_until(clock_us() + 1000000);
	}
	load();
	for (i = 0; i < G.n; i++) {
		conn_close(G.c[i]);
		free(G.c[i]);
	}
	free(G.c);
	free(G.rtt);
	return 0;
}
