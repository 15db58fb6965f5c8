/* lib_crypto_test.c: tokens, token hashes, password hashes and generated passwords. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/arena.h"
#include "lib/crypto.h"
#include "lib/status.h"

static const char B64URL[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char LOWER_HEX[] = "0123456789abcdef";
static const char UNAMBIGUOUS[] =
    "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/* 1 if every byte of s is in set. */
static int
all_in(const char *s, const char *set)
{
	return s[strspn(s, set)] == '\0';
}

static int
setup(void **state)
{
	(void)state;
	return crypto_init() == ST_OK ? 0 : -1;
}

static void
test_crypto_token_is_unpadded_base64url_of_the_requested_length(void **state)
{
	static const struct {
		size_t	nbytes;
		size_t	len;	/* ceil(nbytes * 4 / 3), no '=' padding */
	} c[] = {
		{ 32, 43 }, { 16, 22 }, { 24, 32 }, { 1, 2 }, { 2, 3 },
		{ 3, 4 }, { 64, 86 }, { 0, 0 },
	};
	struct arena	*a = arena_new();
	char		*t;
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		t = crypto_token(a, c[i].nbytes);
		assert_non_null(t);
		if (strlen(t) != c[i].len)
			fail_msg("%zu bytes: \"%s\" is %zu chars, want %zu",
			    c[i].nbytes, t, strlen(t), c[i].len);
		if (!all_in(t, B64URL))
			fail_msg("%zu bytes: \"%s\" leaves the base64url "
			    "alphabet", c[i].nbytes, t);
	}
	arena_free(a);
}

static void
test_crypto_token_differs_each_call(void **state)
{
	struct arena	*a = arena_new();
	char		*t[16];
	size_t		 i, j;

	(void)state;
	for (i = 0; i < NITEMS(t); i++) {
		t[i] = crypto_token(a, 32);
		for (j = 0; j < i; j++)
			assert_string_not_equal(t[i], t[j]);
	}
	arena_free(a);
}

static void
test_crypto_token_hash_is_deterministic_lowercase_hex(void **state)
{
	static const char	*c[] = {
		"", "a", "b", "abc",
		"k2Jq9x-_Zz0AbCdEfGhIjKlMnOpQrStUvWxYz012345",
	};
	struct arena		*a = arena_new();
	char			*h, *again;
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		h = crypto_token_hash(a, c[i], strlen(c[i]));
		assert_int_equal(strlen(h), 64);
		if (!all_in(h, LOWER_HEX))
			fail_msg("\"%s\" hashes to non-lowercase-hex %s", c[i],
			    h);
		again = crypto_token_hash(a, c[i], strlen(c[i]));
		assert_string_equal(h, again);
	}
	/* BLAKE2b-256 of the empty string (RFC 7693 parameters, no key). */
	assert_string_equal(crypto_token_hash(a, "", 0),
	    "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
	arena_free(a);
}

static void
test_crypto_token_hash_differs_for_different_tokens(void **state)
{
	static const char	*c[] = {
		"", "a", "b", "ab", "ba", "a ", "A",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
	};
	struct arena		*a = arena_new();
	char			*h[NITEMS(c)];
	size_t			 i, j;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		h[i] = crypto_token_hash(a, c[i], strlen(c[i]));
		for (j = 0; j < i; j++)
			if (strcmp(h[i], h[j]) == 0)
				fail_msg("\"%s\" and \"%s\" hash alike", c[i],
				    c[j]);
	}
	arena_free(a);
}

static void
test_crypto_token_hash_reads_only_len_bytes(void **state)
{
	struct arena	*a = arena_new();

	(void)state;
	assert_string_equal(crypto_token_hash(a, "abcdef", 3),
	    crypto_token_hash(a, "abc", 3));
	assert_string_not_equal(crypto_token_hash(a, "abcdef", 4),
	    crypto_token_hash(a, "abc", 3));
	arena_free(a);
}

static void
test_crypto_password_verifies_only_the_right_password(void **state)
{
	static const struct {
		const char	*password;
		const char	*wrong[4];
	} c[] = {
		{ "correct horse battery staple",
		    { "correct horse battery stapl", "Correct horse battery "
		    "staple", "", "correct horse battery staple " } },
		{ "p", { "P", "pp", "", " p" } },
		{ "caf\xc3\xa9-\xe2\x82\xac", { "cafe-\xe2\x82\xac",
		    "caf\xc3\xa9-", "caf\xc3\xa9-\xe2\x82", "x" } },
	};
	char	 hash[CRYPTO_PWHASH_LEN];
	size_t	 i, j;

	(void)state;
	for (i = 0; i < NITEMS(c); i++) {
		memset(hash, 'X', sizeof(hash));
		assert_int_equal(crypto_password_hash(c[i].password, hash),
		    ST_OK);
		assert_non_null(memchr(hash, '\0', sizeof(hash)));
		if (strncmp(hash, "$argon2id$", 10) != 0)
			fail_msg("hash \"%s\" is not argon2id", hash);
		assert_true(crypto_password_verify(hash, c[i].password));
		for (j = 0; j < NITEMS(c[i].wrong); j++)
			if (crypto_password_verify(hash, c[i].wrong[j]))
				fail_msg("\"%s\" verified against the hash of "
				    "\"%s\"", c[i].wrong[j], c[i].password);
	}
}

