/* tmpl_priv.h: parsed templates, shared by tmpl_parse.c and tmpl.c. */
#ifndef VIVA_TMPL_PRIV_H
#define VIVA_TMPL_PRIV_H

#include <stdint.h>

#include "arena.h"
#include "status.h"

/* Deepest nesting of partials, parents and block overrides while rendering. */
#define TMPL_MAX_DEPTH	64
/* Deepest nesting of sections, parents and blocks inside one template. */
#define TMPL_MAX_NEST	64

enum node_type {
	N_TEXT,		/* literal bytes */
	N_VAR,		/* {{x}}, escaped */
	N_RAW,		/* {{{x}}} or {{&x}} */
	N_SECTION,	/* {{#x}} */
	N_INVERTED,	/* {{^x}} */
	N_PARTIAL,	/* {{>x}} */
	N_PARENT,	/* {{<x}}: kids are the N_BLOCK arguments */
	N_BLOCK,	/* {{$x}}: kids are the default content */
	N__MAX
};

struct node {
	enum node_type		 type;
	int			 standalone;	/* indents what it includes */
	struct str		 text;		/* N_TEXT bytes, or name */
	const struct str	*path;		/* name split on '.' */
	size_t			 npath;		/* 0 for "." */
	uint32_t		 hash;		/* tmpl_hash(text) */
	struct str		 indent;	/* line prefix if standalone */
	const struct node	*kids;
	size_t			 nkids;
	const char		*tmpl;		/* its template, for messages */
	size_t			 line;
};

struct tmpl {
	const char		*name;
	size_t			 namelen;
	uint32_t		 hash;
	const struct node	*nodes;
	size_t			 n;
};

uint32_t	 tmpl_hash(const char *, size_t);
/*
 * Parses src (which must outlive the template: text nodes point into it)
 * into t, allocating from a; scratch is used and reset for look-ahead passes.
 */
enum status	 tmpl_parse(struct arena *a, struct arena *scratch,
		    const char *name, const char *src, size_t len,
		    struct tmpl *t, char *err, size_t errsz);

#endif
