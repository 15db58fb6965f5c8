/*
 * migrate_test.c: `viva migrate` on a real database: idempotent, all or
 * nothing; one-way ratings and recommendations of the single-reviewer
 * shape moved to per-reviewer scorecards (033) with nothing lost.
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

/* The shape before 033: one rating per answer, one recommendation. */
#define BEFORE_033 \
	"DROP TABLE oneway_ratings; DROP TABLE oneway_recommendations;" \
	" ALTER TABLE oneway_settings ADD COLUMN recommendation text NOT NULL" \
	" DEFAULT '' CHECK (recommendation IN ('', 'strong_yes', 'yes', 'no'," \
	" 'strong_no')), ADD COLUMN recommendation_notes text NOT NULL" \
	" DEFAULT '', ADD COLUMN recommended_by bigint REFERENCES users(id)," \
	" ADD COLUMN recommended_at timestamptz;" \
	" ALTER TABLE oneway_questions ADD COLUMN rating int" \
	" CHECK (rating BETWEEN 1 AND 5), ADD COLUMN notes text NOT NULL" \
	" DEFAULT '', ADD COLUMN rated_by bigint REFERENCES users(id)," \
	" ADD COLUMN rated_at timestamptz;" \
	" DELETE FROM schema_migrations WHERE version = '033_oneway_reviews.sql'"

/*
 * A database from before 033 holding a rated one-way interview: each
 * rating and the recommendation move to the reviewer who gave them, with
 * notes and times; one with no rater recorded is kept (user_id NULL);
 * another reviewer's the old code replaced comes back from the timeline
 * (their latest, without notes, which were kept nowhere).
 * Notes without a rating would be lost with the columns: the migration
 * stops, says where, changes nothing, and goes through once they are
 * dealt with.  The app then exports what was moved.
 */
