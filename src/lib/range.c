/* range.c: one byte range out of a Range header, or the whole body. */
#include <assert.h>
#include <limits.h>
#include <stddef.h>
#include <strings.h>

#include "lib/range.h"

#define UNIT	"bytes="

/*
 * Decimal digits at *s into *v, saturating at LLONG_MAX: a position past
 * any file is still a position (unsatisfiable, or clamped to the end),
 * not a reason to ignore the header.  0 when there is no digit.
 */
static int
digits(const char **s, long long *v)
{
	const char	*p = *s;
	int		 d;

	*v = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		d = *p - '0';
		*v = *v > (LLONG_MAX - d) / 10 ? LLONG_MAX : *v * 10 + d;
	}
	if (p == *s)
		return 0;
	*s = p;
	return 1;
}

static const char *
ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * One range-spec, alone in the set, into *first and *last (-1: none
 * given) or, for a suffix, *first -1 and *last the length.  0 if the
 * header is to be ignored.
 */
static int
spec(const char *s, long long *first, long long *last)
{
	s = ows(s);
	*first = *last = -1;
	if (*s == '-') {
		s++;
		if (!digits(&s, last))
			return 0;
	} else {
		if (!digits(&s, first) || *s++ != '-')
			return 0;
		if (*s >= '0' && *s <= '9') {
			digits(&s, last);
			if (*last < *first)
				return 0;	/* invalid: RFC 9110 14.1.1 */
		}
	}
	return *ows(s) == '\0';
}

enum range_kind
range_parse(const char *hdr, long long total, long long *first,
    long long *last)
{
	long long	 a, b;

	assert(total >= 0);
	*first = 0;
	*last = total - 1;
	if (hdr == NULL || strncasecmp(hdr, UNIT, sizeof(UNIT) - 1) != 0 ||
	    !spec(hdr + sizeof(UNIT) - 1, &a, &b))
		return RANGE_WHOLE;
	if (a == -1) {			/* the last b bytes */
		if (b == 0)
			goto unsatisfiable;
		/* An empty body has no last byte to name: send it (empty). */
		if (total == 0)
			return RANGE_WHOLE;
		*first = b < total ? total - b : 0;
		return RANGE_PART;
	}
	if (a >= total)
		goto unsatisfiable;
	*first = a;
	if (b != -1 && b < total)
		*last = b;
	return RANGE_PART;
unsatisfiable:
	*first = 0;
	*last = -1;
	return RANGE_UNSATISFIABLE;
}
