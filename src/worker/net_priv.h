/* net_priv.h: what net.c (the loop) and conn.c (one connection) share. */
#ifndef VIVA_WORKER_NET_PRIV_H
#define VIVA_WORKER_NET_PRIV_H

#include <netdb.h>
#include <openssl/ssl.h>
#include <wslay/wslay.h>

#include "net.h"
#include "resolve.h"

/*
 * How long a connection may take to become a WebSocket, and once its close
 * frame is out, to hear the peer's (NET_FLUSH_US, in net.h, bounds the
 * writing before it).
 */
#define NET_HANDSHAKE_US	20000000LL
#define NET_CLOSE_US		2000000LL

enum phase {
	P_RESOLVING,	/* client: the host's addresses are being looked up */
	P_CONNECTING,	/* client: TCP connect under way */
	P_TLS,		/* client: TLS handshake */
	P_HS_CLIENT,	/* client: request sent, waiting for the 101 */
	P_HS_SERVER,	/* server: reading the request */
	P_OPEN,		/* WebSocket messages both ways */
	P_CLOSING,	/* close frame queued or sent: waiting for the peer's */
	P_REPLY,	/* a plain HTTP answer is going out; then closed */
	P_DEAD		/* torn down at the end of the turn */
};

enum kind { K_LISTEN, K_WAKE, K_CONN };

/* A client connection's way there, kept until the TCP connection is made. */
struct dial {
	char			*host, *target, *extra;
	int			 port, tls;
	struct lookup		*lookup;	/* resolve.h */
	int			 answered;	/* lookup came back: ours to free */
	const struct addrinfo	*next;		/* the address to try next */
	const char		*failed;	/* why the last address failed */
};

struct conn {
	enum kind		 kind;		/* first: epoll's data points here */
	struct net		*net;
	struct conn		*prev, *next;	/* every connection */
	struct conn		*mark_next;	/* the turn's marked list */
	struct conn		*dead_next;	/* the turn's dead list */
	int			 marked;
	const struct conn_ops	*ops;
	void			*user;
	int			 fd;
	enum phase		 phase;
	int			 client;
	struct dial		*dial;		/* client, until connected */
	SSL			*ssl;
	wslay_event_context_ptr	 ws;
	size_t			 max_msg;
	/* The handshake's text, and the bytes after it (frames, already read). */
	char			*hs;
	size_t			 hs_len, early_off;
	char			 accept[32];	/* client: the answer expected */
	/* Output: frames wslay made, then written in as few sends as fit. */
	unsigned char		*out;
	size_t			 out_len, out_off, out_cap;
	/* Input: one message assembled from its frames. */
	unsigned char		*rx;
	size_t			 rx_len;
	int			 rx_binary, rx_too_large;
	int			 paused, want_write, want_read;
	int64_t			 deadline, last_rx, last_ping;
	const char		*why;		/* why it died */
	char			 cert_error[128];
	char			 why_buf[64];
	/* A close asked for, sent once the messages queued before it are. */
	int			 close_code, close_flushed;
	char			 close_why[124];
};

struct net {
	enum kind		 kind_listen;	/* epoll data for the listener */
	enum kind		 kind_wake;	/* and for the eventfd */
	int			 ep, lfd, wfd;
	const struct conn_ops	*browser_ops;
	void			*user;
	int			 ping_secs;
	SSL_CTX			*tls;
	struct resolver		*resolver;
	struct conn		*conns;
	struct conn		*marked;	/* to write, or to read again */
	struct conn		*dead;		/* to tear down */
};

/* conn.c */
/* fd -1: none yet (a client being dialled); conn_attach gives it one. */
struct conn	*conn_new(struct net *, int fd, int client);
int		 conn_attach(struct conn *, int fd);
void		 conn_detach(struct conn *);
void		 conn_free(struct conn *);
void		 conn_service(struct conn *);
void		 conn_mark(struct conn *);
void		 conn_flush(struct conn *);
void		 conn_read_again(struct conn *);
int		 conn_start_client(struct conn *);
void		 conn_ping(struct conn *, int64_t now);

/* net.c */
void		 net_buried(struct conn *);

/* dial.c */
void		 dial_resolved(struct net *);
int		 dial_next(struct conn *);
void		 dial_free(struct dial *);

#endif
