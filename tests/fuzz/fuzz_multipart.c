/* fuzz_multipart.c: multipart bodies: invariants and a re-encoded roundtrip. */
#include "fuzz_check.h"

/*
 * Input: an optional first line "Content-Type value\n" (used when it
 * starts with "multipart/"), then the body; otherwise the whole input is
 * the body under a fixed boundary.
 */
#define CT_DEFAULT	"multipart/form-data; boundary=XyZ"
#define CT_MAX		256
#define RT_BOUNDARY	"rt-b0undary"

static const struct form_limits tight = {
	.max_fields = 4, .max_name = 8, .max_value = 16, .max_total = 512,
};

/* Header-borne strings must not be able to break a header line. */
static int
header_ok(const char *s)
{
	return text_ok(s, strlen(s)) && strpbrk(s, "\r\n") == NULL;
}

/* Fields are text; a file may hold any bytes but its name must be clean. */
static void
part_param(const struct param *p)
{
	assert(p->val[p->vlen] == '\0');
	if (p->filename == NULL)
		assert(text_ok(p->val, p->vlen));
	else
		assert(header_ok(p->filename));
	if (p->ctype != NULL)
		assert(header_ok(p->ctype));
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
	same(ps, &again);
	for (i = 0; i < ps->n; i++) {
		p = &ps->v[i];
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
	check_params(st, &ps, why, &form_limits_default, part_param);
	if (st == ST_OK)
		roundtrip(a, &ps);
	st = form_parse_multipart(a, ct, s, size, &tight, &ps, &why);
	check_params(st, &ps, why, &tight, part_param);
	arena_free(a);
	return 0;
}
