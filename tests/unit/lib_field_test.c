/* lib_field_test.c: field tables checked by fields_check and fields_get. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/form.h"

/* A value sent for the field (NULL: not sent) and what must come of it. */
struct fcase {
	const char	*val;
	const char	*err;	/* NULL: valid */
	const char	*text;	/* checked when valid and not NULL */
	long long	 num;	/* checked when valid, for F_INT and F_BOOL */
};

static const char REQUIRED[] = "This field is required.";

static void
run_cases(const struct field *f, const struct fcase *c, size_t n)
{
	struct arena		*a = arena_new();
	struct field		 tab[2];
	struct param		 p;
	struct params		 ps;
	struct field_val	*v;
	enum status		 st;
	size_t			 i;

	tab[0] = *f;
	memset(&tab[1], 0, sizeof(tab[1]));
	for (i = 0; i < n; i++) {
		print_message("value: %s\n", c[i].val ? c[i].val : "(absent)");
		memset(&p, 0, sizeof(p));
		p.name = f->name;
		p.val = c[i].val;
		p.vlen = c[i].val ? strlen(c[i].val) : 0;
		ps.v = &p;
		ps.n = c[i].val != NULL;
		st = fields_check(a, tab, &ps, &v);
		assert_string_equal(v[0].name, f->name);
		assert_non_null(v[0].text);
		if (c[i].err != NULL) {
			assert_int_equal(st, ST_INVALID);
			assert_non_null(v[0].err);
			assert_string_equal(v[0].err, c[i].err);
			continue;
		}
		if (v[0].err != NULL)
			fail_msg("unexpected error: %s", v[0].err);
		assert_int_equal(st, ST_OK);
		if (c[i].text != NULL)
			assert_string_equal(v[0].text, c[i].text);
		if (f->type == F_INT || f->type == F_BOOL)
			assert_int_equal(v[0].num, c[i].num);
	}
	arena_free(a);
}

