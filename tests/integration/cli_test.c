/*
 * cli_test.c: `viva` as an admin types it from README.md and
 * docs/OPERATIONS.md, and as the shipped systemd units run it: the
 * commands, their arguments in the order the docs write them, and what a
 * mistake in them says.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stack.h"

static struct stack	S;

/* `viva ARGS` (printf-like): what it printed on both streams, then "rc=N". */
static char *
viva(const char *f, ...)
{
	va_list	 ap;
	char	*args, *out;

	va_start(ap, f);
	if (vasprintf(&args, f, ap) < 0)
		abort();
	va_end(ap);
	out = stack_out(&S, "\"$VIVA\" %s </dev/null 2>&1; echo \"rc=$?\"",
	    args);
	free(args);
	if (strstr(out, "Sanitizer") != NULL || strstr(out, "runtime error") != NULL)
		fail_msg("viva:\n%s", out);
	return out;
}

#define assert_output_has(out, s)	expect_output(__FILE__, __LINE__, (out), (s), 1)
#define assert_output_lacks(out, s)	expect_output(__FILE__, __LINE__, (out), (s), 0)

static void
expect_output(const char *file, int line, const char *out, const char *s, int want)
{
	if ((strstr(out, s) != NULL) == want)
		return;
	print_error("%s:%d: the output %s \"%s\":\n%s\n", file, line,
	    want ? "lacks" : "has", s, out);
	_fail(file, line);
}

static int
group_setup(void **state)
{
	(void)state;
	return stack_start(&S);	/* on failure, the group teardown still stops it */
}

static int
group_teardown(void **state)
{
	(void)state;
	stack_stop(&S);
	return 0;
}

/*
 * OPERATIONS.md writes `viva migrate --config FILE` and `viva user add
 * --config FILE ...`, and viva-jobs.service runs `viva jobs run --config
 * FILE`: the file counts after the command as before it.
 */
static void
test_config_after_the_command_is_read(void **state)
{
	char	*out;

	(void)state;
	out = viva("migrate --config \"$CONF\"");
	assert_output_has(out, "migrate: 0 applied");
	assert_output_has(out, "rc=0");
	free(out);
	out = viva("jobs run --config \"$CONF\"");
	assert_output_has(out, "retention: deleted");
	assert_output_has(out, "rc=0");
	free(out);
	out = viva("jobs run --dry-run --config \"$CONF\"");
	assert_output_has(out, "retention: would delete");
	assert_output_has(out, "rc=0");
	free(out);
	out = viva("user add --config \"$CONF\" --org \"Cli Org\""
	    " --email cli-admin@example.com --role admin");
	assert_output_has(out, "email:    cli-admin@example.com");
	assert_output_has(out, "password: ");
	assert_output_has(out, "rc=0");
	free(out);
	/* Before the command, as the usage writes it, still works. */
	out = viva("--config \"$CONF\" migrate");
	assert_output_has(out, "migrate: 0 applied");
	assert_output_has(out, "rc=0");
	free(out);
}

/* --config without a file, or twice: said, and nothing runs. */
static void
test_config_mistakes_are_named(void **state)
{
	char	*out;

	(void)state;
	out = viva("migrate --config");
	assert_output_has(out, "viva: --config needs a file");
	assert_output_has(out, "usage: viva");
	assert_output_has(out, "rc=2");
	assert_output_lacks(out, "migrate:");
	free(out);
	out = viva("--config \"$CONF\" migrate --config \"$CONF\"");
	assert_output_has(out, "viva: --config is given twice");
	assert_output_has(out, "rc=2");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_after_the_command_is_read),
		cmocka_unit_test(test_config_mistakes_are_named),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
