/* fuzz_urlencoded.c: invariants, and parse(encode(parse(x))) == parse(x). */
#include "fuzz_check.h"

static const struct form_limits tight = {
	.max_fields = 4, .max_name = 8, .max_value = 16, .max_total = 256,
};

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
	check_params(st, &ps, why, &form_limits_default, plain_param);
	if (st == ST_OK)
		roundtrip(a, &ps);
	st = form_parse_urlencoded(a, s, size, &tight, &ps, &why);
	check_params(st, &ps, why, &tight, plain_param);
	arena_free(a);
	return 0;
}
