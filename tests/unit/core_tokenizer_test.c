/* core_tokenizer_test.c: token ids against js-tiktoken, model families, chat overhead. */
#include <sys/stat.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "blob.h"
#include "core/tokenizer.h"

/* Run from the repository root, as tests/run.sh does. */
#define DATA_DIR	"data"
#define FIXTURES	"tests/fixtures/tokenizer"
#define MAX_IDS		40

/* A text and the ids js-tiktoken 1.0.21 gives it with encode(text, [], []). */
struct idcase {
	const char	*text;
	size_t		 len;		/* 0: strlen(text) */
	size_t		 n;
	uint32_t	 ids[MAX_IDS];
};

static const struct idcase o200k_cases[] = {
	{ "hello world", 0, 2, { 24912, 2375 } },
	{ "tiktoken is great!", 0, 6, { 83, 8251, 2488, 382, 2212, 0 } },
	{ "", 0, 0, { 0 } },
	{ "\xf0\x9f\x98\x80", 0, 1, { 84083 } },		/* U+1F600 */
	{ "\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c", 0, 3,
	    { 177519, 979, 28428 } },				/* 你好，世界 */
	{ "\xe3\x81\x93\xe3\x82\x93\xe3\x81\xab\xe3\x81\xa1\xe3\x81\xaf"
	    "\xe4\xb8\x96\xe7\x95\x8c", 0, 2, { 95839, 28428 } },	/* こんにちは世界 */
	{ "  \n\n   x", 0, 3, { 11691, 256, 1215 } },
	{ "int main(void) { return 0; }", 0, 10,
	    { 491, 2758, 10218, 8, 354, 622, 220, 15, 26, 388 } },
	{ "I'm here, they'll go; DON'T!", 0, 8,
	    { 15390, 2105, 11, 57956, 810, 26, 153384, 0 } },
	{ "1234567", 0, 3, { 7633, 19354, 22 } },
	{ "<|endoftext|>", 0, 7, { 27, 91, 419, 1440, 919, 91, 29 } },
	/* NBSP, NBSP, BOM, x, space, ideographic space, y, NEL, z */
	{ "\xc2\xa0\xc2\xa0\xef\xbb\xbfx \xe3\x80\x80y\xc2\x85z", 0, 9,
	    { 17725, 5574, 87, 220, 1397, 88, 126, 227, 89 } },
	/* Ill-formed UTF-8 reads as U+FFFD, one per maximal subpart. */
	{ "a\xff" "b", 0, 3, { 64, 3251, 65 } },
	{ "\xff\xe0\x80\xed\xa0", 0, 2, { 27877, 3251 } },	/* 5 x U+FFFD */
	{ "\xf0\x9f\x98", 0, 1, { 3251 } },	/* a truncated emoji: 1 x U+FFFD */
	{ "a\0b", 3, 3, { 64, 188, 65 } },
};

static const struct idcase cl100k_cases[] = {
	{ "hello world", 0, 2, { 15339, 1917 } },
	{ "tiktoken is great!", 0, 6, { 83, 1609, 5963, 374, 2294, 0 } },
	{ "", 0, 0, { 0 } },
	{ "\xf0\x9f\x98\x80", 0, 2, { 76460, 222 } },
	{ "\xe4\xbd\xa0\xe5\xa5\xbd\xef\xbc\x8c\xe4\xb8\x96\xe7\x95\x8c", 0, 6,
	    { 57668, 53901, 3922, 3574, 244, 98220 } },
	{ "  \n\n   x", 0, 3, { 19124, 256, 865 } },
	{ "int main(void) { return 0; }", 0, 10,
	    { 396, 1925, 4431, 8, 314, 471, 220, 15, 26, 335 } },
	{ "I'm here, they'll go; DON'T!", 0, 11,
	    { 40, 2846, 1618, 11, 814, 3358, 733, 26, 45373, 17773, 0 } },
	{ "1234567", 0, 3, { 4513, 10961, 22 } },
	{ "<|endoftext|>", 0, 7, { 27, 91, 8862, 728, 428, 91, 29 } },
	{ "\xc2\xa0\xc2\xa0\xef\xbb\xbfx \xe3\x80\x80y\xc2\x85z", 0, 9,
	    { 9421, 3305, 87, 220, 23249, 88, 126, 227, 89 } },
	{ "a\xff" "b", 0, 3, { 64, 5809, 65 } },
};

struct fixture {
	struct tokenizer	*tok[TOK__MAX];
};

