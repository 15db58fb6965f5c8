/* lib_csv_test.c: cells a spreadsheet opens as the text they hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/csv.h"

struct ccase {
	const char	*in;
	const char	*guard;
	const char	*out;
};

static void
run(const struct ccase *c, size_t n)
{
	struct arena	*a = arena_new();
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < n; i++) {
		buf_init(&b, a);
		csv_cell(&b, c[i].in, c[i].guard);
		buf_putc(&b, '\0');
		assert_string_equal(b.p, c[i].out);
	}
	arena_free(a);
}

static void
test_csv_cell_quotes_only_what_needs_it(void **state)
{
	static const struct ccase	c[] = {
		{ "plain text", CSV_FORMULA, "plain text" },
		{ "", CSV_FORMULA, "" },
		{ NULL, CSV_FORMULA, "" },
		{ "a,b", CSV_FORMULA, "\"a,b\"" },
		{ "say \"hi\"", CSV_FORMULA, "\"say \"\"hi\"\"\"" },
		{ "two\nlines", CSV_FORMULA, "\"two\nlines\"" },
		{ "cr\rinside", CSV_FORMULA, "\"cr\rinside\"" },
		{ "Zoë", CSV_FORMULA, "Zoë" },
	};

	(void)state;
	run(c, sizeof(c) / sizeof(c[0]));
}

/* A spreadsheet would run =HYPERLINK(...) or -2+3 as a formula. */
static void
test_csv_cell_guards_formula_starts(void **state)
{
	static const struct ccase	c[] = {
		{ "=SUM(A1)", CSV_FORMULA, "\"'=SUM(A1)\"" },
		{ "+1", CSV_FORMULA, "\"'+1\"" },
		{ "-2+3", CSV_FORMULA, "\"'-2+3\"" },
		{ "@cmd", CSV_FORMULA, "\"'@cmd\"" },
		{ "\tTab", CSV_FORMULA, "\"'\tTab\"" },
		{ "=\"x\"", CSV_FORMULA, "\"'=\"\"x\"\"\"" },
		{ "a=b", CSV_FORMULA, "a=b" },
		/* ' itself only where the reader takes the guard off again. */
		{ "'quoted", CSV_FORMULA, "'quoted" },
		{ "'quoted", CSV_FORMULA "'", "\"''quoted\"" },
	};

	(void)state;
	run(c, sizeof(c) / sizeof(c[0]));
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_csv_cell_quotes_only_what_needs_it),
		cmocka_unit_test(test_csv_cell_guards_formula_starts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
