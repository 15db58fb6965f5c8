/*
 * snapshot.c: the candidate page's interview copies (see snapshot.h).
 *
 * The page is one query and a cached conversation; that query's round trip
 * to PostgreSQL was half of the page's cost at 64 connections (6.0k against
 * 12-14k requests a second without it, docs/ARCHITECTURE.md).  Marks are a
 * table of times shared by the pool, one per interview id modulo MARKS: two
 * interviews sharing a place only cost each other a copy.
 */
#include <sys/mman.h>

#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/clock.h"
#include "snapshot.h"

#define MARKS		4096
#define COOKIE_MAX	128

struct entry {
	char		 cookie[COOKIE_MAX];	/* "": empty */
	struct arena	*a;
	struct interview iv;
	const char	*csrf;
	int64_t		 read_us;
};

static int64_t		*marks;		/* shared: when each place was last written */
static struct entry	 entries[SNAPSHOT_ENTRIES];

int
snapshot_init(void)
{
	void	*p;

	p = mmap(NULL, MARKS * sizeof(*marks), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	marks = p;
	return 0;
}

static int64_t *
mark_of(long long id)
{
	return &marks[(unsigned long long)id % MARKS];
}

void
snapshot_mark(long long interview_id)
{
	if (marks != NULL)
		__atomic_store_n(mark_of(interview_id), clock_us(),
		    __ATOMIC_SEQ_CST);
}

static struct entry *
entry_of(const char *cookie)
{
	uint32_t	h = 2166136261u;	/* FNV-1a */
	const char	*p;

	for (p = cookie; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &entries[h % SNAPSHOT_ENTRIES];
}

int
snapshot_get(const char *cookie, struct interview *iv, const char **csrf)
{
	struct entry	*e = entry_of(cookie);
	int64_t		 now = clock_us(), age = now - e->read_us;
	long long	 left;

	if (marks == NULL || strcmp(e->cookie, cookie) != 0 ||
	    age >= SNAPSHOT_MAX_AGE_MS * 1000LL ||
	    __atomic_load_n(mark_of(e->iv.id), __ATOMIC_SEQ_CST) >= e->read_us)
		return 0;
	*iv = e->iv;
	if (strcmp(iv->status, "active") == 0) {
		/* Near the end, let the database's clock end it. */
		if ((left = iv->time_left_s - age / 1000000) <= 1)
			return 0;
		iv->time_left_s = left;
	}
	*csrf = e->csrf;
	return 1;
}

struct arena *
snapshot_fill(const char *cookie)
{
	struct entry	*e = entry_of(cookie);

	if (marks == NULL || strlen(cookie) >= COOKIE_MAX)
		return NULL;
	e->cookie[0] = '\0';
	if (e->a == NULL)
		e->a = arena_new();
	else
		arena_reset(e->a);
	/* Read after this instant: a mark made since makes the copy stale. */
	e->read_us = clock_us();
	return e->a;
}

void
snapshot_keep(const char *cookie, const struct interview *iv,
    const char *csrf)
{
	struct entry	*e = entry_of(cookie);

	memcpy(e->cookie, cookie, strlen(cookie) + 1);
	e->iv = *iv;
	e->csrf = csrf;
}
