/*
 * snapshot.h: a process's short-lived copy of a candidate's interview, so
 * that the candidate's page, reloaded by its own refresh or by a crowd of
 * candidates, need not ask PostgreSQL each time.
 *
 * A copy is served for at most SNAPSHOT_MAX_AGE_MS after it was read, and
 * never after any pool process marked its interview as written to: every
 * POST that loads an interview (the candidate's sends, starts and answers,
 * the interviewer's controls) marks it in memory shared by the pool, when it
 * starts and again before its response goes out.  So people see their own
 * writes at once; a write from outside the pool (viva-worker, viva jobs, a
 * hand-made UPDATE) shows within SNAPSHOT_MAX_AGE_MS.
 */
#ifndef VIVA_SNAPSHOT_H
#define VIVA_SNAPSHOT_H

#include "core/interview.h"

#define SNAPSHOT_MAX_AGE_MS	1000
#define SNAPSHOT_ENTRIES	32

struct arena;

/* Maps the marks shared by the pool; before it forks. -1 on failure. */
int		 snapshot_init(void);
/* An interview was (or is about to be) written: copies read before now are stale. */
void		 snapshot_mark(long long interview_id);
/*
 * 1 and *iv, *csrf filled (valid until the next snapshot_fill) if cookie's
 * interview was copied less than SNAPSHOT_MAX_AGE_MS ago and not marked
 * since, with its time left counted down; else 0.
 */
int		 snapshot_get(const char *cookie, struct interview *iv,
		    const char **csrf);
/*
 * The arena to read cookie's interview into, for snapshot_keep; its strings
 * live until this entry is filled again.  NULL: nothing is kept here (no
 * marks mapped, or a cookie too long).
 */
struct arena	*snapshot_fill(const char *cookie);
/* Keeps what was read into snapshot_fill's arena; without it, nothing is. */
void		 snapshot_keep(const char *cookie, const struct interview *iv,
		    const char *csrf);

#endif
