/* fuzz_check.h: what every parser promises, checked apart from src/lib. */
#ifndef VIVA_FUZZ_CHECK_H
#define VIVA_FUZZ_CHECK_H

/*
 * Each fuzz target is one .c file built with all of src/lib, so these
 * helpers are static and each target includes them; a target keeps only
 * what its own format adds.  Those not every target calls are marked
 * unused, so that a target leaving one out builds without a warning.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/form.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
name_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (strchr("abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-", *s) == NULL)
			return 0;
	return 1;
}

/*
 * UTF-8 checked apart from utf8.c, the slow way: decode each sequence, then
 * refuse overlongs, surrogates and code points past U+10FFFF.
 */
static int
ref_utf8(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned long		 cp;
	size_t			 i = 0, n, k;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((p[i] & 0xe0) == 0xc0)
			n = 2, cp = p[i] & 0x1f;
		else if ((p[i] & 0xf0) == 0xe0)
			n = 3, cp = p[i] & 0x0f;
		else if ((p[i] & 0xf8) == 0xf0)
			n = 4, cp = p[i] & 0x07;
		else
			return 0;
		if (len - i < n)
			return 0;
		for (k = 1; k < n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) ||
		    (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n;
	}
	return 1;
}

/* Text as the contract promises: UTF-8, no NUL, no controls but \t\r\n. */
static int
text_ok(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	if (strlen(s) != len || !ref_utf8(s, len))
		return 0;
	for (i = 0; i < len; i++) {
		if ((p[i] < 0x20 && strchr("\t\r\n", p[i]) == NULL) ||
		    p[i] == 0x7f)
			return 0;
		if (p[i] == 0xc2 && p[i + 1] < 0xa0)	/* C1 controls */
			return 0;
	}
	return 1;
}

/*
 * What any parser's result must be: a known status, a reason exactly when
 * it failed, no params after a failure, and within lim after success, each
 * param with a valid name; each() then checks what its format promises.
 */
static void
check_params(enum status st, const struct params *ps, const char *why,
    const struct form_limits *lim, void (*each)(const struct param *))
{
	size_t	 i;

	assert(st == ST_OK || st == ST_INVALID || st == ST_TOOLARGE);
	assert((st == ST_OK) == (why == NULL));
	if (st != ST_OK) {
		assert(ps->n == 0);
		return;
	}
	assert(ps->n <= lim->max_fields);
	for (i = 0; i < ps->n; i++) {
		assert(name_ok(ps->v[i].name));
		assert(strlen(ps->v[i].name) <= lim->max_name);
		assert(ps->v[i].vlen <= lim->max_value);
		each(&ps->v[i]);
	}
}

/* A query, urlencoded or cookie value: text, and never a file. */
static void __attribute__((unused))
plain_param(const struct param *p)
{
	assert(text_ok(p->val, p->vlen));
	assert(p->filename == NULL && p->ctype == NULL);
}

/* The same names and values, in the same order. */
static void __attribute__((unused))
same(const struct params *x, const struct params *y)
{
	size_t	 i;

	assert(x->n == y->n);
	for (i = 0; i < x->n; i++) {
		assert(strcmp(x->v[i].name, y->v[i].name) == 0);
		assert(x->v[i].vlen == y->v[i].vlen);
		assert(memcmp(x->v[i].val, y->v[i].val, x->v[i].vlen) == 0);
	}
}

#endif
