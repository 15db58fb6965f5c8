/* lib_form_test.c: query, urlencoded, cookie and multipart parsers, UTF-8. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/form.h"

#define CRLF	"\r\n"
#define CT	"multipart/form-data; boundary=XyZ"

struct kv {
	const char	*name;
	const char	*val;
};

/* An input and the pairs it must decode to. */
struct good {
	const char	*in;
	size_t		 n;
	struct kv	 want[4];
};

/* An input and the status it must end with. */
struct bad {
	const char	*in;
	enum status	 st;
};

/*
 * A heap copy of exactly len bytes: parsers take inputs without a NUL, and
 * under ASan a read past the end of this copy is caught.
 */
static char *
exact(const char *s, size_t len)
{
	char	*p;

	p = malloc(len > 0 ? len : 1);
	assert_non_null(p);
	memcpy(p, s, len);
	return p;
}

typedef enum status (*parser)(struct arena *, const char *, size_t,
    const struct form_limits *, struct params *, const char **);

static enum status
run(parser fn, struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *ps)
{
	const char	*why = "unset";
	enum status	 st;
	char		*in;

	in = exact(s, len);
	st = fn(a, in, len, lim, ps, &why);
	free(in);
	/* Every failure explains itself; success leaves no reason behind. */
	if (st == ST_OK)
		assert_null(why);
	else {
		assert_non_null(why);
		assert_int_equal(ps->n, 0);
	}
	return st;
}

/* The Content-Type parse_mp hands on: run_mp and expect_mp_status set it. */
static const char *mp_ct;

/* form_parse_multipart as a parser, so that multipart shares run(). */
static enum status
parse_mp(struct arena *a, const char *s, size_t len,
    const struct form_limits *lim, struct params *ps, const char **why)
{
	return form_parse_multipart(a, mp_ct, s, len, lim, ps, why);
}

static enum status
run_mp(struct arena *a, const char *ct, const char *s, size_t len,
    const struct form_limits *lim, struct params *ps)
{
	mp_ct = ct;
	return run(parse_mp, a, s, len, lim, ps);
}

/* A multipart body under ct that must parse into n params. */
static void
mp_ok(struct arena *a, const char *ct, const char *s, size_t len, size_t n,
    struct params *ps)
{
	assert_int_equal(run_mp(a, ct, s, len, &form_limits_default, ps),
	    ST_OK);
	assert_int_equal(ps->n, n);
}

static void
expect_pairs(const struct params *ps, const struct good *g)
{
	size_t	 i;

	assert_int_equal(ps->n, g->n);
	for (i = 0; i < g->n; i++) {
		assert_string_equal(ps->v[i].name, g->want[i].name);
		assert_string_equal(ps->v[i].val, g->want[i].val);
		assert_int_equal(ps->v[i].vlen, strlen(g->want[i].val));
		assert_null(ps->v[i].filename);
		assert_null(ps->v[i].ctype);
	}
}

static void
expect_good(parser fn, const struct good *g, size_t n)
{
	struct arena	*a = arena_new();
	struct params	 ps;
	size_t		 i;

	for (i = 0; i < n; i++) {
		print_message("input: %s\n", g[i].in);
		assert_int_equal(run(fn, a, g[i].in, strlen(g[i].in),
		    &form_limits_default, &ps), ST_OK);
		expect_pairs(&ps, &g[i]);
	}
	arena_free(a);
}

/*
 * Each input, parsed under lim, must end with its status and leave at most
 * max_n params.
 */
static void
expect_status(parser fn, const struct form_limits *lim, const struct bad *t,
    size_t n, size_t max_n)
{
	struct arena	*a = arena_new();
	struct params	 ps;
	size_t		 i;

	for (i = 0; i < n; i++) {
		print_message("input %zu: %s\n", i, t[i].in);
		assert_int_equal(run(fn, a, t[i].in, strlen(t[i].in), lim,
		    &ps), t[i].st);
		assert_true(ps.n <= max_n);
	}
	arena_free(a);
}

/* Bad input fails under the default limits and leaves nothing behind. */
static void
expect_bad(parser fn, const struct bad *b, size_t n)
{
	expect_status(fn, &form_limits_default, b, n, 0);
}

/* expect_status for multipart bodies under CT. */
static void
expect_mp_status(const struct form_limits *lim, const struct bad *t,
    size_t n, size_t max_n)
{
	mp_ct = CT;
	expect_status(parse_mp, lim, t, n, max_n);
}

/*
 * A body of one part under boundary bd: header lines (each ending in CRLF),
 * a blank line, val[0..vlen), then the close delimiter.
 */
static void
one_part(struct arena *a, const char *bd, const char *heads, const char *val,
    size_t vlen, struct buf *out)
{
	buf_init(out, a);
	buf_printf(out, "--%s" CRLF "%s" CRLF, bd, heads);
	buf_put(out, val, vlen);
	buf_printf(out, CRLF "--%s--", bd);
}

/* Each set of part headers, on a part valued "v", must fail the body. */
static void
expect_heads_rejected(const char *const *heads, size_t n)
{
	struct arena	*a = arena_new();
	struct params	 ps;
	struct buf	 b;
	size_t		 i;

	for (i = 0; i < n; i++) {
		one_part(a, "XyZ", heads[i], "v", 1, &b);
		print_message("case %zu: %s\n", i, heads[i]);
		assert_int_equal(run_mp(a, CT, b.p, b.len,
		    &form_limits_default, &ps), ST_INVALID);
	}
	arena_free(a);
}

/* UTF-8 */

