/*
 * resolve.c: getaddrinfo on a thread of its own (see resolve.h).  The
 * thread reads only a lookup's host and service and writes only its
 * answer; owner and forgotten belong to the loop thread.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"

struct lookup {
	struct lookup	*next;
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
	struct lookup	*asked, *asked_tail;
	struct lookup	*done, *done_tail;
	int		 stopping;
};

static void
append(struct lookup **head, struct lookup **tail, struct lookup *l)
{
	l->next = NULL;
	if (*tail != NULL)
		(*tail)->next = l;
	else
		*head = l;
	*tail = l;
}

static struct lookup *
take(struct lookup **head, struct lookup **tail)
{
	struct lookup	*l = *head;

	if (l != NULL && (*head = l->next) == NULL)
		*tail = NULL;
	return l;
}

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
		while (!r->stopping && r->asked == NULL)
			pthread_cond_wait(&r->cv, &r->mu);
		if (r->stopping)
			break;
		l = take(&r->asked, &r->asked_tail);
		pthread_mutex_unlock(&r->mu);
		look_up(l);
		pthread_mutex_lock(&r->mu);
		append(&r->done, &r->done_tail, l);
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
free_list(struct lookup *l)
{
	struct lookup	*next;

	for (; l != NULL; l = next) {
		next = l->next;
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
	free_list(r->asked);
	free_list(r->done);
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
	append(&r->asked, &r->asked_tail, l);
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
		l = take(&r->done, &r->done_tail);
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
