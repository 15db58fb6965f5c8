/* tmpl.h: mustache templates, parsed once per process, rendered into a buffer. */
#ifndef VIVA_TMPL_H
#define VIVA_TMPL_H

#include "arena.h"
#include "status.h"
#include "view.h"

struct tmpl_set;

enum tmpl_raw_policy {
	TMPL_RAW_SAFE_ONLY,	/* {{{x}}} and {{&x}} accept only V_HTML (product) */
	TMPL_RAW_ANY,		/* any string, as the mustache spec expects (spec tests) */
};

struct tmpl_set	*tmpl_set_new(enum tmpl_raw_policy);
void		 tmpl_set_free(struct tmpl_set *);
/*
 * Parses a template under a name ("layout", "admin/users"), used both for
 * rendering and as a partial {{> name}}.  On a syntax error returns ST_INVALID
 * and writes a message naming the template and line into err (errsz bytes).
 */
enum status	 tmpl_set_add(struct tmpl_set *, const char *name,
		    const char *src, size_t len, char *err, size_t errsz);
/* Loads every *.mustache below dir; name is the relative path without suffix. */
enum status	 tmpl_set_load_dir(struct tmpl_set *, const char *dir,
		    char *err, size_t errsz);
/* Renders template `name` with ctx as the root context, appending to out. */
enum status	 tmpl_render(const struct tmpl_set *, const char *name,
		    const struct view *ctx, struct buf *out);

#endif
