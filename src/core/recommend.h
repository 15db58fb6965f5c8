/*
 * recommend.h: each reviewer's recommendation of an interview's candidate,
 * for every kind of interview (sql/033, sql/042): strong yes, yes, no or
 * strong no with notes, one per reviewer, which saving again replaces.
 */
#ifndef VIVA_RECOMMEND_H
#define VIVA_RECOMMEND_H

#include <stddef.h>

#include "core/interview.h"
#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/*
 * One reviewer's recommendation, or (one-way) their rating of an answer.
 * user_id 0 (email "") for one moved from before per-reviewer scorecards
 * that had no reviewer recorded.
 */
struct review {
	long long	 user_id;
	const char	*email;
	const char	*name;		/* "" when the user has none */
	int		 rating;	/* 1..5 (a rating), or 0 */
	const char	*recommendation;	/* "strong_yes", ... or "" */
	const char	*notes;
	const char	*at;		/* "YYYY-MM-DD HH:MI:SS", UTC */
};

/* Why an interview takes no recommendation (recommend_refusal). */
enum rec_refusal {
	REC_OPEN,		/* it takes one */
	REC_RUNNING,		/* not one-way, and not ended yet */
	REC_PRACTICE,		/* adaptive practice: nobody reviews it */
	REC_UNSTARTED,		/* ended before the candidate started it */
	REC__MAX
};
/*
 * Whether interview iv takes recommendations now, and if not why: a
 * practice interview never (its feedback went to the candidate), nor one
 * that ended before its candidate started (nothing to review); else a
 * one-way interview always (its answers are reviewed as they come), any
 * other once it ended.
 */
enum rec_refusal recommend_refusal(const struct interview *);
/* recommend_refusal(iv) == REC_OPEN. */
int		recommend_open(const struct interview *);
/*
 * Saves user's own recommendation rec and notes of interview iv of org
 * (another reviewer's stays); *was is the one it replaced, "" for a first.
 * ST_NOTFOUND: no such interview in the org; ST_CONFLICT: it takes none
 * (recommend_refusal, checked again in the statement).
 */
enum status	recommend_save(struct arena *, struct db *, long long org,
		    long long iv, long long user, const char *rec,
		    const char *notes, const char **was);
/* Every reviewer's recommendation of iv, oldest first, in the arena. */
enum status	recommend_list(struct arena *, struct db *, long long org,
		    long long iv, const struct review **, size_t *n);
/* user's review in list (NULL: none of theirs). */
const struct review *recommend_of(const struct review *, size_t n,
		    long long user);
/* A reviewer as shown: "Name (email)", the email, or "unrecorded reviewer". */
const char	*recommend_reviewer(struct arena *, const struct review *);
/*
 * The recommendations taken together, for a single field: the one every
 * reviewer gave, "mixed" when they differ, "" when none was given.
 */
const char	*recommend_agreed(const struct review *, size_t n);
/* "Strong yes", ... for "strong_yes", ...; "" for "". */
const char	*recommend_label(const char *);
/*
 * Comma-separated recommendations ("yes,no,yes") for a list: "" none;
 * "Yes" one; "3 reviews: Yes ×2, No" several (labels strongest first).
 */
const char	*recommend_summary(struct arena *, const char *csv);

#endif