static void
test_utf8_valid_accepts_well_formed_text(void **state)
{
	static const char *const ok[] = {
		"", "plain ascii text, long enough for the 8-byte path",
		"caf\xc3\xa9", "\xc2\x80", "\xdf\xbf",
		"\xe0\xa0\x80", "\xe2\x82\xac", "\xed\x9f\xbf",	/* U+D7FF */
		"\xee\x80\x80", "\xef\xbf\xbf",
		"\xf0\x90\x80\x80", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
		"12345678\342\202\25412345678",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(ok); i++)
		assert_true(utf8_valid(ok[i], strlen(ok[i])));
}

static void
test_utf8_valid_rejects_bad_sequences(void **state)
{
	static const char *const bad[] = {
		"\x80", "\xbf", "abc\x80",		/* lone continuation */
		"\xc0\xaf", "\xc1\xbf",			/* overlong 2-byte */
		"\xe0\x80\xaf", "\xe0\x9f\xbf",		/* overlong 3-byte */
		"\xf0\x80\x80\xaf", "\xf0\x8f\xbf\xbf",	/* overlong 4-byte */
		"\xed\xa0\x80", "\xed\xbf\xbf",		/* surrogates */
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80",	/* above U+10FFFF */
		"\xf8\x88\x80\x80\x80", "\xfe", "\xff",
		"\xc3", "\xe2\x82", "\xf0\x9f\x98",	/* truncated */
		"\xc3\x28", "\xe2\x28\xa1", "\xe2\x82\x28",
		"12345678\xc3(2345678",
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(bad); i++) {
		print_message("case %zu\n", i);
		assert_false(utf8_valid(bad[i], strlen(bad[i])));
	}
}

static void
test_utf8_valid_stops_at_given_length(void **state)
{
	char	*p;

	(void)state;
	/* The euro sign cut after two bytes is invalid, whatever follows. */
	p = exact("\xe2\x82\xac", 3);
	assert_false(utf8_valid(p, 2));
	assert_true(utf8_valid(p, 3));
	free(p);
}

static void
test_utf8_len_counts_code_points(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} t[] = {
		{ "", 0 }, { "abc", 3 }, { "caf\xc3\xa9", 4 },
		{ "\xe2\x82\xac\xf0\x9f\x98\x80", 2 }, { "a\r\nb", 4 },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		assert_int_equal(utf8_len(t[i].s, strlen(t[i].s)), t[i].n);
}

/*
 * A cut before s keeps whole what a reader sees as one character: the rest
 * of s that belongs to the character before it, in bytes.
 */
static void
test_utf8_char_end_keeps_accents_and_joined_emoji_whole(void **state)
{
	static const struct {
		const char	*s;
		size_t		 belongs;
	} t[] = {
		{ "", 0 }, { "abc", 0 },
		{ "\xc3\xa9t\xc3\xa9", 0 },		/* é written whole: its own */
		{ "\xcc\x81t\xc3\xa9", 2 },		/* U+0301 after an e */
		{ "\xcc\x81\xcc\xa7x", 4 },		/* two accents */
		/* 👩 + ZWJ + 💻: the joiner and what it joins */
		{ "\xe2\x80\x8d\xf0\x9f\x92\xbb and", 7 },
		{ "\xf0\x9f\x8f\xbd!", 4 },		/* a skin tone */
		{ "\xef\xb8\x8f x", 3 },		/* VS16, emoji style */
		{ "\xf0\x9f\x92\xbb", 0 },		/* 💻 alone: a new one */
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++)
		assert_int_equal(utf8_char_end(t[i].s) - t[i].s, t[i].belongs);
}

/* Query strings and urlencoded bodies */

static void
test_urlencoded_decodes_percent_escapes_and_plus(void **state)
{
	static const struct good g[] = {
		{ "a=1", 1, { { "a", "1" } } },
		{ "a=1&b=two", 2, { { "a", "1" }, { "b", "two" } } },
		{ "q=hello+world", 1, { { "q", "hello world" } } },
		{ "q=a%2Bb%20c", 1, { { "q", "a+b c" } } },
		{ "q=%e2%82%AC", 1, { { "q", "\xe2\x82\xac" } } },
		{ "q=100%25", 1, { { "q", "100%" } } },
		{ "q=%3D%26", 1, { { "q", "=&" } } },
		{ "q=a=b", 1, { { "q", "a=b" } } },
		{ "q=", 1, { { "q", "" } } },
		{ "flag", 1, { { "flag", "" } } },
		{ "%61%62=c", 1, { { "ab", "c" } } },
		{ "user.name=x&a-b_c.9=y", 2,
		    { { "user.name", "x" }, { "a-b_c.9", "y" } } },
	};

	(void)state;
	expect_good(form_parse_urlencoded, g, NITEMS(g));
}

static void
test_urlencoded_rejects_bad_percent_escapes(void **state)
{
	static const struct bad b[] = {
		{ "a=%", ST_INVALID }, { "a=%4", ST_INVALID },
		{ "a=%zz", ST_INVALID }, { "a=%4g", ST_INVALID },
		{ "a=%g4", ST_INVALID }, { "a=100%", ST_INVALID },
		{ "a=%%41", ST_INVALID }, { "%=1", ST_INVALID },
		{ "a%2=1", ST_INVALID }, { "a=1&b=%", ST_INVALID },
		{ "a=%-1", ST_INVALID }, { "a=% 1", ST_INVALID },
	};

	(void)state;
	expect_bad(form_parse_urlencoded, b, NITEMS(b));
}

static void
test_urlencoded_keeps_duplicate_names_in_order(void **state)
{
	static const struct good g[] = {
		{ "a=1&a=2&b=3&a=4", 4,
		    { { "a", "1" }, { "a", "2" }, { "b", "3" },
		    { "a", "4" } } },
		{ "x=&x=y", 2, { { "x", "" }, { "x", "y" } } },
	};

	(void)state;
	expect_good(form_parse_urlencoded, g, NITEMS(g));
}