static void
test_fields_text_counts_code_points_not_bytes(void **state)
{
	static const struct field f = { "bio", F_TEXT, 2, 4, 0, NULL };
	static const struct fcase c[] = {
		{ "ab", NULL, "ab", 0 },
		{ "abcd", NULL, "abcd", 0 },
		{ "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac", NULL,
		    NULL, 0 },				/* 12 bytes, 4 chars */
		{ "\xf0\x9f\x98\x80\xf0\x9f\x98\x80", NULL, NULL, 0 },
		{ "a", "Enter between 2 and 4 characters.", NULL, 0 },
		{ "abcde", "Enter between 2 and 4 characters.", NULL, 0 },
		{ "caf\xc3\xa9!", "Enter between 2 and 4 characters.", NULL,
		    0 },
		{ "a\r\nb", NULL, "a\r\nb", 0 },	/* CRLF is one */
		{ "a\r\n\r\nbc", "Enter between 2 and 4 characters.", NULL, 0 },
		{ "line1\nl2", "Enter between 2 and 4 characters.", NULL, 0 },
		{ NULL, NULL, "", 0 },			/* optional */
		{ "", NULL, "", 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_text_length_messages_name_the_limit(void **state)
{
	static const struct field at_most = { "t", F_TEXT, 0, 3, 0, NULL };
	static const struct field one = { "t", F_TEXT, 1, 1, 0, NULL };
	static const struct field at_least = { "t", F_TEXT, 3, 0, 0, NULL };
	static const struct fcase c_most[] = {
		{ "abc", NULL, "abc", 0 },
		{ "abcd", "Enter at most 3 characters.", NULL, 0 },
	};
	static const struct fcase c_one[] = {
		{ "ab", "Enter at most 1 character.", NULL, 0 },
	};
	static const struct fcase c_least[] = {
		{ "ab", "Enter at least 3 characters.", NULL, 0 },
		{ "a very long text indeed", NULL, NULL, 0 },
	};

	(void)state;
	run_cases(&at_most, c_most, NITEMS(c_most));
	run_cases(&one, c_one, NITEMS(c_one));
	run_cases(&at_least, c_least, NITEMS(c_least));
}

static void
test_fields_text_is_trimmed_of_surrounding_whitespace(void **state)
{
	static const struct field f = { "name", F_TEXT, 1, 5, 0, NULL };
	static const struct fcase c[] = {
		{ "  Ada  ", NULL, "Ada", 0 },
		{ "\t\r\nAda\r\n", NULL, "Ada", 0 },
		{ "  a b  ", NULL, "a b", 0 },
		{ "   abcde   ", NULL, "abcde", 0 },	/* counted trimmed */
		{ " \xc2\xa0 ", NULL, "\xc2\xa0", 0 },	/* NBSP is kept */
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_line_rejects_newlines(void **state)
{
	static const struct field f = { "title", F_LINE, 1, 10, 0, NULL };
	static const struct fcase c[] = {
		{ "one line", NULL, "one line", 0 },
		{ "tab\there", NULL, "tab\there", 0 },
		{ "two\nlines", "Enter a single line.", NULL, 0 },
		{ "two\r\nlines", "Enter a single line.", NULL, 0 },
		{ "cr\ronly", "Enter a single line.", NULL, 0 },
		{ "  padded\n", NULL, "padded", 0 },	/* trimmed first */
		{ "elevenchars", "Enter at most 10 characters.", NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_email_accepts_plain_addresses(void **state)
{
	static const struct field f = { "email", F_EMAIL, 3, 254, 0, NULL };
	static const struct fcase c[] = {
		{ "a@b.co", NULL, "a@b.co", 0 },
		{ "first.last+tag@example.com", NULL, NULL, 0 },
		{ "  x_y-z@mail.example.org ", NULL, "x_y-z@mail.example.org",
		    0 },
		{ "j\xc3\xb6rg@m\xc3\xbcller.de", NULL, NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_email_rejects_what_is_not_an_address(void **state)
{
	static const char m[] = "Enter an email address like name@example.com.";
	static const struct field f = { "email", F_EMAIL, 3, 20, 0, NULL };
	static const struct fcase c[] = {
		{ "plain", m, NULL, 0 }, { "@example.com", m, NULL, 0 },
		{ "a@", m, NULL, 0 }, { "a@b", m, NULL, 0 },
		{ "a@.com", m, NULL, 0 }, { "a@b.", m, NULL, 0 },
		{ "a@b..com", m, NULL, 0 }, { "a@b@c.com", m, NULL, 0 },
		{ "a b@c.com", m, NULL, 0 }, { "a@c d.com", m, NULL, 0 },
		{ "a\t@c.com", m, NULL, 0 }, { "a@c.com\nBcc:x", m, NULL, 0 },
		{ "<a@c.com>", m, NULL, 0 }, { "a@c.com,b@c.com", m, NULL, 0 },
		{ "\"a\"@c.com", m, NULL, 0 }, { "a;b@c.com", m, NULL, 0 },
		{ "averyveryverylong@example.com",
		    "Enter between 3 and 20 characters.", NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_int_accepts_whole_numbers_in_range(void **state)
{
	static const struct field f = { "minutes", F_INT, 5, 240, 0, NULL };
	static const struct fcase c[] = {
		{ "5", NULL, "5", 5 }, { "240", NULL, "240", 240 },
		{ "030", NULL, "030", 30 }, { " 60 ", NULL, "60", 60 },
		{ NULL, NULL, "", 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_int_rejects_garbage_overflow_and_out_of_range(void **state)
{
	static const char m[] = "Enter a whole number between 5 and 240.";
	static const struct field f = { "minutes", F_INT, 5, 240, 0, NULL };
	static const struct fcase c[] = {
		{ "4", m, NULL, 0 }, { "241", m, NULL, 0 },
		{ "-5", m, NULL, 0 },
		{ "10abc", m, NULL, 0 }, { "10 20", m, NULL, 0 },
		{ "1e2", m, NULL, 0 }, { "0x10", m, NULL, 0 },
		{ "10.0", m, NULL, 0 }, { "+10", m, NULL, 0 },
		{ "- 10", m, NULL, 0 }, { "-", m, NULL, 0 },
		{ "abc", m, NULL, 0 }, { "\xd9\xa1\xd9\xa0", m, NULL, 0 },
		{ "99999999999999999999", m, NULL, 0 },
		{ "-99999999999999999999", m, NULL, 0 },
		{ "9223372036854775808", m, NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_int_handles_the_full_range(void **state)
{
	static const struct field f = { "n", F_INT, LLONG_MIN, LLONG_MAX, 0,
	    NULL };
	static const struct field ge = { "n", F_INT, 1, LLONG_MAX, 0, NULL };
	static const struct field le = { "n", F_INT, LLONG_MIN, -1, 0, NULL };
	static const struct fcase c[] = {
		{ "9223372036854775807", NULL, NULL, LLONG_MAX },
		{ "-9223372036854775808", NULL, NULL, LLONG_MIN },
		{ "9223372036854775808", "Enter a whole number.", NULL, 0 },
		{ "-0", NULL, NULL, 0 },
	};
	static const struct fcase c_ge[] = {
		{ "0", "Enter a whole number of 1 or more.", NULL, 0 },
	};
	static const struct fcase c_le[] = {
		{ "0", "Enter a whole number of -1 or less.", NULL, 0 },
	};
	/* Bounds people read are grouped by thousands. */
	static const struct field big = { "tokens", F_INT, 1000, 1000000, 0,
	    NULL };
	static const struct field big_ge = { "n", F_INT, 10000, LLONG_MAX, 0,
	    NULL };
	static const struct fcase c_big[] = {
		{ "999", "Enter a whole number between 1,000 and 1,000,000.",
		    NULL, 0 },
	};
	static const struct fcase c_big_ge[] = {
		{ "1", "Enter a whole number of 10,000 or more.", NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
	run_cases(&ge, c_ge, NITEMS(c_ge));
	run_cases(&le, c_le, NITEMS(c_le));
	run_cases(&big, c_big, NITEMS(c_big));
	run_cases(&big_ge, c_big_ge, NITEMS(c_big_ge));
}

static void
test_fields_bool_reads_checkbox_values(void **state)
{
	static const struct field f = { "ok", F_BOOL, 0, 0, 0, NULL };
	static const struct fcase c[] = {
		{ NULL, NULL, "", 0 }, { "", NULL, "", 0 },
		{ "on", NULL, "on", 1 }, { "1", NULL, "1", 1 },
		{ "true", NULL, "true", 1 }, { "ON", NULL, "ON", 1 },
		{ "off", NULL, "off", 0 }, { "0", NULL, "0", 0 },
		{ "false", NULL, "false", 0 },
		{ "yes please", "Choose yes or no.", NULL, 0 },
		{ "2", "Choose yes or no.", NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_required_bool_must_be_ticked(void **state)
{
	static const char m[] = "Tick this box to continue.";
	static const struct field f = { "consent", F_BOOL, 0, 0,
	    FIELD_REQUIRED, NULL };
	static const struct fcase c[] = {
		{ NULL, m, NULL, 0 }, { "0", m, NULL, 0 },
		{ "on", NULL, "on", 1 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_password_is_not_trimmed_and_single_line(void **state)
{
	static const struct field f = { "password", F_PASSWORD, 8, 64,
	    FIELD_REQUIRED, NULL };
	static const struct fcase c[] = {
		{ " secret pass ", NULL, " secret pass ", 0 },
		{ "correct horse", NULL, "correct horse", 0 },
		{ "short", "Enter between 8 and 64 characters.", NULL, 0 },
		{ "long enough\nbut two lines", "Enter a single line.", NULL,
		    0 },
		{ "", REQUIRED, NULL, 0 }, { NULL, REQUIRED, NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
}

static void
test_fields_enum_matches_whole_choices_only(void **state)
{
	static const char m[] = "Choose one of the options.";
	static const struct field f = { "role", F_ENUM, 0, 0, 0,
	    "admin|interviewer|viewer" };
	static const struct field single = { "mode", F_ENUM, 0, 0, 0, "on" };
	static const struct fcase c[] = {
		{ "admin", NULL, "admin", 0 },
		{ "interviewer", NULL, "interviewer", 0 },
		{ "viewer", NULL, "viewer", 0 },
		{ " viewer ", NULL, "viewer", 0 },
		{ "Admin", m, NULL, 0 }, { "adm", m, NULL, 0 },
		{ "admin|interviewer", m, NULL, 0 }, { "|", m, NULL, 0 },
		{ "viewers", m, NULL, 0 }, { "interview", m, NULL, 0 },
	};
	static const struct fcase c_single[] = {
		{ "on", NULL, "on", 0 }, { "o", m, NULL, 0 },
	};

	(void)state;
	run_cases(&f, c, NITEMS(c));
	run_cases(&single, c_single, NITEMS(c_single));
}

static void
test_fields_required_reports_missing_and_blank_values(void **state)
{
	static const struct field fs[] = {
		{ "t", F_TEXT, 1, 10, FIELD_REQUIRED, NULL },
		{ "l", F_LINE, 1, 10, FIELD_REQUIRED, NULL },
		{ "e", F_EMAIL, 3, 254, FIELD_REQUIRED, NULL },
		{ "i", F_INT, 1, 10, FIELD_REQUIRED, NULL },
		{ "r", F_ENUM, 0, 0, FIELD_REQUIRED, "a|b" },
	};
	static const struct fcase c[] = {
		{ NULL, REQUIRED, NULL, 0 }, { "", REQUIRED, NULL, 0 },
		{ "   ", REQUIRED, NULL, 0 }, { "\r\n\t", REQUIRED, NULL, 0 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(fs); i++)
		run_cases(&fs[i], c, NITEMS(c));
}

static const struct field form[] = {
	{ "candidate_name", F_TEXT, 1, 200, FIELD_REQUIRED, NULL },
	{ "candidate_email", F_EMAIL, 3, 254, FIELD_REQUIRED, NULL },
	{ "minutes", F_INT, 5, 240, FIELD_REQUIRED, NULL },
	{ "remote", F_BOOL, 0, 0, 0, NULL },
	{ NULL, 0, 0, 0, 0, NULL },
};

static enum status
check_body(struct arena *a, const char *body, struct field_val **v)
{
	struct params	 ps;
	const char	*why;

	assert_int_equal(form_parse_urlencoded(a, body, strlen(body),
	    &form_limits_default, &ps, &why), ST_OK);
	return fields_check(a, form, &ps, v);
}

static void
test_fields_check_a_whole_form_in_table_order(void **state)
{
	struct arena		*a = arena_new();
	struct field_val	*v;

	(void)state;
	assert_int_equal(check_body(a, "minutes=30&extra=ignored&"
	    "candidate_email=ada%40example.com&candidate_name=+Ada+Lovelace",
	    &v), ST_OK);
	assert_string_equal(v[0].name, "candidate_name");
	assert_string_equal(v[0].text, "Ada Lovelace");
	assert_true(v[0].present);
	assert_string_equal(v[1].text, "ada@example.com");
	assert_int_equal(v[2].num, 30);
	assert_string_equal(v[3].name, "remote");
	assert_false(v[3].present);
	assert_int_equal(v[3].num, 0);
	assert_null(v[0].err);
	assert_null(v[3].err);
	assert_null(v[4].name);		/* one spare, zeroed row */
	arena_free(a);
}

static void
test_fields_check_reports_every_bad_field(void **state)
{
	struct arena		*a = arena_new();
	struct field_val	*v;

	(void)state;
	assert_int_equal(check_body(a, "candidate_name=&candidate_email=nope&"
	    "minutes=4&remote=on", &v), ST_INVALID);
	assert_string_equal(v[0].err, REQUIRED);
	assert_string_equal(v[1].err,
	    "Enter an email address like name@example.com.");
	assert_string_equal(v[1].text, "nope");		/* kept for the form */
	assert_string_equal(v[2].err,
	    "Enter a whole number between 5 and 240.");
	assert_string_equal(v[2].text, "4");
	assert_null(v[3].err);
	assert_int_equal(v[3].num, 1);
	arena_free(a);
}

static void
test_fields_first_duplicate_wins(void **state)
{
	struct arena		*a = arena_new();
	struct field_val	*v;

	(void)state;
	assert_int_equal(check_body(a, "candidate_name=A&candidate_name=B&"
	    "candidate_email=a@b.co&minutes=5&minutes=x", &v), ST_OK);
	assert_string_equal(v[0].text, "A");
	assert_int_equal(v[2].num, 5);
	arena_free(a);
}

static void
test_fields_reject_file_parts_and_hand_built_bad_text(void **state)
{
	static const struct field tab[] = {
		{ "t", F_TEXT, 0, 100, 0, NULL },
		{ NULL, 0, 0, 0, 0, NULL },
	};
	struct arena		*a = arena_new();
	struct param		 p;
	struct params		 ps = { &p, 1 };
	struct field_val	*v;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.name = "t";
	p.val = "text";
	p.vlen = 4;
	p.filename = "t.txt";
	assert_int_equal(fields_check(a, tab, &ps, &v), ST_INVALID);
	assert_non_null(v[0].err);
	p.filename = NULL;
	p.val = "a\0b";
	p.vlen = 3;			/* a NUL inside */
	assert_int_equal(fields_check(a, tab, &ps, &v), ST_INVALID);
	p.val = "\xc0\xaf";
	p.vlen = 2;
	assert_int_equal(fields_check(a, tab, &ps, &v), ST_INVALID);
	p.val = "fine";
	p.vlen = 4;
	assert_int_equal(fields_check(a, tab, &ps, &v), ST_OK);
	arena_free(a);
}

static void
test_fields_check_with_no_params_or_empty_table(void **state)
{
	static const struct field none[] = { { NULL, 0, 0, 0, 0, NULL } };
	struct arena		*a = arena_new();
	struct params		 ps = { NULL, 0 };
	struct field_val	*v;

	(void)state;
	assert_int_equal(fields_check(a, none, &ps, &v), ST_OK);
	assert_non_null(v);
	assert_int_equal(fields_check(a, form, &ps, &v), ST_INVALID);
	assert_string_equal(v[0].err, REQUIRED);
	assert_null(v[3].err);
	arena_free(a);
}

static void
test_fields_get_finds_values_by_name(void **state)
{
	struct arena		*a = arena_new();
	struct field_val	*v;
	const struct field_val	*fv;

	(void)state;
	assert_int_equal(check_body(a, "candidate_name=Ada&"
	    "candidate_email=a@b.co&minutes=42", &v), ST_OK);
	assert_non_null(fv = fields_get(v, form, "minutes"));
	assert_int_equal(fv->num, 42);
	assert_ptr_equal(fields_get(v, form, "candidate_name"), &v[0]);
	assert_null(fields_get(v, form, "nope"));
	assert_null(fields_get(v, form, "Minutes"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_text_counts_code_points_not_bytes),
		cmocka_unit_test(
		    test_fields_text_length_messages_name_the_limit),
		cmocka_unit_test(
		    test_fields_text_is_trimmed_of_surrounding_whitespace),
		cmocka_unit_test(test_fields_line_rejects_newlines),
		cmocka_unit_test(test_fields_email_accepts_plain_addresses),
		cmocka_unit_test(
		    test_fields_email_rejects_what_is_not_an_address),
		cmocka_unit_test(
		    test_fields_int_accepts_whole_numbers_in_range),
		cmocka_unit_test(
		    test_fields_int_rejects_garbage_overflow_and_out_of_range),
		cmocka_unit_test(test_fields_int_handles_the_full_range),
		cmocka_unit_test(test_fields_bool_reads_checkbox_values),
		cmocka_unit_test(test_fields_required_bool_must_be_ticked),
		cmocka_unit_test(
		    test_fields_password_is_not_trimmed_and_single_line),
		cmocka_unit_test(test_fields_enum_matches_whole_choices_only),
		cmocka_unit_test(
		    test_fields_required_reports_missing_and_blank_values),
		cmocka_unit_test(test_fields_check_a_whole_form_in_table_order),
		cmocka_unit_test(test_fields_check_reports_every_bad_field),
		cmocka_unit_test(test_fields_first_duplicate_wins),
		cmocka_unit_test(
		    test_fields_reject_file_parts_and_hand_built_bad_text),
		cmocka_unit_test(
		    test_fields_check_with_no_params_or_empty_table),
		cmocka_unit_test(test_fields_get_finds_values_by_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
