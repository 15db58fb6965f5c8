/* fuzz_urlencoded.c: invariants, and parse(encode(parse(x))) == parse(x). */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/form.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct form_limits tight = {
	.max_fields = 4, .max_name = 8, .max_value = 16, .max_total = 256,
};

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

static void
check(enum status st, const struct params *ps, const char *why,
    const struct form_limits *lim)
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
		assert(text_ok(ps->v[i].val, ps->v[i].vlen));
		assert(ps->v[i].filename == NULL && ps->v[i].ctype == NULL);
	}
}

static void
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

/* Percent-encodes all but unreserved bytes, as a careful client would. */
static void
encode(struct buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char	 c;
	size_t		 i;

	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (strchr("-._~", c) != NULL || (c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			buf_putc(b, (char)c);
		else if (c == ' ')
			buf_putc(b, '+');
		else {
			buf_putc(b, '%');
			buf_putc(b, hex[c >> 4]);
			buf_putc(b, hex[c & 15]);
		}
	}
}

static void
roundtrip(struct arena *a, const struct params *ps)
{
	struct form_limits	 lim = form_limits_default;
	struct params		 again;
	struct buf		 b;
	const char		*why;
	size_t			 i;

	buf_init(&b, a);
	for (i = 0; i < ps->n; i++) {
		if (i > 0)
			buf_putc(&b, '&');
		encode(&b, ps->v[i].name, strlen(ps->v[i].name));
		buf_putc(&b, '=');
		encode(&b, ps->v[i].val, ps->v[i].vlen);
	}
	/* Encoding triples some bytes: lift the total, keep the rest. */
	lim.max_total = b.len;
	assert(form_parse_urlencoded(a, b.p, b.len, &lim, &again, &why) ==
	    ST_OK);
	same(ps, &again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct params	 ps;
	const char	*s = (const char *)data, *why;
	enum status	 st;

	a = arena_new();
	st = form_parse_urlencoded(a, s, size, &form_limits_default, &ps,
	    &why);
	check(st, &ps, why, &form_limits_default);
	if (st == ST_OK)
		roundtrip(a, &ps);
	st = form_parse_urlencoded(a, s, size, &tight, &ps, &why);
	check(st, &ps, why, &tight);
	arena_free(a);
	return 0;
}
