/*
 * cli_test.c: `viva` as an admin types it from README.md and
 * docs/OPERATIONS.md, and as the shipped systemd units run it: the
 * commands, their arguments in the order the docs write them, and what a
 * mistake in them says; and the flags of viva.fcgi and viva-worker.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* Help is asked for anywhere, answered on standard output, and succeeds. */
static void
test_help_is_printed_and_succeeds(void **state)
{
	static const char *const asks[] = { "--help", "-h", "help",
	    "user add --help", "export --org A -h", "migrate --help" };
	char	*out;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(asks) / sizeof(asks[0]); i++) {
		out = viva("%s 2>/dev/null", asks[i]);
		assert_output_has(out, "usage: viva [--config FILE] COMMAND");
		assert_output_has(out, "rc=0");
		free(out);
	}
	/* Every command's options, tokens' --data included (it was missing). */
	out = viva("--help");
	assert_output_has(out, "tokens [--encoding o200k_base|cl100k_base] [--ids]"
	    " [--data DIR]");
	assert_output_has(out, "no --role: interviewer");
	free(out);
}

/*
 * A mistake in the arguments says which, with status 2, and is found
 * before the configuration is read: the file named here does not exist.
 */
static void
test_argument_mistakes_are_named_first(void **state)
{
	static const struct {
		const char	*args, *says;
	} cases[] = {
		{ "", "viva: which command?" },
		{ "frob", "viva: unknown command \"frob\"" },
		{ "user", "viva: user what? (user add or password)" },
		{ "user frob", "viva: user frob? (user add or password)" },
		{ "jobs", "viva: jobs what? (jobs run)" },
		{ "migrate now", "viva: migrate takes no arguments, not \"now\"" },
		{ "user add", "viva: user add needs --email" },
		{ "user add --email", "viva: user add: --email needs a value" },
		{ "user add --email a@example.com --role boss",
		    "viva: user add: --role is admin or interviewer, not \"boss\"" },
		{ "user add --email a@example.com --mail b",
		    "viva: user add: unknown argument \"--mail\"" },
		{ "user password", "viva: user password takes --email E" },
		{ "jobs run --dryrun",
		    "viva: jobs run takes only --dry-run, not \"--dryrun\"" },
		{ "recordings reseal --dry-run x",
		    "viva: recordings reseal takes one argument at most" },
		{ "export", "viva: export: --org NAME is needed" },
		{ "export --org", "viva: export: --org needs a value" },
		{ "export --org A --format xml",
		    "viva: export: --format is json, md or csv" },
		{ "export --org A --interview 7x",
		    "viva: export: --interview is an interview's number" },
		{ "export --org A --all", "viva: export: unknown argument \"--all\"" },
	};
	char	*out;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = viva("--config \"$VAR/no-such.conf\" %s", cases[i].args);
		assert_output_has(out, cases[i].says);
		assert_output_has(out, "rc=2");
		assert_output_lacks(out, "no-such.conf");
		free(out);
	}
}

/* The candidates' names in DIR/interviews.csv, in its order, one line. */
static char *
csv_names(const char *dir)
{
	return stack_out(&S, "tail -n +2 \"$VAR/%s/interviews.csv\" |"
	    " cut -d, -f2 | paste -sd \" \"", dir);
}

/*
 * `viva export --sort` orders interviews.csv as the interviews page and its
 * CSV do (created: newest first, activity: last active first, name: by name
 * ignoring accents); without it, newest first, as the page.
 */