static void
test_urlencoded_skips_empty_segments(void **state)
{
	static const struct good g[] = {
		{ "&", 0, { { NULL, NULL } } },
		{ "&&a=1&&", 1, { { "a", "1" } } },
		{ "a=1&&b=2&", 2, { { "a", "1" }, { "b", "2" } } },
	};

	(void)state;
	expect_good(form_parse_urlencoded, g, NITEMS(g));
}

static void
test_urlencoded_rejects_empty_names(void **state)
{
	static const struct bad b[] = {
		{ "=1", ST_INVALID }, { "=", ST_INVALID },
		{ "a=1&=2", ST_INVALID }, { "a=1&=", ST_INVALID },
	};

	(void)state;
	expect_bad(form_parse_urlencoded, b, NITEMS(b));
}

static void
test_urlencoded_rejects_names_outside_the_allowed_set(void **state)
{
	static const struct bad b[] = {
		{ "a+b=1", ST_INVALID }, { "a%20b=1", ST_INVALID },
		{ "a[]=1", ST_INVALID }, { "caf%C3%A9=1", ST_INVALID },
		{ "a%00=1", ST_INVALID }, { "a/b=1", ST_INVALID },
		{ "a%0A=1", ST_INVALID }, { "a;b=1", ST_INVALID },
	};

	(void)state;
	expect_bad(form_parse_urlencoded, b, NITEMS(b));
}

static void
test_urlencoded_rejects_invalid_utf8(void **state)
{
	static const struct bad b[] = {
		{ "a=%C0%AF", ST_INVALID },		/* overlong '/' */
		{ "a=%E0%80%AF", ST_INVALID },		/* overlong '/' */
		{ "a=%ED%A0%80", ST_INVALID },		/* surrogate */
		{ "a=%F4%90%80%80", ST_INVALID },	/* above U+10FFFF */
		{ "a=%E2%82", ST_INVALID },		/* truncated */
		{ "a=%FF", ST_INVALID }, { "a=%80", ST_INVALID },
		{ "a=\xff", ST_INVALID },		/* raw, unescaped */
		{ "a=ok&b=%C3", ST_INVALID },
	};

	(void)state;
	expect_bad(form_parse_urlencoded, b, NITEMS(b));
}

static void
test_urlencoded_rejects_nul_and_control_chars(void **state)
{
	static const struct bad b[] = {
		{ "a=%00", ST_INVALID }, { "a=x%00y", ST_INVALID },
		{ "a=%01", ST_INVALID }, { "a=%1B%5B2J", ST_INVALID },
		{ "a=%7F", ST_INVALID }, { "a=%0B", ST_INVALID },
		{ "a=%0C", ST_INVALID },
		{ "a=%C2%85", ST_INVALID },	/* NEL, a C1 control */
		{ "a=%C2%9F", ST_INVALID }, { "a=\x01", ST_INVALID },
	};

	(void)state;
	expect_bad(form_parse_urlencoded, b, NITEMS(b));
}

static void
test_urlencoded_allows_tab_cr_lf_in_values(void **state)
{
	static const struct good g[] = {
		{ "t=a%09b", 1, { { "t", "a\tb" } } },
		{ "t=line1%0D%0Aline2", 1, { { "t", "line1\r\nline2" } } },
		{ "t=%C2%A0", 1, { { "t", "\xc2\xa0" } } },	/* NBSP */
	};

	(void)state;
	expect_good(form_parse_urlencoded, g, NITEMS(g));
}

static void
test_urlencoded_limits_return_toolarge(void **state)
{
	static const struct form_limits lim = {
		.max_fields = 3, .max_name = 4, .max_value = 5,
		.max_total = 24,
	};
	static const struct bad t[] = {
		{ "a=1&b=2&c=3", ST_OK },
		{ "a=1&b=2&c=3&d=4", ST_TOOLARGE },	/* fields */
		{ "a&b&c&d", ST_TOOLARGE },
		{ "abcd=1", ST_OK },
		{ "abcde=1", ST_TOOLARGE },		/* name */
		{ "%61%62%63%64=1", ST_OK },		/* decoded size */
		{ "a=12345", ST_OK },
		{ "a=123456", ST_TOOLARGE },		/* value */
		{ "a=%31%32%33%34%35", ST_OK },
		{ "a=%E2%82%AC%E2%82%AC", ST_TOOLARGE },	/* 6 bytes */
		{ "a=1&&&&&&&&&&&&&&&&&&&&&", ST_OK },	/* 24 bytes */
		{ "a=1&&&&&&&&&&&&&&&&&&&&&&", ST_TOOLARGE },	/* total */
	};

	(void)state;
	/* A failure leaves no params (run checks): the bound holds for all. */
	expect_status(form_parse_urlencoded, &lim, t, NITEMS(t),
	    lim.max_fields);
}

static void
test_urlencoded_never_reads_past_length(void **state)
{
	struct arena	*a = arena_new();
	struct params	 ps;
	const char	*why;
	char		*p;

	(void)state;
	p = exact("a=1&b=2", 7);
	assert_int_equal(form_parse_urlencoded(a, p, 3, &form_limits_default,
	    &ps, &why), ST_OK);
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.v[0].val, "1");
	free(p);
	/* "%41" cut after "%4" is malformed even though "1" follows. */
	p = exact("a=%41", 5);
	assert_int_equal(form_parse_urlencoded(a, p, 4, &form_limits_default,
	    &ps, &why), ST_INVALID);
	free(p);
	arena_free(a);
}

