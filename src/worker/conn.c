/*
 * conn.c: one connection of net.c's loop: its socket (and TLS), the
 * opening handshake either way, WebSocket frames through wslay, and how it
 * ends.  The socket is edge-triggered, so every read and write goes on
 * until the kernel says it would block.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/b64.h"
#include "lib/clock.h"
#include "handshake.h"
#include "net_priv.h"

static void	ws_read(struct conn *);

struct conn *
conn_new(struct net *n, int fd, int client)
{
	struct conn	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		abort();
	c->kind = K_CONN;
	c->net = n;
	c->fd = -1;
	c->client = client;
	c->last_rx = c->last_ping = clock_us();
	c->deadline = c->last_rx + NET_HANDSHAKE_US;
	if (fd >= 0 && conn_attach(c, fd) != 0) {
		close(fd);
		free(c);
		return NULL;
	}
	if ((c->next = n->conns) != NULL)
		c->next->prev = c;
	n->conns = c;
	return c;
}

/* Gives c its socket, watched from now on; -1 (fd left open) if it cannot be. */
int
conn_attach(struct conn *c, int fd)
{
	struct epoll_event	ev;
	int			one = 1;

	/* Small audio frames go out at once, never held back by Nagle. */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	/* Registered once: edge-triggered, no epoll_ctl per message. */
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
	ev.data.ptr = c;
	if (epoll_ctl(c->net->ep, EPOLL_CTL_ADD, fd, &ev) != 0)
		return -1;
	c->fd = fd;
	return 0;
}

