/*
 * dial.c: client connections (to the provider) from a host name to an
 * open socket, without blocking the loop: the name is looked up on the
 * resolver's thread (resolve.h), then each of its addresses is tried in
 * turn until one connects (an IPv6 address first that nothing listens on
 * does not keep a session from the IPv4 one).  The whole way is bounded
 * by the connection's handshake deadline (NET_HANDSHAKE_US).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net_priv.h"

void
dial_free(struct dial *d)
{
	if (d == NULL)
		return;
	/* A lookup still under way is the resolver's to free when it ends. */
	if (d->lookup != NULL) {
		if (d->answered)
			lookup_free(d->lookup);
		else
			lookup_forget(d->lookup);
	}
	free(d->host);
	free(d->target);
	free(d->extra);
	free(d);
}

struct conn *
net_connect(struct net *n, const char *host, int port, int tls,
    const char *target, const char *extra, const struct conn_ops *ops,
    void *user, size_t max_msg)
{
	struct conn	*c;
	struct dial	*d;

	if ((c = conn_new(n, -1, 1)) == NULL)
		return NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		abort();
	d->host = net_strdup(host);
	d->target = net_strdup(target);
	d->extra = net_strdup(extra);
	d->port = port;
	d->tls = tls;
	d->failed = "connect failed";
	c->dial = d;
	c->ops = ops;
	c->user = user;
	c->max_msg = max_msg;
	c->phase = P_RESOLVING;
	d->lookup = resolver_ask(n->resolver, host, port, c);
	return c;
}

/*
 * Connects c to its next address; on to the one after while a socket
 * cannot even be started.  0 under way; -1 when none is left (c is dead).
 */
int
dial_next(struct conn *c)
{
	struct dial		*d = c->dial;
	const struct addrinfo	*a;
	int			 fd;

	while ((a = d->next) != NULL) {
		d->next = a->ai_next;
		if ((fd = socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK |
		    SOCK_CLOEXEC, 0)) < 0)
			continue;
		if (conn_attach(c, fd) != 0) {
			close(fd);
			continue;
		}
		c->phase = P_CONNECTING;
		if (connect(fd, a->ai_addr, a->ai_addrlen) == 0 ||
		    errno == EINPROGRESS)
			return 0;	/* its EPOLLOUT says how it went */
		d->failed = errno == ECONNREFUSED ? "connection refused" :
		    "connect failed";
		conn_detach(c);
	}
	conn_kill(c, d->failed);
	return -1;
}

/* Each lookup that came back: on to the addresses, or the why of none. */
void
dial_resolved(struct net *n)
{
	const struct addrinfo	*addrs;
	const char		*why;
	struct lookup		*l;
	struct conn		*c;
	void			*owner;

	while ((l = resolver_done(n->resolver, &owner, &addrs, &why)) != NULL) {
		c = owner;
		c->dial->answered = 1;
		if (c->phase != P_RESOLVING)
			continue;	/* killed meanwhile: freed at the turn's end */
		if (addrs == NULL) {
			snprintf(c->why_buf, sizeof(c->why_buf),
			    "name not resolved: %s", why);
			conn_kill(c, c->why_buf);
			continue;
		}
		c->dial->next = addrs;
		(void)dial_next(c);
	}
}