/* A bad value's reason names its field, so a page or API client can fix it. */
static void
test_query_value_reasons_name_the_field(void **state)
{
	static const char *const cases[][2] = {
		{ "page=1&q=%ff", "The field q is not valid UTF-8 text." },
		{ "q=a%00b", "The field q holds a control character." },
		{ "role=%C2%85", "The field role holds a control character." },
		{ "state=%zz", "The field state holds a malformed %-escape." },
	};
	struct arena	*a = arena_new();
	struct params	 ps;
	const char	*why;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		why = NULL;
		assert_int_equal(form_parse_query(a, cases[i][0],
		    strlen(cases[i][0]), &form_limits_default, &ps, &why),
		    ST_INVALID);
		assert_non_null(why);
		assert_string_equal(why, cases[i][1]);
	}
	arena_free(a);
}

static void
test_urlencoded_empty_input_yields_no_params(void **state)
{
	struct arena	*a = arena_new();
	struct params	 ps;
	const char	*why;

	(void)state;
	assert_int_equal(form_parse_urlencoded(a, NULL, 0,
	    &form_limits_default, &ps, &why), ST_OK);
	assert_int_equal(ps.n, 0);
	assert_null(params_get(&ps, "a"));
	assert_int_equal(form_parse_query(a, "", 0, &form_limits_default,
	    &ps, NULL), ST_OK);
	assert_int_equal(ps.n, 0);
	arena_free(a);
}

static void
test_query_decodes_like_urlencoded(void **state)
{
	static const struct good g[] = {
		{ "page=2&q=caf%C3%A9+au+lait", 2,
		    { { "page", "2" }, { "q", "caf\xc3\xa9 au lait" } } },
		{ "id", 1, { { "id", "" } } },
	};
	static const struct bad b[] = {
		{ "q=%zz", ST_INVALID }, { "q=%00", ST_INVALID },
		{ "=x", ST_INVALID },
	};

	(void)state;
	expect_good(form_parse_query, g, NITEMS(g));
	expect_bad(form_parse_query, b, NITEMS(b));
}

static void
test_params_get_returns_first_match_or_null(void **state)
{
	struct arena		*a = arena_new();
	struct params		 ps;
	const struct param	*p;

	(void)state;
	assert_int_equal(run(form_parse_urlencoded, a, "a=1&b=2&a=3", 11,
	    &form_limits_default, &ps), ST_OK);
	assert_non_null(p = params_get(&ps, "a"));
	assert_ptr_equal(p, &ps.v[0]);
	assert_string_equal(params_val(&ps, "a"), "1");
	assert_string_equal(params_val(&ps, "b"), "2");
	assert_null(params_get(&ps, "c"));
	assert_null(params_val(&ps, "c"));
	assert_null(params_val(&ps, "A"));	/* names are case-sensitive */
	assert_null(params_get(NULL, "a"));
	arena_free(a);
}

static void
test_form_limits_default_are_documented_values(void **state)
{
	(void)state;
	assert_int_equal(form_limits_default.max_fields, 64);
	assert_int_equal(form_limits_default.max_name, 64);
	assert_int_equal(form_limits_default.max_value, 512 * 1024);
	assert_int_equal(form_limits_default.max_total, 2 * 1024 * 1024);
}

/* Cookies */

static void
test_cookies_parse_pairs_with_spaces_and_quotes(void **state)
{
	static const struct good g[] = {
		{ "a=1", 1, { { "a", "1" } } },
		{ "a=1; b=2", 2, { { "a", "1" }, { "b", "2" } } },
		{ "a=1;b=2", 2, { { "a", "1" }, { "b", "2" } } },
		{ "  a = 1 ;\tb=2\t", 2, { { "a", "1" }, { "b", "2" } } },
		{ "a=\"quoted value\"", 1, { { "a", "quoted value" } } },
		{ "a=\"\"", 1, { { "a", "" } } },
		{ "a=\"", 1, { { "a", "\"" } } },
		{ "a=x=y==", 1, { { "a", "x=y==" } } },
		{ "a=%41", 1, { { "a", "%41" } } },	/* not decoded */
		{ "a=one two", 1, { { "a", "one two" } } },
		{ "a=", 1, { { "a", "" } } },
		{ "__Host-viva=tok.en_1", 1,
		    { { "__Host-viva", "tok.en_1" } } },
	};

	(void)state;
	expect_good(form_parse_cookies, g, NITEMS(g));
}

static void
test_cookies_skip_junk_pairs(void **state)
{
	static const struct good g[] = {
		{ "junk; a=1", 1, { { "a", "1" } } },
		{ ";;; a=1 ;;", 1, { { "a", "1" } } },
		{ "=x; a=1", 1, { { "a", "1" } } },
		{ "a b=1; c=2", 1, { { "c", "2" } } },
		{ "caf\xc3\xa9=1; c=2", 1, { { "c", "2" } } },
		{ "a=\x01; c=2", 1, { { "c", "2" } } },
		{ "a=\xff\xfe; c=2", 1, { { "c", "2" } } },
		{ "a=\xed\xa0\x80; c=2", 1, { { "c", "2" } } },
		{ "", 0, { { NULL, NULL } } },
		{ ";", 0, { { NULL, NULL } } },
		{ "  ", 0, { { NULL, NULL } } },
	};

	(void)state;
	expect_good(form_parse_cookies, g, NITEMS(g));
}

static void
test_cookies_keep_nul_out_of_values(void **state)
{
	struct arena	*a = arena_new();
	struct params	 ps;

	(void)state;
	assert_int_equal(run(form_parse_cookies, a, "a=x\0y; b=2", 10,
	    &form_limits_default, &ps), ST_OK);
	assert_int_equal(ps.n, 1);
	assert_string_equal(ps.v[0].name, "b");
	arena_free(a);
}