static void
test_export_sorts_the_list_as_the_page(void **state)
{
	static const struct {
		const char	*sort, *names;
	} cases[] = {
		{ "", "Zed \xc3\x89mile Anna" },
		{ "--sort created", "Zed \xc3\x89mile Anna" },
		{ "--sort activity", "Anna Zed \xc3\x89mile" },
		{ "--sort name", "Anna \xc3\x89mile Zed" },
	};
	char	*out, *names, *dir;
	size_t	 i;

	(void)state;
	out = viva("--config \"$CONF\" user add --org \"Sort Org\""
	    " --email sort-admin@example.com");
	assert_output_has(out, "rc=0");
	free(out);
	/* Made in the order Zed, Anna, Émile: an order none of the sorts gives. */
	free(stack_sql(&S, "INSERT INTO interviews (org_id, kind, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget, created_at, last_activity_at)"
	    " SELECT o.id, 'assisted', v.name, v.email, v.hash,"
	    " now() + interval '1 day', 600, 1000,"
	    " now() - v.created * interval '1 hour',"
	    " now() - v.active * interval '1 hour'"
	    " FROM orgs o, (VALUES (1, 'Zed', 'zed@x.test', 'h-sort-z', 1, 2),"
	    " (2, 'Anna', 'anna@x.test', 'h-sort-a', 3, 1),"
	    " (3, '\xc3\x89mile', 'emile@x.test', 'h-sort-e', 2, 3))"
	    " AS v(n, name, email, hash, created, active)"
	    " WHERE o.name = 'Sort Org' ORDER BY v.n"));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (asprintf(&dir, "sorted-%zu", i) < 0)
			abort();
		out = viva("export --config \"$CONF\" --org \"Sort Org\" %s"
		    " --format csv --out \"$VAR/%s\"", cases[i].sort, dir);
		assert_output_has(out, "exported 3 interviews of \"Sort Org\"");
		assert_output_has(out, "rc=0");
		free(out);
		names = csv_names(dir);
		if (strcmp(names, cases[i].names) != 0)
			fail_msg("export %s: %s, not %s", cases[i].sort, names,
			    cases[i].names);
		free(names);
		free(dir);
	}
	out = viva("export --org \"Sort Org\" --sort oldest");
	assert_output_has(out, "viva: export: --sort is created, activity or name");
	assert_output_has(out, "rc=2");
	free(out);
}

/*
 * On an installed host the tokenizer's data is in share_dir, not ./data:
 * `viva --config FILE tokens` finds it there, from any directory.
 */
static void
test_tokens_reads_share_dir_from_the_config(void **state)
{
	char	*out;

	(void)state;
	out = stack_out(&S, "v=$(realpath \"$VIVA\") && cd \"$VAR\" &&"
	    " printf \"hello world\" | \"$v\" --config \"$CONF\" tokens 2>&1;"
	    " echo \" rc=$?\"");
	assert_string_equal(out, "2\n rc=0");
	free(out);
	out = stack_out(&S, "v=$(realpath \"$VIVA\") && cd \"$VAR\" &&"
	    " printf \"hello world\" | \"$v\" tokens --ids --config \"$CONF\""
	    " 2>&1; echo \" rc=$?\"");
	assert_string_equal(out, "24912 2375\n rc=0");
	free(out);
}

/*
 * viva.fcgi and viva-worker name a flag's bad value and exit 2, where atoi
 * ran them with a number cut short or none ("--port abc": the config's
 * port, without a word); --help is answered with status 0.
 */
static void
test_server_flags_are_checked(void **state)
{
	static const struct {
		const char	*prog, *args, *says;
	} cases[] = {
		{ "$FCGI", "--workers abc",
		    "viva.fcgi: --workers takes a number from 1 to 256, not \"abc\"" },
		{ "$FCGI", "--workers 8x", "not \"8x\"" },
		{ "$FCGI", "--workers", "viva.fcgi: a value is needed after \"--workers\"" },
		{ "$FCGI", "--listen --sockets /tmp/x",
		    "viva.fcgi: unknown argument \"--sockets\"" },
		{ "$WORKER", "--port abc",
		    "viva-worker: --port takes a number from 1 to 65535, not \"abc\"" },
		{ "$WORKER", "--port 8090x", "not \"8090x\"" },
		{ "$WORKER", "--ping-secs 0",
		    "viva-worker: --ping-secs takes a number from 1 to 3600, not \"0\"" },
		{ "$WORKER", "--db-threads", "viva-worker: --db-threads needs a value" },
		{ "$WORKER", "--pid-file x", "viva-worker: unknown argument \"--pid-file\"" },
	};
	char	*out;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = stack_out(&S, "\"%s\" --config \"$VAR/no-such.conf\" %s"
		    " </dev/null 2>&1; echo \"rc=$?\"", cases[i].prog,
		    cases[i].args);
		assert_output_has(out, cases[i].says);
		assert_output_has(out, "usage: viva");
		assert_output_has(out, "rc=2");
		free(out);
	}
	out = stack_out(&S, "\"$FCGI\" --help 2>/dev/null; echo \"rc=$?\";"
	    " \"$WORKER\" -h 2>/dev/null; echo \"rc=$?\"");
	assert_output_has(out, "usage: viva.fcgi");
	assert_output_has(out, "usage: viva-worker");
	assert_output_lacks(out, "rc=2");
	free(out);
}

