/* lib_range_test.c: the Range header, range_parse, from tables of headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <limits.h>

#include <cmocka.h>

#include "lib/range.h"
#include "lib/status.h"

struct rcase {
	const char	*hdr;
	long long	 total;
	enum range_kind	 kind;
	long long	 first, last;
};

static void
run_cases(const struct rcase *c, size_t n)
{
	long long	 first, last;
	enum range_kind	 k;
	size_t		 i;

	for (i = 0; i < n; i++) {
		first = last = 12345;
		k = range_parse(c[i].hdr, c[i].total, &first, &last);
		if (k != c[i].kind || first != c[i].first ||
		    last != c[i].last)
			fail_msg("range_parse(\"%s\", %lld) = %d %lld-%lld,"
			    " want %d %lld-%lld",
			    c[i].hdr != NULL ? c[i].hdr : "(null)", c[i].total,
			    k, first, last, c[i].kind, c[i].first, c[i].last);
	}
}

static void
test_range_parse_takes_one_range_of_each_form(void **state)
{
	static const struct rcase	c[] = {
		{ "bytes=0-99", 1000, RANGE_PART, 0, 99 },
		{ "bytes=100-199", 1000, RANGE_PART, 100, 199 },
		{ "bytes=999-999", 1000, RANGE_PART, 999, 999 },
		{ "bytes=0-0", 1, RANGE_PART, 0, 0 },
		{ "bytes=0-1", 1000, RANGE_PART, 0, 1 },	/* Safari */
		{ "bytes=500-", 1000, RANGE_PART, 500, 999 },
		{ "bytes=0-", 1000, RANGE_PART, 0, 999 },
		{ "bytes=-100", 1000, RANGE_PART, 900, 999 },
		{ "bytes=-1", 1000, RANGE_PART, 999, 999 },
		{ "BYTES=1-2", 1000, RANGE_PART, 1, 2 },	/* any case */
		{ "Bytes=1-2", 1000, RANGE_PART, 1, 2 },
		{ "bytes= 1-2 ", 1000, RANGE_PART, 1, 2 },	/* OWS */
		{ "bytes=\t7-\t", 1000, RANGE_PART, 7, 999 },
		{ "bytes=007-010", 1000, RANGE_PART, 7, 10 },
	};

	(void)state;
	run_cases(c, NITEMS(c));
}

static void
test_range_parse_clamps_to_the_end(void **state)
{
	static const struct rcase	c[] = {
		{ "bytes=0-5000", 1000, RANGE_PART, 0, 999 },
		{ "bytes=990-1000", 1000, RANGE_PART, 990, 999 },
		{ "bytes=-5000", 1000, RANGE_PART, 0, 999 },
		{ "bytes=-1000", 1000, RANGE_PART, 0, 999 },
		{ "bytes=0-99999999999999999999999", 1000, RANGE_PART, 0, 999 },
		{ "bytes=-99999999999999999999999", 1000, RANGE_PART, 0, 999 },
		{ "bytes=9223372036854775806-", LLONG_MAX, RANGE_PART,
		    LLONG_MAX - 1, LLONG_MAX - 1 },
	};

	(void)state;
	run_cases(c, NITEMS(c));
}

static void
test_range_parse_refuses_ranges_past_the_end(void **state)
{
	static const struct rcase	c[] = {
		{ "bytes=1000-", 1000, RANGE_UNSATISFIABLE, 0, -1 },
		{ "bytes=1000-2000", 1000, RANGE_UNSATISFIABLE, 0, -1 },
		{ "bytes=99999999999999999999-", 1000, RANGE_UNSATISFIABLE,
		    0, -1 },
		{ "bytes=-0", 1000, RANGE_UNSATISFIABLE, 0, -1 },
		{ "bytes=-000", 1000, RANGE_UNSATISFIABLE, 0, -1 },
		{ "bytes=0-", 0, RANGE_UNSATISFIABLE, 0, -1 },
		{ "bytes=0-0", 0, RANGE_UNSATISFIABLE, 0, -1 },
		{ "bytes=-0", 0, RANGE_UNSATISFIABLE, 0, -1 },
	};

	(void)state;
	run_cases(c, NITEMS(c));
}

/* RFC 9110 lets a server ignore what it does not take: all bytes, 200. */
static void
test_range_parse_ignores_malformed_and_multiple_ranges(void **state)
{
	static const struct rcase	c[] = {
		{ NULL, 1000, RANGE_WHOLE, 0, 999 },
		{ "", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=-", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=a-b", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=1", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=1-2x", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=5-4", 1000, RANGE_WHOLE, 0, 999 },	/* b < a */
		{ "bytes=-5-", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=+5-", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=1 -2", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes =1-2", 1000, RANGE_WHOLE, 0, 999 },
		{ " bytes=1-2", 1000, RANGE_WHOLE, 0, 999 },
		{ "bits=1-2", 1000, RANGE_WHOLE, 0, 999 },
		{ "items=0-1", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=0-1,5-6", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=0-1, 5-6", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=0-1,", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=,0-1", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=5000-6000,0-1", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=0-1;", 1000, RANGE_WHOLE, 0, 999 },
		{ "bytes=0x10-", 1000, RANGE_WHOLE, 0, 999 },
	};

	(void)state;
	run_cases(c, NITEMS(c));
}

/* Nothing to name in an empty body: a suffix gets it whole (and empty). */
static void
test_range_parse_sends_an_empty_body_whole(void **state)
{
	static const struct rcase	c[] = {
		{ "bytes=-1", 0, RANGE_WHOLE, 0, -1 },
		{ "bytes=-500", 0, RANGE_WHOLE, 0, -1 },
		{ NULL, 0, RANGE_WHOLE, 0, -1 },
		{ "bytes=junk", 0, RANGE_WHOLE, 0, -1 },
	};

	(void)state;
	run_cases(c, NITEMS(c));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_range_parse_takes_one_range_of_each_form),
		cmocka_unit_test(test_range_parse_clamps_to_the_end),
		cmocka_unit_test(test_range_parse_refuses_ranges_past_the_end),
		cmocka_unit_test(
		    test_range_parse_ignores_malformed_and_multiple_ranges),
		cmocka_unit_test(test_range_parse_sends_an_empty_body_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