static void
test_cookies_first_of_a_name_wins(void **state)
{
	struct arena	*a = arena_new();
	struct params	 ps;
	const char	*h = "sid=specific; theme=dark; sid=general";

	(void)state;
	assert_int_equal(run(form_parse_cookies, a, h, strlen(h),
	    &form_limits_default, &ps), ST_OK);
	assert_int_equal(ps.n, 3);
	assert_string_equal(params_val(&ps, "sid"), "specific");
	assert_string_equal(ps.v[2].val, "general");
	arena_free(a);
}

static void
test_cookies_limits_skip_pairs_or_fail_whole(void **state)
{
	static const struct form_limits lim = {
		.max_fields = 2, .max_name = 4, .max_value = 5,
		.max_total = 40,
	};
	static const struct {
		const char	*in;
		enum status	 st;
		size_t		 n;
	} t[] = {
		{ "a=1; b=2", ST_OK, 2 },
		{ "a=1; b=2; c=3", ST_TOOLARGE, 0 },
		{ "a=1; b=2; junk; =; x y=1", ST_OK, 2 },
		{ "abcde=1; a=1", ST_OK, 1 },		/* long name skipped */
		{ "a=123456; b=12345", ST_OK, 1 },	/* long value skipped */
		{ "a=\"12345\"", ST_OK, 1 },		/* quotes don't count */
		{ "a=1;                                     ", ST_TOOLARGE, 0 },
	};
	struct arena	*a = arena_new();
	struct params	 ps;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		print_message("input: %s\n", t[i].in);
		assert_int_equal(run(form_parse_cookies, a, t[i].in,
		    strlen(t[i].in), &lim, &ps), t[i].st);
		assert_int_equal(ps.n, t[i].n);
	}
	arena_free(a);
}

/* Multipart */

static const char mp_basic[] =
    "--XyZ" CRLF
    "Content-Disposition: form-data; name=\"title\"" CRLF
    CRLF
    "Hello, world" CRLF
    "--XyZ" CRLF
    "Content-Disposition: form-data; name=\"notes\"" CRLF
    "Content-Type: text/plain; charset=utf-8" CRLF
    CRLF
    "line one" CRLF "line two" CRLF
    "--XyZ" CRLF
    "content-disposition: FORM-DATA; filename=\"a.txt\"; NAME=upload" CRLF
    "Content-Type: text/plain" CRLF
    CRLF
    "file body" CRLF
    "--XyZ--" CRLF;

static void
test_multipart_parses_fields_and_files(void **state)
{
	struct arena	*a = arena_new();
	struct params	 ps;

	(void)state;
	mp_ok(a, CT, mp_basic, sizeof(mp_basic) - 1, 3, &ps);
	assert_string_equal(ps.v[0].name, "title");
	assert_string_equal(ps.v[0].val, "Hello, world");
	assert_int_equal(ps.v[0].vlen, 12);
	assert_null(ps.v[0].filename);
	assert_null(ps.v[0].ctype);
	assert_string_equal(ps.v[1].name, "notes");
	assert_string_equal(ps.v[1].val, "line one" CRLF "line two");
	assert_string_equal(ps.v[1].ctype, "text/plain; charset=utf-8");
	assert_null(ps.v[1].filename);
	assert_string_equal(ps.v[2].name, "upload");
	assert_string_equal(ps.v[2].filename, "a.txt");
	assert_string_equal(ps.v[2].ctype, "text/plain");
	assert_string_equal(ps.v[2].val, "file body");
	arena_free(a);
}

static void
test_multipart_allows_binary_in_file_parts(void **state)
{
	static const char body[] =
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"f\"; "
	    "filename=\"x.bin\"" CRLF
	    "Content-Type: application/octet-stream" CRLF
	    CRLF
	    "\x00\xff\xfe\r\n--Xy\r\n\x01\x7f\xc0\xaf" CRLF
	    "--XyZ--";
	static const char want[] = "\x00\xff\xfe\r\n--Xy\r\n\x01\x7f\xc0\xaf";
	struct arena	*a = arena_new();
	struct params	 ps;

	(void)state;
	mp_ok(a, CT, body, sizeof(body) - 1, 1, &ps);
	assert_int_equal(ps.v[0].vlen, sizeof(want) - 1);
	assert_memory_equal(ps.v[0].val, want, sizeof(want) - 1);
	assert_int_equal(ps.v[0].val[ps.v[0].vlen], '\0');
	assert_string_equal(ps.v[0].filename, "x.bin");
	arena_free(a);
}

static void
test_multipart_accepts_empty_file_input(void **state)
{
	/* What a browser sends for a file input left empty. */
	static const char body[] =
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"f\"; filename=\"\"" CRLF
	    "Content-Type: application/octet-stream" CRLF
	    CRLF
	    CRLF
	    "--XyZ--" CRLF;
	struct arena	*a = arena_new();
	struct params	 ps;

	(void)state;
	mp_ok(a, CT, body, sizeof(body) - 1, 1, &ps);
	assert_string_equal(ps.v[0].filename, "");
	assert_int_equal(ps.v[0].vlen, 0);
	arena_free(a);
}

static void
test_multipart_rejects_invalid_text_in_fields(void **state)
{
	static const char *const vals[] = {
		"\xc0\xaf", "\xed\xa0\x80", "a\000b", "\x1b[2J", "\x7f",
		"\xc2\x85", "\xff",
	};
	static const size_t lens[] = { 2, 3, 3, 4, 1, 2, 1 };
	struct arena	*a = arena_new();
	struct params	 ps;
	struct buf	 b;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(vals); i++) {
		one_part(a, "XyZ", "Content-Disposition: form-data; "
		    "name=\"t\"" CRLF, vals[i], lens[i], &b);
		print_message("case %zu\n", i);
		assert_int_equal(run_mp(a, CT, b.p, b.len,
		    &form_limits_default, &ps), ST_INVALID);
	}
	arena_free(a);
}