/*
 * A database that cannot be reached is named by host, port and database,
 * with libpq's reason, never by database_url: it printed the string,
 * password and all, in either of libpq's forms.  A string libpq cannot
 * parse is not quoted either (libpq's own message quotes it), by viva nor
 * in viva.fcgi's log.
 */
static void
test_database_password_is_never_printed(void **state)
{
	static const struct {
		const char	*url, *says;
	} cases[] = {
		{ "postgresql://viva:SECRETPW@127.0.0.1:1/viva",
		    "host 127.0.0.1, port 1, database viva: connection to server" },
		{ "host=127.0.0.1 port=1 password=SECRETPW dbname=viva",
		    "host 127.0.0.1, port 1, database viva: connection to server" },
		{ "postgresql://viva:SECRETPW%ZZ@127.0.0.1:1/viva",
		    "database_url is not a libpq connection string" },
		{ "host=127.0.0.1 password SECRETPW dbname=viva",
		    "database_url is not a libpq connection string" },
	};
	char	*out;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		out = stack_out(&S, "VIVA_DATABASE_URL=\"%s\" \"$VIVA\" --config"
		    " \"$CONF\" migrate 2>&1; echo \"rc=$?\"", cases[i].url);
		assert_output_has(out, "viva: cannot connect to the database: ");
		assert_output_has(out, cases[i].says);
		assert_output_has(out, "rc=1");
		assert_output_lacks(out, "SECRETPW");
		free(out);
	}
	out = stack_out(&S, "echo \"socket = $VAR/pw.sock\" >\"$VAR/pw.conf\";"
	    " VIVA_DATABASE_URL=\"%s\" timeout 2 \"$FCGI\""
	    " --config \"$VAR/pw.conf\" --listen 2>&1", cases[2].url);
	assert_output_has(out, "database_url is not a libpq connection string");
	assert_output_lacks(out, "SECRETPW");
	free(out);
}

/* The role `viva user add` gave email, as the database has it. */
static char *
role_of(const char *email)
{
	char	*sql, *out;

	if (asprintf(&sql, "SELECT role FROM users WHERE email = '%s'", email) < 0)
		abort();
	out = stack_sql(&S, sql);
	free(sql);
	return out;
}

/*
 * Without --role, `viva user add` makes an interviewer (it made an admin,
 * a privilege nobody chose), and says so; --first, make run's first user
 * on an empty server, still makes the admin, and refuses --role interviewer.
 */
