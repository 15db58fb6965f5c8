/* overview.h: what in an org wants attention now: the home page's summary. */
#ifndef VIVA_OVERVIEW_H
#define VIVA_OVERVIEW_H

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

/* The most rows a list of the summary holds; one more says "and more". */
#define OVERVIEW_LIST_MAX	8
/* How far back "waiting for review" looks, in days. */
#define OVERVIEW_REVIEW_DAYS	30
/* How soon an unopened invite must expire to be listed, in days. */
#define OVERVIEW_EXPIRING_DAYS	2

enum ov_list {
	OV_RUNNING,	/* active or paused, the least time left first */
	OV_REVIEW,	/* finished lately, to look at (see overview.c) */
	OV_EXPIRING,	/* invites never opened that run out soon */
	OV__MAX
};

/* An interview in a list of the summary. */
struct ov_row {
	long long	 id;
	const char	*kind;		/* "practice" for adaptive practice */
	const char	*status;
	const char	*candidate_name;
	long long	 time_left_s;	/* OV_RUNNING: by the database clock */
	int		 untimed;	/* adaptive with no time limit */
	const char	*when;		/* ended at (OV_REVIEW), expires at
					 * (OV_EXPIRING), started at; UTC */
};

/* The org's interviews of one kind, and where they stand. */
struct ov_count {
	const char	*kind;		/* assisted, adaptive, practice, oneway */
	long long	 total;
	long long	 waiting;	/* created: the candidate has not begun */
	long long	 running;	/* active or paused */
};

/*
 * List which of org_id's interviews, at most OVERVIEW_LIST_MAX + 1 rows
 * (the last one only to say that more follow).  user_id is the reader: an
 * interview they have given a recommendation on is reviewed.
 */
enum status	overview_list(struct arena *, struct db *, long long org_id,
		    long long user_id, enum ov_list which, struct ov_row **,
		    size_t *n);
/* Counts by kind, every kind in a fixed order (n is 4), zeros included. */
enum status	overview_counts(struct arena *, struct db *, long long org_id,
		    struct ov_count **, size_t *n);

#endif