static int
setup(void **state)
{
	struct fixture	*f = calloc(1, sizeof(*f));
	int		 e;

	if (f == NULL)
		return -1;
	for (e = 0; e < TOK__MAX; e++)
		if (tokenizer_load(DATA_DIR, (enum tok_encoding)e,
		    &f->tok[e]) != ST_OK)
			return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;
	int		 e;

	for (e = 0; e < TOK__MAX; e++)
		tokenizer_free(f->tok[e]);
	free(f);
	return 0;
}

static void
check_cases(const struct tokenizer *t, const struct idcase *c, size_t n)
{
	uint32_t	 ids[MAX_IDS];
	size_t		 i, j, len, got;

	for (i = 0; i < n; i++) {
		len = c[i].len != 0 ? c[i].len : strlen(c[i].text);
		print_message("case %zu\n", i);
		got = tokenizer_encode(t, c[i].text, len, ids, MAX_IDS);
		assert_int_equal(got, c[i].n);
		for (j = 0; j < got; j++)
			assert_int_equal(ids[j], c[i].ids[j]);
		assert_int_equal(tokenizer_count(t, c[i].text, len), c[i].n);
	}
}

static void
test_tokenizer_o200k_known_ids(void **state)
{
	struct fixture	*f = *state;

	check_cases(f->tok[TOK_O200K_BASE], o200k_cases, NITEMS(o200k_cases));
}

static void
test_tokenizer_cl100k_known_ids(void **state)
{
	struct fixture	*f = *state;

	check_cases(f->tok[TOK_CL100K_BASE], cl100k_cases,
	    NITEMS(cl100k_cases));
}

