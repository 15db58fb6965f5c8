/* fuzz_cookies.c: Cookie headers: junk is skipped, what is kept is clean. */
#include "fuzz_check.h"

static const struct form_limits tight = {
	.max_fields = 4, .max_name = 8, .max_value = 16, .max_total = 256,
};

/* A cookie value is plain text that cannot hold the pair separator. */
static void
cookie_param(const struct param *p)
{
	plain_param(p);
	assert(strchr(p->val, ';') == NULL);
}

static void
check(enum status st, const struct params *ps, const char *why,
    const struct form_limits *lim)
{
	/* Only the count and total limits may fail a Cookie header. */
	assert(st == ST_OK || st == ST_TOOLARGE);
	check_params(st, ps, why, lim, cookie_param);
	if (ps->n > 0)
		assert(params_get(ps, ps->v[0].name) == &ps->v[0]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct params	 ps;
	const char	*s = (const char *)data, *why;
	enum status	 st;

	a = arena_new();
	st = form_parse_cookies(a, s, size, &form_limits_default, &ps, &why);
	check(st, &ps, why, &form_limits_default);
	st = form_parse_cookies(a, s, size, &tight, &ps, &why);
	check(st, &ps, why, &tight);
	arena_free(a);
	return 0;
}
