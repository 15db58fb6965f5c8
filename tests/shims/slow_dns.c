/*
 * slow_dns.c: an LD_PRELOAD shim for worker_test.  getaddrinfo of the name
 * "slow-dns.test" takes SLOW_DNS_MS (default 1500) milliseconds and then
 * answers 127.0.0.1, as a slow name server would; every other name goes to
 * the C library's own getaddrinfo.  Never built into the product.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int	(*gai_fn)(const char *, const char *, const struct addrinfo *,
		    struct addrinfo **);

int
getaddrinfo(const char *node, const char *service,
    const struct addrinfo *hints, struct addrinfo **res)
{
	static gai_fn	 real;
	const char	*env = getenv("SLOW_DNS_MS");
	long		 ms = env != NULL ? atol(env) : 1500;
	struct timespec	 ts = { ms / 1000, (ms % 1000) * 1000000 };

	if (real == NULL)
		real = (gai_fn)dlsym(RTLD_NEXT, "getaddrinfo");
	if (node != NULL && strcmp(node, "slow-dns.test") == 0) {
		nanosleep(&ts, NULL);
		node = "127.0.0.1";
	}
	return real(node, service, hints, res);
}