static void
test_crypto_password_hash_is_salted(void **state)
{
	char	h1[CRYPTO_PWHASH_LEN], h2[CRYPTO_PWHASH_LEN];

	(void)state;
	assert_int_equal(crypto_password_hash("same password", h1), ST_OK);
	assert_int_equal(crypto_password_hash("same password", h2), ST_OK);
	assert_string_not_equal(h1, h2);
	assert_true(crypto_password_verify(h1, "same password"));
	assert_true(crypto_password_verify(h2, "same password"));
}

static void
test_crypto_password_verify_rejects_malformed_hashes(void **state)
{
	static const char	*c[] = {
		"", "password", "$argon2id$", "$argon2id$v=19$m=65536,t=2,p=1$",
		"$2b$12$abcdefghijklmnopqrstuu", "plain-text-stored-by-mistake",
	};
	size_t			 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++)
		if (crypto_password_verify(c[i], c[i]))
			fail_msg("malformed hash \"%s\" verified", c[i]);
}

static void
test_crypto_password_generate_is_four_groups_of_five_unambiguous(void **state)
{
	struct arena	*a = arena_new();
	char		*p, *prev = NULL;
	size_t		 i, k;

	(void)state;
	for (i = 0; i < 500; i++) {
		p = crypto_password_generate(a);
		if (strlen(p) != 23)
			fail_msg("\"%s\" is not 23 chars", p);
		for (k = 0; k < 23; k++) {
			if (k % 6 == 5) {
				if (p[k] != '-')
					fail_msg("\"%s\": no '-' at %zu", p, k);
				continue;
			}
			if (p[k] == '\0' || strchr(UNAMBIGUOUS, p[k]) == NULL)
				fail_msg("\"%s\": '%c' at %zu is not in the "
				    "alphabet", p, p[k], k);
		}
		if (strpbrk(p, "0O1lI") != NULL)
			fail_msg("\"%s\" holds an ambiguous character", p);
		if (prev != NULL)
			assert_string_not_equal(p, prev);
		prev = p;
	}
	arena_free(a);
}

static void
test_crypto_str_eq_compares_whole_strings(void **state)
{
	static const struct {
		const char	*x, *y;
		int		 eq;
	} c[] = {
		{ "", "", 1 },
		{ "a", "a", 1 },
		{ "token-value", "token-value", 1 },
		{ "a", "b", 0 },
		{ "abc", "abd", 0 },
		{ "xbc", "abc", 0 },
		{ "abc", "ab", 0 },	/* prefix */
		{ "ab", "abc", 0 },
		{ "", "a", 0 },
		{ "a", "", 0 },
		{ "ABC", "abc", 0 },	/* case matters */
	};
	size_t		 i;

	(void)state;
	for (i = 0; i < NITEMS(c); i++)
		if (crypto_str_eq(c[i].x, c[i].y) != c[i].eq)
			fail_msg("crypto_str_eq(\"%s\", \"%s\") != %d", c[i].x,
			    c[i].y, c[i].eq);
}

static void
test_crypto_hex_id_is_32_lowercase_hex_and_differs(void **state)
{
	char	id[8][33];
	size_t	i, j;

	(void)state;
	for (i = 0; i < NITEMS(id); i++) {
		memset(id[i], 'X', sizeof(id[i]));
		crypto_hex_id(id[i]);
		assert_int_equal(id[i][32], '\0');
		assert_int_equal(strlen(id[i]), 32);
		if (!all_in(id[i], LOWER_HEX))
			fail_msg("\"%s\" is not lowercase hex", id[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(id[i], id[j]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(
		    test_crypto_token_is_unpadded_base64url_of_the_requested_length),
		cmocka_unit_test(test_crypto_token_differs_each_call),
		cmocka_unit_test(
		    test_crypto_token_hash_is_deterministic_lowercase_hex),
		cmocka_unit_test(
		    test_crypto_token_hash_differs_for_different_tokens),
		cmocka_unit_test(test_crypto_token_hash_reads_only_len_bytes),
		cmocka_unit_test(
		    test_crypto_password_verifies_only_the_right_password),
		cmocka_unit_test(test_crypto_password_hash_is_salted),
		cmocka_unit_test(
		    test_crypto_password_verify_rejects_malformed_hashes),
		cmocka_unit_test(
		    test_crypto_password_generate_is_four_groups_of_five_unambiguous),
		cmocka_unit_test(test_crypto_str_eq_compares_whole_strings),
		cmocka_unit_test(
		    test_crypto_hex_id_is_32_lowercase_hex_and_differs),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
