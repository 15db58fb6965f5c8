/* status.c: names of the status codes, for logs and JSON errors. */
#include "status.h"

static const char *const names[ST__MAX] = {
	"ok",			/* ST_OK */
	"invalid",		/* ST_INVALID */
	"unauthorized",		/* ST_UNAUTH */
	"forbidden",		/* ST_DENIED */
	"not_found",		/* ST_NOTFOUND */
	"conflict",		/* ST_CONFLICT */
	"too_many_requests",	/* ST_TOOMANY */
	"too_large",		/* ST_TOOLARGE */
	"unavailable",		/* ST_UNAVAILABLE */
	"internal",		/* ST_INTERNAL */
};

const char *
status_str(enum status st)
{
	if ((unsigned)st >= ST__MAX)
		return "unknown";
	return names[st];
}
