/*
 * resolve.c: getaddrinfo on a thread of its own (see resolve.h).  The
 * thread reads only a lookup's host and service and writes only its
 * answer; owner and forgotten belong to the loop thread.
 */
#include <sys/queue.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"

struct lookup {
	STAILQ_ENTRY(lookup) next;
	char		*host;
	char		 service[16];
	void		*owner;
	int		 forgotten;
	struct addrinfo	*res;
	int		 err;
};

struct resolver {
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	pthread_t	 th;
	void		(*wake)(void *);
	void		*arg;
	STAILQ_HEAD(lookups, lookup) asked, done;	/* FIFOs under mu */
	int		 stopping;
};

static void
look_up(struct lookup *l)
{
	struct addrinfo	hints;

	memset(&hints, 0, sizeof(hints));
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICSERV;
	l->err = getaddrinfo(l->host, l->service, &hints, &l->res);
	if (l->err == 0 && l->res == NULL)
		l->err = EAI_NONAME;
}

static void *
run(void *arg)
{
	struct resolver	*r = arg;
	struct lookup	*l;

	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (!r->stopping && STAILQ_EMPTY(&r->asked))
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stopping)
			break;
		l = STAILQ_FIRST(&r->asked);
		STAILQ_REMOVE_HEAD(&r->asked, next);
		pthread_mutex_unlock(&r->mu);
		look_up(l);
		pthread_mutex_lock(&r->mu);
		STAILQ_INSERT_TAIL(&r->done, l, next);
		r->wake(r->arg);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

struct resolver *
resolver_new(void (*wake)(void *), void *arg)
{
	struct resolver	*r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		abort();
	r->wake = wake;
	r->arg = arg;
	STAILQ_INIT(&r->asked);
	STAILQ_INIT(&r->done);
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->cv, NULL);
	if (pthread_create(&r->th, NULL, run, r) != 0) {
		pthread_cond_destroy(&r->cv);
		pthread_mutex_destroy(&r->mu);
		free(r);
		return NULL;
	}
	return r;
}

void
lookup_free(struct lookup *l)
{
	if (l == NULL)
		return;
	if (l->res != NULL)
		freeaddrinfo(l->res);
	free(l->host);
	free(l);
}

static void
free_list(struct lookups *list)
{
	struct lookup	*l;

	while ((l = STAILQ_FIRST(list)) != NULL) {
		STAILQ_REMOVE_HEAD(list, next);
		lookup_free(l);
	}
}

void
resolver_free(struct resolver *r)
{
	if (r == NULL)
		return;
	pthread_mutex_lock(&r->mu);
	r->stopping = 1;
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	pthread_join(r->th, NULL);
	free_list(&r->asked);
	free_list(&r->done);
	pthread_cond_destroy(&r->cv);
	pthread_mutex_destroy(&r->mu);
	free(r);
}

struct lookup *
resolver_ask(struct resolver *r, const char *host, int port, void *owner)
{
	struct lookup	*l;

	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (l->host = strdup(host)) == NULL)
		abort();
	snprintf(l->service, sizeof(l->service), "%d", port);
	l->owner = owner;
	pthread_mutex_lock(&r->mu);
	STAILQ_INSERT_TAIL(&r->asked, l, next);
	pthread_cond_signal(&r->cv);
	pthread_mutex_unlock(&r->mu);
	return l;
}

void
lookup_forget(struct lookup *l)
{
	l->forgotten = 1;
}

struct lookup *
resolver_done(struct resolver *r, void **owner, const struct addrinfo **addrs,
    const char **why)
{
	struct lookup	*l;

	for (;;) {
		pthread_mutex_lock(&r->mu);
		if ((l = STAILQ_FIRST(&r->done)) != NULL)
			STAILQ_REMOVE_HEAD(&r->done, next);
		pthread_mutex_unlock(&r->mu);
		if (l == NULL || !l->forgotten)
			break;
		lookup_free(l);
	}
	if (l == NULL)
		return NULL;
	*owner = l->owner;
	*addrs = l->res;
	*why = l->err == 0 ? NULL : gai_strerror(l->err);
	return l;
}
