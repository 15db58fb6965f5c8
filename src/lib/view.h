/* view.h: the values a template renders: maps, lists, strings, numbers, safe HTML. */
#ifndef VIVA_VIEW_H
#define VIVA_VIEW_H

#include <stddef.h>

struct arena;

/*
 * HTML that is known to be safe to emit unescaped.  Only src/lib/markdown.c
 * (cmark with raw HTML off) and html_safe_trusted() make these; the template
 * renderer refuses a plain string in a {{{raw}}} slot.
 */
struct html_safe {
	const char	*p;
	size_t		 len;
};

enum view_type {
	V_NULL,		/* missing or null: falsey, renders as "" */
	V_BOOL,
	V_INT,
	V_DOUBLE,
	V_STR,		/* escaped on output */
	V_HTML,		/* a struct html_safe, emitted as is */
	V_LIST,
	V_MAP,
	V__MAX
};

struct view;

/* Empty map or list allocated in the arena; children share that arena. */
struct view	*view_map(struct arena *);
struct view	*view_list(struct arena *);
struct view	*view_str(struct arena *, const char *);
struct view	*view_strn(struct arena *, const char *, size_t);
struct view	*view_int(struct arena *, long long);
struct view	*view_double(struct arena *, double);
struct view	*view_bool(struct arena *, int);
struct view	*view_null(struct arena *);

/* Setters on a map; a later set of the same key replaces the earlier one.  Strings are copied. */
void		 view_set(struct view *, const char *, struct view *);
void		 view_set_str(struct view *, const char *, const char *);
void		 view_set_strn(struct view *, const char *, const char *, size_t);
/* Sets s only when it is not empty: a section tests presence, and "" is present. */
void		 view_set_text(struct view *, const char *, const char *);
void		 view_set_int(struct view *, const char *, long long);
void		 view_set_bool(struct view *, const char *, int);
/* Sets n for reading, its thousands grouped: "60,000", "-1,250", "999". */
void		 view_set_num(struct view *, const char *, long long);
/*
 * n as view_set_num sets it, in the arena: for a figure inside a sentence
 * made elsewhere ("Gave 1,000,000 more tokens").
 */
const char	*view_num_text(struct arena *, long long);
/*
 * Sets a count with its noun, "1 minute" or "5 minutes", grouped as
 * view_set_num: a number set beside a fixed plural in a template reads
 * "1 minutes".
 */
void		 view_set_count(struct view *, const char *, long long n,
		    const char *one, const char *many);
void		 view_set_html(struct view *, const char *, const struct html_safe *);
/* Appends to a list. */
void		 view_push(struct view *, struct view *);

/* Readers, for the renderer and tests. */
enum view_type	 view_type(const struct view *);
struct view	*view_get(const struct view *, const char *);	/* NULL if absent */
struct view	*view_getn(const struct view *, const char *, size_t);	/* same, key with length */
size_t		 view_len(const struct view *);			/* list items or map keys */
struct view	*view_at(const struct view *, size_t);		/* list item */
const char	*view_text(const struct view *, size_t *);	/* V_STR/V_HTML bytes */
long long	 view_int_value(const struct view *);		/* V_INT, V_BOOL (0/1); else 0 */
double		 view_double_value(const struct view *);	/* V_DOUBLE, V_INT; else 0 */

/* Wraps HTML written by the programmer (a literal, or output of a safe renderer). */
const struct html_safe *html_safe_trusted(struct arena *, const char *, size_t);

#endif
