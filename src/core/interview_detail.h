/*
 * interview_detail.h: what the JSON API's interview object gives beside
 * struct interview, read for one interview or a page of them in one
 * statement: when it ended, and a one-way interview's settings.
 */
#ifndef VIVA_INTERVIEW_DETAIL_H
#define VIVA_INTERVIEW_DETAIL_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/db.h"
#include "lib/status.h"

struct iv_detail {
	long long	 id;
	/* "YYYY-MM-DD HH:MI:SS", UTC; "" while it has not ended */
	const char	*ended_at;
	/* One-way only (oneway 1): oneway_settings, as oneway_get reads it */
	int		 oneway;
	const char	*media;		/* "audio" or "video" */
	int		 answer_s;
	int		 prep_s;	/* -1: made before it was kept */
	int		 max_attempts;
};

/*
 * The details of interviews ids[0..n-1] of org, into out[0..n-1] in the
 * same order; one that is not the org's (or not there) gets ended_at "" and
 * oneway 0.
 */
enum status	interview_details(struct arena *, struct db *, long long org,
		    const long long *ids, size_t n, struct iv_detail *out);

#endif
