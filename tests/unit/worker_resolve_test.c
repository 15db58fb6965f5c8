/*
 * worker_resolve_test.c: the worker's lookups off its loop (resolve.c).
 * An address comes back with its owner and its port; a name that cannot
 * be one comes back with why; a lookup forgotten while under way, and
 * lookups still queued when the resolver stops, are freed (LeakSanitizer
 * sees to that under make test-asan).  Names from /etc/hosts and
 * addresses only: no name server is asked.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "worker/resolve.h"

static pthread_mutex_t	mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	cv = PTHREAD_COND_INITIALIZER;
static int		woken;

static void
wake(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&mu);
	woken++;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}

/* Waits (up to 5 s) until the resolver has woken the "loop" n times in all. */
static void
wait_woken(int n)
{
	struct timespec	until;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	pthread_mutex_lock(&mu);
	while (woken < n && pthread_cond_timedwait(&cv, &mu, &until) == 0)
		;
	assert_true(woken >= n);
	pthread_mutex_unlock(&mu);
}

static void
test_an_address_comes_back_with_its_owner_and_port(void **state)
{
	struct resolver		*r = resolver_new(wake, NULL);
	const struct addrinfo	*a = NULL;
	const struct sockaddr_in *sin;
	const char		*why = "unset";
	struct lookup		*l;
	void			*owner = NULL;
	int			 mine, before = woken;

	(void)state;
	assert_non_null(r);
	(void)resolver_ask(r, "127.0.0.1", 8443, &mine);
	wait_woken(before + 1);
	l = resolver_done(r, &owner, &a, &why);
	assert_non_null(l);
	assert_ptr_equal(owner, &mine);
	assert_null(why);
	assert_non_null(a);
	assert_int_equal(a->ai_family, AF_INET);
	assert_int_equal(a->ai_socktype, SOCK_STREAM);
	sin = (const struct sockaddr_in *)a->ai_addr;
	assert_int_equal(ntohs(sin->sin_port), 8443);
	assert_int_equal(ntohl(sin->sin_addr.s_addr), INADDR_LOOPBACK);
	lookup_free(l);
	assert_null(resolver_done(r, &owner, &a, &why));
	resolver_free(r);
}

static void
test_a_name_that_cannot_be_one_comes_back_with_why(void **state)
{
	struct resolver		*r = resolver_new(wake, NULL);
	const struct addrinfo	*a = (const struct addrinfo *)1;
	const char		*why = NULL;
	struct lookup		*l;
	void			*owner = NULL;
	int			 before = woken;

	(void)state;
	/* Empty: refused by the C library itself, before any name server. */
	(void)resolver_ask(r, "", 443, r);
	wait_woken(before + 1);
	assert_non_null(l = resolver_done(r, &owner, &a, &why));
	assert_ptr_equal(owner, r);
	assert_null(a);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	lookup_free(l);
	resolver_free(r);
}

/* Answers come in the order asked; a forgotten one is freed, not handed back. */
static void
test_a_forgotten_lookup_is_freed_and_the_others_come_in_order(void **state)
{
	struct resolver		*r = resolver_new(wake, NULL);
	const struct addrinfo	*a;
	const char		*why;
	struct lookup		*l;
	void			*owner;
	int			 first, second, third, before = woken;

	(void)state;
	(void)resolver_ask(r, "localhost", 1, &first);
	lookup_forget(resolver_ask(r, "127.0.0.1", 2, &second));
	(void)resolver_ask(r, "127.0.0.1", 3, &third);
	wait_woken(before + 3);
	assert_non_null(l = resolver_done(r, &owner, &a, &why));
	assert_ptr_equal(owner, &first);
	lookup_free(l);
	assert_non_null(l = resolver_done(r, &owner, &a, &why));
	assert_ptr_equal(owner, &third);
	assert_int_equal(ntohs(((const struct sockaddr_in *)a->ai_addr)->sin_port),
	    3);
	lookup_free(l);
	assert_null(resolver_done(r, &owner, &a, &why));
	resolver_free(r);
}

/* Stopped with lookups queued and answered but not collected: all freed. */
static void
test_stopping_frees_what_was_left(void **state)
{
	struct resolver	*r = resolver_new(wake, NULL);
	int		 i, owner;

	(void)state;
	for (i = 0; i < 50; i++)
		(void)resolver_ask(r, "127.0.0.1", 1000 + i, &owner);
	resolver_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_address_comes_back_with_its_owner_and_port),
		cmocka_unit_test(test_a_name_that_cannot_be_one_comes_back_with_why),
		cmocka_unit_test(test_a_forgotten_lookup_is_freed_and_the_others_come_in_order),
		cmocka_unit_test(test_stopping_frees_what_was_left),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