static void
test_user_add_makes_an_interviewer_unless_first(void **state)
{
	char	*out;

	(void)state;
	out = viva("--config \"$CONF\" user add --org \"Role Org\""
	    " --email role-default@example.com");
	assert_output_has(out, "role:     interviewer");
	assert_output_has(out, "rc=0");
	free(out);
	out = role_of("role-default@example.com");
	assert_string_equal(out, "interviewer");
	free(out);
	out = viva("--config \"$CONF\" user add --org \"Role Org\""
	    " --email role-admin@example.com --role admin");
	assert_output_has(out, "role:     admin");
	free(out);
	out = viva("user add --first --role interviewer --email f@example.com");
	assert_output_has(out, "viva: user add: --first makes the org's first admin");
	assert_output_has(out, "rc=2");
	free(out);
	/* A server of its own, with no users: as make run's first start. */
	out = stack_out(&S, "as_pg \"$PGBIN/createdb\" -h \"$(pg_dir)/socket\""
	    " -U viva viva_first && export VIVA_DATABASE_URL=\"host=$(pg_dir)/socket"
	    " user=viva dbname=viva_first\" && \"$VIVA\" --config \"$CONF\" migrate"
	    " >/dev/null && \"$VIVA\" --config \"$CONF\" user add --first --org"
	    " First --email first@example.com --name Admin && as_pg \"$PGBIN/psql\""
	    " -h \"$(pg_dir)/socket\" -U viva -d viva_first -Atc"
	    " \"SELECT role FROM users\" 2>&1; echo \"rc=$?\"");
	assert_output_has(out, "role:     admin");
	assert_output_has(out, "\nadmin\nrc=0");
	free(out);
}

/*
 * `viva user add` checks its values as the web's forms do: an email that is
 * none, a name of two lines, an empty --org are named with status 2 and
 * nothing is made (an empty --org was PostgreSQL's raw error, then
 * "internal"); spaces around a value are trimmed, not stored.
 */
static void
test_user_add_checks_its_values_as_the_forms_do(void **state)
{
	static const struct {
		const char	*args, *says;
	} bad[] = {
		{ "--email bad",
		    "viva: user add: --email \"bad\": Enter an email address" },
		{ "--email \"a b@x.test\"", "--email \"a b@x.test\": Enter an email" },
		{ "--email \"  \"", "--email \"  \": This field is required." },
		{ "--email bad-org@x.test --org \"\"",
		    "viva: user add: --org needs a name, not \"\"" },
		{ "--email bad-org@x.test --org \" \t\"", "--org needs a name" },
		{ "--email bad-name@x.test --name \"$(printf \"a\\\\nb\")\"",
		    "viva: user add: --name \"a" },
		{ "--email long@x.test --name \"$(printf %0201d 0)\"",
		    "Enter at most 200 characters." },
	};
	char	*out;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = viva("--config \"$CONF\" user add --org \"Check Org\" %s",
		    bad[i].args);
		assert_output_has(out, bad[i].says);
		assert_output_has(out, "rc=2");
		assert_output_lacks(out, "password:");
		free(out);
	}
	out = stack_sql(&S, "SELECT count(*) FROM users u JOIN orgs o ON"
	    " o.id = u.org_id WHERE o.name = 'Check Org' OR u.email LIKE"
	    " '%bad%' OR u.email LIKE 'long@%'");
	assert_string_equal(out, "0");
	free(out);
	out = viva("--config \"$CONF\" user add --org \" Check Org \""
	    " --email \"  spaced@y.test \" --name \"$(printf \"\\\\tAnn Lee \")\"");
	assert_output_has(out, "org:      Check Org\nemail:    spaced@y.test\n");
	assert_output_has(out, "rc=0");
	free(out);
	out = stack_sql(&S, "SELECT '[' || o.name || '|' || u.email || '|' ||"
	    " u.name || ']' FROM users u JOIN orgs o ON o.id = u.org_id"
	    " WHERE u.email LIKE '%spaced@y.test%'");
	assert_string_equal(out, "[Check Org|spaced@y.test|Ann Lee]");
	free(out);
	/* The same address, typed with spaces again, finds that user. */
	out = viva("--config \"$CONF\" user password --email \" spaced@y.test \"");
	assert_output_has(out, "email:    spaced@y.test\npassword: ");
	assert_output_has(out, "rc=0");
	free(out);
}

/*
 * viva export into a directory it cannot make says why (it said "cannot
 * make DIR" alone), as into a path that is a file, with status 1.
 */