static void
test_multipart_accepts_quoted_and_unusual_boundaries(void **state)
{
	static const struct {
		const char	*ct;
		const char	*delim;
	} t[] = {
		{ "multipart/form-data; boundary=\"XyZ\"", "XyZ" },
		{ "Multipart/Form-Data;boundary=XyZ", "XyZ" },
		{ "multipart/form-data; charset=utf-8; boundary=XyZ", "XyZ" },
		{ "multipart/form-data; BOUNDARY=XyZ ; x=y", "XyZ" },
		{ "multipart/form-data; boundary=\"a b:c=d?\"", "a b:c=d?" },
		{ "multipart/form-data; "
		    "boundary=----WebKitFormBoundary7MA4YWxk",
		    "----WebKitFormBoundary7MA4YWxk" },
		{ "multipart/form-data; boundary=\"\\a\\\\\"", "\\a\\" },
	};
	struct arena	*a = arena_new();
	struct params	 ps;
	struct buf	 b;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		one_part(a, t[i].delim, "Content-Disposition: form-data; "
		    "name=\"k\"" CRLF, "v", 1, &b);
		buf_puts(&b, CRLF);
		print_message("content-type: %s\n", t[i].ct);
		/* "\a\\" unescapes to "\a\" whose backslashes break the set. */
		if (strchr(t[i].delim, '\\') != NULL) {
			assert_int_equal(run_mp(a, t[i].ct, b.p, b.len,
			    &form_limits_default, &ps), ST_INVALID);
			continue;
		}
		mp_ok(a, t[i].ct, b.p, b.len, 1, &ps);
		assert_string_equal(ps.v[0].val, "v");
	}
	arena_free(a);
}

static void
test_multipart_rejects_missing_or_garbled_boundary(void **state)
{
	static const char *const cts[] = {
		NULL, "", "text/plain", "multipart/mixed; boundary=XyZ",
		"multipart/form-data", "multipart/form-data;",
		"multipart/form-data; boundary=",
		"multipart/form-data; boundary=\"\"",
		"multipart/form-data; boundary=\"XyZ",
		"multipart/form-data; boundary=\"XyZ\"x",
		"multipart/form-data; boundary =XyZ",
		"multipart/form-data; boundary=XyZ; boundary=XyZ",
		"multipart/form-data; boundary=Xy\x01Z",
		"multipart/form-data; boundary=Xy\xc3\xa9Z",
		"multipart/form-data; boundary=\"XyZ \"",
		"multipart/form-data; boundary=\"Xy\rZ\"",
		"multipart/form-data; boundary=Xy@Z",
		"multipart/form-data; boundary=a b",
		"multipart/form-data boundary=XyZ",
		"multipart/form-data; =XyZ",
		"multipart/form-data; boundary=12345678901234567890123456789"
		    "01234567890123456789012345678901234567890X",
	};
	struct arena	*a = arena_new();
	struct params	 ps;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(cts); i++) {
		print_message("content-type: %s\n", cts[i] ? cts[i] : "NULL");
		assert_int_equal(run_mp(a, cts[i], mp_basic,
		    sizeof(mp_basic) - 1, &form_limits_default, &ps),
		    ST_INVALID);
	}
	arena_free(a);
}

static void
test_multipart_accepts_boundary_of_70_chars(void **state)
{
	char		 ct[128];
	char		 bd[71];
	struct arena	*a = arena_new();
	struct params	 ps;
	struct buf	 b;

	(void)state;
	memset(bd, 'b', 70);
	bd[70] = '\0';
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", bd);
	one_part(a, bd, "Content-Disposition: form-data; name=k" CRLF, "v", 1,
	    &b);
	mp_ok(a, ct, b.p, b.len, 1, &ps);
	arena_free(a);
}

static void
test_multipart_rejects_every_truncation(void **state)
{
	struct arena	*a = arena_new();
	struct params	 ps;
	size_t		 end, k;

	(void)state;
	/* Up to the final "--" every prefix lacks the close delimiter. */
	end = sizeof(mp_basic) - 1 - strlen(CRLF);
	for (k = 1; k < end; k++)
		if (run_mp(a, CT, mp_basic, k, &form_limits_default, &ps) !=
		    ST_INVALID)
			fail_msg("prefix of %zu bytes was accepted", k);
	mp_ok(a, CT, mp_basic, end, 3, &ps);
	arena_free(a);
}

static void
test_multipart_strips_only_the_delimiter_crlf(void **state)
{
	static const char body[] =
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"t\"" CRLF
	    CRLF
	    CRLF "two" CRLF CRLF CRLF
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"u\"" CRLF
	    CRLF
	    "--XyZ is not a delimiter without CRLF before it" CRLF
	    "--XyZ" "  \t" CRLF
	    "Content-Disposition: form-data; name=\"empty\"" CRLF
	    CRLF
	    CRLF
	    "--XyZ--";
	struct arena	*a = arena_new();
	struct params	 ps;

	(void)state;
	mp_ok(a, CT, body, sizeof(body) - 1, 3, &ps);
	assert_string_equal(ps.v[0].val, CRLF "two" CRLF CRLF);
	assert_string_equal(ps.v[1].val,
	    "--XyZ is not a delimiter without CRLF before it");
	assert_string_equal(ps.v[2].val, "");
	assert_int_equal(ps.v[2].vlen, 0);
	arena_free(a);
}

