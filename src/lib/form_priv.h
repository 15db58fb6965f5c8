/* form_priv.h: helpers shared by the form, multipart and field checkers. */
#ifndef VIVA_FORM_PRIV_H
#define VIVA_FORM_PRIV_H

#include <stddef.h>

#include "arena.h"
#include "form.h"

/* Params as a parser collects them: grows in the arena up to max entries. */
struct form_list {
	struct arena	*a;
	struct param	*v;
	size_t		 n;
	size_t		 cap;
	size_t		 max;
};

void		 form_list_init(struct form_list *, struct arena *, size_t);
/* A zeroed slot for the next param, or NULL when max are already there. */
struct param	*form_list_add(struct form_list *);
/* Hands what l collected to out; the params stay in l's arena. */
void		 form_list_take(const struct form_list *, struct params *);

/* How every parser starts: out empty and, unless why is NULL, no reason. */
void		 form_start(struct params *, const char **why);
/* Sets *why to reason (unless why is NULL) and returns st. */
enum status	 form_fail(const char **why, const char *reason, enum status);
/*
 * ST_OK if s[0..len) is a field name, [A-Za-z0-9_.-] within lim->max_name
 * bytes; else ST_TOOLARGE or ST_INVALID, through form_fail.  An empty name
 * is refused too, but callers check for it first, to say so in their words.
 */
enum status	 form_name_check(const char *, size_t,
		    const struct form_limits *, const char **why);
/*
 * NULL if s[0..len) is acceptable text (valid UTF-8, no control character
 * but tab, CR and LF), else a static reason for the user.
 */
const char	*form_text_check(const char *, size_t);

#endif
