/* fragcache.c: a small LRU of rendered fragments, per process (fragcache.h). */
#include <stdlib.h>
#include <string.h>

#include "fragcache.h"

struct entry {
	long long	 key;
	char		*version;	/* NULL: the slot is free */
	char		*p;
	size_t		 len;
	long long	 aux;
	unsigned long	 used;		/* tick of the last get or put */
};

static struct entry	cache[FRAGCACHE_ENTRIES];
static unsigned long	tick;

static void
drop(struct entry *e)
{
	free(e->version);
	free(e->p);
	memset(e, 0, sizeof(*e));
}

static struct entry *
find(long long key)
{
	size_t	i;

	for (i = 0; i < FRAGCACHE_ENTRIES; i++)
		if (cache[i].version != NULL && cache[i].key == key)
			return &cache[i];
	return NULL;
}

int
fragcache_get(long long key, const char *version, struct fragment *out)
{
	struct entry	*e = find(key);

	if (e == NULL || version == NULL || strcmp(e->version, version) != 0)
		return 0;
	e->used = ++tick;
	out->p = e->p;
	out->len = e->len;
	out->aux = e->aux;
	return 1;
}

/* The key's own slot, else a free one, else the least recently used. */
static struct entry *
slot_for(long long key)
{
	struct entry	*e = find(key), *lru = &cache[0];
	size_t		 i;

	if (e != NULL)
		return e;
	for (i = 0; i < FRAGCACHE_ENTRIES; i++) {
		if (cache[i].version == NULL)
			return &cache[i];
		if (cache[i].used < lru->used)
			lru = &cache[i];
	}
	return lru;
}

void
fragcache_put(long long key, const char *version, const char *p, size_t len,
    long long aux)
{
	struct entry	*e;

	if (version == NULL)
		return;
	e = slot_for(key);
	drop(e);
	if (len > FRAGCACHE_MAX_BYTES)
		return;	/* the key's old version is gone all the same */
	/* Out of memory only means not caching: the page renders anyway. */
	if ((e->version = strdup(version)) == NULL ||
	    (e->p = malloc(len + 1)) == NULL) {
		drop(e);
		return;
	}
	memcpy(e->p, p, len);
	e->p[len] = '\0';
	e->key = key;
	e->len = len;
	e->aux = aux;
	e->used = ++tick;
}

void
fragcache_clear(void)
{
	size_t	i;

	for (i = 0; i < FRAGCACHE_ENTRIES; i++)
		drop(&cache[i]);
}
