/* path.h: match a URL path against a route pattern with :name captures. */
#ifndef VIVA_PATH_H
#define VIVA_PATH_H

#include <stddef.h>

#include "arena.h"

/*
 * 1 if path matches pattern segment by segment ("/admin/users/:id/reset"),
 * with each :name matching one non-empty segment, copied into args (at most
 * maxargs); 0 otherwise.  Trailing slashes are significant.
 */
int	path_match(struct arena *, const char *pattern, const char *path,
	    const char **args, size_t maxargs);

#endif
