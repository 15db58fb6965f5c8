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

/* 1 if s[0..len) is a field name: one or more of [A-Za-z0-9_.-]. */
int		 form_name_ok(const char *, size_t);
/*
 * NULL if s[0..len) is acceptable text (valid UTF-8, no control character
 * but tab, CR and LF), else a static reason for the user.
 */
const char	*form_text_check(const char *, size_t);

#endif
