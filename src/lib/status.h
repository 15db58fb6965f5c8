/* status.h: the one error enum every fallible function returns. */
#ifndef VIVA_STATUS_H
#define VIVA_STATUS_H

enum status {
	ST_OK = 0,	/* done */
	ST_INVALID,	/* 400, or the form again with messages */
	ST_UNAUTH,	/* 401: no or bad credentials (API) */
	ST_DENIED,	/* 403 */
	ST_NOTFOUND,	/* 404 */
	ST_CONFLICT,	/* 409 */
	ST_TOOMANY,	/* 429: throttled */
	ST_TOOLARGE,	/* 413: body or field over its limit */
	ST_UNAVAILABLE,	/* 503: a dependency is down */
	ST_INTERNAL,	/* 500: our bug or an unexpected failure */
	ST__MAX
};

/* Short lowercase name for logs and JSON error codes ("invalid", ...). */
const char	*status_str(enum status);

#define NITEMS(a) (sizeof(a) / sizeof((a)[0]))

#endif