static void
test_multipart_rejects_bare_lf_line_endings(void **state)
{
	static const struct bad b[] = {
		{ "--XyZ\nContent-Disposition: form-data; name=\"t\"\n\nv\n"
		    "--XyZ--\n", ST_INVALID },
		{ "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\n\r\n"
		    "v\r\n--XyZ--", ST_INVALID },
		{ "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\n"
		    "v\r\n--XyZ--", ST_INVALID },
		{ "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n"
		    "v\n--XyZ--", ST_INVALID },
		{ "--XyZ\r\nContent-Disposition: form-data; name=\"t\"\r\r\n"
		    "\r\nv\r\n--XyZ--", ST_INVALID },
	};

	(void)state;
	expect_mp_status(&form_limits_default, b, NITEMS(b), 0);
}

static void
test_multipart_ignores_preamble_and_epilogue(void **state)
{
	static const char body[] =
	    "This is the preamble; --XyZ here is not a boundary." CRLF
	    "--XyZ" CRLF
	    "Content-Disposition: form-data; name=\"k\"" CRLF
	    CRLF
	    "v" CRLF
	    "--XyZ--" CRLF
	    "Epilogue: \x01\xff anything goes here." CRLF
	    "--XyZ" CRLF;
	struct arena	*a = arena_new();
	struct params	 ps;

	(void)state;
	mp_ok(a, CT, body, sizeof(body) - 1, 1, &ps);
	assert_string_equal(ps.v[0].val, "v");
	arena_free(a);
}

static void
test_multipart_empty_or_boundary_only_bodies(void **state)
{
	static const struct bad t[] = {
		{ "", ST_OK },
		{ "--XyZ--", ST_OK },
		{ "--XyZ--" CRLF, ST_OK },
		{ "no boundary at all", ST_INVALID },
		{ "--XyZ", ST_INVALID },
		{ "--XyZ" CRLF, ST_INVALID },
		{ "--XyZ-", ST_INVALID },
		{ "--XyZx" CRLF, ST_INVALID },
		{ "--xyz--", ST_INVALID },	/* case-sensitive */
	};

	(void)state;
	expect_mp_status(&form_limits_default, t, NITEMS(t), 0);
}

static void
test_multipart_rejects_part_without_name(void **state)
{
	static const char *const heads[] = {
		"",
		"Content-Type: text/plain" CRLF,
		"Content-Disposition: form-data" CRLF,
		"Content-Disposition: form-data; filename=\"a.txt\"" CRLF,
		"Content-Disposition: form-data; name=\"\"" CRLF,
		"Content-Disposition: form-data; names=\"a\"" CRLF,
	};

	(void)state;
	expect_heads_rejected(heads, NITEMS(heads));
}

static void
test_multipart_rejects_garbled_part_headers(void **state)
{
	static const char *const heads[] = {
		"Content-Disposition form-data; name=\"a\"" CRLF,
		"Content-Disposition: attachment; name=\"a\"" CRLF,
		"Content-Disposition: ; name=\"a\"" CRLF,
		"Content-Disposition: form-data; name=\"a" CRLF,
		"Content-Disposition: form-data; name=\"a\"; name=\"b\"" CRLF,
		"Content-Disposition: form-data; name=\"a\"; filename=\"x\"; "
		    "filename=\"y\"" CRLF,
		"Content-Disposition: form-data; name=a b" CRLF,
		"Content-Disposition: form-data; name=" CRLF,
		"Content-Disposition: form-data name=\"a\"" CRLF,
		"Content-Disposition: form-data; name=\"a\"" CRLF
		    "Content-Disposition: form-data; name=\"b\"" CRLF,
		"Content-Disposition: form-data; name=\"a\"" CRLF
		    "Content-Type: a" CRLF "Content-Type: b" CRLF,
		"Content-Disposition: form-data; name=\"a\\\"b\"" CRLF,
		"Content-Disposition: form-data; name=\"a[]\"" CRLF,
		"Content-Disposition: form-data; name=\"a\"; filename=\"\x01\""
		    CRLF,
		"Content-Disposition: form-data; name=\"a\"; filename=\"\xff\""
		    CRLF,
		"Content-Disposition: form-data; name=\"a\"; filename=\"a\rb\""
		    CRLF,
		" Content-Disposition: form-data; name=\"a\"" CRLF,
		"X-Folded: a" CRLF " b" CRLF
		    "Content-Disposition: form-data; name=\"a\"" CRLF,
	};

	(void)state;
	expect_heads_rejected(heads, NITEMS(heads));
}

static void
test_multipart_unescapes_quoted_filename(void **state)
{
	static const struct {
		const char	*param;
		const char	*want;
	} t[] = {
		{ "filename=\"plain.txt\"", "plain.txt" },
		{ "filename=\"say \\\"hi\\\".txt\"", "say \"hi\".txt" },
		{ "filename=\"back\\\\slash\"", "back\\slash" },
		{ "filename=\"C:\\dir\\file.txt\"", "C:\\dir\\file.txt" },
		{ "filename=\"a; name=b.txt\"", "a; name=b.txt" },
		{ "filename=\"caf\xc3\xa9.txt\"", "caf\xc3\xa9.txt" },
		{ "filename=bare.txt", "bare.txt" },
		{ "FileName=\"\"", "" },
	};
	struct arena	*a = arena_new();
	struct params	 ps;
	struct buf	 b;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		one_part(a, "XyZ", arena_printf(a, "Content-Disposition: "
		    "form-data; name=\"f\"; %s" CRLF, t[i].param), "data", 4,
		    &b);
		print_message("param: %s\n", t[i].param);
		mp_ok(a, CT, b.p, b.len, 1, &ps);
		assert_string_equal(ps.v[0].name, "f");
		assert_string_equal(ps.v[0].filename, t[i].want);
	}
	arena_free(a);
}

