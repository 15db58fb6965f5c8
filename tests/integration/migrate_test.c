/* migrate_test.c: `viva migrate` on a real database: idempotent, all or nothing. */
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
static char		share[64];	/* a copy of sql/ with an extra migration */

static char *
sql(const char *q)
{
	char	*out = stack_sql(&S, q), msg[512];

	if (strncmp(out, "psql:", 5) == 0 || strstr(out, "ERROR:") != NULL) {
		snprintf(msg, sizeof(msg), "%s\n  -> %s", q, out);
		free(out);
		fail_msg("SQL failed: %s", msg);
	}
	return out;
}

static long long
sql_num(const char *q)
{
	char		*out = sql(q), *end;
	long long	 n = strtoll(out, &end, 10);
	int		 ok = end != out && *end == '\0';

	free(out);
	if (!ok)
		fail_msg("SQL gave no number: %s", q);
	return n;
}

/*
 * Runs `viva migrate`, with share_dir from VIVA_SHARE_DIR when dir is set;
 * returns its output and "rc=N" (malloc'd).  Under ASan, a report fails.
 */
static char *
migrate(const char *dir)
{
	char	*out;

	if (dir == NULL)
		out = stack_out(&S, "\"$VIVA\" --config \"$CONF\" migrate 2>&1;"
		    " echo \"rc=$?\"");
	else
		out = stack_out(&S, "VIVA_SHARE_DIR=\"%s\" \"$VIVA\" --config"
		    " \"$CONF\" migrate 2>&1; echo \"rc=$?\"", dir);
	if (strstr(out, "Sanitizer") != NULL || strstr(out, "runtime error") != NULL)
		fail_msg("viva migrate:\n%s", out);
	return out;
}

static void
write_migration(const char *text)
{
	char	 path[128];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/sql/900_bad.sql", share);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* Tables, columns and indexes of the schema, as one line to compare. */
static char *
schema(void)
{
	return sql("SELECT md5(string_agg(table_name || '.' || column_name || ':' ||"
	    " data_type, ',' ORDER BY table_name, column_name)) ||"
	    " (SELECT md5(string_agg(indexname, ',' ORDER BY indexname))"
	    "  FROM pg_indexes WHERE schemaname = 'public')"
	    " FROM information_schema.columns WHERE table_schema = 'public'");
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
	if (share[0] != '\0')
		stack_sh(&S, "rm -rf \"%s\"", share);
	stack_stop(&S);
	return 0;
}

static void
test_migrate_twice_applies_nothing_the_second_time(void **state)
{
	long long	 before = sql_num("SELECT count(*) FROM schema_migrations");
	char		*s1 = schema(), *s2, *out;
	int		 i;

	(void)state;
	/* run.sh migrated already; 001_accounts.sql at least is in. */
	assert_true(before >= 1);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"
	    " WHERE version = '001_accounts.sql'"), 1);
	for (i = 0; i < 2; i++) {
		out = migrate(NULL);
		assert_output_has(out, "migrate: 0 applied");
		assert_output_lacks(out, "migrate: applied");
		assert_output_has(out, "rc=0");
		free(out);
	}
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"), before);
	s2 = schema();
	assert_string_equal(s1, s2);
	free(s1);
	free(s2);
}

static void
test_failing_migration_is_named_and_rolled_back(void **state)
{
	long long	 before = sql_num("SELECT count(*) FROM schema_migrations");
	char		*out, *s1 = schema(), *s2, *t;

	(void)state;
	snprintf(share, sizeof(share), "/tmp/viva-migrate.XXXXXX");
	assert_non_null(mkdtemp(share));
	assert_int_equal(stack_sh(&S, "cp -R sql \"%s/\"", share), 0);

	/* Line 1 runs; line 3 fails when executed (a name that does not exist). */
	write_migration("CREATE TABLE migrate_probe (id int);\n"
	    "INSERT INTO migrate_probe VALUES (1);\n"
	    "SELECT no_such_column FROM migrate_probe;\n");
	out = migrate(share);
	assert_output_lacks(out, "rc=0");
	assert_output_has(out, "900_bad.sql:3:");
	assert_output_has(out, "no_such_column");
	assert_output_has(out, "rolled back");
	free(out);
	t = sql("SELECT to_regclass('public.migrate_probe') IS NULL");
	assert_string_equal(t, "t");
	free(t);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"
	    " WHERE version LIKE '900%'"), 0);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"), before);
	s2 = schema();
	assert_string_equal(s1, s2);
	free(s2);

	/* A syntax error on line 3: nothing of the file runs. */
	write_migration("CREATE TABLE migrate_probe (id int);\n"
	    "\n"
	    "SELEC id FROM migrate_probe;\n");
	out = migrate(share);
	assert_output_lacks(out, "rc=0");
	assert_output_has(out, "900_bad.sql:3:");
	assert_output_has(out, "syntax error");
	free(out);
	t = sql("SELECT to_regclass('public.migrate_probe') IS NULL");
	assert_string_equal(t, "t");
	free(t);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"), before);

	/* Errors raised while a statement runs carry no position: still line 4. */
	write_migration("CREATE TABLE migrate_probe (id int);\n"
	    "-- a semicolon; in a comment\n"
	    "DO $body$ BEGIN PERFORM 1; END $body$;\n"
	    "CREATE TABLE migrate_probe (id int);\n");
	out = migrate(share);
	assert_output_lacks(out, "rc=0");
	assert_output_has(out, "900_bad.sql:4:");
	assert_output_has(out, "already exists");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"), before);

	/* Fixed, it applies, once. */
	write_migration("CREATE TABLE migrate_probe (id int);\n"
	    "INSERT INTO migrate_probe VALUES (1);\n"
	    "SELECT id FROM migrate_probe;\n");
	out = migrate(share);
	assert_output_has(out, "migrate: applied 900_bad.sql");
	assert_output_has(out, "migrate: 1 applied");
	assert_output_has(out, "rc=0");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM migrate_probe"), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"
	    " WHERE version = '900_bad.sql'"), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"), before + 1);
	out = migrate(share);
	assert_output_has(out, "migrate: 0 applied");
	assert_output_has(out, "rc=0");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM migrate_probe"), 1);
	free(s1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_twice_applies_nothing_the_second_time),
		cmocka_unit_test(test_failing_migration_is_named_and_rolled_back),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
