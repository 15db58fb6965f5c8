/*
 * range.h: the Range request header (RFC 9110 section 14.2), for bodies
 * the app sends itself: one byte range, or the whole representation.
 */
#ifndef VIVA_RANGE_H
#define VIVA_RANGE_H

/* What to answer a Range header with. */
enum range_kind {
	RANGE_WHOLE,		/* 200, all: no header, or one ignored */
	RANGE_PART,		/* 206, bytes first..last */
	RANGE_UNSATISFIABLE,	/* 416, with only the total */
	RANGE__MAX
};

/*
 * Reads hdr, the Range header's value (NULL when the request has none),
 * for a representation of total bytes (total >= 0).  Takes one range:
 * "bytes=a-b", "bytes=a-" or the suffix "bytes=-n"; the unit's case does
 * not matter.  A malformed header, another unit or several ranges give
 * RANGE_WHOLE, as RFC 9110 lets a server ignore them.  *first and *last
 * are set for every answer: the bytes to send, inclusive (for
 * RANGE_WHOLE 0 and total - 1; for RANGE_UNSATISFIABLE 0 and -1).
 */
enum range_kind	range_parse(const char *hdr, long long total,
		    long long *first, long long *last);

#endif
