/* fuzz_query.c: query strings; also checks utf8.c against a slow reference. */
#include "fuzz_check.h"

static const struct form_limits tight = {
	.max_fields = 4, .max_name = 8, .max_value = 16, .max_total = 256,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	*a;
	struct params	 q, u;
	const char	*s = (const char *)data, *why, *why2;
	enum status	 st, st2;

	/* utf8.c against the reference, on raw bytes. */
	assert(utf8_valid(s, size) == ref_utf8(s, size));
	a = arena_new();
	st = form_parse_query(a, s, size, &form_limits_default, &q, &why);
	check_params(st, &q, why, &form_limits_default, plain_param);
	st2 = form_parse_urlencoded(a, s, size, &form_limits_default, &u,
	    &why2);
	assert(st == st2);
	same(&q, &u);
	st = form_parse_query(a, s, size, &tight, &q, &why);
	check_params(st, &q, why, &tight, plain_param);
	arena_free(a);
	return 0;
}
