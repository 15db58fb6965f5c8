/* url.h: build URLs with each segment and query value percent-encoded. */
#ifndef VIVA_URL_H
#define VIVA_URL_H

#include "arena.h"

/* Percent-encodes all but A-Z a-z 0-9 - . _ ~ (and '/' when keep_slash). */
char	*url_encode(struct arena *, const char *, int keep_slash);
/*
 * Joins a path template with values: url_build(a, "/admin/users/%/reset",
 * "42") replaces each % with the next encoded value.  NULL ends the values.
 */
char	*url_build(struct arena *, const char *tmpl, ...);

#endif
