/*
 * net.h: viva-worker's sockets.  One epoll loop, edge-triggered, over the
 * listening socket, the browsers' WebSockets (through nginx), the client
 * WebSockets to the provider (TLS by OpenSSL) and an eventfd that wakes
 * it.  wslay does the framing; net.c the I/O, the handshakes, keepalive
 * pings and timeouts.  Why not libwebsockets: docs/ARCHITECTURE.md.
 *
 * Callbacks never run inside one another's I/O: a message that makes the
 * other side write only marks that side, and the loop writes every marked
 * socket once per turn, in one send where it can.  A connection that
 * fails or is closed is torn down at the end of the turn, where its
 * closed callback runs.
 */
#ifndef VIVA_WORKER_NET_H
#define VIVA_WORKER_NET_H

#include <stddef.h>
#include <stdint.h>

struct net;
struct conn;

struct conn_ops {
	/* Browser: the upgrade request's target; provider: the 101 came. */
	void	(*open)(struct conn *, const char *target);
	/*
	 * One whole message.  too_large: longer than the connection's limit,
	 * and its data (NULL) was dropped; the connection goes on.
	 */
	void	(*message)(struct conn *, int binary, const unsigned char *,
		    size_t, int too_large);
	/* There is room to write (conn_want_write asked). */
	void	(*writable)(struct conn *);
	/* The socket is gone (why, in words); the conn is freed after. */
	void	(*closed)(struct conn *, const char *why);
	/* A plain HTTP request (not an upgrade), for the listening side. */
	void	(*http)(struct conn *, const char *target);
};

/* How long a closing connection may take to write its last (conn_end_within). */
#define NET_FLUSH_US	10000000LL

/* Output bytes held for a socket before a writer should wait. */
#define NET_OUT_MARK	(16 * 1024)

struct net	*net_new(int port, const struct conn_ops *browser_ops,
		    int ping_secs, const char *ca_file, void *user);
void		 net_free(struct net *);
void		*net_user(struct net *);
/* strdup, NULL for NULL; out of memory aborts, as the loop's other allocations do. */
char		*net_strdup(const char *);
/* Waits for events (at most timeout_ms) and handles them; -1 on a failed wait. */
int		 net_turn(struct net *, int timeout_ms);
/* From any thread or a signal handler: wakes the loop. */
void		 net_wake(struct net *);
/* Pings, timeouts: call about once a second. */
void		 net_tick(struct net *, int64_t now_us);

/*
 * A client WebSocket to host:port (TLS when tls), GET target, with the
 * header line extra ("Name: value", or NULL).  The result comes later:
 * open, or closed with why.  NULL only when no socket could be made.
 */
struct conn	*net_connect(struct net *, const char *host, int port, int tls,
		    const char *target, const char *extra,
		    const struct conn_ops *, void *user, size_t max_msg);

struct net	*conn_net(struct conn *);
void		*conn_user(struct conn *);
void		 conn_set_user(struct conn *, void *);
void		 conn_set_max_msg(struct conn *, size_t);
/* Queues one message; -1 when the connection no longer takes any. */
int		 conn_write(struct conn *, const void *, size_t, int binary);
/* Whether NET_OUT_MARK bytes or more wait to be written. */
int		 conn_choked(struct conn *);
/* Calls writable() this turn, or once the socket has room. */
void		 conn_want_write(struct conn *);
/* Stops or resumes reading (backpressure). */
void		 conn_pause(struct conn *, int paused);
/* Sends what is queued, then a close frame (code, why); then the socket goes. */
void		 conn_close(struct conn *, int code, const char *why);
/*
 * The connection goes within us microseconds, whatever is left to write:
 * for a session that closes while its reader does not read.
 */
void		 conn_end_within(struct conn *, int64_t us);
/* Drops the connection now, without a close frame. */
void		 conn_kill(struct conn *, const char *why);
/* An HTTP answer to the request http() got; the socket closes after it. */
void		 conn_http_reply(struct conn *, int status, const char *type,
		    const char *body, size_t len);
/* Why OpenSSL refused the peer's certificate, or NULL. */
const char	*conn_cert_error(struct conn *);

#endif