/* Closes c's socket (which also takes it out of the epoll set). */
void
conn_detach(struct conn *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

void
conn_free(struct conn *c)
{
	struct net	*n = c->net;

	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		n->conns = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	conn_detach(c);
	dial_free(c->dial);
	if (c->ssl != NULL)
		SSL_free(c->ssl);
	if (c->ws != NULL)
		wslay_event_context_free(c->ws);
	free(c->hs);
	free(c->out);
	free(c->rx);
	free(c);
}

/* To the end of the turn: its closed callback runs there, then it is freed. */
static void
die(struct conn *c, const char *why)
{
	if (c->phase == P_DEAD)
		return;
	c->phase = P_DEAD;
	c->why = why;
	net_buried(c);
}

/* --- raw I/O, plain or TLS: >0 bytes, 0 end, -1 failed (why set), -2 would block */

static ssize_t
tls_result(struct conn *c, int r)
{
	switch (SSL_get_error(c->ssl, r)) {
	case SSL_ERROR_WANT_READ:
	case SSL_ERROR_WANT_WRITE:
		return -2;
	case SSL_ERROR_ZERO_RETURN:
		return 0;
	default:
		ERR_clear_error();
		c->why = "TLS connection failed";
		return -1;
	}
}

static ssize_t
io_read(struct conn *c, void *buf, size_t len)
{
	ssize_t	n;

	if (c->ssl != NULL) {
		n = SSL_read(c->ssl, buf, (int)len);
		return n > 0 ? n : tls_result(c, (int)n);
	}
	while ((n = recv(c->fd, buf, len, 0)) < 0 && errno == EINTR)
		;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return -2;
	if (n < 0)
		c->why = "connection reset";
	return n;
}

static ssize_t
io_write(struct conn *c, const void *buf, size_t len)
{
	ssize_t	n;

	if (c->ssl != NULL) {
		n = SSL_write(c->ssl, buf, (int)len);
		return n > 0 ? n : tls_result(c, (int)n);
	}
	while ((n = send(c->fd, buf, len, MSG_NOSIGNAL)) < 0 && errno == EINTR)
		;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return -2;
	if (n < 0)
		c->why = "connection reset";
	return n;
}

static void
out_append(struct conn *c, const void *data, size_t len)
{
	unsigned char	*p;
	size_t		 cap;

	if (c->out_len + len > c->out_cap) {
		for (cap = c->out_cap > 0 ? c->out_cap : 4096;
		    cap < c->out_len + len; cap *= 2)
			;
		if ((p = realloc(c->out, cap)) == NULL)
			abort();
		c->out = p;
		c->out_cap = cap;
	}
	memcpy(c->out + c->out_len, data, len);
	c->out_len += len;
}

/* Writes the output: 1 all written, 0 the socket is full, -1 failed. */
static int
out_flush(struct conn *c)
{
	ssize_t	n;

	while (c->out_off < c->out_len) {
		n = io_write(c, c->out + c->out_off, c->out_len - c->out_off);
		if (n == -2)
			return 0;
		if (n <= 0)
			return -1;
		c->out_off += (size_t)n;
	}
	c->out_off = c->out_len = 0;
	/* Only a small buffer stays: 500 sessions' bursts would stay in RSS. */
	if (c->out_cap > 4096) {
		free(c->out);
		c->out = NULL;
		c->out_cap = 0;
	}
	return 1;
}

/* The handshake's buffer (HS_MAX) is not kept for the connection's life. */
static void
forget_head(struct conn *c)
{
	free(c->hs);
	c->hs = NULL;
	c->hs_len = c->early_off = 0;
}

/* --- wslay's side */

static ssize_t
ws_recv_cb(wslay_event_context_ptr ws, uint8_t *buf, size_t len, int flags,
    void *user)
{
	struct conn	*c = user;
	size_t		 early;
	ssize_t		 n;

	(void)flags;
	if (c->paused || c->phase == P_DEAD) {
		wslay_event_set_error(ws, WSLAY_ERR_WOULDBLOCK);
		return -1;
	}
	/* Frames that came with the handshake's text go first. */
	if (c->hs != NULL) {
		early = c->hs_len - c->early_off;
		n = (ssize_t)(early < len ? early : len);
		memcpy(buf, c->hs + c->early_off, (size_t)n);
		c->early_off += (size_t)n;
		if (c->early_off == c->hs_len)
			forget_head(c);
		if (n > 0)
			return n;
	}
	if ((n = io_read(c, buf, len)) > 0) {
		c->last_rx = clock_us();
		return n;
	}
	if (n == 0)
		c->why = "closed without a close frame";
	wslay_event_set_error(ws, n == -2 ? WSLAY_ERR_WOULDBLOCK :
	    WSLAY_ERR_CALLBACK_FAILURE);
	return -1;
}

/* Frames go to the output buffer, to be written together. */
static ssize_t
ws_send_cb(wslay_event_context_ptr ws, const uint8_t *data, size_t len,
    int flags, void *user)
{
	(void)ws;
	(void)flags;
	out_append(user, data, len);
	return (ssize_t)len;
}

/* Masks from a pool refilled now and then, not a system call per frame. */
static int
ws_genmask_cb(wslay_event_context_ptr ws, uint8_t *buf, size_t len,
    void *user)
{
	static unsigned char	pool[4096];
	static size_t		off = sizeof(pool);

	(void)ws;
	(void)user;
	if (len > sizeof(pool))
		return -1;
	if (off + len > sizeof(pool)) {
		randombytes_buf(pool, sizeof(pool));
		off = 0;
	}
	memcpy(buf, pool + off, len);
	off += len;
	return 0;
}

static int
is_data(uint8_t opcode)
{
	return opcode == WSLAY_TEXT_FRAME || opcode == WSLAY_BINARY_FRAME ||
	    opcode == WSLAY_CONTINUATION_FRAME;
}

static void
ws_frame_start_cb(wslay_event_context_ptr ws,
    const struct wslay_event_on_frame_recv_start_arg *a, void *user)
{
	struct conn	*c = user;

	(void)ws;
	if (a->opcode == WSLAY_TEXT_FRAME || a->opcode == WSLAY_BINARY_FRAME) {
		c->rx_len = 0;
		c->rx_binary = a->opcode == WSLAY_BINARY_FRAME;
		c->rx_too_large = 0;
	}
}

/* Assembles a message: past max_msg it is skipped to its end, not kept. */
static void
ws_chunk_cb(wslay_event_context_ptr ws,
    const struct wslay_event_on_frame_recv_chunk_arg *a, void *user)
{
	struct conn	*c = user;
	unsigned char	*p;

	(void)ws;
	if (c->rx_too_large || c->phase == P_DEAD)
		return;
	if (c->rx_len + a->data_length > c->max_msg) {
		c->rx_too_large = 1;
		return;
	}
	if ((p = realloc(c->rx, c->rx_len + a->data_length + 1)) == NULL)
		abort();
	c->rx = p;
	memcpy(c->rx + c->rx_len, a->data, a->data_length);
	c->rx_len += a->data_length;
	c->rx[c->rx_len] = '\0';
}

static void
ws_msg_cb(wslay_event_context_ptr ws,
    const struct wslay_event_on_msg_recv_arg *a, void *user)
{
	struct conn	*c = user;

	(void)ws;
	if (!is_data(a->opcode) || c->phase == P_DEAD)
		return;
	c->ops->message(c, c->rx_binary, c->rx_too_large ? NULL : c->rx,
	    c->rx_too_large ? 0 : c->rx_len, c->rx_too_large);
	/* A long message's buffer is not kept either. */
	if (c->rx_len > 4096) {
		free(c->rx);
		c->rx = NULL;
	}
	c->rx_len = 0;
}

static const struct wslay_event_callbacks ws_callbacks = {
	ws_recv_cb, ws_send_cb, ws_genmask_cb, ws_frame_start_cb, ws_chunk_cb,
	NULL, ws_msg_cb
};

static void
ws_begin(struct conn *c)
{
	int	r = c->client ?
	    wslay_event_context_client_init(&c->ws, &ws_callbacks, c) :
	    wslay_event_context_server_init(&c->ws, &ws_callbacks, c);

	if (r != 0)
		abort();
	/* Our own assembly (ws_chunk_cb) skips a long message, not the connection. */
	wslay_event_config_set_no_buffering(c->ws, 1);
	if (c->early_off == c->hs_len)
		forget_head(c);
	c->phase = P_OPEN;
	c->deadline = 0;
	c->last_rx = c->last_ping = clock_us();
}

/* Our close frame is out: once the peer's has come (or the deadline), the socket goes. */
static void
check_closed(struct conn *c)
{
	if (c->ws == NULL || !wslay_event_get_close_sent(c->ws) ||
	    c->out_len != 0)
		return;
	if (wslay_event_get_close_received(c->ws)) {
		die(c, "closed");
		return;
	}
	if (!c->close_flushed) {
		c->close_flushed = 1;
		c->phase = P_CLOSING;
		c->deadline = clock_us() + NET_CLOSE_US;
	}
}

/*
 * wslay sends control frames ahead of messages: the close frame is queued
 * only once the messages before it are out of its queue, or they would be
 * dropped behind it.
 */
static int
send_frames(struct conn *c)
{
	if (wslay_event_want_write(c->ws) && wslay_event_send(c->ws) != 0)
		return -1;
	if (c->close_code == 0 || wslay_event_get_queued_msg_count(c->ws) > 0)
		return 0;
	(void)wslay_event_queue_close(c->ws, (uint16_t)c->close_code,
	    (const uint8_t *)c->close_why, strlen(c->close_why));
	c->close_code = 0;
	return wslay_event_send(c->ws) != 0 ? -1 : 0;
}

/*
 * Writes: first what the owner has queued (writable, while there is
 * room), then wslay's frames, then the socket, until one of them runs out.
 */
void
conn_flush(struct conn *c)
{
	int	i, r;

	for (i = 0; i < 8; i++) {
		if (c->phase != P_OPEN && c->phase != P_CLOSING)
			return;
		if (c->want_write && c->phase == P_OPEN && !conn_choked(c)) {
			c->want_write = 0;
			c->ops->writable(c);
			if (c->phase == P_DEAD)
				return;
		}
		if (send_frames(c) != 0) {
			die(c, "could not write");
			return;
		}
		if ((r = out_flush(c)) < 0) {
			die(c, c->why != NULL ? c->why : "connection reset");
			return;
		}
		check_closed(c);
		if (c->phase != P_OPEN)
			c->want_write = 0;
		if (r == 0 || !c->want_write || conn_choked(c))
			return;	/* the socket's EPOLLOUT brings it back */
	}
	conn_mark(c);	/* fair to the others: more next turn */
}

static void
ws_read(struct conn *c)
{
	if (c->phase != P_OPEN && c->phase != P_CLOSING)
		return;
	if (wslay_event_recv(c->ws) != 0) {
		die(c, c->why != NULL ? c->why : "protocol error");
		return;
	}
	if (c->phase == P_DEAD)
		return;
	/* A pong, the answer to a close, or a close for a bad frame. */
	if (wslay_event_want_write(c->ws) || wslay_event_get_close_received(
	    c->ws))
		conn_mark(c);
}

void
conn_read_again(struct conn *c)
{
	c->want_read = 0;
	ws_read(c);
}

/* --- the server's handshake */

static void
reply_text(struct conn *c, const char *status, const char *extra)
{
	char	buf[256];
	int	n = snprintf(buf, sizeof(buf), "HTTP/1.1 %s\r\n"
		    "Content-Length: 0\r\nConnection: close\r\n%s\r\n", status,
		    extra);

	out_append(c, buf, (size_t)n);
	c->phase = P_REPLY;
	c->deadline = clock_us() + NET_HANDSHAKE_US;
}

/* Reads into hs until the head is whole: 1 whole or failed, 0 wait. */
static int
read_head(struct conn *c)
{
	ssize_t	n;

	if (c->hs == NULL && (c->hs = malloc(HS_MAX)) == NULL)
		abort();
	while (c->hs_len < HS_MAX) {
		n = io_read(c, c->hs + c->hs_len, HS_MAX - c->hs_len);
		if (n == -2)
			return 0;
		if (n <= 0) {
			die(c, c->why != NULL ? c->why : "closed during the"
			    " handshake");
			return 1;
		}
		c->hs_len += (size_t)n;
		if (memmem(c->hs, c->hs_len, "\r\n\r\n", 4) != NULL)
			return 1;
	}
	return 1;	/* too long: the parser says so */
}

static void
server_handshake(struct conn *c)
{
	struct hs_request	 r;
	char			 accept[HS_ACCEPT_LEN], buf[256];
	size_t			 used;
	int			 st, n;

	if (!read_head(c) || c->phase == P_DEAD)
		return;
	if ((st = hs_parse_request(c->hs, c->hs_len, &used, &r)) == 0)
		return;
	if (st < 0 || !r.get) {
		reply_text(c, st < 0 ? "400 Bad Request" :
		    "405 Method Not Allowed", st < 0 ? "" : "Allow: GET\r\n");
		return;
	}
	if (!r.upgrade) {
		c->phase = P_REPLY;
		c->deadline = clock_us() + NET_HANDSHAKE_US;
		c->ops->http(c, r.target);
		return;
	}
	if (!r.version13) {
		reply_text(c, "426 Upgrade Required",
		    "Sec-WebSocket-Version: 13\r\n");
		return;
	}
	hs_accept_key(r.key, accept);
	n = snprintf(buf, sizeof(buf), "HTTP/1.1 101 Switching Protocols\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Accept: %s\r\n\r\n", accept);
	out_append(c, buf, (size_t)n);
	c->early_off = used;
	ws_begin(c);
	c->ops->open(c, r.target);
}

/* --- the client's connection, TLS and handshake */

static void
send_request(struct conn *c, const char *host, int port, const char *target,
    const char *extra)
{
	unsigned char	 nonce[16];
	char		 key[32], buf[2048];
	int		 n;

	randombytes_buf(nonce, sizeof(nonce));
	key[b64_encode(key, nonce, sizeof(nonce))] = '\0';
	hs_accept_key(key, c->accept);
	n = snprintf(buf, sizeof(buf), "GET %s HTTP/1.1\r\nHost: %s:%d\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n"
	    "%s%s\r\n", target, host, port, key, extra != NULL ? extra : "",
	    extra != NULL ? "\r\n" : "");
	if (n >= (int)sizeof(buf))
		n = (int)sizeof(buf) - 1;
	out_append(c, buf, (size_t)n);
}

static void
tls_step(struct conn *c)
{
	int	r = SSL_connect(c->ssl);
	long	v;

	if (r == 1) {
		c->phase = P_HS_CLIENT;
		return;
	}
	if (tls_result(c, r) == -2)
		return;
	if ((v = SSL_get_verify_result(c->ssl)) != X509_V_OK)
		snprintf(c->cert_error, sizeof(c->cert_error), "%s",
		    X509_verify_cert_error_string(v));
	die(c, "TLS handshake failed");
}

/* The TCP connection is made (or failed: then the next address). */
static void
connected(struct conn *c)
{
	int		err = 0;
	socklen_t	len = sizeof(err);

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		err = errno;
	if (err == EINPROGRESS || err == EALREADY)
		return;
	if (err != 0) {
		c->dial->failed = err == ECONNREFUSED ? "connection refused" :
		    "connect failed";
		conn_detach(c);
		(void)dial_next(c);
		return;
	}
	if (conn_start_client(c) != 0)
		die(c, "TLS setup failed");
}

static void
client_handshake(struct conn *c)
{
	size_t	used;
	int	st, r;

	if (out_flush(c) < 0) {
		die(c, "connection reset");
		return;
	}
	if (!read_head(c) || c->phase == P_DEAD)
		return;
	if ((r = hs_parse_response(c->hs, c->hs_len, &used, c->accept,
	    &st)) == 0)
		return;
	if (r < 0) {
		snprintf(c->why_buf, sizeof(c->why_buf), "handshake refused"
		    " (HTTP %d)", st);
		die(c, c->why_buf);
		return;
	}
	c->early_off = used;
	ws_begin(c);
	c->ops->open(c, NULL);
}

/* Over the connection just made: TLS if asked, then the upgrade request. */
int
conn_start_client(struct conn *c)
{
	struct dial	*d = c->dial;
	unsigned char	 ip[16];

	if (d->tls) {
		if ((c->ssl = SSL_new(c->net->tls)) == NULL ||
		    SSL_set_fd(c->ssl, c->fd) != 1)
			return -1;
		/* An address is checked as an address, a name as a name (and sent as SNI). */
		if (inet_pton(AF_INET, d->host, ip) == 1 ||
		    inet_pton(AF_INET6, d->host, ip) == 1) {
			if (X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(c->ssl),
			    d->host) != 1)
				return -1;
		} else if (SSL_set_tlsext_host_name(c->ssl, d->host) != 1 ||
		    SSL_set1_host(c->ssl, d->host) != 1)
			return -1;
		SSL_set_connect_state(c->ssl);
	}
	send_request(c, d->host, d->port, d->target, d->extra);
	c->phase = c->ssl != NULL ? P_TLS : P_HS_CLIENT;
	dial_free(c->dial);
	c->dial = NULL;
	return 0;
}