static void
test_oneway_ratings_move_to_their_reviewers(void **state)
{
	char		*out, *iv, *rev, *rev2, *q;
	long long	 before;

	(void)state;
	free(sql(BEFORE_033));
	before = sql_num("SELECT count(*) FROM schema_migrations");
	free(sql("INSERT INTO orgs (name) VALUES ('Mig')"));
	rev = sql("INSERT INTO users (org_id, email, name, role, password_hash)"
	    " SELECT id, 'rev@mig.test', 'Rhea Rev', 'interviewer', 'x'"
	    " FROM orgs WHERE name = 'Mig' RETURNING id");
	rev2 = sql("INSERT INTO users (org_id, email, role, password_hash)"
	    " SELECT id, 'rev2@mig.test', 'admin', 'x' FROM orgs"
	    " WHERE name = 'Mig' RETURNING id");
	iv = sql("INSERT INTO interviews (org_id, kind, status, candidate_name,"
	    " candidate_email, invite_hash, invite_expires_at, time_limit_s,"
	    " token_budget) SELECT id, 'oneway', 'completed', 'Mig Rated',"
	    " 'm@mig.test', 'mig-1', now(), 86400, 1000 FROM orgs"
	    " WHERE name = 'Mig' RETURNING id");
	q = malloc(2048);
	snprintf(q, 2048, "INSERT INTO oneway_settings (interview_id, media,"
	    " answer_s, max_attempts, recommendation, recommendation_notes,"
	    " recommended_by, recommended_at) VALUES (%s, 'audio', 60, 1,"
	    " 'yes', 'Solid', %s, '2026-01-02 03:04:05+00');"
	    " INSERT INTO oneway_questions (interview_id, n, body, prep_s,"
	    " submitted, submitted_at, rating, notes, rated_by, rated_at)"
	    " VALUES (%s, 1, 'One?', 0, 1, '2026-01-01 00:00:00+00', 4,"
	    " 'Clear', %s, '2026-01-02 03:00:00+00'),"
	    " (%s, 2, 'Two?', 0, 1, '2026-01-01 00:00:00+00', NULL, '', NULL,"
	    " NULL),"
	    " (%s, 3, 'Three?', 0, 1, '2026-01-01 00:01:00+00', 2, 'Legacy',"
	    " NULL, NULL),"
	    " (%s, 4, 'Four?', 0, 1, '2026-01-01 00:02:00+00', NULL,"
	    " 'Orphan note', NULL, NULL)", iv, rev, iv, rev, iv, iv, iv);
	free(sql(q));
	/*
	 * The timeline of the old code: rev2 rated answer 1 "2" and
	 * recommended "strong_no", then rev's replaced both (the columns);
	 * rev had rated it "3" before their "4".
	 */
	snprintf(q, 2048, "INSERT INTO events (org_id, interview_id,"
	    " actor_user_id, actor, type, detail, created_at)"
	    " SELECT org_id, id, %s, 'rev2@mig.test', 'answer_rated',"
	    " '{\"question\":1,\"rating\":2}'::jsonb,"
	    " '2026-01-01 10:00:00+00'::timestamptz FROM interviews WHERE id = %s"
	    " UNION ALL SELECT org_id, id, %s, 'rev2@mig.test', 'answer_rated',"
	    " '{\"question\":1,\"rating\":1}'::jsonb,"
	    " '2026-01-01 09:00:00+00'::timestamptz FROM interviews WHERE id = %s"
	    " UNION ALL SELECT org_id, id, %s, 'rev@mig.test', 'answer_rated',"
	    " '{\"question\":1,\"rating\":3}'::jsonb,"
	    " '2026-01-01 11:00:00+00'::timestamptz FROM interviews WHERE id = %s"
	    " UNION ALL SELECT org_id, id, %s, 'rev2@mig.test', 'recommendation',"
	    " '{\"recommendation\":\"strong_no\"}'::jsonb,"
	    " '2026-01-01 12:00:00+00'::timestamptz FROM interviews WHERE id = %s",
	    rev2, iv, rev2, iv, rev, iv, rev2, iv);
	free(sql(q));

	/* Notes without a rating: refused, named, nothing changed. */
	out = migrate(NULL);
	assert_output_lacks(out, "rc=0");
	assert_output_has(out, "033_oneway_reviews.sql");
	assert_output_has(out, "one-way notes without a rating (interview/question");
	assert_output_has(out, "/4) or without a recommendation (interview none)");
	assert_output_has(out, "rolled back");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"), before);
	assert_int_equal(sql_num("SELECT count(*) FROM oneway_questions"
	    " WHERE rating = 4 AND notes = 'Clear'"), 1);
	assert_int_equal(sql_num("SELECT (to_regclass('public.oneway_ratings')"
	    " IS NULL)::int"), 1);

	/* Dealt with (rated, here), it goes through. */
	snprintf(q, 2048, "UPDATE oneway_questions SET rating = 5, rated_by = %s"
	    " WHERE interview_id = %s AND n = 4", rev, iv);
	free(sql(q));
	out = migrate(NULL);
	assert_output_has(out, "migrate: applied 033_oneway_reviews.sql");
	assert_output_has(out, "rc=0");
	free(out);
	assert_int_equal(sql_num("SELECT count(*) FROM schema_migrations"),
	    before + 1);
	snprintf(q, 2048, "SELECT count(*) FROM oneway_ratings WHERE"
	    " interview_id = %s AND ((n = 1 AND user_id = %s AND rating = 4"
	    " AND notes = 'Clear' AND rated_at = '2026-01-02 03:00:00+00')"
	    " OR (n = 3 AND user_id IS NULL AND rating = 2 AND notes = 'Legacy'"
	    " AND rated_at = '2026-01-01 00:01:00+00')"
	    " OR (n = 4 AND user_id = %s AND rating = 5"
	    " AND notes = 'Orphan note'))", iv, rev, rev);
	assert_int_equal(sql_num(q), 3);
	/* The ones the old code had replaced, back from the timeline. */
	snprintf(q, 2048, "SELECT count(*) FROM oneway_ratings WHERE"
	    " interview_id = %s AND n = 1 AND user_id = %s AND rating = 2"
	    " AND notes = '' AND rated_at = '2026-01-01 10:00:00+00'", iv, rev2);
	assert_int_equal(sql_num(q), 1);
	snprintf(q, 2048, "SELECT count(*) FROM oneway_ratings WHERE"
	    " interview_id = %s", iv);
	assert_int_equal(sql_num(q), 4);
	snprintf(q, 2048, "SELECT count(*) FROM oneway_recommendations WHERE"
	    " interview_id = %s AND user_id = %s AND recommendation = 'yes'"
	    " AND notes = 'Solid' AND recommended_at ="
	    " '2026-01-02 03:04:05+00'", iv, rev);
	assert_int_equal(sql_num(q), 1);
	snprintf(q, 2048, "SELECT count(*) FROM oneway_recommendations WHERE"
	    " interview_id = %s AND user_id = %s AND recommendation ="
	    " 'strong_no' AND notes = ''", iv, rev2);
	assert_int_equal(sql_num(q), 1);
	assert_int_equal(sql_num("SELECT count(*) FROM information_schema.columns"
	    " WHERE table_name IN ('oneway_questions', 'oneway_settings')"
	    " AND column_name IN ('rating', 'notes', 'rated_by', 'rated_at',"
	    " 'recommendation', 'recommendation_notes', 'recommended_by',"
	    " 'recommended_at')"), 0);

	/* The app reads what was moved. */
	out = stack_out(&S, "d=$(mktemp -d) && \"$VIVA\" --config \"$CONF\""
	    " export --org Mig --interview %s --format md --out \"$d\""
	    " >/dev/null && cat \"$d\"/interview-%s.md; rm -rf \"$d\"", iv, iv);
	assert_output_has(out, "  - Recommendation: Yes, by Rhea Rev"
	    " \\(rev@mig.test\\), 2026-01-02T03:04:05Z: Solid\n");
	assert_output_has(out, "  - Recommendation: Strong no, by"
	    " rev2@mig.test, 2026-01-01T12:00:00Z\n");
	assert_output_has(out, "Ratings: average 3/5 of 2 reviewers\n\n"
	    "- 2/5, by rev2@mig.test, 2026-01-01T10:00:00Z\n"
	    "- 4/5, by Rhea Rev \\(rev@mig.test\\), 2026-01-02T03:00:00Z:"
	    " Clear\n");
	assert_output_has(out, "Rating: 2/5, by unrecorded reviewer,"
	    " 2026-01-01T00:01:00Z: Legacy\n");
	assert_output_has(out, "Rating: none yet\n");
	free(out);
	free(q);
	free(iv);
	free(rev);
	free(rev2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_twice_applies_nothing_the_second_time),
		cmocka_unit_test(test_failing_migration_is_named_and_rolled_back),
		/* Last: it takes 033 back and applies it again. */
		cmocka_unit_test(test_oneway_ratings_move_to_their_reviewers),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
