/*
 * resolve.h: host names looked up off the event loop.  getaddrinfo blocks
 * for as long as the system's resolver takes (seconds when a name server
 * is slow or gone), and on the loop that would hold every session's audio;
 * so one thread, started before the sandbox, runs the lookups in order and
 * hands each back through the loop's wake-up (net_wake).
 */
#ifndef VIVA_WORKER_RESOLVE_H
#define VIVA_WORKER_RESOLVE_H

#include <netdb.h>

struct resolver;
struct lookup;

/* wake(arg) runs on the resolver's thread after each lookup ends. */
struct resolver	*resolver_new(void (*wake)(void *), void *arg);
/* Stops the thread (after the lookup under way) and frees what is left. */
void		 resolver_free(struct resolver *);

/* Asks for host:port's stream addresses; owner comes back with the answer. */
struct lookup	*resolver_ask(struct resolver *, const char *host, int port,
		    void *owner);
/* The owner no longer wants the answer (it is freed when it comes). */
void		 lookup_forget(struct lookup *);
/*
 * A finished lookup still wanted, or NULL: its owner and its addresses
 * (NULL when none; *why says why in words).  Loop thread only; the caller
 * frees it with lookup_free, which frees the addresses too.
 */
struct lookup	*resolver_done(struct resolver *, void **owner,
		    const struct addrinfo **addrs, const char **why);
void		 lookup_free(struct lookup *);

#endif
