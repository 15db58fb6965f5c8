/*
 * net.c: the worker's event loop (see net.h): epoll over every socket, the
 * listener's accepts, the wake-up eventfd, and the end of each turn, where
 * marked connections write and dead ones are torn down.
 */
#include <errno.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lib/clock.h"
#include "net_priv.h"

#define EVENTS_PER_WAIT	256
/* Events handled before their writes go out (see net_turn). */
#ifndef WRITE_EVERY
#define WRITE_EVERY	16
#endif

static void	settle(struct net *);

static int
listen_on(int port)
{
	struct sockaddr_in	sa;
	int			fd, one = 1;

	if ((fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    0)) < 0)
		return -1;
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);	/* nginx in front, never the network */
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    listen(fd, 1024) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The provider's certificate is checked against the system's CAs, and ca_file beside them. */
static SSL_CTX *
tls_context(const char *ca_file)
{
	SSL_CTX	*t = SSL_CTX_new(TLS_client_method());

	if (t == NULL)
		return NULL;
	SSL_CTX_set_verify(t, SSL_VERIFY_PEER, NULL);
	SSL_CTX_set_min_proto_version(t, TLS1_2_VERSION);
	SSL_CTX_set_mode(t, SSL_MODE_ENABLE_PARTIAL_WRITE |
	    SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
	if (SSL_CTX_set_default_verify_paths(t) != 1 || (ca_file != NULL &&
	    *ca_file != '\0' && SSL_CTX_load_verify_locations(t, ca_file,
	    NULL) != 1)) {
		SSL_CTX_free(t);
		return NULL;
	}
	return t;
}

static int
watch(struct net *n, int fd, enum kind *k)
{
	struct epoll_event	ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLET;
	ev.data.ptr = k;
	return epoll_ctl(n->ep, EPOLL_CTL_ADD, fd, &ev);
}

/* The resolver's thread, when a lookup ends. */
static void
wake_loop(void *n)
{
	net_wake(n);
}

struct net *
net_new(int port, const struct conn_ops *browser_ops, int ping_secs,
    const char *ca_file, void *user)
{
	struct net	*n;

	if ((n = calloc(1, sizeof(*n))) == NULL)
		abort();
	n->kind_listen = K_LISTEN;
	n->kind_wake = K_WAKE;
	n->browser_ops = browser_ops;
	n->ping_secs = ping_secs;
	n->user = user;
	n->lfd = n->wfd = -1;
	if ((n->ep = epoll_create1(EPOLL_CLOEXEC)) < 0 ||
	    (n->lfd = listen_on(port)) < 0 ||
	    (n->wfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) < 0 ||
	    watch(n, n->lfd, &n->kind_listen) != 0 ||
	    watch(n, n->wfd, &n->kind_wake) != 0 ||
	    (n->tls = tls_context(ca_file)) == NULL ||
	    (n->resolver = resolver_new(wake_loop, n)) == NULL) {
		ERR_clear_error();
		net_free(n);
		return NULL;
	}
	return n;
}

/* Every connection still open hears its closed callback, as at any end. */
void
net_free(struct net *n)
{
	struct conn	*c;

	for (c = n->conns; c != NULL; c = c->next)
		conn_kill(c, "worker stopping");
	settle(n);
	resolver_free(n->resolver);
	if (n->tls != NULL)
		SSL_CTX_free(n->tls);
	if (n->lfd >= 0)
		close(n->lfd);
	if (n->wfd >= 0)
		close(n->wfd);
	if (n->ep >= 0)
		close(n->ep);
	free(n);
}

void *
net_user(struct net *n)
{
	return n->user;
}

void
net_wake(struct net *n)
{
	uint64_t	one = 1;

	(void)!write(n->wfd, &one, sizeof(one));
}

void
net_buried(struct conn *c)
{
	c->dead_next = c->net->dead;
	c->net->dead = c;
}

/*
 * Audio toward a browser that stops reading waits in the worker's queue
 * (bounded) and in the sockets on the way, whose buffers the kernel grows
 * to megabytes on loopback: seconds of stale audio, and megabytes of kernel
 * memory per stalled tab.  A fixed buffer (the kernel doubles it) holds
 * about 5 s of 24 kHz PCM16, which bursts need, and no more.
 */
static void
limit_send_buffer(int fd)
{
	int	size = 256 * 1024;

	(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof(size));
}

static void
accept_all(struct net *n)
{
	struct conn	*c;
	int		 fd;

	while ((fd = accept4(n->lfd, NULL, NULL, SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) >= 0) {
		if ((c = conn_new(n, fd, 0)) == NULL)
			continue;
		limit_send_buffer(fd);
		c->ops = n->browser_ops;
		c->phase = P_HS_SERVER;
		conn_service(c);	/* the request may be here already */
	}
}

char *
net_strdup(const char *s)
{
	char	*d;

	if (s == NULL)
		return NULL;
	if ((d = strdup(s)) == NULL)
		abort();
	return d;
}

/* A conn torn down while still marked leaves the marked list first. */
static void
unmark(struct net *n, struct conn *c)
{
	struct conn	**p;

	for (p = &n->marked; *p != NULL; p = &(*p)->mark_next)
		if (*p == c) {
			*p = c->mark_next;
			return;
		}
}

/* Marked connections write (and read again, once resumed), until none is marked. */
static void
write_marked(struct net *n)
{
	struct conn	*c;

	while ((c = n->marked) != NULL) {
		n->marked = c->mark_next;
		c->marked = 0;
		if (c->phase == P_DEAD)
			continue;
		if (c->want_read)
			conn_read_again(c);
		conn_flush(c);
	}
}

/*
 * The end of a turn: marked connections write; dead ones hear their
 * closed callback and go.  Either may mark or kill others, so round again
 * until both lists are empty.
 */
static void
settle(struct net *n)
{
	struct conn	*c;

	while (n->marked != NULL || n->dead != NULL) {
		write_marked(n);
		while ((c = n->dead) != NULL) {
			n->dead = c->dead_next;
			if (c->marked)
				unmark(n, c);
			if (c->ops != NULL && c->ops->closed != NULL)
				c->ops->closed(c, c->why != NULL ? c->why :
				    "closed");
			conn_free(c);
		}
	}
}

int
net_turn(struct net *n, int timeout_ms)
{
	struct epoll_event	 evs[EVENTS_PER_WAIT];
	enum kind		*k;
	uint64_t		 v;
	int			 i, nev;

	settle(n);
	if ((nev = epoll_wait(n->ep, evs, EVENTS_PER_WAIT, timeout_ms)) < 0)
		return errno == EINTR ? 0 : -1;
	for (i = 0; i < nev; i++) {
		k = evs[i].data.ptr;
		if (*k == K_LISTEN)
			accept_all(n);
		else if (*k == K_WAKE) {
			(void)!read(n->wfd, &v, sizeof(v));
			dial_resolved(n);
		}
		else
			conn_service((struct conn *)k);
		/*
		 * What the events so far made goes out now, not after all
		 * of them: a loaded worker gets hundreds of events a wait,
		 * and each frame would wait for every one after it (p50
		 * added 2.5 ms at 500 sessions).  Dead connections go only
		 * at the end: a later event may still point at one.
		 */
		if (i % WRITE_EVERY == WRITE_EVERY - 1)
			write_marked(n);
	}
	settle(n);
	return 0;
}

void
net_tick(struct net *n, int64_t now)
{
	struct conn	*c;

	for (c = n->conns; c != NULL; c = c->next)
		if (c->phase != P_DEAD)
			conn_ping(c, now);
}