/* --- the turn's entry points */

void
conn_service(struct conn *c)
{
	enum phase	before;

	do {
		before = c->phase;
		switch (c->phase) {
		case P_RESOLVING:
			break;
		case P_CONNECTING:
			connected(c);
			break;
		case P_TLS:
			tls_step(c);
			break;
		case P_HS_CLIENT:
			client_handshake(c);
			break;
		case P_HS_SERVER:
			server_handshake(c);
			break;
		case P_OPEN:
		case P_CLOSING:
			conn_flush(c);
			ws_read(c);
			break;
		case P_REPLY:
			if (out_flush(c) != 0)
				die(c, "answered");
			break;
		case P_DEAD:
			break;
		}
	} while (c->phase != before && c->phase != P_DEAD);
}

void
conn_mark(struct conn *c)
{
	if (c->marked || c->phase == P_DEAD)
		return;
	c->marked = 1;
	c->mark_next = c->net->marked;
	c->net->marked = c;
}

void
conn_ping(struct conn *c, int64_t now)
{
	struct wslay_event_msg	m = { WSLAY_PING, NULL, 0 };
	int64_t			ping = (int64_t)c->net->ping_secs * 1000000;

	if (c->deadline != 0 && now > c->deadline) {
		die(c, c->phase == P_CLOSING ? "closed" :
		    c->phase == P_RESOLVING ? "name lookup timed out" :
		    "timed out");
		return;
	}
	if (c->phase != P_OPEN)
		return;
	if (now - c->last_rx > 2 * ping + 10000000) {
		die(c, "no answer to pings");
		return;
	}
	if (now - c->last_ping >= ping) {
		c->last_ping = now;
		if (wslay_event_queue_msg(c->ws, &m) == 0)
			conn_mark(c);
	}
}

