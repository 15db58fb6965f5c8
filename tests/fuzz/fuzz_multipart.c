/* fuzz_multipart.c: multipart bodies: invariants and a re-encoded roundtrip. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/form.h"

/*
 * Input: an optional first line "Content-Type value\n" (used when it
 * starts with "multipart/"), then the body; otherwise the whole input is
 * the body under a fixed boundary.
 */
#define CT_DEFAULT	"multipart/form-data; boundary=XyZ"
#define CT_MAX		256
#define RT_BOUNDARY	"rt-b0undary"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct form_limits tight = {
	.max_fields = 4, .max_name = 8, .max_value = 16, .max_total = 512,
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

/* Header-borne strings must not be able to break a header line. */
static int
header_ok(const char *s)
{
	return text_ok(s, strlen(s)) && strpbrk(s, "\r\n") == NULL;
}

static void
check(enum status st, const struct params *ps, const char *why,
    const struct form_limits *lim)
{
	const struct param	*p;
	size_t			 i;

	assert(st == ST_OK || st == ST_INVALID || st == ST_TOOLARGE);
	assert((st == ST_OK) == (why == NULL));
	if (st != ST_OK) {
		assert(ps->n == 0);
		return;
	}
	assert(ps->n <= lim->max_fields);
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		assert(name_ok(p->name));
		assert(strlen(p->name) <= lim->max_name);
		assert(p->vlen <= lim->max_value);
		assert(p->val[p->vlen] == '\0');
		if (p->filename == NULL)
			assert(text_ok(p->val, p->vlen));
		else
			assert(header_ok(p->filename));
		if (p->ctype != NULL)
			assert(header_ok(p->ctype));
	}
}

static void
put_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* Writing the params back out and parsing that must give them back. */
static void
roundtrip(struct arena *a, const struct params *ps)
{
	static const char bd[] = RT_BOUNDARY;
	struct form_limits	 lim = form_limits_default;
	struct params		 again;
	struct buf		 b;
	const struct param	*p;
	const char		*why;
	size_t			 i;

	buf_init(&b, a);
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		/* A value holding our delimiter cannot be sent under it. */
		if (memmem(p->val, p->vlen, bd, sizeof(bd) - 1) != NULL)
			return;
		buf_printf(&b, "--%s\r\nContent-Disposition: form-data; "
		    "name=\"%s\"", bd, p->name);
		if (p->filename != NULL) {
			buf_puts(&b, "; filename=");
			put_quoted(&b, p->filename);
		}
		if (p->ctype != NULL)
			buf_printf(&b, "\r\nContent-Type: %s", p->ctype);
		buf_puts(&b, "\r\n\r\n");
		buf_put(&b, p->val, p->vlen);
		buf_puts(&b, "\r\n");
	}
	buf_printf(&b, "--%s--\r\n", bd);
	lim.max_total = b.len;
	assert(form_parse_multipart(a, "multipart/form-data; boundary="
	    RT_BOUNDARY, b.p, b.len, &lim, &again, &why) == ST_OK);
	assert(again.n == ps->n);
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
		assert(strcmp(p->name, again.v[i].name) == 0);
		assert(p->vlen == again.v[i].vlen);
		assert(memcmp(p->val, again.v[i].val, p->vlen) == 0);
		assert((p->filename == NULL) == (again.v[i].filename == NULL));
		if (p->filename != NULL)
			assert(strcmp(p->filename, again.v[i].filename) == 0);
		assert((p->ctype == NULL) == (again.v[i].ctype == NULL));
		if (p->ctype != NULL)
			assert(strcmp(p->ctype, again.v[i].ctype) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct params	 ps;
	const char	*s = (const char *)data, *nl, *ct = CT_DEFAULT, *why;
	enum status	 st;

	a = arena_new();
	if (size > 10 && memcmp(s, "multipart/", 10) == 0 &&
	    (nl = memchr(s, '\n', size < CT_MAX ? size : CT_MAX)) != NULL) {
		ct = arena_strndup(a, s, (size_t)(nl - s));
		size -= (size_t)(nl - s) + 1;
		s = nl + 1;	/* the body still ends where the input does */
	}
	st = form_parse_multipart(a, ct, s, size, &form_limits_default, &ps,
	    &why);
	check(st, &ps, why, &form_limits_default);
	if (st == ST_OK)
		roundtrip(a, &ps);
	st = form_parse_multipart(a, ct, s, size, &tight, &ps, &why);
	check(st, &ps, why, &tight);
	arena_free(a);
	return 0;
}
