/*
 * interview_draft.h: an assisted interview's unsent texts, kept by the
 * server (sql/040): the candidate's page without JavaScript posts its
 * message and its final answer in one form, so a message sent, or "Save
 * draft", keeps the other box's text instead of losing it.
 */
#ifndef VIVA_CORE_INTERVIEW_DRAFT_H
#define VIVA_CORE_INTERVIEW_DRAFT_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

struct interview_draft {
	const char	*message;	/* "" when none */
	const char	*answer;	/* "" when none */
	const char	*saved_at;	/* "YYYY-MM-DD HH:MM UTC", "" when none */
};

/*
 * Keeps both texts for a running or paused interview of org_id (both
 * empty: forgets them).  ST_CONFLICT once it has ended: what it kept then
 * stays as it was, for the interviewer to read.
 */
enum status	interview_draft_save(struct arena *, struct db *,
		    long long org_id, long long id, const char *message,
		    const char *answer);
/* The kept texts; all "" when there are none. */
enum status	interview_draft_get(struct arena *, struct db *, long long id,
		    struct interview_draft *);

#endif
