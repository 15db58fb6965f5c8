/*
 * fragcache.h: a process's cache of rendered page fragments, each under a key
 * and the version of the data it was rendered from.
 *
 * A fragment is only as good as its version: the caller reads the version in
 * the same query as the rest of the page (so from the same snapshot) and a
 * lookup with any other version misses.  Nothing is ever invalidated; an
 * entry is simply not found again and ages out.
 */
#ifndef VIVA_FRAGCACHE_H
#define VIVA_FRAGCACHE_H

#include <stddef.h>

#define FRAGCACHE_ENTRIES	16
#define FRAGCACHE_MAX_BYTES	(256 * 1024)	/* larger fragments are not kept */

struct fragment {
	const char	*p;	/* valid until the next fragcache_put */
	size_t		 len;
	long long	 aux;	/* a number the caller keeps with it */
};

/* 1 and *out filled if key is cached at exactly this version, else 0. */
int	fragcache_get(long long key, const char *version, struct fragment *out);
/* Keeps a copy, replacing the key's older version or the least recently used entry. */
void	fragcache_put(long long key, const char *version, const char *p,
	    size_t len, long long aux);
/* Empties the cache (tests; a process that wants its memory back). */
void	fragcache_clear(void);

#endif