/* --- what the owner calls */

struct net *
conn_net(struct conn *c)
{
	return c->net;
}

void *
conn_user(struct conn *c)
{
	return c->user;
}

void
conn_set_user(struct conn *c, void *user)
{
	c->user = user;
}

void
conn_set_max_msg(struct conn *c, size_t max)
{
	c->max_msg = max;
}

int
conn_write(struct conn *c, const void *data, size_t len, int binary)
{
	struct wslay_event_msg	m;

	if (c->phase != P_OPEN)
		return -1;
	m.opcode = binary ? WSLAY_BINARY_FRAME : WSLAY_TEXT_FRAME;
	m.msg = data;
	m.msg_length = len;
	if (wslay_event_queue_msg(c->ws, &m) != 0)
		return -1;
	conn_mark(c);
	return 0;
}

int
conn_choked(struct conn *c)
{
	size_t	n = c->out_len - c->out_off;

	if (c->ws != NULL)
		n += wslay_event_get_queued_msg_length(c->ws);
	return n >= NET_OUT_MARK;
}

/* Only an open connection takes more messages: a closing one has said its last. */
void
conn_want_write(struct conn *c)
{
	if (c->phase >= P_CLOSING)
		return;
	c->want_write = 1;
	conn_mark(c);
}

void
conn_pause(struct conn *c, int paused)
{
	if (c->paused == paused)
		return;
	c->paused = paused;
	/* Edge-triggered: what arrived meanwhile brings no new event. */
	if (!paused) {
		c->want_read = 1;
		conn_mark(c);
	}
}