/* A repeated byte n times, in a malloc'd buffer. */
static char *
run_of(int c, size_t n)
{
	char	*s = malloc(n + 1);

	assert_non_null(s);
	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/* Pieces over the short-piece limit merge through the heap: same result. */
static void
test_tokenizer_long_pieces_merge_exactly(void **state)
{
	struct fixture	*f = *state;
	const uint32_t	 sp[] = { 72056, 72056, 72056, 72056, 72056, 72056,
	    72056, 9344, 27240 };
	uint32_t	 ids[64];
	char		*s;
	size_t		 n, i;

	s = run_of(' ', 1000);
	n = tokenizer_encode(f->tok[TOK_O200K_BASE], s, 1000, ids, 64);
	assert_int_equal(n, NITEMS(sp));
	for (i = 0; i < n; i++)
		assert_int_equal(ids[i], sp[i]);
	free(s);
	s = run_of('a', 300);
	n = tokenizer_encode(f->tok[TOK_O200K_BASE], s, 300, ids, 64);
	assert_int_equal(n, 38);
	assert_int_equal(ids[0], 117525);
	assert_int_equal(tokenizer_count(f->tok[TOK_CL100K_BASE], s, 300), 38);
	free(s);
}

/* A megabyte of spaces is one piece; quadratic merging would take minutes. */
static void
test_tokenizer_huge_whitespace_run_is_linearithmic(void **state)
{
	struct fixture	*f = *state;
	size_t		 len = 1 << 20, n;
	char		*s = run_of(' ', len);

	n = tokenizer_count(f->tok[TOK_O200K_BASE], s, len);
	assert_true(n > 0 && n < len / 64);
	free(s);
}

static void
test_tokenizer_encode_counts_beyond_cap(void **state)
{
	struct fixture	*f = *state;
	uint32_t	 ids[2] = { 7, 7 };
	const char	*s = "tiktoken is great!";

	assert_int_equal(tokenizer_encode(f->tok[TOK_O200K_BASE], s,
	    strlen(s), ids, 1), 6);
	assert_int_equal(ids[0], 83);
	assert_int_equal(ids[1], 7);	/* untouched past cap */
	assert_int_equal(tokenizer_encode(f->tok[TOK_O200K_BASE], s,
	    strlen(s), NULL, 0), 6);
}

static char *
slurp(const char *path, size_t *len)
{
	struct blob	b = blob_read(path);

	*len = b.len;
	return (char *)b.p;
}

/* The ids js-tiktoken gave for mixed.txt (scripts/gen-tokenizer-fixtures.mjs). */
static void
check_fixture(const struct tokenizer *t, const char *name)
{
	char		 path[256];
	char		*text, *want, *p, *end;
	uint32_t	*ids;
	unsigned long	 want_id;
	size_t		 len, wlen, n, i;

	text = slurp(FIXTURES "/mixed.txt", &len);
	assert_true(len > 20000);
	snprintf(path, sizeof(path), FIXTURES "/mixed.%s.ids", name);
	want = slurp(path, &wlen);
	ids = calloc(len, sizeof(*ids));
	assert_non_null(ids);
	n = tokenizer_encode(t, text, len, ids, len);
	assert_true(n <= len);
	for (i = 0, p = want; i < n; i++, p = end) {
		want_id = strtoul(p, &end, 10);
		if (end == p || want_id != ids[i])
			fail_msg("%s: token %zu is %u, js-tiktoken has %lu",
			    name, i, ids[i], end == p ? 0ul : want_id);
	}
	while (*p == ' ' || *p == '\n')
		p++;
	assert_int_equal(*p, '\0');	/* js-tiktoken had no more tokens */
	free(ids);
	free(want);
	free(text);
}

static void
test_tokenizer_mixed_text_matches_js_tiktoken(void **state)
{
	struct fixture	*f = *state;

	check_fixture(f->tok[TOK_O200K_BASE], "o200k_base");
	check_fixture(f->tok[TOK_CL100K_BASE], "cl100k_base");
}

static void
test_tokenizer_for_model_picks_family(void **state)
{
	static const struct {
		const char		*model;
		enum tok_encoding	 enc;
	} cases[] = {
		{ "gpt-4o", TOK_O200K_BASE },
		{ "gpt-4o-mini-2024-07-18", TOK_O200K_BASE },
		{ "gpt-4.1-nano", TOK_O200K_BASE },
		{ "gpt-4.5-preview", TOK_O200K_BASE },
		{ "gpt-5", TOK_O200K_BASE },
		{ "gpt-5-mini-2025-08-07", TOK_O200K_BASE },
		{ "o1", TOK_O200K_BASE },
		{ "o3-mini", TOK_O200K_BASE },
		{ "o4-mini-2025-04-16", TOK_O200K_BASE },
		{ "chatgpt-4o-latest", TOK_O200K_BASE },
		{ "gpt-4o-realtime-preview", TOK_O200K_BASE },
		{ "ft:gpt-4o-mini:acme::abc123", TOK_O200K_BASE },
		{ "gpt-4", TOK_CL100K_BASE },
		{ "gpt-4-0613", TOK_CL100K_BASE },
		{ "gpt-4-turbo", TOK_CL100K_BASE },
		{ "gpt-4-32k", TOK_CL100K_BASE },
		{ "gpt-3.5-turbo", TOK_CL100K_BASE },
		{ "gpt-3.5-turbo-0125", TOK_CL100K_BASE },
		{ "gpt-35-turbo", TOK_CL100K_BASE },
		{ "ft:gpt-3.5-turbo-0613:acme::x", TOK_CL100K_BASE },
		{ "openai/gpt-4", TOK_CL100K_BASE },
		{ "text-embedding-3-small", TOK_CL100K_BASE },
		{ "text-embedding-3-large", TOK_CL100K_BASE },
		{ "text-embedding-ada-002", TOK_CL100K_BASE },
		{ "gpt-40", TOK_O200K_BASE },	/* not gpt-4 */
		{ "some-local-model", TOK_O200K_BASE },
		{ "", TOK_O200K_BASE },
		{ NULL, TOK_O200K_BASE },
	};
	size_t	 i;

	(void)state;
	for (i = 0; i < NITEMS(cases); i++) {
		print_message("model %s\n", cases[i].model ? cases[i].model :
		    "(null)");
		assert_int_equal(tokenizer_for_model(cases[i].model),
		    cases[i].enc);
	}
}

/* 3 per message, its role and content, a name and 1 more, 3 for the reply. */
static void
test_tokenizer_chat_count_adds_framing(void **state)
{
	struct fixture		*f = *state;
	const char		*sys = "You are terse.", *usr = "hello world";
	const struct tok_message m[] = {
		{ "system", NULL, sys, strlen(sys) },
		{ "user", "alice", usr, strlen(usr) },
	};

	/* system 1 + 4; user 1 + 2; alice 1 + 1; framing 3 + 3 + 3 */
	assert_int_equal(tokenizer_chat_count(f->tok[TOK_O200K_BASE],
	    tokenizer_count, m, 2), (3 + 1 + 4) + (3 + 1 + 2 + 1 + 1) + 3);
	assert_int_equal(tokenizer_chat_count(f->tok[TOK_CL100K_BASE],
	    tokenizer_count_memo, m, 1), 3 + 1 + 4 + 3);
	assert_int_equal(tokenizer_chat_count(f->tok[TOK_O200K_BASE],
	    tokenizer_count, NULL, 0), 3);
}

/*
 * Remembered counts are the counts: windows of the mixed fixture (code,
 * prose, CJK, emoji, whitespace runs), more of them than the memo has
 * slots, each counted twice in both encodings, whose counts differ for
 * the same text; short texts too, which the memo does not keep.
 */
static void
test_tokenizer_count_memo_gives_exact_counts(void **state)
{
	struct fixture	*f = *state;
	char		*text;
	size_t		 len, off, n, pass, want, differ = 0;
	int		 e;

	text = slurp(FIXTURES "/mixed.txt", &len);
	assert_true(len > 2048);
	for (pass = 0; pass < 2; pass++)
		for (off = 0; off < 5000; off++) {
			n = 40 + off * 7 % 900;
			for (e = 0; e < TOK__MAX; e++) {
				want = tokenizer_count(f->tok[e],
				    text + off % (len - n), n);
				assert_int_equal(tokenizer_count_memo(f->tok[e],
				    text + off % (len - n), n), want);
			}
			differ += tokenizer_count_memo(f->tok[TOK_O200K_BASE],
			    text + off % (len - n), n) !=
			    tokenizer_count_memo(f->tok[TOK_CL100K_BASE],
			    text + off % (len - n), n);
		}
	assert_true(differ > 0);
	free(text);
}

static void
test_tokenizer_encoding_names_round_trip(void **state)
{
	enum tok_encoding	 e;
	int			 i;

	(void)state;
	for (i = 0; i < TOK__MAX; i++) {
		assert_int_equal(tokenizer_encoding_parse(
		    tokenizer_encoding_name((enum tok_encoding)i), &e), ST_OK);
		assert_int_equal(e, i);
	}
	assert_int_equal(tokenizer_encoding_parse("p50k_base", &e), ST_INVALID);
	assert_int_equal(tokenizer_encoding_parse("", &e), ST_INVALID);
}

/* Writes len bytes of buf as dir/o200k_base.bpe. */
static void
write_data(const char *dir, const void *buf, size_t len)
{
	char	 path[256];
	FILE	*fp;

	snprintf(path, sizeof(path), "%s/o200k_base.bpe", dir);
	assert_non_null(fp = fopen(path, "wb"));
	assert_int_equal(fwrite(buf, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void
test_tokenizer_load_rejects_missing_and_bad_data(void **state)
{
	struct tokenizer	*t = (struct tokenizer *)1;
	char			 dir[] = "/tmp/viva-tok-XXXXXX", path[256];
	char			*good;
	size_t			 len;

	(void)state;
	assert_int_equal(tokenizer_load("/nonexistent", TOK_O200K_BASE, &t),
	    ST_NOTFOUND);
	assert_null(t);
	assert_non_null(mkdtemp(dir));
	write_data(dir, "garbage\n\n", 9);
	assert_int_equal(tokenizer_load(dir, TOK_O200K_BASE, &t), ST_INVALID);
	good = slurp(DATA_DIR "/o200k_base.bpe", &len);
	write_data(dir, good, len - 1);		/* truncated */
	assert_int_equal(tokenizer_load(dir, TOK_O200K_BASE, &t), ST_INVALID);
	free(good);
	good = slurp(DATA_DIR "/cl100k_base.bpe", &len);
	write_data(dir, good, len);		/* the wrong encoding */
	assert_int_equal(tokenizer_load(dir, TOK_O200K_BASE, &t), ST_INVALID);
	free(good);
	snprintf(path, sizeof(path), "%s/o200k_base.bpe", dir);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenizer_o200k_known_ids),
		cmocka_unit_test(test_tokenizer_cl100k_known_ids),
		cmocka_unit_test(test_tokenizer_long_pieces_merge_exactly),
		cmocka_unit_test(test_tokenizer_huge_whitespace_run_is_linearithmic),
		cmocka_unit_test(test_tokenizer_encode_counts_beyond_cap),
		cmocka_unit_test(test_tokenizer_mixed_text_matches_js_tiktoken),
		cmocka_unit_test(test_tokenizer_for_model_picks_family),
		cmocka_unit_test(test_tokenizer_chat_count_adds_framing),
		cmocka_unit_test(test_tokenizer_count_memo_gives_exact_counts),
		cmocka_unit_test(test_tokenizer_encoding_names_round_trip),
		cmocka_unit_test(test_tokenizer_load_rejects_missing_and_bad_data),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
