/* path.c: route patterns with :name captures. */
#include "path.h"

int
path_match(struct arena *a, const char *pat, const char *path,
    const char **args, size_t maxargs)
{
	const char	*seg;
	size_t		 n = 0;

	while (*pat != '\0' && *path != '\0') {
		if (*pat == ':') {
			while (*pat != '\0' && *pat != '/')
				pat++;
			seg = path;
			while (*path != '\0' && *path != '/')
				path++;
			if (path == seg || n == maxargs)
				return 0;
			args[n++] = arena_strndup(a, seg, (size_t)(path - seg));
			continue;
		}
		if (*pat++ != *path++)
			return 0;
	}
	return *pat == '\0' && *path == '\0';
}