static void
test_multipart_limits_return_toolarge(void **state)
{
	static const struct form_limits lim = {
		.max_fields = 2, .max_name = 4, .max_value = 5,
		.max_total = 200,
	};
#define P(name, extra, val) "--XyZ" CRLF \
	"Content-Disposition: form-data; name=\"" name "\"" extra CRLF CRLF \
	val CRLF
	static const struct bad t[] = {
		{ P("a", "", "12345") P("b", "", "") "--XyZ--", ST_OK },
		{ P("a", "", "1") P("b", "", "2") P("c", "", "3") "--XyZ--",
		    ST_TOOLARGE },				/* fields */
		{ P("abcd", "", "1") "--XyZ--", ST_OK },
		{ P("abcde", "", "1") "--XyZ--", ST_TOOLARGE },	/* name */
		{ P("a", "", "123456") "--XyZ--",
		    ST_TOOLARGE },				/* value */
		{ P("f", "; filename=\"x\"", "12345") "--XyZ--", ST_OK },
		{ P("f", "; filename=\"x\"", "123456") "--XyZ--",
		    ST_TOOLARGE },				/* file */
		{ P("f", "; filename=\"x23456\"", "1") "--XyZ--",
		    ST_TOOLARGE },				/* file name */
		{ P("a", "", "1") "--XyZ--" CRLF
		    "an epilogue long enough to pass the total limit of two "
		    "hundred bytes, which counts every byte of the body, "
		    "epilogue included, as nginx would.", ST_TOOLARGE },
	};
#undef P

	(void)state;
	expect_mp_status(&lim, t, NITEMS(t), lim.max_fields);
}

static void
test_multipart_many_parts_keep_order(void **state)
{
	struct arena		*a = arena_new();
	struct params		 ps;
	struct form_limits	 lim = form_limits_default;
	struct buf		 b;
	size_t			 i;

	(void)state;
	lim.max_fields = 1000;
	buf_init(&b, a);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "--XyZ" CRLF "Content-Disposition: form-data; "
		    "name=\"n%zu\"" CRLF CRLF "%zu" CRLF, i % 7, i);
	buf_puts(&b, "--XyZ--" CRLF);
	assert_int_equal(run_mp(a, CT, b.p, b.len, &lim, &ps), ST_OK);
	assert_int_equal(ps.n, 1000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(strtoul(ps.v[i].val, NULL, 10), i);
	assert_string_equal(params_val(&ps, "n3"), "3");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_valid_accepts_well_formed_text),
		cmocka_unit_test(test_utf8_valid_rejects_bad_sequences),
		cmocka_unit_test(test_utf8_valid_stops_at_given_length),
		cmocka_unit_test(test_utf8_len_counts_code_points),
		cmocka_unit_test(test_utf8_char_end_keeps_accents_and_joined_emoji_whole),
		cmocka_unit_test(
		    test_urlencoded_decodes_percent_escapes_and_plus),
		cmocka_unit_test(test_urlencoded_rejects_bad_percent_escapes),
		cmocka_unit_test(
		    test_urlencoded_keeps_duplicate_names_in_order),
		cmocka_unit_test(test_urlencoded_skips_empty_segments),
		cmocka_unit_test(test_urlencoded_rejects_empty_names),
		cmocka_unit_test(
		    test_urlencoded_rejects_names_outside_the_allowed_set),
		cmocka_unit_test(test_urlencoded_rejects_invalid_utf8),
		cmocka_unit_test(test_urlencoded_rejects_nul_and_control_chars),
		cmocka_unit_test(test_urlencoded_allows_tab_cr_lf_in_values),
		cmocka_unit_test(test_urlencoded_limits_return_toolarge),
		cmocka_unit_test(test_urlencoded_never_reads_past_length),
		cmocka_unit_test(test_urlencoded_empty_input_yields_no_params),
		cmocka_unit_test(test_query_decodes_like_urlencoded),
		cmocka_unit_test(test_params_get_returns_first_match_or_null),
		cmocka_unit_test(
		    test_form_limits_default_are_documented_values),
		cmocka_unit_test(
		    test_cookies_parse_pairs_with_spaces_and_quotes),
		cmocka_unit_test(test_cookies_skip_junk_pairs),
		cmocka_unit_test(test_cookies_keep_nul_out_of_values),
		cmocka_unit_test(test_cookies_first_of_a_name_wins),
		cmocka_unit_test(test_cookies_limits_skip_pairs_or_fail_whole),
		cmocka_unit_test(test_multipart_parses_fields_and_files),
		cmocka_unit_test(test_multipart_allows_binary_in_file_parts),
		cmocka_unit_test(test_multipart_accepts_empty_file_input),
		cmocka_unit_test(test_multipart_rejects_invalid_text_in_fields),
		cmocka_unit_test(
		    test_multipart_accepts_quoted_and_unusual_boundaries),
		cmocka_unit_test(
		    test_multipart_rejects_missing_or_garbled_boundary),
		cmocka_unit_test(test_multipart_accepts_boundary_of_70_chars),
		cmocka_unit_test(test_multipart_rejects_every_truncation),
		cmocka_unit_test(test_multipart_strips_only_the_delimiter_crlf),
		cmocka_unit_test(test_multipart_rejects_bare_lf_line_endings),
		cmocka_unit_test(test_multipart_ignores_preamble_and_epilogue),
		cmocka_unit_test(test_multipart_empty_or_boundary_only_bodies),
		cmocka_unit_test(test_multipart_rejects_part_without_name),
		cmocka_unit_test(test_multipart_rejects_garbled_part_headers),
		cmocka_unit_test(test_multipart_unescapes_quoted_filename),
		cmocka_unit_test(test_multipart_limits_return_toolarge),
		cmocka_unit_test(test_multipart_many_parts_keep_order),
		cmocka_unit_test(test_query_value_reasons_name_the_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