void
conn_close(struct conn *c, int code, const char *why)
{
	if (c->phase != P_OPEN)
		return;
	c->close_code = code;
	snprintf(c->close_why, sizeof(c->close_why), "%s", why != NULL ? why :
	    "");
	c->phase = P_CLOSING;
	conn_end_within(c, NET_FLUSH_US);
	conn_mark(c);
}

void
conn_end_within(struct conn *c, int64_t us)
{
	int64_t	at = clock_us() + us;

	if (c->deadline == 0 || c->deadline > at)
		c->deadline = at;
}

void
conn_kill(struct conn *c, const char *why)
{
	die(c, why);
}

void
conn_http_reply(struct conn *c, int status, const char *type,
    const char *body, size_t len)
{
	char	buf[256];
	int	n = snprintf(buf, sizeof(buf), "HTTP/1.1 %d %s\r\n"
		    "Content-Type: %s\r\nContent-Length: %zu\r\n"
		    "Connection: close\r\n\r\n", status, status == 200 ? "OK" :
		    status == 404 ? "Not Found" : "Service Unavailable", type,
		    len);

	out_append(c, buf, (size_t)n);
	out_append(c, body, len);
	conn_mark(c);
}

const char *
conn_cert_error(struct conn *c)
{
	return c->cert_error[0] != '\0' ? c->cert_error : NULL;
}
