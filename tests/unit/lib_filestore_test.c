/* lib_filestore_test.c: files appear whole, private unless nginx must send them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/filestore.h"
#include "lib/status.h"

static char		 dir[64];
static struct arena	*A;

static int
setup(void **state)
{
	char	 tmpl[] = "/tmp/viva-filestore-test.XXXXXX";

	(void)state;
	if (mkdtemp(tmpl) == NULL)
		return -1;
	snprintf(dir, sizeof(dir), "%s", tmpl);
	/* The strictest umask: a mode asked for must not depend on it. */
	umask(077);
	A = arena_new();
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[128];

	(void)state;
	arena_free(A);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Writes "abc" through make and commits it as dir/name; its mode bits. */
static mode_t
stored_mode(int (*make)(struct arena *, const char *, char **),
    const char *name)
{
	char		*tmp, *final;
	struct stat	 sb;
	int		 fd;

	fd = make(A, arena_printf(A, "%s/tmp", dir), &tmp);
	assert_true(fd >= 0);
	assert_int_equal(filestore_write(fd, "abc", 3), 0);
	final = arena_printf(A, "%s/%s", dir, name);
	assert_int_equal(filestore_commit(fd, tmp, final), ST_OK);
	assert_int_not_equal(stat(tmp, &sb), 0);
	assert_int_equal(stat(final, &sb), 0);
	assert_int_equal(sb.st_size, 3);
	return sb.st_mode & 07777;
}

/* Exports and uploads hold candidates' data: the owner's only. */
static void
test_filestore_temp_makes_private_files(void **state)
{
	(void)state;
	assert_int_equal(stored_mode(filestore_temp, "private"), 0600);
}

/*
 * Question speech and recordings are sent by nginx, whose user reads them
 * through the storage directory's group: group-readable, whatever the
 * umask, and no more.
 */
static void
test_filestore_temp_shared_makes_group_readable_files(void **state)
{
	(void)state;
	assert_int_equal(stored_mode(filestore_temp_shared, "shared"), 0640);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_filestore_temp_makes_private_files),
		cmocka_unit_test(test_filestore_temp_shared_makes_group_readable_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