static void
test_export_says_why_it_cannot_make_the_directory(void **state)
{
	char	*out;

	(void)state;
	out = viva("--config \"$CONF\" user add --org \"Out Org\""
	    " --email out@example.com");
	assert_output_has(out, "rc=0");
	free(out);
	out = viva("--config \"$CONF\" export --org \"Out Org\" --out /proc/nope");
	assert_output_has(out, "viva: cannot make /proc/nope: No such file or"
	    " directory");
	assert_output_has(out, "rc=1");
	free(out);
	out = stack_out(&S, ": >\"$VAR/a-file\"; \"$VIVA\" --config \"$CONF\""
	    " export --org \"Out Org\" --out \"$VAR/a-file\" 2>&1; echo \"rc=$?\"");
	assert_output_has(out, "/a-file: Not a directory");
	assert_output_has(out, "rc=1");
	free(out);
}

/*
 * What the docs tell an admin matches the code: each extension the
 * migrations create is named where OPERATIONS.md §4 sets up the database
 * (pg_trgm was missing, and a database owner who is no superuser needs to
 * know both); ai_ca_file is trusted beside the system's store (http.c,
 * net.c), not in its place; HSTS also follows nginx's HTTPS=on (req.c,
 * cgi_test), whatever base_url says.
 */
static void
test_docs_say_what_the_code_does(void **state)
{
	char	*out;

	(void)state;
	out = stack_out(&S, "for e in $(sed -n \"s/.*CREATE EXTENSION IF NOT"
	    " EXISTS \\([a-z_]*\\).*/\\1/p\" sql/*.sql); do sed -n \"/^## 4\\./,"
	    "/^## 5\\./p\" docs/OPERATIONS.md | grep -q \"\\`$e\\`\" ||"
	    " echo \"OPERATIONS.md section 4 lacks $e\"; done; echo checked");
	assert_string_equal(out, "checked");
	free(out);
	assert_int_equal(stack_num(&S, "cat README.md docs/OPERATIONS.md |"
	    " grep -c \"in place of the system\""), 0);
	assert_true(stack_num(&S, "grep -c HTTPS=on README.md") > 0);
	assert_true(stack_num(&S, "grep -c HTTPS=on docs/OPERATIONS.md") > 0);
}

/*
 * viva export onto a full disk: the reason is said (it was "cannot write
 * PATH" alone), the exit status is 1, and no part of a file is left.
 */
static void
test_export_to_a_full_disk_says_why_and_leaves_no_part(void **state)
{
	char	*out;

	(void)state;
	if (geteuid() != 0)
		skip();
	assert_int_equal(stack_sh(&S, "mkdir -p \"$VAR/full\" && mount -t"
	    " tmpfs -o size=4k viva-full \"$VAR/full\""), 0);
	out = viva("export --config \"$CONF\" --org \"Sort Org\" --format"
	    " json --out \"$VAR/full/out\"");
	(void)stack_sh(&S, "find \"$VAR/full\" -name \"part.*\" >\"$VAR/parts\";"
	    " umount \"$VAR/full\"");
	assert_output_has(out, "No space left on device");
	assert_output_has(out, "rc=1");
	free(out);
	assert_int_equal(stack_num(&S, "wc -l <\"$VAR/parts\""), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_after_the_command_is_read),
		cmocka_unit_test(test_config_mistakes_are_named),
		cmocka_unit_test(test_help_is_printed_and_succeeds),
		cmocka_unit_test(test_argument_mistakes_are_named_first),
		cmocka_unit_test(test_export_sorts_the_list_as_the_page),
		cmocka_unit_test(test_export_to_a_full_disk_says_why_and_leaves_no_part),
		cmocka_unit_test(test_tokens_reads_share_dir_from_the_config),
		cmocka_unit_test(test_server_flags_are_checked),
		cmocka_unit_test(test_database_password_is_never_printed),
		cmocka_unit_test(test_user_add_makes_an_interviewer_unless_first),
		cmocka_unit_test(test_user_add_checks_its_values_as_the_forms_do),
		cmocka_unit_test(test_export_says_why_it_cannot_make_the_directory),
		cmocka_unit_test(test_docs_say_what_the_code_does),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
